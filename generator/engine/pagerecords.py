"""What the last published build rendered each generated page to, kept in
the cache between builds: the page's key (:mod:`generator.engine.pagememo`),
the hash of its HTML and its search entries. A build whose key for a page
is the one recorded, and whose ``site/`` still holds that HTML untouched
(the manifest says so, :meth:`~generator.outputs.publishing.Staging.holds`),
renders the page no more: publishing keeps the file as it is, and the
page's search entries come from here. So a build in a new process (``make
build`` after a commit) renders only the pages whose inputs changed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from generator.content.memo import read_entries, write_entries
from generator.outputs.publishing import Staging

#: The records' file in the plugin's cache folder.
PAGE_RECORDS = "pages.pickle"

#: A page as recorded: its key, the hash of its HTML, its search entries.
Record = tuple[str, str, list[dict[str, Any]]]


class PageRecords:
    """The records at ``path`` of the site ``staging`` publishes to (none:
    a build that is not staged, the preview, records nothing)."""

    def __init__(self, path: Path, staging: Staging | None) -> None:
        self.path = path
        self.staging = staging
        self.old: dict[str, Record] = read_entries(path) if staging is not None else {}
        self.new: dict[str, Record] = {}

    def reuse(self, rel: str, key: str) -> list[dict[str, Any]] | None:
        """The search entries of the page at ``rel`` if its last published
        HTML, rendered for ``key``, is in the site untouched (publishing
        then keeps it); else None: the page must be rendered."""
        seen = self.old.get(rel)
        if self.staging is None or seen is None or seen[0] != key or not self.staging.holds(rel, seen[1]):
            return None
        self.staging.keep(rel)
        self.new[rel] = seen
        return [dict(entry) for entry in seen[2]]

    def record(self, rel: str, key: str, html: bytes, entries: list[dict[str, Any]]) -> None:
        """Note what the page at ``rel`` was rendered to for ``key``."""
        if self.staging is not None:
            self.new[rel] = (key, hashlib.sha256(html).hexdigest(), [dict(entry) for entry in entries])

    def save(self) -> None:
        """Keep the records of this build (only theirs) for the next."""
        if self.staging is not None and self.new != self.old:
            write_entries(self.path, self.new)
