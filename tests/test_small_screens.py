"""Small screens, in Chromium against the bundled site: the 数据看板's table of
units keeps its key columns in view on a 360 px phone and says when the rest
scrolls; the 关怀版 button says which mode is on and how to leave it, and
leaves the site's name room in the header. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import BuiltSite, serve

pytestmark = pytest.mark.browser

CARE_KEY = "jn-care"
TOGGLE = "button.jn-care-toggle"
OFF, ON = "关怀版", "退出关怀版"
HINT = "左右滑动查看更多列"
#: The columns of the table of units a reader needs first, each by the
#: headings it may have (the total is 总数 or 合计 to a reader).
KEY_COLUMNS = [("单位",), ("总数", "合计"), ("已兑现",), ("已逾期",)]


def new_context(browser: Browser, server: str, width: int, care: bool = False) -> BrowserContext:
    """A fresh reader at ``width`` px; ``care``: one who chose 关怀版 before."""
    storage: Any = None
    if care:
        storage = {"cookies": [], "origins": [{"origin": server, "localStorage": [{"name": CARE_KEY, "value": "1"}]}]}
    return browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900}, storage_state=storage)


def settle(page: Page) -> None:
    """Loaded, and the scripts' measurements (made on the next frame) done."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def care_on(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.classList.contains('jn-care')"))


@pytest.fixture(scope="module")
def small_server(small_site: BuiltSite) -> Iterator[str]:
    """The small fixture site (two units, so a row of totals) on a free port."""
    with serve(small_site.out) as url:
        yield url


# ---------------------------------------------------------------------------
# /stats/

#: For each table of the page: whether its box scrolls sideways, and its
#: hint (None: the table has none) as a reader sees it.
SCROLLING = """() => [...document.querySelectorAll(".jn-stats__scroll")].map(box => {
  const hint = box.previousElementSibling;
  const shown = hint && hint.matches(".jn-scroll-hint") ? hint.checkVisibility() : null;
  const r = hint ? hint.getBoundingClientRect() : null;
  return {
    table: box.querySelector("table").id,
    scrolls: box.scrollWidth > box.clientWidth + 1,
    hint: shown === null ? null : { shown, text: hint.textContent.trim(), left: r.left, right: r.right },
  };
})"""

#: Every row of the table of units (head, units, total): its cells' text
#: and horizontal extent, as laid out.
CELLS = """table => [...table.rows].map(row => [...row.cells].map(cell => {
  const r = cell.getBoundingClientRect();
  return { text: cell.textContent.trim(), left: r.left, right: r.right, width: r.width };
}))"""


@pytest.mark.parametrize("mode", ["standard", "care"])
@pytest.mark.parametrize("site", ["real", "small"])
def test_stats_table_of_units_shows_its_key_columns_on_a_phone(
    request: pytest.FixtureRequest, browser: Browser, artifacts: Path, site: str, mode: str
) -> None:
    server: str = request.getfixturevalue("server" if site == "real" else "small_server")
    context = new_context(browser, server, 360, care=mode == "care")
    page = context.new_page()
    page.goto(server + "/stats/")
    settle(page)
    assert care_on(page) == (mode == "care")
    table = page.locator("#table-units")
    table.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"stats-units-{site}-360-{mode}.png")
    rows: list[list[dict[str, Any]]] = table.evaluate(CELLS)
    tables: list[dict[str, Any]] = page.evaluate(SCROLLING)
    context.close()

    headings = [cell["text"] for cell in rows[0]]
    columns = [next(i for i, text in enumerate(headings) if text in names) for names in KEY_COLUMNS]
    assert len(rows) >= 2 and all(len(row) == len(headings) for row in rows)
    outside = [
        f"{row[0]['text']} / {headings[i]}: {row[i]['left']:.0f}–{row[i]['right']:.0f} px"
        for row in rows
        for i in columns
        if row[i]["width"] <= 0 or row[i]["left"] < 0 or row[i]["right"] > 360
    ]
    assert not outside, "key cells outside a 360 px screen:\n" + "\n".join(outside)

    # The per-status columns that remain scroll, and a hint says so.
    assert tables and all(t["hint"] is not None for t in tables), tables
    for t in tables:
        if t["scrolls"]:
            hint = t["hint"]
            assert hint["shown"] and HINT in hint["text"], t
            assert hint["left"] >= 0 and hint["right"] <= 360, t


def test_stats_scroll_hint_only_where_a_table_scrolls(browser: Browser, server: str) -> None:
    context = new_context(browser, server, 1280)
    page = context.new_page()
    page.goto(server + "/stats/")
    settle(page)
    tables: list[dict[str, Any]] = page.evaluate(SCROLLING)
    context.close()
    assert tables
    assert all(t["hint"] is not None and t["hint"]["shown"] == t["scrolls"] for t in tables), tables


# ---------------------------------------------------------------------------
# The 关怀版 button


def label(page: Page) -> str:
    toggle = page.locator(TOGGLE)
    assert toggle.is_visible()
    return toggle.inner_text().strip()


@pytest.mark.parametrize("width", [360, 1280])
def test_care_button_says_which_mode_is_on_and_how_to_leave(
    browser: Browser, server: str, artifacts: Path, width: int
) -> None:
    context = new_context(browser, server, width)
    page = context.new_page()
    page.goto(server + "/")
    settle(page)
    assert label(page) == OFF
    assert not care_on(page)

    page.locator(TOGGLE).click()
    assert care_on(page)
    assert label(page) == ON
    assert page.get_by_role("button", name=ON, exact=True).is_visible(), "its name is what it shows"

    page.reload()
    settle(page)
    assert care_on(page)
    assert label(page) == ON
    header_fits(page, width)
    page.screenshot(path=artifacts / f"care-button-on-{width}.png", clip=header_clip(page, width))

    page.locator(TOGGLE).click()
    assert not care_on(page)
    assert label(page) == OFF
    assert page.evaluate(f"localStorage.getItem('{CARE_KEY}')") == "0"
    page.reload()
    settle(page)
    assert not care_on(page)
    assert label(page) == OFF
    header_fits(page, width)
    page.screenshot(path=artifacts / f"care-button-off-{width}.png", clip=header_clip(page, width))
    context.close()


def header_clip(page: Page, width: int) -> Any:
    box = page.locator("header.md-header").bounding_box()
    assert box is not None
    return {"x": 0, "y": 0, "width": width, "height": box["height"]}


def header_fits(page: Page, width: int) -> None:
    """The button sits whole in the header bar, and the site's name beside
    it keeps room for at least five characters."""
    header = page.locator("header.md-header").bounding_box()
    toggle = page.locator(TOGGLE).bounding_box()
    title = page.locator(".md-header__title").bounding_box()
    assert header and toggle and title
    assert toggle["x"] >= 0 and toggle["x"] + toggle["width"] <= width
    assert header["y"] <= toggle["y"] and toggle["y"] + toggle["height"] <= header["y"] + header["height"]
    assert title["x"] + title["width"] <= toggle["x"] + 1, "the name and the button do not overlap"
    size = float(page.eval_on_selector(".md-header__title", "e => parseFloat(getComputedStyle(e).fontSize)"))
    assert title["width"] >= 5 * size, f"the site's name has {title['width']:.0f} px at {size:.0f} px a character"
