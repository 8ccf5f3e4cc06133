"""Interviews read before, kept between runs: a file whose bytes have not
changed is not parsed again.

The cache is one pickle file, a mapping from each interview's path to the
hash of its bytes and what reading it gave (the interview and its
problems). It is valid for one version of the reading code: the fingerprint of the
loader (its code, the package's modules it uses and the libraries' versions)
is part of every key.
A missing, unreadable or stale cache is simply rebuilt.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from pathlib import Path

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


def key(rel: str, data: bytes) -> str:
    return hashlib.sha256(fingerprint("generator.content.load").encode() + rel.encode() + b"\0" + data).hexdigest()


class LoadCache:
    """The cache in ``folder`` (no folder: a cache that keeps nothing)."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / CACHE_FILE if folder is not None else None
        self.old: dict[str, tuple[str, bytes]] = read_entries(self.path)
        self.new: dict[str, tuple[str, bytes]] = {}

    def get(self, rel: str, data: bytes) -> Read | None:
        """What reading ``data`` at ``rel`` gave last time, if it was read."""
        found = self.old.get(rel)
        if found is None or found[0] != key(rel, data):
            return None
        self.new[rel] = found
        read: Read = pickle.loads(found[1])
        return read

    def put(self, rel: str, data: bytes, read: Read) -> None:
        self.new[rel] = (key(rel, data), pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Keep the entries of this run (files gone since are dropped)."""
        if self.path is not None and self.new != self.old:
            write_entries(self.path, self.new)
