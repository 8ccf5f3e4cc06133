"""践诺报告: the year-end report of the column and of each unit.

A report for year Y shows the pledges as they stood on Y-12-31 (or on the
as-of date while Y is still running): each pledge's status, last update and
序时进度 are read from its timeline up to that day, so that updates dated
later never change it. The report holds only what it shows, never the live
catalog's entries, so that a page, a PDF or a data file made from it is the
same after any later build.

Which pledges a year's report covers: those made in that year's interviews,
and those made earlier that were still open when the year began.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.content.model import Source, Status, Unit
from generator.content.steps import Steps, run_through
from generator.views import urls
from generator.views.catalog import Catalog, Entry, count_by_status
from generator.views.stats import Grade, pace_row, status_on, statuses_on


@dataclass(frozen=True)
class Row:
    """One pledge of a report, as it stood on the report's day."""

    id: str
    text: str
    category: str
    deadline: dt.date
    #: The year of the interview that made it.
    made: int
    status: Status
    #: Days past its deadline without a final status on the report's day (0: not overdue).
    days_late: int
    #: Its last update on or before the report's day: date, note, sources.
    last_date: dt.date | None
    last_note: str
    sources: tuple[Source, ...]
    #: 序时进度 (pledges with a target): actual and expected percent, the grade.
    pace: tuple[str, str, Grade] | None

    @property
    def page(self) -> str:
        return urls.pledge(self.id)

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class Tally:
    """Counts of a set of rows."""

    total: int
    #: Every status in the model's order, with its count.
    counts: tuple[tuple[Status, int], ...]
    overdue: int

    @property
    def kept(self) -> int:
        return dict(self.counts)[Status.FULFILLED]

    @property
    def share(self) -> float | None:
        """The share kept (fulfilled as promised), if there are pledges."""
        return self.kept / self.total if self.total else None


@dataclass(frozen=True)
class UnitReport:
    """One unit's pledges in one year's report."""

    year: int
    unit: Unit
    rows: tuple[Row, ...]
    tally: Tally
    #: The year is still running: the report follows the updates until it ends.
    running: bool = False

    @property
    def page(self) -> str:
        return urls.report(self.year, self.unit.id)


@dataclass(frozen=True)
class Period:
    """Which year a report is of, and the day it shows: all a unit's report
    needs of its year's (its page then depends on no other unit)."""

    year: int
    day: dt.date
    running: bool

    @property
    def page(self) -> str:
        return urls.report(self.year)

    @property
    def title(self) -> str:
        return f"{self.year}年度践诺报告"


@dataclass(frozen=True)
class YearReport:
    """The column's report for one year: a part per unit, and the totals."""

    year: int
    #: The day the report shows: the year's last day, or the as-of date while it runs.
    day: dt.date
    running: bool
    units: tuple[UnitReport, ...]
    tally: Tally

    @property
    def period(self) -> Period:
        return Period(self.year, self.day, self.running)

    @property
    def page(self) -> str:
        return self.period.page

    @property
    def title(self) -> str:
        return self.period.title


def year_reports(catalog: Catalog) -> list[YearReport]:
    """The reports of every year from the first interview's to the as-of
    date's that covers a pledge, newest first."""
    return run_through(year_report_steps(catalog))


def year_report_steps(catalog: Catalog) -> Steps[list[YearReport]]:
    """:func:`year_reports` in steps, a year at a time."""
    years = covered_years(catalog)
    found = sorted({year for covered in years.values() for year in covered}, reverse=True)
    reports = []
    for year in found:
        yield
        reports.append(year_report(catalog, year, [e for e in catalog.entries if year in years[e.id]]))
    return reports


def report_pages(catalog: Catalog) -> list[tuple[int, str]]:
    """The reports the catalog makes: (year, "") for a year's, (year, unit id) for a unit's."""
    years = covered_years(catalog)
    pages = {(year, "") for covered in years.values() for year in covered}
    pages |= {(year, e.unit.id) for e in catalog.entries for year in years[e.id]}
    return sorted(pages)


def covered_years(catalog: Catalog, entries: list[Entry] | None = None) -> dict[str, list[int]]:
    """The years whose report covers each pledge (by id; of ``entries``, by
    default all): the year it was made in, and each later one up to the
    as-of date's that it began open."""
    last = catalog.as_of.year
    covered: dict[str, list[int]] = {}
    for entry in catalog.entries if entries is None else entries:
        made = entry.interview.date.year
        if made > last:
            covered[entry.id] = []
            continue
        # Its status on the last day of each year before a later year began.
        eves = [dt.date(year - 1, 12, 31) for year in range(made + 1, last + 1)]
        later = [
            year
            for year, status in zip(range(made + 1, last + 1), statuses_on(entry.pledge, eves), strict=True)
            if not status.is_final
        ]
        covered[entry.id] = [made, *later]
    return covered


def year_report(catalog: Catalog, year: int, covered: list[Entry]) -> YearReport:
    """The report of ``year`` on the ``covered`` pledges, as of the year's
    last day or the as-of date, whichever comes first."""
    end = dt.date(year, 12, 31)
    day = min(end, catalog.as_of)
    by_unit: dict[str, list[Entry]] = {}
    for entry in covered:
        by_unit.setdefault(entry.unit.id, []).append(entry)
    parts = []
    for unit in catalog.units:
        rows = tuple(row(e, day) for e in by_unit.get(unit.id, ()))
        if rows:
            parts.append(UnitReport(year, unit, rows, tally(rows), day < end))
    # The best share kept first; then more pledges kept; then the registry's order.
    ranked = sorted(parts, key=lambda p: (-(p.tally.share or 0.0), -p.tally.kept))
    every = tuple(r for part in ranked for r in part.rows)
    return YearReport(year, day, day < end, tuple(ranked), tally(every))


def row(entry: Entry, day: dt.date) -> Row:
    """``entry`` as it stood on ``day``."""
    pledge = entry.pledge
    status = status_on(pledge, day)
    last = next((u for u in reversed(pledge.progress) if u.date <= day), None)
    late = (day - pledge.deadline).days if pledge.deadline < day and not status.is_final else 0
    measured = pace_row(entry, day)
    return Row(
        id=pledge.id,
        text=pledge.text,
        category=pledge.category,
        deadline=pledge.deadline,
        made=entry.interview.date.year,
        status=status,
        days_late=late,
        last_date=last.date if last else None,
        last_note=last.note if last else "",
        sources=tuple(last.sources) if last else (),
        pace=(measured.actual_percent, measured.expected_percent, measured.grade) if measured else None,
    )


def tally(rows: tuple[Row, ...]) -> Tally:
    """The counts of ``rows``."""
    counts = count_by_status(r.status for r in rows)
    return Tally(len(rows), tuple(counts.items()), sum(1 for r in rows if r.overdue))


def reports_of_unit(reports: list[YearReport], unit: Unit) -> list[UnitReport]:
    """The unit's part of each report that has one, newest first."""
    return [part for report in reports for part in report.units if part.unit.id == unit.id]


def unit_reports(catalog: Catalog, unit: Unit) -> list[UnitReport]:
    """The unit's part of each year's report, newest first, made from its
    own pledges alone (as :func:`reports_of_unit` finds them in the whole reports)."""
    own = [entry for entry in catalog.entries if entry.unit.id == unit.id]
    years = covered_years(catalog, own)
    found = sorted({year for covered in years.values() for year in covered}, reverse=True)
    return [
        part for year in found for part in year_report(catalog, year, [e for e in own if year in years[e.id]]).units
    ]
