"""Chinese typography as a reader sees it, at phone and desktop width: no
line breaks inside a date, a person's name or a number with its unit;
headings break between words only; status chips are legible; the pledge
list gives the pledge its room."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from generator.views.wordbreak import KEEP_TOGETHER

from .test_browser import PAGE_KINDS, PLEDGE, open_page

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]
NAMES = ["石光亮"]

#: The texts on the page that a line break splits: each match of the
#: pattern in a text node (of the content and the footer) whose characters
#: lie on more than one line.
SPLIT_TEXTS = """([pattern, names]) => {
  const found = [];
  const re = new RegExp(names.map(n => n.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&")).concat([pattern]).join("|"), "g");
  for (const root of document.querySelectorAll("article, .md-footer")) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility() || node.parentElement.closest("pre, code")) continue;
      for (const match of node.data.matchAll(re)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) found.push(match[0]);
      }
    }
  }
  return found;
}"""

#: The pieces of each word-broken heading or title that a line break splits.
SPLIT_WORDS = """() => {
  const found = [];
  for (const words of document.querySelectorAll(".jn-words")) {
    if (!words.checkVisibility()) continue;
    for (const node of words.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) found.push(node.data);
    }
  }
  return found;
}"""


def visit(browser: Browser, server: str, url: str, width: int) -> Page:
    page, _ = open_page(browser, width)
    page.goto(server + url)
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", PAGE_KINDS)
def test_no_line_breaks_inside_dates_names_and_quantities(browser: Browser, server: str, url: str, width: int) -> None:
    page = visit(browser, server, url, width)
    split = page.evaluate(SPLIT_TEXTS, [KEEP_TOGETHER, NAMES])
    assert split == [], f"split across lines on {url} at {width}px: {split}"
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", PAGE_KINDS[:7])  # the generated pages
def test_headings_and_titles_break_between_words(browser: Browser, server: str, url: str, width: int) -> None:
    page = visit(browser, server, url, width)
    assert page.locator("article h1 .jn-words").count() >= (
        0 if url in ("/", "/interviews/", "/pledges/", "/units/") else 1
    )
    assert page.evaluate(SPLIT_WORDS) == []
    page.close()


def test_the_unit_heading_breaks_where_a_reader_would(browser: Browser, server: str) -> None:
    """「中共山东省委省直机关工作委员会」 does not fit a phone's line: it breaks
    between its parts, never in 「省直 / 机关」."""
    page = visit(browser, server, "/units/szjggw/", 360)
    lines = page.evaluate(
        """() => {
      const lines = [];
      let top = null;
      for (const node of document.querySelector("article h1 .jn-words").childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const y = Math.round(range.getClientRects()[0].top);
        if (y !== top) { lines.push(""); top = y; }
        lines[lines.length - 1] += node.data;
      }
      return lines;
    }"""
    )
    assert len(lines) >= 2 and "".join(lines) == "中共山东省委省直机关工作委员会"
    assert all(not line.endswith("省直") for line in lines)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "url", ["/", f"/pledges/{PLEDGE}/", "/pledges/", "/units/szjggw/", "/interviews/shi-guangliang/"]
)
def test_status_chips_are_at_least_12px(browser: Browser, server: str, url: str, width: int) -> None:
    page = visit(browser, server, url, width)
    sizes = page.eval_on_selector_all(
        ".jn-badge, .jn-stale",
        "chips => chips.filter(c => c.checkVisibility()).map(c => parseFloat(getComputedStyle(c).fontSize))",
    )
    assert sizes and min(sizes) >= 12, sizes
    page.close()


def test_the_pledge_column_has_the_room_on_a_desktop(browser: Browser, server: str) -> None:
    page = visit(browser, server, "/pledges/", 1280)
    table = page.locator(".jn-table").bounding_box()
    pledge = page.locator(".jn-table thead th").first.bounding_box()
    assert table is not None and pledge is not None
    assert page.locator(".jn-table thead th").first.inner_text().startswith("承诺")
    assert pledge["width"] >= 0.4 * table["width"], (pledge, table)
    page.close()


def test_on_a_phone_the_pledge_text_takes_the_whole_row(browser: Browser, server: str) -> None:
    page = visit(browser, server, "/pledges/", 360)
    for row in page.locator(".jn-table tbody tr").all()[:5]:
        cell, box = row.locator(".jn-table__pledge").bounding_box(), row.bounding_box()
        assert cell is not None and box is not None
        assert cell["width"] >= box["width"] - 16
    page.close()
