"""The manifest of a published site: what each of its files held when it was
last published (the hash of its bytes), with the file's size, modification
time and inode at that moment, so that the next build knows what a file holds
without reading it again, unless it changed since.

It is kept in the plugin's cache, not in the site: a file in ``site/`` would
be published with it, and one beside it would clutter the project. One
manifest, of the folder last published (``site/``, or another given with
``-d``): a build into another folder finds none for it. Having none costs
only time: each file of the site is then read to be compared."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

#: A file as it was seen: size, modification time (ns), inode.
Stamp = tuple[int, int, int]

#: Bump when the format changes: an older manifest is then ignored.
VERSION = 1


#: The manifest's file in the plugin's cache folder.
MANIFEST = "published.json"


def stamp(status: os.stat_result) -> Stamp:
    """What tells that a file changed without reading it (as rsync does, and
    the inode besides: a file moved in place of another has a new one)."""
    return status.st_size, status.st_mtime_ns, status.st_ino


def file_digest(path: Path) -> str:
    """The hash of the bytes of the file at ``path``."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


class Manifest:
    """The manifest of ``site`` read from ``path`` (empty if missing,
    unreadable or of another folder) and the one being recorded for the
    build being published."""

    def __init__(self, path: Path | None, site: Path) -> None:
        self.path = path
        self.site = os.path.abspath(site)
        self.known = _load(path, self.site) if path is not None else {}
        self.now: dict[str, tuple[Stamp, str]] = {}

    def digest(self, rel: str, path: Path, status: os.stat_result) -> str:
        """The hash of the site file ``rel`` at ``path``: as recorded when it
        was published, if it is still the same file untouched, else read."""
        seen = self.known.get(rel)
        if seen is not None and seen[0] == stamp(status):
            return seen[1]
        return file_digest(path)

    def record(self, rel: str, status: os.stat_result, digest: str) -> None:
        """Note that the site file ``rel`` is now as ``status`` says and holds ``digest``."""
        self.now[rel] = (stamp(status), digest)

    def save(self) -> None:
        """Write what was recorded, in place of the old manifest at once."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        files = {rel: [*seen, digest] for rel, (seen, digest) in sorted(self.now.items())}
        text = json.dumps({"version": VERSION, "site": self.site, "files": files}, ensure_ascii=False)
        # A name of its own: two builds of one project may publish at once.
        handle, temporary = tempfile.mkstemp(prefix=self.path.name, dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, self.path)


def _load(path: Path, site: str) -> dict[str, tuple[Stamp, str]]:
    """The files of the manifest at ``path``, if it is of ``site``; none
    if it cannot be trusted."""
    try:
        written = path.stat().st_mtime_ns
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != VERSION or data.get("site") != site:
            return {}
        # A file changed in the clock tick it was recorded in would keep its
        # time (file times are coarse): such a file is read again, as git does.
        return {
            rel: ((int(size), int(mtime), int(inode)), str(digest))
            for rel, (size, mtime, inode, digest) in data["files"].items()
            if int(mtime) < written
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
