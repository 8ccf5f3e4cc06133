"""Feeds: an Atom feed of interviews and progress, an iCalendar of deadlines.

``/feed.xml`` and ``/calendar.ics`` cover the whole site; every unit has its
own ``/units/<id>/feed.xml`` and, when it has pledges, ``/units/<id>/calendar.ics``.
Engine-free and deterministic: every date comes from the content or the
as-of date, never from the clock (feedgen and icalendar default to now and to
random UIDs; everything they would fill in is set here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, vDuration

from generator.content.corrections import Shown
from generator.content.fingerprint import fingerprint
from generator.content.memo import Memo, digest
from generator.content.model import Interview, Status, Unit, Update
from generator.content.steps import Steps, each, run_through
from generator.views import urls
from generator.views.asof import CHINA
from generator.views.catalog import Catalog, Entry
from generator.views.corrections import field_label
from generator.views.formats import cn_date, percent, quantity, sentence
from generator.views.reports import UnitReport, YearReport
from generator.views.siteview import Settings
from generator.views.stats import status_on

PRODID = "-//jiannuo//践诺 承诺时限日历//ZH"


#: Feed readers want what is new: the newest entries only (the calendar
#: keeps every deadline; the open data keeps every update).
FEED_ENTRIES = 200


def build_feeds(
    catalog: Catalog, site: Settings, memo: Memo | None = None, reports: Sequence[YearReport] = ()
) -> dict[str, bytes]:
    """The Atom feeds and the calendars of the site and of each unit (the
    calendars' events kept in ``memo`` between builds); each year's report,
    once complete, is an entry of the site's feed and of its units'."""
    return run_through(feed_steps(catalog, site, memo, reports))


def feed_steps(
    catalog: Catalog, site: Settings, memo: Memo | None = None, reports: Sequence[YearReport] = ()
) -> Steps[dict[str, bytes]]:
    """:func:`build_feeds` in steps: an event, a feed, a unit at a time."""
    as_of = catalog.as_of
    events = yield from event_steps(catalog, site, memo)
    done = [r for r in reports if not r.running]
    items = feed_items(catalog, site) + [report_item(site, r) for r in done]
    yield
    files = {
        urls.FEED: kept_atom_feed(
            memo, latest(items), site, f"{site.site_name}：访谈与进展", urls.FEED, site.site_url, as_of
        )
    }
    yield
    files[urls.CALENDAR] = calendar(
        catalog, site, catalog.entries, events, f"{site.site_name}：承诺时限", urls.CALENDAR
    )
    for unit in catalog.units:
        yield
        title = f"{unit.short_name}：访谈与进展｜{site.site_name}"
        path = urls.unit_feed(unit.id)
        items = feed_items(catalog, site, unit)
        items += [report_item(site, r, part) for r in done for part in r.units if part.unit.id == unit.id]
        files[path] = kept_atom_feed(memo, latest(items), site, title, path, site.url(urls.unit(unit.id)), as_of)
        entries = catalog.entries_of_unit(unit)
        # RFC 5545 wants at least one event in a calendar: none for a unit without pledges.
        if entries:
            name = f"{unit.short_name}承诺时限｜{site.site_name}"
            path = urls.unit_calendar(unit.id)
            files[path] = calendar(catalog, site, entries, events, name, path)
    return files


# -- Atom ---------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: a new interview or a progress update. Its
    permanent URL (with the update's anchor) is also its Atom id."""

    url: str
    title: str
    day: dt.date
    summary: str
    #: Orders entries of the same day: interviews before their pledges'
    #: progress, a pledge's updates in their order.
    rank: tuple[int, str, int]


def feed_items(catalog: Catalog, site: Settings, unit: Unit | None = None) -> list[FeedItem]:
    """The interviews and progress updates (of ``unit``, if given), newest first."""
    interviews = catalog.interviews if unit is None else catalog.interviews_of_unit(unit)
    entries = catalog.entries if unit is None else catalog.entries_of_unit(unit)
    items = [interview_item(catalog, site, i) for i in interviews]
    items += [update_item(site, e, a, u, n) for e in entries for n, (a, u) in enumerate(e.timeline)]
    items += [item for e in entries if (item := deadline_item(site, e, catalog.as_of)) is not None]
    items += [correction_item(site, e, n, shown) for e in entries for n, shown in enumerate(e.corrections, 1)]
    return latest(items)


def latest(items: list[FeedItem]) -> list[FeedItem]:
    """The newest items a feed holds, newest first."""
    return sorted(items, key=lambda item: (item.day, item.rank), reverse=True)[:FEED_ENTRIES]


def report_item(site: Settings, report: YearReport, part: UnitReport | None = None) -> FeedItem:
    """「2020年度践诺报告」 (of the column, or of one unit), dated the year's last day."""
    tally = part.tally if part is not None else report.tally
    who = f"{part.unit.short_name}｜" if part is not None else ""
    share = f"（兑现率 {percent(tally.share)}）" if tally.share is not None else ""
    summary = (
        f"{who}{report.title}定稿：{tally.total} 项承诺，已兑现 {tally.kept} 项{share}，"
        f"已逾期 {tally.overdue} 项，截至{cn_date(report.day)}。{site.demo_note}"
    )
    page = part.page if part is not None else report.page
    return FeedItem(site.url(page), f"{who}{report.title}", report.day, summary, (4, page, 0))


def interview_item(catalog: Catalog, site: Settings, interview: Interview) -> FeedItem:
    """「新访谈：标题」, linking to the interview, dated its publication."""
    count = len(catalog.entries_of_interview(interview))
    who = f"{interview.interviewee.position}{interview.interviewee.name}"
    summary = f"「{site.column}」第 {interview.issue} 期：{who}接受专访，作出 {count} 项承诺。"
    if interview.summary:
        summary += sentence(interview.summary)
    url = site.url(urls.interview(interview.slug))
    return FeedItem(url, f"新访谈：{interview.title}", interview.date, summary, (0, interview.slug, 0))


def update_item(site: Settings, entry: Entry, anchor: str, update: Update, index: int) -> FeedItem:
    """「已兑现：承诺」, linking to the update on the pledge page."""
    url = f"{site.url(urls.pledge(entry.id))}#{anchor}"
    parts = [f"{entry.unit.short_name}｜{entry.pledge.text}：{update.note}"]
    if update.value is not None and entry.pledge.target is not None:
        target = entry.pledge.target
        parts.append(f"进度 {quantity(update.value, target.unit)}，目标 {quantity(target.value, target.unit)}")
    if update.status is Status.WITHDRAWN and entry.pledge.successor:
        parts.append(f"后续承诺：{site.url(urls.pledge(entry.pledge.successor))}")
    if update.sources:
        parts.append("来源：" + "；".join(s.title + (f"（{s.doc_no}）" if s.doc_no else "") for s in update.sources))
    summary = "".join(sentence(p) for p in parts) + site.demo_note
    title = f"{update.status.label}：{entry.pledge.text}"
    return FeedItem(url, title, update.date, summary, (1, entry.id, index))


def deadline_item(site: Settings, entry: Entry, as_of: dt.date) -> FeedItem | None:
    """「逾期：承诺」, dated the day after a deadline that passed (by the
    as-of date) without the pledge being kept; None for the others."""
    pledge = entry.pledge
    passed = pledge.deadline + dt.timedelta(days=1)
    if passed > as_of:
        return None
    then = status_on(pledge, pledge.deadline)
    if then.is_final:
        return None
    summary = (
        f"{entry.unit.short_name}｜{pledge.text}：时限{cn_date(pledge.deadline)}已过，"
        f"到期时未见兑现（当时状态：{then.label}）。{site.demo_note}"
    )
    url = f"{site.url(urls.pledge(entry.id))}#deadline"
    return FeedItem(url, f"逾期：{pledge.text}", passed, summary, (2, entry.id, 0))


def correction_item(site: Settings, entry: Entry, number: int, shown: Shown) -> FeedItem:
    """「更正：承诺」, linking to the correction on the pledge page, dated its day."""
    correction = shown.correction
    changed = "、".join(dict.fromkeys(field_label(c.field) for c in shown.changes)) or "、".join(
        field_label(name) for name in correction.fields
    )
    parts = [f"{entry.unit.short_name}｜{entry.pledge.text}：更正了{changed}", f"理由：{correction.note}"]
    parts += [
        f"{field_label(c.field)}原为「{c.before}」，" + (f"现为「{c.after}」" if c.after else "已删去")
        for c in shown.changes
    ]
    summary = "".join(sentence(p) for p in parts) + site.demo_note
    url = f"{site.url(urls.pledge(entry.id))}#correction-{number}"
    return FeedItem(url, f"更正：{entry.pledge.text}", correction.date, summary, (3, entry.id, number))


def moment(day: dt.date) -> dt.datetime:
    """Content dates are days in China; feeds need a moment: midnight there."""
    return dt.datetime.combine(day, dt.time(), CHINA)


def kept_atom_feed(
    memo: Memo | None, items: list[FeedItem], site: Settings, title: str, path: str, page_url: str, as_of: dt.date
) -> bytes:
    """:func:`atom_feed`, kept in ``memo`` by everything it is made of: a
    feed whose items did not change is not serialised again."""
    key = digest("atom", fingerprint(__name__), repr(items), repr(site), title, path, page_url, as_of.isoformat())
    known = memo.get(key) if memo is not None else None
    if known is not None:
        return known
    done = atom_feed(items, site, title, path, page_url, as_of)
    if memo is not None:
        memo.put(key, done)
    return done


def atom_feed(items: list[FeedItem], site: Settings, title: str, path: str, page_url: str, as_of: dt.date) -> bytes:
    """An Atom feed at ``path`` of ``items`` (newest first), updated when its
    newest item is; a feed with no items yet is updated ``as_of``."""
    feed = FeedGenerator()
    feed.id(site.url(path))
    feed.title(title)
    feed.subtitle(f"「{site.column}」专访中的承诺：新访谈和每一条进展。" + site.demo_note)
    feed.author({"name": site.publisher or site.site_name, "uri": site.site_url})
    feed.link(href=site.url(path), rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.language("zh-CN")
    # feedgen's default names its own version: the output would change with it.
    feed.generator("践诺", uri=site.site_url)
    feed.updated(moment(items[0].day if items else as_of))
    for item in items:
        add_item(feed, item)
    result: bytes = feed.atom_str(pretty=True)
    return result


def add_item(feed: FeedGenerator, item: FeedItem) -> None:
    entry = feed.add_entry(order="append")
    entry.id(item.url)
    entry.title(item.title)
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.updated(moment(item.day))
    entry.published(moment(item.day))
    entry.summary(item.summary)


# -- iCalendar ----------------------------------------------------------------


def event_steps(catalog: Catalog, site: Settings, memo: Memo | None = None) -> Steps[dict[str, bytes]]:
    """Every pledge's deadline event, serialised once (the site's calendar
    and its unit's calendar both hold it), by pledge id, a step each. An
    event changes only with its pledge (or when it falls overdue), so
    ``memo`` keeps it from one build to the next: serialising is the slow part."""
    host = urlsplit(site.site_url).hostname or "localhost"
    kept = memo or Memo(None)

    def event(entry: Entry) -> tuple[str, bytes]:
        fields = event_fields(catalog, site, entry, host)
        key = digest("event", fingerprint(__name__), *map(str, fields.values()))
        text = kept.get(key)
        if text is None:
            text = deadline_event(entry.pledge.status, fields).to_ical()
            kept.put(key, text)
        return entry.id, text

    return dict((yield from each(event, catalog.entries)))


def calendar(
    catalog: Catalog, site: Settings, entries: list[Entry], events: dict[str, bytes], name: str, path: str
) -> bytes:
    """Every deadline of ``entries`` as an all-day event, soonest first."""
    host = urlsplit(site.site_url).hostname or "localhost"
    description = f"「{site.column}」专访中每项承诺的时限，状态截至{cn_date(catalog.as_of)}。"
    cal = Calendar.new(
        name=name,
        description=description + site.demo_note,
        prodid=PRODID,
        uid=f"{path}@{host}",
        url=site.url(path),
        refresh_interval=dt.timedelta(days=1),
    )
    # Outlook's older name for REFRESH-INTERVAL.
    cal.add("X-PUBLISHED-TTL", vDuration(dt.timedelta(days=1)))
    head: bytes = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    body = b"".join(events[e.id] for e in sorted(entries, key=deadline_order))
    return head[: -len(end)] + body + end


def deadline_order(entry: Entry) -> tuple[dt.date, str]:
    return entry.pledge.deadline, entry.id


def event_fields(catalog: Catalog, site: Settings, entry: Entry, host: str) -> dict[str, Any]:
    """What the pledge's deadline event says, titled with its status. Its
    stamp is the day the pledge last changed (its latest update, else its
    interview), so that the event stays the same until the pledge changes."""
    pledge = entry.pledge
    state = f"{pledge.status.label}，已逾期" if entry.overdue else pledge.status.label
    changed = pledge.latest.date if pledge.latest is not None else entry.interview.date
    return {
        "uid": f"{pledge.id}@{host}",
        "stamp": dt.datetime.combine(changed, dt.time(), dt.UTC),
        "start": pledge.deadline,
        "end": pledge.deadline + dt.timedelta(days=1),
        "summary": f"{pledge.text}（{state}）",
        "description": event_description(site, entry, state),
        "url": site.url(urls.pledge(pledge.id)),
        "categories": [pledge.category],
    }


def deadline_event(status: Status, fields: dict[str, Any]) -> Event:
    """The all-day event of a pledge's deadline."""
    event = Event.new(**fields)
    # A deadline is not an appointment: it must not show the day as busy.
    event.add("TRANSP", "TRANSPARENT")
    if status is Status.WITHDRAWN:
        event.add("STATUS", "CANCELLED")
    return event


def event_description(site: Settings, entry: Entry, state: str) -> str:
    """Unit, status (the calendar says as of when), target, latest update and URL."""
    pledge, interview = entry.pledge, entry.interview
    lines = [
        f"单位：{entry.unit.name}",
        f"状态：{state}",
        f"访谈：《{interview.title}》（「{site.column}」第 {interview.issue} 期，{cn_date(interview.date)}）",
    ]
    if pledge.deadline_note:
        lines.append(f"时限说明：{pledge.deadline_note}")
    if pledge.target is not None:
        done = f"，已完成 {quantity(pledge.value, pledge.target.unit)}" if pledge.value is not None else ""
        lines.append(f"目标：{quantity(pledge.target.value, pledge.target.unit)}{done}")
    if pledge.latest is not None:
        lines.append(f"最新进展：{cn_date(pledge.latest.date)} {pledge.latest.note}")
    if pledge.successor:
        lines.append(f"后续承诺：{site.url(urls.pledge(pledge.successor))}")
    lines.append(f"详情：{site.url(urls.pledge(pledge.id))}")
    if site.demo:
        lines.append(site.demo_note)
    return "\n".join(lines)
