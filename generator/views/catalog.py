"""Derived views over a checked corpus: what pages, data and feeds show.

A :class:`Catalog` joins each pledge to its interview, unit and paragraph,
and answers the questions pages ask (counts by status, what is overdue,
what is due next). Everything depends on the as-of date, never on the clock.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from generator.content.article import Block, find_quote, interview_blocks
from generator.content.corrections import Shown, shown_corrections
from generator.content.model import Corpus, Interview, Pledge, Status, Unit, Update

#: An open pledge with no news for longer than this many days is marked.
DEFAULT_STALE_DAYS = 90


@dataclass(frozen=True)
class Entry:
    """A pledge with everything a page needs to show it."""

    pledge: Pledge
    interview: Interview
    unit: Unit
    anchor: str
    overdue: bool
    #: Days since an open pledge's latest news (its last update, else its
    #: interview) when more than the catalog's limit, else 0: 「N 天未更新」.
    stale_days: int = 0
    #: Its corrections, oldest first, each with what it changed.
    corrections: tuple[Shown, ...] = ()

    @property
    def id(self) -> str:
        return self.pledge.id

    @property
    def stale(self) -> bool:
        return self.stale_days > 0

    @property
    def last_updated(self) -> dt.date | None:
        """The date of the latest progress entry, if there is one."""
        latest = self.pledge.latest
        return latest.date if latest is not None else None

    @cached_property
    def status(self) -> Status:
        # Asked hundreds of thousands of times by pages, charts and data.
        return self.pledge.status

    @cached_property
    def timeline(self) -> list[tuple[str, Update]]:
        """The updates, oldest first, each with its anchor on the pledge page."""
        return list(zip(update_anchors(self.pledge.progress), self.pledge.progress, strict=True))

    def days_overdue(self, as_of: dt.date) -> int:
        return (as_of - self.pledge.deadline).days if self.overdue else 0


def update_anchors(updates: list[Update]) -> list[str]:
    """``update-2020-07-15``; a second update on the same day gets ``-2``."""
    seen: Counter[dt.date] = Counter()
    anchors = []
    for update in updates:
        seen[update.date] += 1
        suffix = f"-{seen[update.date]}" if seen[update.date] > 1 else ""
        anchors.append(f"update-{update.date.isoformat()}{suffix}")
    return anchors


@dataclass(frozen=True)
class Change:
    """One progress update, with the pledge it belongs to."""

    entry: Entry
    update: Update


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


class Catalog:
    """The corpus, joined and indexed, as of one date."""

    def __init__(self, corpus: Corpus, as_of: dt.date, stale_after: int = DEFAULT_STALE_DAYS) -> None:
        self.corpus = corpus
        self.as_of = as_of
        self.stale_after = stale_after
        self.articles: dict[str, list[Block]] = {i.slug: interview_blocks(i) for i in corpus.interviews}
        self.entries: list[Entry] = [self._entry(i, p) for i, p in corpus.pledges()]
        self.by_id = {e.id: e for e in self.entries}

    def _entry(self, interview: Interview, pledge: Pledge) -> Entry:
        block = find_quote(self.articles[interview.slug], pledge.quote)
        return Entry(
            pledge=pledge,
            interview=interview,
            unit=self.corpus.units[interview.unit],
            anchor=block.anchor if block else "",
            overdue=pledge.is_overdue(self.as_of),
            stale_days=self._stale_days(interview, pledge),
            corrections=tuple(shown_corrections(pledge, self.corpus.record.get(pledge.id))),
        )

    def _stale_days(self, interview: Interview, pledge: Pledge) -> int:
        if pledge.status.is_final:
            return 0
        news = pledge.latest.date if pledge.latest is not None else interview.date
        days = (self.as_of - news).days
        return days if days > self.stale_after else 0

    @cached_property
    def interviews(self) -> list[Interview]:
        """Newest first; ties by issue number, then slug."""
        return sorted(self.corpus.interviews, key=lambda i: (i.date, i.issue, i.slug), reverse=True)

    @cached_property
    def units(self) -> list[Unit]:
        """Units that have been interviewed, in registry order, then the rest."""
        return list(self.corpus.units.values())

    def entries_of_interview(self, interview: Interview) -> list[Entry]:
        return self._by_interview.get(interview.slug, [])

    def entries_of_unit(self, unit: Unit) -> list[Entry]:
        return self._by_unit.get(unit.id, [])

    def interviews_of_unit(self, unit: Unit) -> list[Interview]:
        return [i for i in self.interviews if i.unit == unit.id]

    @cached_property
    def _by_interview(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.interview.slug, []).append(entry)
        return grouped

    @cached_property
    def _by_unit(self) -> dict[str, list[Entry]]:
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.unit.id, []).append(entry)
        return grouped

    def upcoming(self, days: int = 30, entries: Iterable[Entry] | None = None) -> list[Entry]:
        """Open pledges due within ``days`` after the as-of date (not on
        it), soonest first."""
        horizon = self.as_of + dt.timedelta(days=days)
        due = [
            e
            for e in (self.entries if entries is None else entries)
            if not e.status.is_final and self.as_of < e.pledge.deadline <= horizon
        ]
        return sorted(due, key=lambda e: (e.pledge.deadline, e.id))

    def due_on_as_of(self) -> list[Entry]:
        """Open pledges whose deadline is the as-of date itself."""
        return [e for e in self.entries if not e.status.is_final and e.pledge.deadline == self.as_of]

    def changes(self, limit: int | None = None) -> list[Change]:
        """Progress updates, newest first (the first ``limit``)."""
        found = ((e, u) for e in self.entries for u in e.pledge.progress)

        def order(pair: tuple[Entry, Update]) -> tuple[dt.date, str]:
            return pair[1].date, pair[0].id

        # nlargest is sorted(reverse=True)[:limit], ties in the same order, without sorting them all.
        top = heapq.nlargest(limit, found, key=order) if limit is not None else sorted(found, key=order, reverse=True)
        return [Change(e, u) for e, u in top]


def count_by_status(statuses: Iterable[Status]) -> dict[Status, int]:
    """Every status, in the model's order, with how often it occurs."""
    counted = Counter(statuses)
    return {s: counted[s] for s in Status}


def status_counts(entries: Iterable[Entry]) -> list[StatusCount]:
    """How many entries are in each status, every status listed, in order."""
    return [StatusCount(s, n) for s, n in count_by_status(e.status for e in entries).items()]


def overdue_count(entries: Iterable[Entry]) -> int:
    return sum(1 for e in entries if e.overdue)


def kept_count(entries: Iterable[Entry]) -> int:
    """Pledges fulfilled as promised."""
    return sum(1 for e in entries if e.status is Status.FULFILLED)
