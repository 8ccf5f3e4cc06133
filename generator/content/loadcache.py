"""Interviews read before, kept between runs: a file whose bytes have not
changed is not parsed again.

The cache is one pickle file, a mapping from each interview's path (and
the record's) to the hash of its bytes and what reading it gave (the
interview and its problems; the record's pledges and its problems). It
is valid for one version of the reading code: the fingerprint of the
loader (its code, the package's modules it uses and the libraries'
versions) is part of every key.
A missing, unreadable or stale cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.fingerprint import fingerprint
from generator.content.memo import read_entries, write_entries
from generator.content.model import Interview
from generator.content.problems import Problem

CACHE_FILE = "interviews.pickle"


@dataclass(frozen=True)
class Read:
    """What reading one interview file gave."""

    interview: Interview | None
    problems: list[Problem]


#: The last read of each file in this process, by path: a process that
#: reads the site again (the preview, on every save) gets the same objects
#: for a file that has not changed, without unpickling them again. Nothing
#: changes a read interview or record after it has been read.
_KEPT: dict[str, tuple[str, Any]] = {}


def key(rel: str, data: bytes) -> str:
    return hashlib.sha256(fingerprint("generator.content.load").encode() + rel.encode() + b"\0" + data).hexdigest()


class LoadCache:
    """The cache in ``folder`` (no folder: a cache that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder is not None else None
        self.old: dict[str, tuple[str, bytes]] = read_entries(self.path)
        self.new: dict[str, tuple[str, bytes]] = {}

    def get(self, rel: str, data: bytes) -> Any:
        """What reading ``data`` at ``rel`` gave last time (a :class:`Read`
        for an interview), if it was read."""
        found = self.old.get(rel)
        if found is None or found[0] != key(rel, data):
            return None
        self.new[rel] = found
        kept = _KEPT.get(rel)
        if kept is not None and kept[0] == found[0]:
            return kept[1]
        read = pickle.loads(found[1])
        _KEPT[rel] = (found[0], read)
        return read

    def put(self, rel: str, data: bytes, pickled: bytes) -> Any:
        """Keep what reading ``data`` at ``rel`` gave (``pickled``), and give it back read."""
        read = pickle.loads(pickled)
        self.new[rel] = (key(rel, data), pickled)
        _KEPT[rel] = (self.new[rel][0], read)
        return read

    def save(self) -> None:
        """Keep the entries of this run (files gone since are dropped)."""
        if self.path is not None and self.new != self.old:
            write_entries(self.path, self.new)
