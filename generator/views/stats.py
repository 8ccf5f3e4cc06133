"""The numbers of the 数据看板 (``/stats/``): status by unit, status over
time and 序时进度. Plain data derived from a :class:`~generator.views.catalog.Catalog`
as of its as-of date; :mod:`generator.views.charts` draws them.

Every figure here depends on the as-of date, never on the clock: a pledge's
status on a day is that of its last update dated on or before the day (else
未启动), and a pledge counts from the day of its interview.
"""

from __future__ import annotations

import calendar
import datetime as dt
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from generator.content.model import Pledge, Status, Unit
from generator.views.catalog import Catalog, Entry, count_by_status, kept_count, overdue_count
from generator.views.formats import number, percent

# -- a pledge on a given day --------------------------------------------------


def status_on(pledge: Pledge, day: dt.date) -> Status:
    """The pledge's status as it stood on ``day``: that of its last update
    dated on or before ``day`` (the later one of two on the same day), else
    未启动."""
    status = Status.NOT_STARTED
    for update in pledge.progress:
        if update.date <= day:
            status = update.status
    return status


def value_on(pledge: Pledge, day: dt.date) -> int | float | None:
    """The latest value reported toward the target on or before ``day``."""
    value = None
    for update in pledge.progress:
        if update.date <= day and update.value is not None:
            value = update.value
    return value


def exact(value: int | float) -> Fraction:
    """A reported quantity as an exact fraction: 12.5 is 25/2, not the
    nearest binary float, so that the 序时进度 boundaries are exact."""
    return Fraction(number(value))


def clamp(share: Fraction) -> Fraction:
    return max(Fraction(0), min(Fraction(1), share))


# -- status by unit ------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    """One unit's pledges counted by status (every status, in order)."""

    unit: Unit
    counts: dict[Status, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def kept(self) -> int:
        """Pledges fulfilled as promised."""
        return self.counts[Status.FULFILLED]


def by_unit(catalog: Catalog) -> list[UnitRow]:
    """Each unit that has made pledges, in the registry's order."""
    rows = []
    for unit in catalog.units:
        entries = catalog.entries_of_unit(unit)
        if entries:
            rows.append(UnitRow(unit, count_by_status(e.status for e in entries), overdue_count(entries)))
    return rows


# -- status over time ------------------------------------------------------------


@dataclass(frozen=True)
class MonthRow:
    """The pledges made by ``day`` counted by the status they had that day.
    ``day`` is a month's last day, or the as-of date for the last month."""

    day: dt.date
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def partial_month(self) -> bool:
        """The as-of date falls before the end of this month."""
        return self.day != month_end(self.day)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of each month from ``start``'s month to ``end``'s, the
    last one being ``end`` itself; none if ``end`` is before ``start``."""
    days: list[dt.date] = []
    if end < start:
        return days
    day = month_end(start)
    while day < end:
        days.append(day)
        day = month_end(day + dt.timedelta(days=1))
    days.append(end)
    return days


def over_time(catalog: Catalog) -> list[MonthRow]:
    """For each month end from the month of the first interview to the as-of
    date, the pledges made by then, counted by the status they had then."""
    if not catalog.entries:
        return []
    days = month_ends(min(e.interview.date for e in catalog.entries), catalog.as_of)
    columns: list[list[Status]] = [[] for _ in days]
    for e in catalog.entries:
        made = bisect_left(days, e.interview.date)
        for column, status in zip(columns[made:], statuses_on(e.pledge, days[made:]), strict=True):
            column.append(status)
    return [MonthRow(day, count_by_status(column)) for day, column in zip(days, columns, strict=True)]


def statuses_on(pledge: Pledge, days: list[dt.date]) -> Iterator[Status]:
    """``status_on(pledge, day)`` for each of ``days``, which ascend, in one
    pass over the updates (the checker keeps them in date order)."""
    status, seen, updates = Status.NOT_STARTED, 0, pledge.progress
    for day in days:
        while seen < len(updates) and updates[seen].date <= day:
            status, seen = updates[seen].status, seen + 1
        yield status


# -- 序时进度 ----------------------------------------------------------------------


class Grade(StrEnum):
    """Where a pledge stands against 序时进度, as supervision notices say."""

    AHEAD = "ahead"
    ON_PACE = "on_pace"
    BEHIND = "behind"

    @property
    def label(self) -> str:
        return GRADE_LABELS[self]


GRADE_LABELS = {Grade.AHEAD: "超进度", Grade.ON_PACE: "达进度", Grade.BEHIND: "欠进度"}

#: How far, in percentage points, actual progress may stray from 序时进度
#: and still count as 达进度.
TOLERANCE_POINTS = 5

#: The rule in three parts, for the page and the methodology: cite these texts.
EXPECTED_RULE = (
    "序时进度 = 从专访见报之日到数据截至日已过的天数 ÷ 从专访见报之日到承诺时限的天数（不低于 0%，不高于 100%）。"
)
ACTUAL_RULE = "实际进度 = 最新报告的完成量 ÷ 目标量（不低于 0%，不高于 100%），已兑现的承诺计为 100%。"
GRADE_RULE = (
    # 超过 and 低于 exclude the number itself, 以内 includes it (as in Chinese
    # legal usage, where 以上 would include it: avoid 以上 here).
    f"实际进度减去序时进度，差超过 {TOLERANCE_POINTS} 个百分点为超进度，"
    f"低于 −{TOLERANCE_POINTS} 个百分点为欠进度，"
    f"在 ±{TOLERANCE_POINTS} 个百分点以内（含恰好相差 {TOLERANCE_POINTS} 个百分点）为达进度。"
    "比较用未经取整的数值，表中百分比向下取整。"
)
PACE_RULE = EXPECTED_RULE + ACTUAL_RULE + GRADE_RULE + "只计有量化目标的承诺，已撤回的承诺不计。"


def expected_share(start: dt.date, deadline: dt.date, day: dt.date) -> Fraction:
    """序时进度: the share of the time from ``start`` (the interview) to
    ``deadline`` that has passed on ``day``, clamped to [0, 1]. A deadline on
    or before the start is due at once: 100% from that day on."""
    span = (deadline - start).days
    if span <= 0:
        return Fraction(1 if day >= start else 0)
    return clamp(Fraction((day - start).days, span))


def grade(actual: Fraction, expected: Fraction) -> Grade:
    """超进度 if actual − expected > +5 points, 欠进度 if < −5 points, else
    达进度 (a gap of exactly 5 points is 达进度)."""
    gap = (actual - expected) * 100
    if gap > TOLERANCE_POINTS:
        return Grade.AHEAD
    if gap < -TOLERANCE_POINTS:
        return Grade.BEHIND
    return Grade.ON_PACE


@dataclass(frozen=True)
class PaceRow:
    """One pledge with a target, measured against 序时进度."""

    entry: Entry
    #: The value reported on or before the as-of date (None: nothing yet).
    done: int | float | None
    actual: Fraction
    expected: Fraction
    grade: Grade

    @property
    def actual_percent(self) -> str:
        return percent(float(self.actual))

    @property
    def expected_percent(self) -> str:
        return percent(float(self.expected))

    @property
    def gap_points(self) -> Fraction:
        return (self.actual - self.expected) * 100


def pace_row(entry: Entry, as_of: dt.date) -> PaceRow | None:
    """The pledge against 序时进度 on ``as_of``; None without a target, or
    when withdrawn."""
    pledge = entry.pledge
    target = pledge.target
    status = status_on(pledge, as_of)
    if target is None or status is Status.WITHDRAWN or target.value <= 0:
        return None
    done = value_on(pledge, as_of)
    if status is Status.FULFILLED:
        actual = Fraction(1)
    else:
        actual = clamp(exact(done) / exact(target.value)) if done is not None else Fraction(0)
    expected = expected_share(entry.interview.date, pledge.deadline, as_of)
    return PaceRow(entry, done, actual, expected, grade(actual, expected))


def pace(catalog: Catalog) -> list[PaceRow]:
    """Every pledge with a target (withdrawn ones left out), the furthest
    behind first; ties in the catalog's order."""
    rows = [r for e in catalog.entries if (r := pace_row(e, catalog.as_of)) is not None]
    return sorted(rows, key=lambda r: r.gap_points)


def grade_counts(rows: Iterable[PaceRow]) -> dict[Grade, int]:
    counted = Counter(r.grade for r in rows)
    return {g: counted[g] for g in Grade}


# -- the page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The line at the top of the page."""

    total: int
    kept: int
    overdue: int
    withdrawn: int

    @property
    def kept_percent(self) -> str:
        """Fulfilled pledges as a share of all pledges, rounded down."""
        return percent(self.kept / self.total) if self.total else "0%"


def summary(catalog: Catalog) -> Summary:
    entries = catalog.entries
    return Summary(
        total=len(entries),
        kept=kept_count(entries),
        overdue=overdue_count(entries),
        withdrawn=sum(1 for e in entries if e.status is Status.WITHDRAWN),
    )
