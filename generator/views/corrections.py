"""Corrections as readers see them: what changed, struck and inserted, and
the list of every correction on the site, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from markupsafe import Markup

from generator.content.corrections import Shown
from generator.content.fields import LABELS
from generator.views.catalog import Catalog, Entry


def changed_html(before: str, after: str) -> Markup:
    """``after`` with what ``before`` had and it has not struck (``<del>``)
    and what it adds marked (``<ins>``), character by character."""
    out: list[str] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(before[a1:a2]))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(before[a1:a2])}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(after[b1:b2])}</ins>")
    return Markup("".join(out))


def field_label(name: str) -> str:
    """A corrected field's name for readers: 「原文引述」."""
    return LABELS.get(name, name)


@dataclass(frozen=True)
class Listed:
    """A correction in the site's list: the pledge and the correction."""

    entry: Entry
    shown: Shown

    @property
    def date(self) -> dt.date:
        return self.shown.correction.date


def all_corrections(catalog: Catalog) -> list[Listed]:
    """Every correction on the site, newest first (then by pledge)."""
    found = [Listed(entry, shown) for entry in catalog.entries for shown in entry.corrections]
    found.sort(key=lambda item: (item.date, item.entry.id), reverse=True)
    return found
