"""What a reader sees: Chromium walks the bundled site from the home page to a
pledge and back to the paragraph it was made in, and leaves screenshots in
tests/artifacts/ for people to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PLEDGE = "szjggw-2020-tuijinhui"
QUOTE = "7月,召开全省模范机关建设暨机关党建工作推进会"


def open_page(browser: Browser, width: int) -> tuple[Page, list[str]]:
    """A page at ``width`` px that records every URL it requests."""
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return page, requests


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_reader_walks_from_home_to_a_pledge_and_back_to_its_paragraph(
    browser: Browser, server: str, artifacts: Path
) -> None:
    page, requests = open_page(browser, 390)
    page.goto(server + "/")
    assert no_sideways_scroll(page)
    page.screenshot(path=artifacts / "1-home-390.png", full_page=True)

    page.click(".jn-card__title a")
    page.wait_for_url(server + "/interviews/shi-guangliang/")
    assert no_sideways_scroll(page)
    page.screenshot(path=artifacts / "2-interview-390.png", full_page=True)

    page.click(f"a.jn-pledges__link[href$='/{PLEDGE}/'] .jn-badge")
    page.wait_for_url(server + f"/pledges/{PLEDGE}/")
    assert page.inner_text("h1") == "7月召开全省模范机关建设暨机关党建工作推进会"
    assert no_sideways_scroll(page)
    page.screenshot(path=artifacts / "3-pledge-390.png", full_page=True)

    page.click("a.jn-source-quote__link")
    page.wait_for_url(server + "/interviews/shi-guangliang/#p8")
    target = page.locator("p.jn-para:target")
    assert target.get_attribute("id") == "p8"
    assert QUOTE in target.inner_text()
    box = target.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert box is not None and header is not None
    assert header["height"] <= box["y"] < 844, "the paragraph is scrolled into view below the header"
    page.screenshot(path=artifacts / "4-paragraph-390.png")

    assert [url for url in requests if not url.startswith(server)] == []


PAGE_KINDS = [
    "/",
    "/interviews/",
    "/interviews/shi-guangliang/",
    f"/pledges/{PLEDGE}/",
    "/pledges/",
    "/units/",
    "/units/szjggw/",
    "/stats/",
    "/data/",
    "/about/",
    "/methodology/",
    "/corrections/",
    "/guide/",
]


@pytest.mark.parametrize("width", [360, 960, 1280])
@pytest.mark.parametrize("url", PAGE_KINDS)
def test_page_reads_at_width(browser: Browser, server: str, artifacts: Path, url: str, width: int) -> None:
    page, requests = open_page(browser, width)
    page.goto(server + url)
    assert no_sideways_scroll(page)
    name = url.strip("/").replace("/", "-") or "home"
    page.screenshot(path=artifacts / f"{name}-{width}.png", full_page=True)
    assert [u for u in requests if not u.startswith(server)] == []
    page.close()


def test_qr_code_as_printed_leads_to_the_pledge(browser: Browser, server: str, artifacts: Path) -> None:
    page, _ = open_page(browser, 800)
    page.goto(server + f"/pledges/{PLEDGE}/")
    page.emulate_media(media="print")
    assert page.locator("header.md-header").is_hidden()
    figure = page.locator("figure.jn-qr")
    assert figure.is_visible()
    assert "扫码查看承诺进展" in figure.inner_text()
    shot = artifacts / "qr-print.png"
    page.screenshot(path=shot, full_page=True)
    figure.locator("img").screenshot(path=artifacts / "qr.png")
    with Image.open(artifacts / "qr.png") as image:
        decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == [f"https://jiannuo.example.org/pledges/{PLEDGE}/"]
    page.close()


def visible_rows(page: Page) -> list[dict[str, str]]:
    """The data of the rows a person can see: rendered, with a size (not
    only present: on phones a stylesheet once overrode the hidden attribute)."""
    script = """rows => rows
        .filter(r => r.checkVisibility() && r.getBoundingClientRect().height > 0)
        .map(r => Object.assign({}, r.dataset))"""
    rows: list[dict[str, str]] = page.eval_on_selector_all(".jn-table tbody tr", script)
    return rows


def test_a_filtered_url_opens_filtered_and_filters_make_urls(browser: Browser, server: str, artifacts: Path) -> None:
    page, _ = open_page(browser, 360)
    page.goto(server + "/pledges/?status=in_progress&overdue=1")
    rows = visible_rows(page)
    assert rows and all(r["status"] == "in_progress" and r["overdue"] == "1" for r in rows)
    assert page.input_value("#f-status") == "in_progress"
    assert page.is_checked("#f-overdue")
    assert page.inner_text("#filter-count") == f"显示 {len(rows)} / 22\u00a0项承诺，其中已逾期 {len(rows)}\u00a0项。"
    counts = page.locator(".jn-totals [data-status=in_progress] .jn-totals__count")
    assert counts.inner_text() == str(len(rows))
    page.screenshot(path=artifacts / "filters-360.png", full_page=True)

    page.click("#filters-toggle")  # on a phone the filters fold away
    page.uncheck("#f-overdue")
    page.select_option("#f-category", "模范机关建设")
    page.select_option("#f-sort", "-deadline")
    assert page.url == server + "/pledges/?status=in_progress&category=" + quote("模范机关建设") + "&sort=-deadline"
    rows = visible_rows(page)
    assert rows and all(r["status"] == "in_progress" and r["category"] == "模范机关建设" for r in rows)
    assert [r["deadline"] for r in rows] == sorted((r["deadline"] for r in rows), reverse=True)

    page.reload()
    assert visible_rows(page) == rows, "the URL keeps the filters"
    page.close()


def test_without_javascript_the_list_is_the_full_table(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/pledges/?status=fulfilled")
    assert page.locator("#filters").is_hidden()
    assert page.locator(".jn-table tbody tr").count() == 22
    assert page.locator(".jn-table tbody tr:visible").count() == 22
    context.close()


def test_pledge_page_budget(browser: Browser, server: str) -> None:
    """Measured in the browser: the page's own HTML is under 60 KB and it
    asks nothing of another host."""
    page, requests = open_page(browser, 390)
    response = page.goto(server + f"/pledges/{PLEDGE}/")
    assert response is not None
    size = len(response.body())
    print(f"pledge page HTML: {size / 1024:.1f} KB")
    assert size < 60 * 1024
    assert [u for u in requests if not u.startswith(server)] == []
    page.close()
