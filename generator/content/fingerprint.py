"""What a cached result was computed with: the source of a module of this
package, of every module of it that it imports (directly or not), and the
versions of the libraries the package depends on. A cache key that includes the
fingerprint of the code computing a value is stale as soon as any of that
code, or a library under it, changes — with no list of files to keep up to
date by hand, and no module that a move could take out of the key.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import sys
from functools import cache
from pathlib import Path

PACKAGE = "generator"
ROOT = Path(__file__).resolve().parent.parent
#: The distribution the package is installed as, whose dependencies it runs with.
DISTRIBUTION = "jiannuo"
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)$", re.M)
_FROM = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)", re.M)


@cache
def fingerprint(module: str) -> str:
    """A hash of ``module``'s code and of everything it runs with."""
    digest = hashlib.sha256()
    for name in sorted(_closure(module)):
        digest.update(name.encode() + b"\0" + _source(name) + b"\0")
    for library in _libraries():
        digest.update(library.encode() + b"\0")
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _closure(module: str) -> set[str]:
    """The package's modules ``module`` imports, directly or not, itself included."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [imported for imported in _imports(name) if imported.split(".")[0] == PACKAGE]
    return seen


def _path(module: str) -> Path | None:
    """The file of one of the package's modules (None: not a module of it)."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = ROOT.joinpath(*parts[1:])
    for path in (base.with_name(base.name + ".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _source(module: str) -> bytes:
    path = _path(module)
    return path.read_bytes() if path else b""


def _imports(module: str) -> list[str]:
    """The modules ``module`` imports (a package's own module when it
    imports a name from a package). Read from the text, not parsed: a
    line that only looks like an import adds a module to the key, which
    costs nothing but a cache miss."""
    text = _source(module).decode()
    found = [name.strip().split(" ")[0] for line in _IMPORT.findall(text) for name in line.split(",")]
    for package, names in _FROM.findall(text):
        found.append(package)
        for name in names.strip("()").split(","):
            child = f"{package}.{name.split()[0]}" if name.split() else ""
            if child and _path(child):
                found.append(child)
    return found


@cache
def _libraries() -> list[str]:
    """The distributions the package depends on, each with its installed version."""
    try:
        required = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    names = sorted({re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0] for line in required if "extra ==" not in line})
    return [f"{name}={_installed(name)}" for name in names]


def _installed(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"
