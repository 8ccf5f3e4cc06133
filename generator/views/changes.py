"""What an edit changed: the interviews, pledges and units whose pages show
something different in one catalog than in the one before.

The preview uses it to render again only those pages after an editor saves
an interview (:mod:`generator.engine.quickpreview`); every other generated
page would come out byte for byte the same, because its data is equal.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Interview, Unit
from generator.views.catalog import Catalog, Entry
from generator.views.reports import report_pages


@dataclass(frozen=True)
class Changes:
    """The objects of the new catalog whose pages must be made again."""

    interviews: list[Interview]
    entries: list[Entry]
    units: list[Unit]


def same_pages(old: Catalog, new: Catalog) -> bool:
    """Whether both catalogs make the same pages in the same order (no
    interview, pledge or unit added, removed, renamed or moved in a list,
    no year-end report added or removed), at the same as-of date."""
    return (
        old.as_of == new.as_of
        and [i.slug for i in old.interviews] == [i.slug for i in new.interviews]
        and [e.id for e in old.entries] == [e.id for e in new.entries]
        and list(old.corpus.units) == list(new.corpus.units)
        and report_pages(old) == report_pages(new)
    )


def changes(old: Catalog, new: Catalog) -> Changes:
    """What differs between ``old`` and ``new`` (which make the same pages:
    :func:`same_pages`). An interview changes with any of its fields, its
    pledges and their progress; a pledge with its interview, its unit or
    its successor; a unit with any of its pledges or interviews."""
    before = {i.slug: i for i in old.interviews}
    interviews = [i for i in new.interviews if i != before[i.slug]]
    touched = {i.slug for i in interviews}
    # A unit's page lists its interviews and pledges: the unit an interview
    # left changes too.
    renamed = {u.id for u in new.units if u != old.corpus.units[u.id]}
    units = renamed | {i.unit for i in interviews} | {before[i.slug].unit for i in interviews}
    entries = {e.id for e in new.entries if e.interview.slug in touched or e.unit.id in renamed}
    # A pledge's page names its successor's text and status.
    entries |= {e.id for e in new.entries if e.pledge.successor in entries}
    return Changes(
        interviews=interviews,
        entries=[e for e in new.entries if e.id in entries],
        units=[u for u in new.units if u.id in units],
    )
