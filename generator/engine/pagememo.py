"""What the generated pages were rendered to, kept across builds of one
process (the rebuilds of ``mkdocs serve``, whose plugin lives across them).

A page is rendered again only when one of its inputs changed. Its key is a
hash of all of them: its own data (its spec, hashed by what its
dataclasses' ``repr`` shows, which leaves out only where an object was
written, which no page shows: :class:`Digester`; pickle's bytes would
depend on which parts are one object, and differ between content read anew
and content from the load cache), and
what every page shares (:func:`shared_key`): the templates, the site's configuration, the
navigation, the settings and the date the statuses are computed for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.theme import Theme

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
        #: Whether pages are kept: only a process that builds again (the
        #: preview) needs them; a build would hold every page twice.
        self.keep = True

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
        """Store ``value`` under ``key`` (if pages are kept): ``page`` was rendered."""
        if self.keep:
            self.new[key] = value
        self.rendered.append(page)

    def finish(self) -> None:
        """End a build: forget the pages it did not use."""
        self.old = {}


def page_key(shared: str, *data: Any, digest: Digester | None = None) -> str:
    """The key of a page: ``shared`` (:func:`shared_key`) and its own
    ``data``, hashed by ``digest`` (one for all pages of a build: what they
    share is hashed once)."""
    return hashlib.sha256(shared.encode() + b"\0" + (digest or Digester())(data)).hexdigest()


class Digester:
    """Hashes of values by what they hold, as their ``repr`` shows it (a
    dataclass's fields with ``repr=True``, in order; a set's items in any
    order), not by which parts are one object. A dataclass object is hashed
    once (kept by identity, and kept alive so that the identity stays its
    own): the many pages of a build share their interviews and units."""

    def __init__(self) -> None:
        self.known: dict[int, tuple[object, bytes]] = {}

    def __call__(self, value: Any) -> bytes:
        kind = type(value)
        if kind is str:  # most of what a page holds: the quickest test first
            return _sha(b"str\0" + value.encode("utf-8", "surrogatepass"))
        if hasattr(kind, "__dataclass_fields__"):
            return self._dataclass(value)
        if isinstance(value, str):
            return _sha(f"{kind.__name__}\0{value}".encode("utf-8", "surrogatepass"))
        if isinstance(value, dict):
            return self._all("dict", [self(k) + self(v) for k, v in value.items()])
        if isinstance(value, list | tuple):
            return self._all(kind.__name__, [self(item) for item in value])
        if isinstance(value, set | frozenset):
            return self._all("set", sorted(self(item) for item in value))
        return _sha(repr(value).encode("utf-8", "surrogatepass"))

    def _dataclass(self, value: Any) -> bytes:
        known = self.known.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        hasher = hashlib.sha256(type(value).__qualname__.encode())
        for item in fields(value):
            if item.repr:
                hasher.update(item.name.encode() + b"=" + self(getattr(value, item.name)))
        done = hasher.digest()
        self.known[id(value)] = (value, done)
        return done

    @staticmethod
    def _all(kind: str, parts: list[bytes]) -> bytes:
        hasher = hashlib.sha256(kind.encode())
        for part in parts:
            hasher.update(part)
        return hasher.digest()


def shared_key(config: MkDocsConfig, nav: Navigation, *values: Any) -> str:
    """What every generated page depends on besides its own data: the
    templates, the config, the navigation (each entry's title and URL) and
    ``values`` (settings, the statuses' date, the segmenter's words)."""
    hasher = hashlib.sha256()
    for folder in config.theme.dirs:
        hasher.update(templates_digest(Path(folder)).encode())
    options = sorted((k, _option(v)) for k, v in config.items() if k not in UNSHOWN_OPTIONS)
    hasher.update(repr(options).encode())
    hasher.update(repr(list(nav_entries(nav.items))).encode())
    hasher.update(Digester()(values))
    return hasher.hexdigest()


def _option(value: Any) -> str:
    """A config option as text, the same in every process (a theme's
    ``repr`` shows a set of names, in an order that changes between runs)."""
    if isinstance(value, Theme):
        names = sorted(value.static_templates)
        return repr((value.name, value.dirs, names, sorted(value.items(), key=lambda item: str(item[0]))))
    return repr(value)


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


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
