"""The Atom feeds and the deadline calendars."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import feedparser
import pytest
from icalendar import Calendar, Component

from generator.content.memo import Memo
from generator.outputs import feeds
from generator.outputs.feeds import build_feeds
from generator.views import urls
from generator.views.catalog import Catalog

from .conftest import ROOT
from .test_opendata import BUNDLED, SITE, load_catalog, small_catalog, withdrawn_catalog


@pytest.fixture(scope="module")
def small() -> Catalog:
    return small_catalog()


@pytest.fixture(scope="module")
def files(small: Catalog) -> dict[str, bytes]:
    return build_feeds(small, SITE)


def parse_feed(data: bytes) -> Any:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def parse_calendar(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def events(data: bytes) -> list[Component]:
    return list(parse_calendar(data).walk("VEVENT"))


def update_urls(catalog: Catalog, unit_id: str | None = None) -> list[str]:
    return [
        f"https://example.org/pledges/{e.id}/#{anchor}"
        for e in catalog.entries
        if unit_id in (None, e.unit.id)
        for anchor, _ in e.timeline
    ]


#: The small site's deadlines that passed (by 2021-06-10) unkept: 站亭 was
#: in progress on its deadline, 水库 had not started.
PASSED = [
    "https://example.org/pledges/jt-2020-zhanting/#deadline",
    "https://example.org/pledges/sl-2021-shuiku/#deadline",
]


# -- Atom -----------------------------------------------------------------------


def test_feed_has_an_entry_per_interview_per_update_and_per_passed_deadline(
    small: Catalog, files: dict[str, bytes]
) -> None:
    feed = parse_feed(files["feed.xml"])
    links = [e.link for e in feed.entries]
    interviews = [f"https://example.org/interviews/{i.slug}/" for i in small.interviews]
    assert sorted(links) == sorted(interviews + update_urls(small) + PASSED)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert [e.id for e in feed.entries] == links


def test_feed_is_newest_first_and_updated_with_its_newest_entry(small: Catalog, files: dict[str, bytes]) -> None:
    feed = parse_feed(files["feed.xml"])
    days = [e.updated_parsed for e in feed.entries]
    assert days == sorted(days, reverse=True)
    newest = max([i.date for i in small.interviews] + [c.update.date for c in small.changes()])
    assert feed.feed.updated == feed.entries[0].updated == f"{newest.isoformat()}T00:00:00+08:00"


def test_feed_entry_titles(files: dict[str, bytes]) -> None:
    feed = parse_feed(files["feed.xml"])
    entry = next(e for e in feed.entries if e.link.endswith("jt-2020-weiqiao/#update-2020-12-20"))
    assert entry.title == "部分兑现：年内改造120座危桥"
    assert entry.updated == "2020-12-20T00:00:00+08:00"
    assert "年内完成100座" in entry.summary and "危桥改造通报" in entry.summary
    interview = next(e for e in feed.entries if e.link.endswith("/interviews/zhang-san/"))
    assert interview.title == "新访谈：修好每一条路 守好每一座桥"
    assert interview.updated.startswith("2020-09-01")


def test_a_deadline_passed_unkept_is_an_entry_the_day_after(files: dict[str, bytes]) -> None:
    feed = parse_feed(files["feed.xml"])
    entry = next(e for e in feed.entries if e.link == PASSED[0])
    assert entry.title == "逾期：年底前建成50座候车亭"
    assert entry.updated == "2021-01-01T00:00:00+08:00"
    assert "时限2020年12月31日已过，到期时未见兑现（当时状态：推进中）" in entry.summary
    assert "演示数据" in entry.summary
    unstarted = next(e for e in feed.entries if e.link == PASSED[1])
    assert unstarted.updated.startswith("2021-03-01") and "当时状态：未启动" in unstarted.summary


def test_a_deadline_is_an_entry_only_once_it_has_passed_unkept() -> None:
    """Kept late still counts as passed unkept (观摩会, delayed on its
    deadline); kept on time (推进会) or due after the as-of date does not."""
    catalog = load_catalog(ROOT / "interviews", dt.date(2020, 12, 31))
    feed = parse_feed(build_feeds(catalog, BUNDLED)["feed.xml"])
    passed = {e.link.split("/pledges/")[1] for e in feed.entries if e.link.endswith("#deadline")}
    assert passed == {
        "szjggw-2020-guanmohui/#deadline",
        "szjggw-2020-zhuti-zeren-jiaoliu/#deadline",
        "szjggw-2020-jizhong-diaoyan/#deadline",
    }
    late = next(e for e in feed.entries if e.link.endswith("guanmohui/#deadline"))
    assert late.updated.startswith("2020-10-01") and "当时状态：滞后" in late.summary


def test_feed_never_shows_the_clock(files: dict[str, bytes]) -> None:
    today = dt.date.today()
    for path, data in files.items():
        assert today.isoformat().encode() not in data, path
        assert today.strftime("%Y%m%d").encode() not in data, path
    assert b"python-feedgen" not in files["feed.xml"]


def test_unit_feed_holds_only_its_unit(small: Catalog, files: dict[str, bytes]) -> None:
    feed = parse_feed(files["units/jiaotong/feed.xml"])
    links = sorted(e.link for e in feed.entries)
    expected = ["https://example.org/interviews/zhang-san/", *update_urls(small, "jiaotong"), PASSED[0]]
    assert links == sorted(expected)
    assert feed.feed.title == "交通厅：访谈与进展｜践诺测试站"
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == "https://example.org/units/jiaotong/feed.xml"


def test_same_day_updates_have_their_own_entries(tmp_path: Path) -> None:
    files = build_feeds(withdrawn_catalog(tmp_path), SITE)
    feed = parse_feed(files["units/shuili/feed.xml"])
    links = [e.link for e in feed.entries]
    second = links.index("https://example.org/pledges/sl-2021-old/#update-2021-02-01-2")
    assert links[second + 1] == "https://example.org/pledges/sl-2021-old/#update-2021-02-01"
    assert feed.entries[second].title == "已撤回：3月底前建成5座泵站"
    assert "https://example.org/pledges/sl-2021-new/" in feed.entries[second].summary


def test_unit_without_interviews_has_an_empty_feed(tmp_path: Path) -> None:
    files = build_feeds(withdrawn_catalog(tmp_path), SITE)
    feed = parse_feed(files["units/nongye/feed.xml"])
    assert feed.entries == []
    assert feed.feed.updated == "2021-06-10T00:00:00+08:00"
    assert "units/nongye/calendar.ics" not in files


# -- iCalendar ----------------------------------------------------------------------


def test_calendar_has_an_all_day_event_per_pledge(small: Catalog, files: dict[str, bytes]) -> None:
    found = {str(e["UID"]): e for e in events(files["calendar.ics"])}
    assert sorted(found) == sorted(f"{e.id}@example.org" for e in small.entries)
    for entry in small.entries:
        event = found[f"{entry.id}@example.org"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date
        assert (start, end) == (entry.pledge.deadline, entry.pledge.deadline + dt.timedelta(days=1))
        changed = entry.pledge.latest.date if entry.pledge.latest else entry.interview.date
        assert event.decoded("DTSTAMP") == dt.datetime.combine(changed, dt.time(), dt.UTC), "the pledge's last change"
        assert str(event["URL"]) == f"https://example.org/pledges/{entry.id}/"
        assert entry.status.label in str(event["SUMMARY"])
        assert entry.unit.name in str(event["DESCRIPTION"])
    calendar = Calendar.from_ical(files["calendar.ics"])
    assert "状态截至2021年6月10日" in str(calendar["X-WR-CALDESC"])


def test_events_and_feeds_are_kept_between_builds(small: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = Memo(None)
    first = build_feeds(small, SITE, memo)
    # An event per pledge, the site's feed and a feed per unit.
    assert len(memo.new) == len(small.entries) + 1 + len(small.units)
    again = Memo(None)
    again.old = dict(memo.new)
    made: list[str] = []
    original = feeds.atom_feed

    def counted(*args: Any) -> bytes:
        made.append(args[3])
        return original(*args)

    monkeypatch.setattr(feeds, "atom_feed", counted)
    assert build_feeds(small, SITE, again) == first
    assert again.new == again.old, "every event and feed came from the memo"
    assert made == []
    other = replace(SITE, site_name="另一个站名")
    changed = build_feeds(small, other, again)
    assert len(made) == 1 + len(small.units) and changed[urls.FEED] != first[urls.FEED]


def test_calendar_summaries(files: dict[str, bytes]) -> None:
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in events(files["calendar.ics"])}
    assert summaries["jt-2020-zhanting@example.org"] == "年底前建成50座候车亭（推进中，已逾期）"
    assert summaries["jt-2020-weiqiao@example.org"] == "年内改造120座危桥（部分兑现）"


def test_calendar_is_valid_rfc_5545(files: dict[str, bytes]) -> None:
    for path, data in files.items():
        if not path.endswith(".ics"):
            continue
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path
        assert all(len(line) <= 75 for line in data.split(b"\r\n")), path
        calendar = parse_calendar(data)
        calendar.validate()  # type: ignore[no-untyped-call]
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        assert str(calendar["X-WR-CALNAME"])


def test_unit_calendar_holds_only_its_unit(files: dict[str, bytes]) -> None:
    calendar = parse_calendar(files["units/shuili/calendar.ics"])
    assert str(calendar["X-WR-CALNAME"]) == "水利厅承诺时限｜践诺测试站"
    assert all(str(e["UID"]).startswith("sl-") for e in calendar.walk("VEVENT"))
    assert str(calendar["URL"]) == "https://example.org/units/shuili/calendar.ics"


def test_withdrawn_pledge_is_a_cancelled_event(tmp_path: Path) -> None:
    files = build_feeds(withdrawn_catalog(tmp_path), SITE)
    event = next(e for e in events(files["calendar.ics"]) if str(e["UID"]) == "sl-2021-old@example.org")
    assert str(event["STATUS"]) == "CANCELLED"
    assert "（已撤回）" in str(event["SUMMARY"])
    assert "https://example.org/pledges/sl-2021-new/" in str(event["DESCRIPTION"])


# -- determinism ----------------------------------------------------------------------


def test_same_catalog_same_bytes() -> None:
    first = build_feeds(small_catalog(), SITE)
    time.sleep(1.1)  # a clock read would now give another second
    assert build_feeds(small_catalog(), SITE) == first


def test_bundled_site_feeds() -> None:
    catalog = load_catalog(ROOT / "interviews", dt.date(2020, 12, 31))
    files = build_feeds(catalog, BUNDLED)
    feed = parse_feed(files["feed.xml"])
    updates = sum(len(e.pledge.progress) for e in catalog.entries)
    passed = 3  # the deadlines passed unkept (see the test above)
    assert len(feed.entries) == len(catalog.interviews) + updates + passed
    assert len(events(files["calendar.ics"])) == len(catalog.entries)
