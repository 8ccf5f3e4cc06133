"""The pledge list's filters as a reader sees them, on a phone and on a
desktop: a filtered link shows exactly the matching rows (laid out on
screen, not only present in the page), what is late is one tap from the
home page, and a link with a filter value nobody knows says so."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .test_browser import open_page, visible_rows

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]
TOTAL = 22


def all_rows(page: Page) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = page.eval_on_selector_all(
        ".jn-table tbody tr", "rows => rows.map(r => Object.assign({}, r.dataset))"
    )
    return rows


FILTERS: list[tuple[str, Any]] = [
    ("status=delayed", lambda r: r["status"] == "delayed"),
    ("overdue=1", lambda r: r["overdue"] == "1"),
    ("stale=1", lambda r: r["stale"] == "1"),
    ("status=in_progress&overdue=1", lambda r: r["status"] == "in_progress" and r["overdue"] == "1"),
    ("unit=szjggw&status=fulfilled", lambda r: r["unit"] == "szjggw" and r["status"] == "fulfilled"),
    ("category=%E6%94%BF%E6%B2%BB%E5%BB%BA%E8%AE%BE", lambda r: r["category"] == "政治建设"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("query", "wanted"), FILTERS, ids=[q for q, _ in FILTERS])
def test_a_filtered_url_shows_exactly_the_matching_rows(
    browser: Browser, server: str, width: int, query: str, wanted: Any
) -> None:
    page, _ = open_page(browser, width)
    page.goto(f"{server}/pledges/?{query}")
    expected = [r for r in all_rows(page) if wanted(r)]
    assert expected, "the filter matches some pledges of the bundled site"
    assert len(expected) < TOTAL, "and not all of them"
    assert visible_rows(page) == expected
    count = page.inner_text("#filter-count")
    assert count.startswith(f"显示 {len(expected)} / {TOTAL}\u00a0项承诺")
    page.close()


def test_a_tile_filters_the_list_in_place_keeping_the_other_filters(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, 1280)
    page.goto(f"{server}/pledges/?unit=szjggw")
    page.click(".jn-totals [data-status=delayed] a")
    assert page.url == f"{server}/pledges/?unit=szjggw&status=delayed"
    assert [r["status"] for r in visible_rows(page)] == ["delayed"]
    page.click(".jn-totals [data-overdue] a")
    assert page.url == f"{server}/pledges/?unit=szjggw&status=delayed&overdue=1"
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_what_is_late_is_one_tap_from_the_home_page(browser: Browser, server: str, width: int) -> None:
    page, _ = open_page(browser, width)
    page.goto(server + "/")
    page.click(".jn-totals [data-overdue] a")
    page.wait_for_url(f"{server}/pledges/?overdue=1")
    rows = visible_rows(page)
    assert len(rows) == 2 and all(r["overdue"] == "1" for r in rows)
    page.go_back()
    page.click(".jn-totals [data-status=fulfilled] a")
    page.wait_for_url(f"{server}/pledges/?status=fulfilled")
    assert len(visible_rows(page)) == 10
    page.close()


def test_a_unit_page_leads_to_its_late_pledges(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, 360)
    page.goto(server + "/units/szjggw/")
    first = page.locator(".jn-table tbody tr").first
    assert first.get_attribute("data-overdue") == "1", "overdue pledges come first"
    page.get_by_role("link", name="只看本单位已逾期的 2\u00a0项").click()
    page.wait_for_url(f"{server}/pledges/?unit=szjggw&overdue=1")
    assert len(visible_rows(page)) == 2
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_unknown_filter_value_is_named_and_can_be_cleared(browser: Browser, server: str, width: int) -> None:
    page, _ = open_page(browser, width)
    page.goto(f"{server}/pledges/?status=bogus&unit=szjggw&overdue=yes")
    notice = page.locator("#filter-unknown")
    assert notice.is_visible()
    assert "状态「bogus」" in notice.inner_text() and "只看已逾期「yes」" in notice.inner_text()
    assert len(visible_rows(page)) == TOTAL, "the unknown values filter nothing; the known one (unit) applies"
    assert page.input_value("#f-status") == ""
    notice.get_by_role("link", name="清除筛选，查看全部承诺").click()
    page.wait_for_url(f"{server}/pledges/")
    assert page.locator("#filter-unknown").is_hidden()
    page.close()


def test_a_search_highlight_parameter_is_no_unknown_filter(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, 1280)
    page.goto(f"{server}/pledges/?h=%E5%85%9A%E6%94%AF%E9%83%A8&status=delayed")
    assert page.locator("#filter-unknown").is_hidden()
    assert len(visible_rows(page)) == 1
    page.close()


@pytest.mark.parametrize(("width", "height"), [(360, 640), (390, 844)])
def test_on_a_phone_the_first_pledge_is_on_the_first_screen(
    browser: Browser, server: str, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/pledges/?status=delayed")
    form, toggle = page.locator("#filters"), page.locator("#filters-toggle")
    assert form.is_hidden() and toggle.is_visible()
    assert "已选 1\u00a0项" in toggle.inner_text()
    box = page.locator(".jn-table tbody tr:not([hidden]) .jn-table__pledge a").first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, box
    toggle.click()
    assert form.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.select_option("#f-status", "")
    assert len(visible_rows(page)) == TOTAL
    toggle.click()
    assert form.is_hidden()
    page.close()


def test_on_a_desktop_the_filters_are_open_without_a_toggle(browser: Browser, server: str) -> None:
    page, _ = open_page(browser, 1280)
    page.goto(f"{server}/pledges/")
    assert page.locator("#filters").is_visible()
    assert page.locator("#filters-toggle").is_hidden()
    page.check("#f-stale")
    assert page.url == f"{server}/pledges/?stale=1"
    assert visible_rows(page) and all(r["stale"] == "1" for r in visible_rows(page))
    page.close()
