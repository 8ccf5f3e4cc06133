"""The files the site holds besides its pages: badges, QR codes, share
cards, embeds, redirects of old interview URLs. Engine-neutral: templated files are
described here and rendered by the plugin with the theme's templates.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import segno

from generator.content.fingerprint import fingerprint
from generator.content.memo import Memo, digest
from generator.content.model import Interview, Unit
from generator.content.steps import Steps, each, run_through
from generator.content.workers import in_workers
from generator.outputs.badges import badge_svg
from generator.outputs.cards import Card
from generator.views import palette, urls
from generator.views.catalog import Catalog, Entry, kept_count, overdue_count
from generator.views.formats import cn_date
from generator.views.siteview import DEMO_MARK, Settings


@dataclass(frozen=True)
class Templated:
    """A file rendered from ``template`` with ``context``, written at ``path``."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def badge_files(catalog: Catalog, settings: Settings) -> dict[str, bytes]:
    """``badges/<id>.svg`` for every pledge; its title says as of when,
    and whether the data is for demonstration."""
    return run_through(badge_steps(catalog, settings))


def badge_steps(catalog: Catalog, settings: Settings) -> Steps[dict[str, bytes]]:
    """:func:`badge_files` in steps, a badge each."""
    label = "践诺·演示" if settings.demo else "践诺"
    note = f"，数据截至{cn_date(catalog.as_of)}{settings.demo_note}"
    return dict((yield from each(lambda e: (urls.badge(e.id), badge_svg(e, label, note).encode()), catalog.entries)))


def qr_svg(url: str, title: str) -> bytes:
    """A QR code of ``url`` as a small SVG, dark on white, with a quiet zone.

    The mask pattern is fixed: choosing the best of eight takes four fifths
    of segno's time, and any mask is valid and scans."""
    code = segno.make(url, error="m", mask=0, micro=False)
    out = io.BytesIO()
    code.save(
        out, kind="svg", scale=4, border=4, xmldecl=False, title=title, dark=palette.INK, light=palette.WHITE, nl=False
    )
    return out.getvalue()


#: Below this many QR codes to draw (a few milliseconds each), starting worker processes costs more.
QR_IN_WORKERS = 500


def qr_files(catalog: Catalog, settings: Settings, memo: Memo | None = None) -> dict[str, bytes]:
    """``pledges/<id>/qr.svg``: the permanent URL of every pledge, for print
    (from ``memo`` when drawn before; the others drawn in worker processes
    when they are many)."""
    return run_through(qr_steps(catalog, settings, memo))


def qr_steps(catalog: Catalog, settings: Settings, memo: Memo | None = None) -> Steps[dict[str, bytes]]:
    """:func:`qr_files` in steps, a pledge's code at a time."""
    kept = memo or Memo(None)

    def known(entry: Entry) -> tuple[str, tuple[str, str], str, bytes | None]:
        code = (settings.url(urls.pledge(entry.id)), f"扫码查看承诺进展：{entry.pledge.text}")
        key = digest("qr", fingerprint(__name__), *code)
        return urls.qr_code(entry.id), code, key, kept.get(key)

    found = yield from each(known, catalog.entries)
    files = {path: svg for path, _, _, svg in found}
    missing = [(path, code, key) for path, code, key, svg in found if svg is None]
    drawn = in_workers(_qr_svg_of, [code for _, code, _ in missing], threshold=QR_IN_WORKERS)
    for (path, _, key), svg in zip(missing, drawn, strict=True):
        kept.put(key, svg)
        files[path] = svg
        yield
    return {path: svg for path, svg in files.items() if svg is not None}


def _qr_svg_of(code: tuple[str, str]) -> bytes:
    """:func:`qr_svg` of a (URL, title) pair."""
    return qr_svg(*code)


def embeds(catalog: Catalog, settings: Settings) -> list[Templated]:
    """``embed/pledges/<id>/``: a tiny page for news sites' iframes."""
    return [
        Templated(
            urls.embed(e.id) + "index.html", "jn-embed.html", {"entry": e, "url": settings.url(urls.pledge(e.id))}
        )
        for e in catalog.entries
    ]


def redirects(catalog: Catalog, settings: Settings) -> list[Templated]:
    """A page at every former interview URL that sends readers to the new one."""
    return [
        Templated(
            urls.interview(alias) + "index.html",
            "jn-redirect.html",
            {"title": i.title, "url": settings.url(urls.interview(i.slug))},
        )
        for i in catalog.interviews
        for alias in i.aliases
    ]


def _footer(settings: Settings, page: str) -> str:
    """``践诺 · jiannuo.example.org/pledges/x/``: the site and the page's short URL."""
    name = settings.site_name.split("｜")[0]
    return f"{name} · {urlsplit(settings.site_url).netloc}/{page}"


def pledge_card(settings: Settings, entry: Entry, as_of: dt.date) -> Card:
    pledge, interview = entry.pledge, entry.interview
    when = f"第{interview.issue}期 · {cn_date(interview.date)}专访 · 时限 {cn_date(pledge.deadline)}"
    target = pledge.target
    return Card(
        path=urls.card(urls.pledge(pledge.id)),
        brand=settings.column,
        kicker=f"承诺 · {pledge.category}",
        title=pledge.text,
        meta=(entry.unit.name, when + (" · 已逾期" if entry.overdue else ""), f"状态数据截至 {cn_date(as_of)}"),
        status=entry.status.value,
        progress=(pledge.value or 0, target.value, target.unit) if target else None,
        footer=_footer(settings, urls.pledge(pledge.id)),
        notice=_notice(settings),
    )


def _notice(settings: Settings) -> str:
    return DEMO_MARK if settings.demo else ""


def interview_card(settings: Settings, interview: Interview) -> Card:
    person = interview.interviewee
    return Card(
        path=urls.card(urls.interview(interview.slug)),
        brand=settings.column,
        kicker=f"专访 · 第{interview.issue}期",
        title=interview.title,
        meta=(
            f"{person.position} {person.name}",
            f"{interview.outlet} · {cn_date(interview.date)} · {len(interview.pledges)} 项承诺",
        ),
        footer=_footer(settings, urls.interview(interview.slug)),
        notice=_notice(settings),
    )


def unit_card(settings: Settings, catalog: Catalog, unit: Unit) -> Card:
    entries = catalog.entries_of_unit(unit)
    counts = f"{len(entries)} 项承诺 · 已兑现 {kept_count(entries)} 项 · 已逾期 {overdue_count(entries)} 项"
    return Card(
        path=urls.card(urls.unit(unit.id)),
        brand=settings.column,
        kicker="承诺单位",
        title=unit.name,
        meta=(counts, f"数据截至 {cn_date(catalog.as_of)}"),
        progress=(kept_count(entries), len(entries), "项已兑现") if entries else None,
        footer=_footer(settings, urls.unit(unit.id)),
        notice=_notice(settings),
    )


def cards(catalog: Catalog, settings: Settings) -> list[Card]:
    """The share card of every pledge, interview and unit page."""
    return [
        *(pledge_card(settings, e, catalog.as_of) for e in catalog.entries),
        *(interview_card(settings, i) for i in catalog.interviews),
        *(unit_card(settings, catalog, u) for u in catalog.units),
    ]
