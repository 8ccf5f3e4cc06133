"""Open data: the pledges and units as JSON and CSV under ``/api/``.

Engine-free: :func:`build_data` returns the files to write, keyed by their
path relative to the site root. The output depends only on the catalog and
the settings (never on the clock), so the same content gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from generator.content.corrections import Shown
from generator.content.model import Status, Unit, Update
from generator.content.steps import Steps, each, run_through
from generator.outputs import schema
from generator.views import urls
from generator.views.catalog import Catalog, Entry, kept_count, overdue_count, status_counts
from generator.views.formats import number
from generator.views.siteview import Settings

Json = dict[str, Any]


def attribution(site: Settings) -> str:
    """The credit line asked of whoever reuses the data."""
    owner = f"{site.site_name}（{site.publisher}）" if site.publisher else site.site_name
    return f"数据来源：{owner}，{site.site_url}"


def build_data(catalog: Catalog, site: Settings) -> dict[str, bytes]:
    """Every file under ``api/``: pledges.json, one JSON file per pledge,
    units.json, pledges.csv and the schema."""
    return run_through(data_steps(catalog, site))


def data_steps(catalog: Catalog, site: Settings) -> Steps[dict[str, bytes]]:
    """:func:`build_data` in steps: a pledge, a unit, a file at a time."""
    meta = meta_record(catalog.as_of, site)
    pledges = yield from each(lambda e: pledge_record(e, site, catalog.as_of), catalog.entries)
    units = yield from each(lambda u: unit_record(catalog, u, site), catalog.units)
    files = {"api/pledges.json": dump({"meta": meta, "counts": counts_record(catalog.entries), "pledges": pledges})}
    yield
    files["api/units.json"] = dump({"meta": meta, "units": units})
    files["api/pledges.csv"] = pledges_csv(meta, pledges)
    yield
    files[urls.SCHEMA] = dump(schema.build_schema(site.url(urls.SCHEMA)))
    each_file = yield from each(lambda p: (urls.pledge_json(p["id"]), dump({"meta": meta, "pledge": p})), pledges)
    files.update(each_file)
    return files


def dump(data: Json) -> bytes:
    """Compact UTF-8 (not ``\\u`` escapes), keys in the schema's order. Not
    indented: Python's JSON encoder runs in C only without indentation (ten
    times faster over 10,000 pledges), and every JSON viewer indents."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# -- records ----------------------------------------------------------------


def meta_record(as_of: dt.date, site: Settings) -> Json:
    """What every JSON file says about itself: as of when, from whom."""
    return {
        "site": site.site_name,
        "site_url": site.site_url,
        "column": site.column,
        "publisher": site.publisher,
        "as_of": as_of.isoformat(),
        "demo": site.demo,
        "attribution": attribution(site),
        "schema": site.url(urls.SCHEMA),
    }


def counts_record(entries: list[Entry]) -> Json:
    """Totals by status, every status listed, plus overdue and kept."""
    return {
        "total": len(entries),
        "by_status": {c.status.value: c.count for c in status_counts(entries)},
        "overdue": overdue_count(entries),
        "kept": kept_count(entries),
    }


def status_record(status: Status) -> Json:
    return {"key": status.value, "label": status.label}


def pledge_record(entry: Entry, site: Settings, as_of: dt.date) -> Json:
    """One pledge, as in pledges.json and pledges/<id>.json."""
    pledge, interview, unit = entry.pledge, entry.interview, entry.unit
    url = site.url(urls.pledge(pledge.id))
    interview_url = site.url(urls.interview(interview.slug))
    return {
        "id": pledge.id,
        "url": url,
        "text": pledge.text,
        "quote": pledge.quote,
        "quote_url": f"{interview_url}#{entry.anchor}" if entry.anchor else None,
        "category": pledge.category,
        "unit": {"id": unit.id, "name": unit.name, "short_name": unit.short_name, "url": site.url(urls.unit(unit.id))},
        "interview": {
            "slug": interview.slug,
            "title": interview.title,
            "issue": interview.issue,
            "date": interview.date.isoformat(),
            "outlet": interview.outlet,
            "interviewee": interview.interviewee.name,
            "position": interview.interviewee.position,
            "url": interview_url,
        },
        "deadline": pledge.deadline.isoformat(),
        "deadline_note": pledge.deadline_note,
        "target": {"value": pledge.target.value, "unit": pledge.target.unit} if pledge.target else None,
        "value": pledge.value,
        "share": round(pledge.share, 4) if pledge.share is not None else None,
        "status": status_record(pledge.status),
        "overdue": entry.overdue,
        "days_overdue": entry.days_overdue(as_of),
        "withdrawal": withdrawal_record(entry, site),
        "updates": [update_record(anchor, u, url) for anchor, u in entry.timeline],
        "corrections": [correction_record(n, shown, url) for n, shown in enumerate(entry.corrections, 1)],
    }


def correction_record(number: int, shown: Shown, pledge_url: str) -> Json:
    """One correction: when, why, what it changed, linked to its place on the pledge page."""
    correction = shown.correction
    return {
        "date": correction.date.isoformat(),
        "note": correction.note,
        "url": f"{pledge_url}#correction-{number}",
        "fields": list(correction.fields),
        "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in shown.changes],
    }


def withdrawal_record(entry: Entry, site: Settings) -> Json | None:
    """When, why and in favour of what a withdrawn pledge was withdrawn."""
    update = entry.pledge.withdrawal
    if update is None:
        return None
    successor = entry.pledge.successor
    return {
        "date": update.date.isoformat(),
        "reason": update.note,
        "successor": successor,
        "successor_url": site.url(urls.pledge(successor)) if successor else None,
    }


def update_record(anchor: str, update: Update, pledge_url: str) -> Json:
    """One progress update, linked to its place on the pledge page."""
    return {
        "date": update.date.isoformat(),
        "anchor": anchor,
        "url": f"{pledge_url}#{anchor}",
        "status": status_record(update.status),
        "note": update.note,
        "value": update.value,
        "sources": [{"title": s.title, "url": s.url, "doc_no": s.doc_no} for s in update.sources],
    }


def unit_record(catalog: Catalog, unit: Unit, site: Settings) -> Json:
    """A unit with its counts, its interviews (newest first) and pledge ids."""
    entries = catalog.entries_of_unit(unit)
    return {
        "id": unit.id,
        "name": unit.name,
        "short_name": unit.short_name,
        "url": site.url(urls.unit(unit.id)),
        "feed_url": site.url(urls.unit_feed(unit.id)),
        "calendar_url": site.url(urls.unit_calendar(unit.id)) if entries else None,
        "counts": counts_record(entries),
        "interviews": [i.slug for i in catalog.interviews_of_unit(unit)],
        "pledges": [e.id for e in entries],
    }


# -- CSV ----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of pledges.csv, read from a pledge record and the meta record."""

    header: str
    description: str
    get: Callable[[Json, Json], object]


def latest(pledge: Json, key: str) -> object:
    """Field ``key`` of the pledge record's latest update, if any."""
    return pledge["updates"][-1][key] if pledge["updates"] else None


def sources_text(sources: list[Json]) -> str:
    """``标题（文号） 网址`` for each source, separated by ``；``."""
    parts = []
    for source in sources:
        label = f"{source['title']}（{source['doc_no']}）" if source["doc_no"] else source["title"]
        parts.append(f"{label} {source['url']}" if source["url"] else label)
    return "；".join(parts)


def withdrawn(pledge: Json, key: str) -> object:
    """Field ``key`` of the pledge record's withdrawal, if withdrawn."""
    return pledge["withdrawal"][key] if pledge["withdrawal"] else None


def target(pledge: Json, key: str) -> object:
    """Field ``key`` of the pledge record's target, if it has one."""
    return pledge["target"][key] if pledge["target"] else None


# Chinese headers: the CSV is for people opening it in Excel or WPS (the
# JSON, with English keys, is for programs); each names its JSON field below.
COLUMNS = [
    Column("编号", "承诺编号（id）", lambda p, m: p["id"]),
    Column("承诺", "承诺内容（text）", lambda p, m: p["text"]),
    Column("单位", "单位全称（unit.name）", lambda p, m: p["unit"]["name"]),
    Column("单位简称", "单位简称（unit.short_name）", lambda p, m: p["unit"]["short_name"]),
    Column("类别", "承诺类别（category）", lambda p, m: p["category"]),
    Column("时限", "时限日期，YYYY-MM-DD（deadline）", lambda p, m: p["deadline"]),
    Column("时限说明", "时限如何折算（deadline_note）", lambda p, m: p["deadline_note"]),
    Column("目标数值", "目标数值（target.value）", lambda p, m: target(p, "value")),
    Column("目标单位", "目标的计量单位（target.unit）", lambda p, m: target(p, "unit")),
    Column("完成数值", "最近报道的完成数量（value）", lambda p, m: p["value"]),
    Column("状态", "截至日期时的状态（status.label）", lambda p, m: p["status"]["label"]),
    Column("已逾期", "是 或 否（overdue）", lambda p, m: "是" if p["overdue"] else "否"),
    Column("逾期天数", "未逾期为 0（days_overdue）", lambda p, m: p["days_overdue"]),
    Column("最新进展日期", "最近一条进展的日期（updates 的最后一条的 date）", lambda p, m: latest(p, "date")),
    Column("最新进展", "最近一条进展的说明（note）", lambda p, m: latest(p, "note")),
    Column(
        "最新进展来源",
        "最近一条进展的来源：标题（文号） 网址，多个来源以“；”分隔（sources）",
        lambda p, m: sources_text(p["updates"][-1]["sources"]) if p["updates"] else None,
    ),
    Column("进展条数", "进展记录的条数（updates 的条数）", lambda p, m: len(p["updates"])),
    Column("撤回原因", "已撤回时的原因（withdrawal.reason）", lambda p, m: withdrawn(p, "reason")),
    Column("后续承诺", "替代它的承诺的编号（withdrawal.successor）", lambda p, m: withdrawn(p, "successor")),
    Column("访谈", "访谈标题（interview.title）", lambda p, m: p["interview"]["title"]),
    Column("期数", "栏目期数（interview.issue）", lambda p, m: p["interview"]["issue"]),
    Column("见报日期", "访谈见报日期（interview.date）", lambda p, m: p["interview"]["date"]),
    Column("原话", "访谈原文中的原话（quote）", lambda p, m: p["quote"]),
    Column("网址", "承诺的永久网址（url）", lambda p, m: p["url"]),
    Column("数据截至", "数据截至日期：已逾期以这一天为准（meta.as_of）", lambda p, m: m["as_of"]),
    Column("演示数据", "是：进展为演示数据，请勿引用（meta.demo）", lambda p, m: "是" if m["demo"] else "否"),
]


def cell(value: object) -> str:
    """A value as Excel should see it: empty for none, 44 not 44.0, and a
    text that Excel would run as a formula (=, +, -, @ first) kept a text
    by a leading apostrophe, which Excel does not show."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def pledges_csv(meta: Json, pledges: list[Json]) -> bytes:
    """One row per pledge; UTF-8 with a byte order mark, without which
    Excel reads the Chinese as mojibake, and CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(c.header for c in COLUMNS)
    writer.writerows([cell(c.get(p, meta)) for c in COLUMNS] for p in pledges)
    return out.getvalue().encode("utf-8-sig")


# -- the data page ------------------------------------------------------------


@cache
def schema_markdown() -> str:
    """The field tables of the data page, from the schema and the CSV columns."""
    csv_rows = ["### pledges.csv 的列", "", "| 列 | 说明 |", "| --- | --- |"]
    csv_rows += [f"| {c.header} | {c.description} |" for c in COLUMNS]
    return schema.field_tables() + "\n\n" + "\n".join(csv_rows) + "\n"
