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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

import fpdf

from generator.content.fingerprint import fingerprint
from generator.outputs.opendata import Json, dump, meta_record, status_record
from generator.outputs.reportpdf import unit_report_pdf, year_report_pdf
from generator.views import urls
from generator.views.reports import Row, Tally, UnitReport, YearReport
from generator.views.siteview import Settings

#: The module that draws a report: its fingerprint is part of every key.
DRAWING = "generator.outputs.reportpdf"


@dataclass
class ReportFiles:
    """The reports' files by path, and how many PDFs were drawn (not found in the cache)."""

    files: dict[str, bytes]
    drawn: int = 0


def report_files(reports: list[YearReport], site: Settings, font: Path, cache_dir: Path | None) -> ReportFiles:
    """Every report's data and PDFs (those drawn before taken from ``cache_dir``)."""
    done = ReportFiles({})
    for report in reports:
        done.files[urls.report_json(report.year)] = dump(report_record(report, site))
        draw: list[tuple[str, YearReport | UnitReport, Callable[[], bytes]]] = [
            (urls.report_pdf(report.year), report, partial(year_report_pdf, report, site, font))
        ]
        draw += [
            (urls.report_pdf(report.year, part.unit.id), part, partial(unit_report_pdf, part, report, site, font))
            for part in report.units
        ]
        for path, shown, make in draw:
            done.files[path] = _cached(cache_dir, _key(shown, report, site, font), make, done)
    return done


def _key(shown: YearReport | UnitReport, report: YearReport, site: Settings, font: Path) -> str:
    parts = (fingerprint(DRAWING), fpdf.__version__, _font_digest(font), repr(shown), repr(report.day), repr(site))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@cache
def _font_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cached(folder: Path | None, key: str, make: Callable[[], bytes], done: ReportFiles) -> bytes:
    """The PDF kept under ``key``, else drawn (and kept)."""
    path = folder / f"{key}.pdf" if folder is not None else None
    if path is not None and path.is_file():
        return path.read_bytes()
    data = make()
    done.drawn += 1
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a build stopped halfway leaves no half file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    return data


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
