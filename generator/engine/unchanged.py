"""A build with nothing to do: when everything a site is built from is as
it was when ``site/`` was last published, and ``site/`` is untouched since,
the build keeps it and stops before loading anything.

What the site is built from (:func:`inputs_key`): the bytes of every file
under its input folders (mkdocs.yml and the YAML files beside it, ``docs/``,
the interviews, the theme's ``custom_dir``, the plugin's templates, the card
font, the folders the config watches) and of the plugin's own code, the
configuration as MkDocs resolved it (environment variables included), the
as-of date, and the versions of Python and of every installed package. Its
hash is recorded in the plugin's cache with each publish; ``site/`` is
untouched when each of its files has the size, time and inode the manifest
recorded (:mod:`generator.outputs.manifest`), and it has no other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.outputs.manifest import Manifest, stamp

#: The file in the plugin's cache holding the inputs' hash of the last publish.
KEY_FILE = "published-inputs.txt"

#: Read by MkDocs and Material besides the config: a build's date in the pages.
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)

#: The plugin's own code and templates.
PACKAGE = Path(__file__).resolve().parent.parent


def inputs_key(roots: Iterable[Path], config: Mapping[str, object], as_of: dt.date) -> str:
    """The hash of everything a build reads: the files under ``roots`` and
    the package's own, ``config``, ``as_of``, Python and the installed packages."""
    digest = hashlib.sha256()
    for root in sorted({*roots, PACKAGE}):
        for path in _files(root):
            digest.update(f"{path}\0{path.stat().st_size}\0".encode())
            with path.open("rb") as stream:
                digest.update(hashlib.file_digest(stream, "sha256").digest())
    installed = sorted({(d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions()})
    rest = {
        "config": _plain(config),
        "as_of": as_of.isoformat(),
        "python": sys.version,
        "installed": installed,
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
    }
    digest.update(json.dumps(rest, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def _files(root: Path) -> list[Path]:
    """The files under ``root`` (or ``root`` itself), sorted; compiled Python left out."""
    if root.is_file():
        return [root]
    found = []
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [Path(folder) / name for name in sorted(names)]
    return found


def _plain(value: object) -> object:
    """``value`` as JSON: mappings (the config, its theme and each plugin's
    options), sequences and scalars as they are, any other object by its type."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Path | dt.date):
        return str(value)
    if hasattr(value, "config") and isinstance(value.config, Mapping):
        return {"plugin": type(value).__qualname__, "config": _plain(value.config)}
    return type(value).__qualname__


def recorded(cache: Path) -> str | None:
    """The inputs' hash recorded with the last publish, if any."""
    try:
        return (cache / KEY_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def record(cache: Path, key: str) -> None:
    """Record ``key`` as the inputs of the site just published."""
    cache.mkdir(parents=True, exist_ok=True)
    (cache / KEY_FILE).write_text(key + "\n", encoding="ascii")


def forget(cache: Path) -> None:
    """Forget the inputs of the last publish (the next build does all its work)."""
    (cache / KEY_FILE).unlink(missing_ok=True)


def untouched(site: Path, manifest: Manifest) -> bool:
    """Whether ``site`` holds exactly the files ``manifest`` recorded, each
    still the same file (size, time and inode)."""
    if not manifest.known or not site.is_dir() or site.is_symlink():
        return False
    seen = 0
    for folder, _, names in os.walk(site):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
            known = manifest.known.get(rel)
            if known is None or known[0] != stamp(os.lstat(os.path.join(folder, name))):
                return False
            seen += 1
    return seen == len(manifest.known)
