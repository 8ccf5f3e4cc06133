"""The page for an address the site does not have, in Chromium: a clean page
in Chinese with search and a way on, whether it is opened as /404.html or
sent by a web server in place of a missing page at any depth."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response

from .conftest import BuiltSite, serve

pytestmark = pytest.mark.browser

HEADING = "页面未找到"
HOME = "返回首页"
PLEDGES = "查看全部承诺"
SEARCH = "label.jn-notfound__search"
QUERY = "党支部"
#: A missing address two levels down, where a relative link would go astray.
MISSING = "/pledges/no-such-pledge/"
#: The page's addresses that are relative to where it is served.
RELATIVE = r"""elements => elements
  .map(e => e.getAttribute("href") ?? e.getAttribute("src"))
  .filter(url => !/^(\/|https?:|#|mailto:|tel:|data:)/.test(url))"""


class _NotFound(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web server configured for it does: a missing
    file gets the site's 404.html, with the status 404."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def web_server(real_site: BuiltSite) -> Iterator[str]:
    """The bundled site behind a server that answers a missing address with 404.html."""
    with serve(real_site.out, _NotFound) as url:
        yield url


class Watched:
    """A page at a width, with everything that went wrong in it: script
    errors, errors logged to the console, requests that failed."""

    def __init__(self, browser: Browser, width: int, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 844 if width < 600 else 900}, java_script_enabled=javascript
        )
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("response", self._response)
        self.page.on("requestfailed", lambda request: self.failed.append(f"failed: {request.url}"))

    def _console(self, message: ConsoleMessage) -> None:
        # Chromium logs the status of a document sent as a 404; that one is the point.
        document_404 = message.text.startswith("Failed to load resource: the server responded with a status of 404")
        if document_404 and message.location.get("url", "") == self.page.url:
            return
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def _response(self, response: Response) -> None:
        # The document itself is the one expected 404.
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed.append(f"{response.status}: {response.url}")

    def close(self) -> None:
        self.context.close()


def settle(page: Page) -> None:
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def href(page: Page, text: str) -> tuple[str, str]:
    """The link's href as written and as the browser resolves it."""
    link = page.locator(".md-content a", has_text=text)
    assert link.count() == 1, f"one link「{text}」"
    assert link.is_visible()
    return link.get_attribute("href") or "", str(link.evaluate("a => a.href"))


def opens_search(page: Page) -> None:
    """The page's search box opens the theme's search, ready to type in."""
    search = page.locator(SEARCH)
    assert search.is_visible()
    assert "搜索" in search.inner_text()
    search.click()
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    assert page.locator("input.md-search__input").is_visible()
    assert page.is_checked("#__search")


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_not_found_page_is_a_clean_chinese_page(browser: Browser, server: str, artifacts: Path, width: int) -> None:
    watched = Watched(browser, width)
    page = watched.page
    page.goto(server + "/404.html")
    settle(page)
    page.screenshot(path=artifacts / f"404-{width}.png", full_page=True)
    assert watched.errors == [], watched.errors
    assert no_sideways_scroll(page)

    assert page.locator("h1").count() == 1
    assert page.inner_text("h1") == HEADING
    body = page.inner_text("body")
    assert "Not found" not in body and "<header" not in body and "<nav" not in body, "no markup shown as text"
    assert page.locator("header.md-header").is_visible()
    assert "网址" in page.inner_text(".md-content"), "says what happened"

    # Links from the site's root: they work wherever a server sends the page.
    assert href(page, HOME) == ("/", server + "/")
    assert href(page, PLEDGES) == ("/pledges/", server + "/pledges/")
    relative = page.eval_on_selector_all("[href], [src]", RELATIVE)
    assert relative == [], "addresses that go astray below the root"

    opens_search(page)
    assert watched.errors == [], watched.errors
    assert watched.failed == [], watched.failed
    assert [u for u in watched.requests if not u.startswith(server)] == []
    watched.close()


def test_not_found_page_works_at_a_missing_address_deep_in_the_site(
    browser: Browser, web_server: str, artifacts: Path
) -> None:
    watched = Watched(browser, 360)
    page = watched.page
    response = page.goto(web_server + MISSING)
    assert response is not None and response.status == 404
    settle(page)
    page.screenshot(path=artifacts / "404-nested-360.png", full_page=True)
    assert page.inner_text("h1") == HEADING
    assert no_sideways_scroll(page)
    # Its styles loaded from the root: the header is laid out as a bar at the top.
    header = page.locator("header.md-header").bounding_box()
    assert header is not None and header["y"] == 0 and header["width"] == 360 and 40 <= header["height"] <= 80

    opens_search(page)
    page.fill("input.md-search__input", QUERY)
    page.press("input.md-search__input", "End")  # the theme searches on key release
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    assert any("/pledges/" in (link.get_attribute("href") or "") for link in results.all())
    page.keyboard.press("Escape")
    page.wait_for_function("!document.getElementById('__search').checked")

    page.locator(".md-content a", has_text=PLEDGES).click()
    page.wait_for_url(web_server + "/pledges/")
    assert page.locator("table.jn-table tbody tr").count() == 22
    assert watched.errors == [], watched.errors
    assert watched.failed == [], watched.failed
    watched.close()


def test_not_found_search_opens_from_the_keyboard(browser: Browser, server: str) -> None:
    watched = Watched(browser, 1280)
    page = watched.page
    page.goto(server + "/404.html")
    settle(page)
    assert page.locator(SEARCH).count() == 1
    page.focus(SEARCH)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.matches('input.md-search__input')")
    assert page.is_checked("#__search")
    assert watched.errors == [], watched.errors
    watched.close()


def test_not_found_page_without_javascript_keeps_its_links(browser: Browser, web_server: str) -> None:
    watched = Watched(browser, 360, javascript=False)
    page = watched.page
    page.goto(web_server + MISSING)
    assert page.inner_text("h1") == HEADING
    assert page.locator(SEARCH).is_hidden(), "no search box that could not search"
    assert href(page, HOME) == ("/", web_server + "/")
    assert href(page, PLEDGES) == ("/pledges/", web_server + "/pledges/")
    assert watched.failed == [], watched.failed
    watched.close()
