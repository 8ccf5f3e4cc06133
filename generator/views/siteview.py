"""What every template sees as ``jn``: the catalog and the site's settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.content.model import Status, Unit
from generator.content.steps import Steps
from generator.views.catalog import Catalog, Entry, StatusCount, kept_count, overdue_count, status_counts
from generator.views.corrections import Listed, all_corrections
from generator.views.reports import (
    UnitReport,
    YearReport,
    reports_of_unit,
    unit_reports,
    year_report_steps,
    year_reports,
)

#: What every copy of demonstration data says, in text (citations, feeds,
#: calendars) and, shorter, as a mark (badges, cards).
DEMO_NOTE = "（进展为演示数据，并非真实报道，请勿引用。）"
DEMO_MARK = "演示数据"


@dataclass(frozen=True)
class Contact:
    """How readers reach the editors (any of the three)."""

    email: str = ""
    phone: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.address)


@dataclass(frozen=True)
class Settings:
    """The site-wide settings templates show (from the plugin options)."""

    site_name: str
    #: The site's absolute URL, ending with "/": permanent links start here.
    site_url: str
    column: str
    publisher: str
    icp: str
    demo: bool
    contact: Contact = Contact()
    #: An open pledge without news for longer than this is marked 「N 天未更新」.
    stale_days: int = 90

    def __post_init__(self) -> None:
        if not self.site_url.endswith("/") or "://" not in self.site_url:
            raise ValueError(f"site_url must be absolute and end with '/': {self.site_url!r}")

    def url(self, path: str) -> str:
        """The absolute URL of a site path such as ``pledges/x/``."""
        return self.site_url + path.lstrip("/")

    @property
    def demo_note(self) -> str:
        """The demonstration notice for texts that leave the site, or ""."""
        return DEMO_NOTE if self.demo else ""


class SiteView:
    """The catalog plus settings, with the summaries pages show."""

    def __init__(self, catalog: Catalog, settings: Settings) -> None:
        self.catalog = catalog
        self.as_of = catalog.as_of
        self.settings = settings
        self.statuses = list(Status)
        #: The site has the hand-written 更正说明 page (docs/corrections.md).
        self.has_corrections = False

    @cached_property
    def totals(self) -> list[StatusCount]:
        return status_counts(self.catalog.entries)

    @cached_property
    def kept(self) -> int:
        return kept_count(self.catalog.entries)

    @cached_property
    def overdue(self) -> int:
        return overdue_count(self.catalog.entries)

    def counts(self, entries: list[Entry]) -> list[StatusCount]:
        return status_counts(entries)

    def overdue_of(self, entries: list[Entry]) -> int:
        return overdue_count(entries)

    def kept_of(self, entries: list[Entry]) -> int:
        return kept_count(entries)

    @cached_property
    def facets(self) -> Facets:
        """The values the pledge list can be filtered by."""
        entries = self.catalog.entries
        return Facets(
            units=[u for u in self.catalog.units if any(e.unit is u for e in entries)],
            categories=list(dict.fromkeys(e.pledge.category for e in entries)),
            years=sorted({e.interview.date.year for e in entries}, reverse=True),
        )

    @cached_property
    def kept_share(self) -> float | None:
        """The share of pledges fulfilled as promised, if there are any."""
        return self.kept_share_of(self.catalog.entries)

    def kept_share_of(self, entries: list[Entry]) -> float | None:
        return kept_count(entries) / len(entries) if entries else None

    @cached_property
    def reports(self) -> list[YearReport]:
        """The year-end reports, newest first."""
        return year_reports(self.catalog)

    def making_reports(self) -> Steps[None]:
        """Make :attr:`reports` in steps, a year at a time (unless made)."""
        if "reports" not in self.__dict__:
            self.__dict__["reports"] = yield from year_report_steps(self.catalog)

    def reports_of(self, unit: Unit) -> list[UnitReport]:
        """The unit's part of each year's report, newest first: taken from the
        reports when they are made, else made from its pledges alone (the
        preview renders an edited unit's page before it makes the reports)."""
        if "reports" in self.__dict__:  # the cached property, made already
            return reports_of_unit(self.reports, unit)
        return unit_reports(self.catalog, unit)

    @cached_property
    def corrections(self) -> list[Listed]:
        """Every correction on the site, newest first."""
        return all_corrections(self.catalog)


@dataclass(frozen=True)
class Facets:
    units: list[Unit]
    categories: list[str]
    years: list[int]
