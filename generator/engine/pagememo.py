"""What the generated pages were rendered to, kept across builds of one
process (the rebuilds of ``mkdocs serve``, whose plugin lives across them).

A page is rendered again only when one of its inputs changed. Its key is a
hash of all of them: its own data (its spec: the ``repr`` of its
dataclasses, which leaves out only where an object was written, which no
page shows; pickle's bytes would depend on which parts are one object, and
differ between content read anew and content from the load cache), and
what every page shares (:func:`shared_key`): the templates, the site's configuration, the
navigation, the settings and the date the statuses are computed for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

#: Options of MkDocs' config no page shows (the plugins hold object
#: addresses; the site folder moves with the staging).
UNSHOWN_OPTIONS = frozenset({"plugins", "site_dir", "hooks", "watch", "config_file_path"})


class PageMemo:
    """Rendered pages by key; a build keeps only the keys it used."""

    def __init__(self) -> None:
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        #: The pages rendered (not found here) since :meth:`begin`.
        self.rendered: list[str] = []

    def begin(self) -> None:
        """Start a build: what the last one used is what this one may find."""
        self.old = {**self.old, **self.new}
        self.new, self.rendered = {}, []

    def get(self, key: str) -> Any:
        """The value stored under ``key``, or None."""
        value = self.new.get(key, self.old.get(key))
        if value is not None:
            self.new[key] = value
        return value

    def put(self, key: str, value: Any, page: str) -> None:
        """Store ``value`` under ``key``: ``page`` was rendered."""
        self.new[key] = value
        self.rendered.append(page)

    def finish(self) -> None:
        """End a build: forget the pages it did not use."""
        self.old = {}


def page_key(shared: str, *data: Any) -> str:
    """The key of a page: ``shared`` (:func:`shared_key`) and its own ``data``."""
    return hashlib.sha256(f"{shared}\0{data!r}".encode()).hexdigest()


def shared_key(config: MkDocsConfig, nav: Navigation, *values: Any) -> str:
    """What every generated page depends on besides its own data: the
    templates, the config, the navigation (each entry's title and URL) and
    ``values`` (settings, the statuses' date, the segmenter's words)."""
    hasher = hashlib.sha256()
    for folder in config.theme.dirs:
        hasher.update(templates_digest(Path(folder)).encode())
    options = sorted((k, repr(v)) for k, v in config.items() if k not in UNSHOWN_OPTIONS)
    hasher.update(repr(options).encode())
    hasher.update(repr(list(nav_entries(nav.items))).encode())
    hasher.update(repr(values).encode())
    return hasher.hexdigest()


def nav_entries(items: Iterable[Any], depth: int = 0) -> Iterable[tuple[int, str, str]]:
    """Each entry of the navigation: its depth, title and URL."""
    for item in items:
        yield depth, str(item.title), str(getattr(item, "url", "") or "")
        yield from nav_entries(getattr(item, "children", None) or [], depth + 1)


_installed: dict[Path, str] = {}


def templates_digest(folder: Path) -> str:
    """A hash of the templates in ``folder`` (their names and bytes); a
    folder of an installed package (the theme's own) is hashed once per process."""
    if folder in _installed:
        return _installed[folder]
    hasher = hashlib.sha256()
    for path in sorted(folder.rglob("*.html")):
        hasher.update(f"{path.relative_to(folder).as_posix()}\0".encode())
        hasher.update(path.read_bytes())
    done = hasher.hexdigest()
    if "site-packages" in folder.parts:
        _installed[folder] = done
    return done
