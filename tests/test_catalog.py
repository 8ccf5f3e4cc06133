"""Derived views: overdue, upcoming, changes, counts, anchors."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.check import load_and_check
from generator.content.model import Status, Update
from generator.views.asof import resolve_as_of
from generator.views.catalog import Catalog, kept_count, overdue_count, status_counts, update_anchors
from generator.views.formats import cn_date, percent, quantity

from .conftest import ROOT, SITES

D = dt.date


def catalog(as_of: dt.date) -> Catalog:
    """The small site's catalog as of any day (checked without the as-of
    rule, so that days before its last update can be tried)."""
    site = SITES / "small"
    corpus, problems = load_and_check(site / "interviews", site)
    assert problems == []
    return Catalog(corpus, as_of)


def test_overdue_depends_only_on_the_as_of_date() -> None:
    assert overdue_count(catalog(D(2020, 12, 31)).entries) == 0
    assert [e.id for e in catalog(D(2021, 1, 1)).entries if e.overdue] == ["jt-2020-zhanting"]
    assert {e.id for e in catalog(D(2021, 3, 1)).entries if e.overdue} == {"jt-2020-zhanting", "sl-2021-shuiku"}


def test_upcoming_is_open_pledges_due_in_the_next_days() -> None:
    assert [e.id for e in catalog(D(2021, 2, 1)).upcoming(30)] == ["sl-2021-shuiku"]
    assert [e.id for e in catalog(D(2021, 6, 10)).upcoming(30)] == ["sl-2021-hedao"]
    assert catalog(D(2021, 7, 1)).upcoming(30) == []


def test_changes_newest_first() -> None:
    changes = catalog(D(2021, 6, 10)).changes(2)
    assert [(c.entry.id, c.update.date) for c in changes] == [
        ("sl-2021-bengzhan", D(2021, 3, 1)),
        ("jt-2020-weiqiao", D(2020, 12, 20)),
    ]


def test_counts() -> None:
    entries = catalog(D(2021, 6, 10)).entries
    counts = {c.status: c.count for c in status_counts(entries)}
    assert counts[Status.NOT_STARTED] == 2
    assert counts[Status.PARTIAL] == 1
    assert counts[Status.WITHDRAWN] == 1
    assert sum(counts.values()) == 6
    assert kept_count(entries) == 1


def test_update_anchors_are_unique_per_day() -> None:
    updates = [Update(D(2020, 7, 15), Status.IN_PROGRESS, "a"), Update(D(2020, 7, 15), Status.FULFILLED, "b")]
    assert update_anchors(updates) == ["update-2020-07-15", "update-2020-07-15-2"]


def test_as_of_from_option_then_epoch_then_clock() -> None:
    assert resolve_as_of(D(2020, 1, 2), {"SOURCE_DATE_EPOCH": "0"}) == D(2020, 1, 2)
    # 2020-12-31 20:00 UTC is already 2021-01-01 in China.
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": "1609444800"}) == D(2021, 1, 1)
    assert resolve_as_of(None, {}) >= D(2026, 1, 1)


def test_bad_epoch_is_explained() -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        resolve_as_of(None, {"SOURCE_DATE_EPOCH": "yesterday"})


def test_chinese_formats() -> None:
    assert cn_date(D(2020, 7, 9)) == "2020年7月9日"
    assert quantity(44, "个支部") == "44 个支部"
    assert quantity(12.0, "公里") == "12 公里"
    assert percent(0.6818) == "68%"


def test_the_newest_changes_are_the_first_of_all_changes_newest_first() -> None:
    """The home page's latest progress (``changes(5)``) is taken without
    sorting every update: the same as the first of them all, ties included."""
    corpus, problems = load_and_check(ROOT / "interviews", ROOT)
    assert problems == []
    full = Catalog(corpus, D(2030, 1, 1))
    everything = full.changes()
    assert len(everything) == sum(len(e.pledge.progress) for e in full.entries) >= 10
    keys = [(c.update.date, c.entry.id) for c in everything]
    assert keys == sorted(keys, reverse=True)
    for limit in range(len(everything) + 2):
        assert full.changes(limit) == everything[:limit]
