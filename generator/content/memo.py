"""A small persistent cache of values computed from text, kept between
builds in one pickle file: what was computed for the same inputs is not
computed again. Entries not used in a run are dropped when it is saved."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def digest(*parts: str) -> str:
    """A key for a value computed from ``parts``."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class Memo:
    """The values stored at ``path`` (``None``: a cache that keeps nothing)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.old: dict[str, bytes] = read_entries(path)
        self.new: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        value = self.old.get(key)
        if value is not None:
            self.new[key] = value
        return value

    def put(self, key: str, value: bytes) -> None:
        self.new[key] = value

    def save(self, partial: bool = False) -> None:
        """Write the entries this run used; after a ``partial`` run (one that
        asked for only some of its values), the others too."""
        entries = {**self.old, **self.new} if partial else self.new
        if self.path is not None and entries != self.old:
            write_entries(self.path, entries)


def read_entries(path: Path | None) -> dict[str, Any]:
    """The mapping pickled at ``path``; empty if there is none or it cannot be read."""
    if path is None or not path.is_file():
        return {}
    try:
        entries = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def write_entries(path: Path, entries: dict[str, Any]) -> None:
    """Pickle ``entries`` to ``path``, replacing it at once (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
