"""The files of the year-end reports (践诺报告): each year's data,
``/api/reports/<year>.json``, and the PDFs of each year and each unit's part.

A report is frozen at its day (:mod:`generator.views.reports`), and so are
its files. The PDFs are drawn once: a cache folder keeps each by a hash of
everything it is made of (the report, the settings it shows, the font's
bytes, the drawing code and the library's version), so that a rebuild draws
only the report of the year still running, if that changed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path

import fpdf

from generator.content.fingerprint import fingerprint
from generator.content.steps import Steps, each, run_through
from generator.content.workers import in_workers
from generator.outputs.opendata import Json, dump, meta_record, status_record
from generator.outputs.publishing import FilesOnDisk
from generator.outputs.reportpdf import unit_report_pdf, year_report_pdf
from generator.views import urls
from generator.views.reports import Period, Row, Tally, UnitReport, YearReport
from generator.views.siteview import Settings

#: The module that draws a report: its fingerprint is part of every key.
DRAWING = "generator.outputs.reportpdf"


@dataclass
class ReportFiles:
    """The reports' files by path, and how many PDFs were drawn (not found in the cache)."""

    files: Mapping[str, bytes]
    drawn: int = 0


@dataclass(frozen=True)
class ReportPdf:
    """One PDF to make: a year's report, or a unit's part of it."""

    path: str
    shown: YearReport | UnitReport
    period: Period

    @property
    def unit(self) -> str:
        """The unit whose part it is, "" for a year's."""
        return self.shown.unit.id if isinstance(self.shown, UnitReport) else ""


def report_files(
    reports: list[YearReport], site: Settings, font: Path, cache_dir: Path | None, workers: int | None = None
) -> ReportFiles:
    """Every report's data and PDFs: those drawn before taken from
    ``cache_dir``, the others drawn on ``workers`` processes (all cores by
    default) when there are many. With a ``cache_dir``, the PDFs are read
    from it when asked for, not held (a thousand PDFs are hundreds of MB)."""
    return run_through(report_steps(reports, site, font, cache_dir, workers))


def report_steps(
    reports: list[YearReport], site: Settings, font: Path, cache_dir: Path | None, workers: int | None = None
) -> Steps[ReportFiles]:
    """:func:`report_files` in steps: a report's data, a PDF's key, a drawn
    PDF at a time."""
    data = dict((yield from each(lambda r: (urls.report_json(r.year), dump(report_record(r, site))), reports)))
    pdfs = {pdf.path: pdf for report in reports for pdf in report_pdfs(report)}
    keys = dict((yield from each(lambda pdf: (pdf.path, _key(pdf, site, font)), pdfs.values())))
    if cache_dir is None:
        groups = _by_unit(list(pdfs.values()))
        drawn: dict[str, bytes] = {}
        for path, pdf_bytes in _drawn(groups, site, font, workers):
            drawn[path] = pdf_bytes
            yield
        return ReportFiles(data | {path: drawn[path] for path in pdfs}, drawn=len(drawn))
    kept = {path: cache_dir / f"{key}.pdf" for path, key in keys.items()}
    groups = _by_unit([pdfs[path] for path, file in kept.items() if not file.is_file()])
    for path, pdf_bytes in _drawn(groups, site, font, workers):
        _keep(cache_dir, keys[path], pdf_bytes)
        yield
    return ReportFiles(FilesOnDisk({**data, **kept}), drawn=sum(len(group) for group in groups))


def _drawn(
    groups: list[tuple[ReportPdf, ...]], site: Settings, font: Path, workers: int | None
) -> Iterator[tuple[str, bytes]]:
    """The path and bytes of each PDF of ``groups``, as drawn."""
    # A group at a time: groups are few and unequal, a worker given many could be left working alone.
    drawn = in_workers(partial(draw_group, site=site, font=font), groups, workers, chunk=1)
    for group, group_drawn in zip(groups, drawn, strict=True):
        for pdf, pdf_bytes in zip(group, group_drawn, strict=True):
            yield pdf.path, pdf_bytes


def report_pdfs(report: YearReport) -> list[ReportPdf]:
    """The PDFs of a year's report: the year's, then each unit's part."""
    # The year's PDF shows each unit's totals, not its pledges: its key and
    # its worker get the report without them (the units' PDFs have them).
    totals = replace(report, units=tuple(replace(part, rows=()) for part in report.units))
    year = ReportPdf(urls.report_pdf(report.year), totals, report.period)
    return [
        year,
        *(ReportPdf(urls.report_pdf(report.year, part.unit.id), part, report.period) for part in report.units),
    ]


def _by_unit(pdfs: list[ReportPdf]) -> list[tuple[ReportPdf, ...]]:
    """The PDFs grouped by unit (a year's report on its own): the years of
    a unit share most of their pledges, whose QR codes and line breaks the
    process drawing them keeps."""
    groups: dict[str, list[ReportPdf]] = {}
    for pdf in pdfs:
        groups.setdefault(pdf.unit or pdf.path, []).append(pdf)
    return [tuple(group) for group in groups.values()]


def draw_group(pdfs: tuple[ReportPdf, ...], site: Settings, font: Path) -> list[bytes]:
    """Draw ``pdfs`` one after the other (in a worker process, or this one)."""
    return [draw_pdf(pdf, site, font) for pdf in pdfs]


def draw_pdf(pdf: ReportPdf, site: Settings, font: Path) -> bytes:
    """The bytes of one report PDF."""
    if isinstance(pdf.shown, UnitReport):
        return unit_report_pdf(pdf.shown, pdf.period, site, font)
    return year_report_pdf(pdf.shown, site, font)


def _key(pdf: ReportPdf, site: Settings, font: Path) -> str:
    parts = (fingerprint(DRAWING), fpdf.__version__, _font_digest(font), repr(pdf.shown), repr(pdf.period), repr(site))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@cache
def _font_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _keep(folder: Path, key: str, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: a build stopped halfway leaves no half file.
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(temporary, folder / f"{key}.pdf")


# -- data --------------------------------------------------------------------


def report_record(report: YearReport, site: Settings) -> Json:
    """``/api/reports/<year>.json``: the report's figures, its units and their pledges."""
    return {
        "meta": meta_record(report.day, site),
        "report": {
            "year": report.year,
            "day": report.day.isoformat(),
            "running": report.running,
            "url": site.url(report.page),
            "pdf_url": site.url(urls.report_pdf(report.year)),
            "counts": tally_record(report.tally),
            "units": [unit_record(part, site) for part in report.units],
        },
    }


def tally_record(tally: Tally) -> Json:
    return {
        "total": tally.total,
        "by_status": {status.value: count for status, count in tally.counts},
        "overdue": tally.overdue,
        "kept": tally.kept,
        "kept_share": round(tally.share, 4) if tally.share is not None else None,
    }


def unit_record(part: UnitReport, site: Settings) -> Json:
    unit = part.unit
    return {
        "id": unit.id,
        "name": unit.name,
        "short_name": unit.short_name,
        "url": site.url(part.page),
        "pdf_url": site.url(urls.report_pdf(part.year, unit.id)),
        "counts": tally_record(part.tally),
        "pledges": [row_record(row, site) for row in part.rows],
    }


def row_record(row: Row, site: Settings) -> Json:
    last = None
    if row.last_date is not None:
        sources = [{"title": s.title, "url": s.url, "doc_no": s.doc_no} for s in row.sources]
        last = {"date": row.last_date.isoformat(), "note": row.last_note, "sources": sources}
    pace = None
    if row.pace is not None:
        actual, expected, grade = row.pace
        pace = {"actual": actual, "expected": expected, "grade": grade.label}
    return {
        "id": row.id,
        "url": site.url(row.page),
        "text": row.text,
        "category": row.category,
        "made": row.made,
        "deadline": row.deadline.isoformat(),
        "status": status_record(row.status),
        "overdue": row.overdue,
        "days_overdue": row.days_late,
        "pace": pace,
        "last_update": last,
    }
