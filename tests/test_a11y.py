"""Accessibility and the 关怀版 switch, in Chromium against the bundled site.

axe-core finds no serious or critical violation on any page kind, on a phone
and on a desktop, in the standard and in the 关怀版 (care) mode, nor with the
search open. The 关怀版 button in the header enlarges the text, says whether
it is on and how to leave it (「退出关怀版」), is remembered from page to page
and applied before the page is drawn, gives every link in a list, button and
tab a 44 × 44 px target, and keeps every page within a 360 px screen.
Screenshots of 关怀版 go to tests/artifacts/ for people to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, Route

pytestmark = pytest.mark.browser


CARE_KEY = "jn-care"
TOGGLE = "button.jn-care-toggle"
INTERVIEW = "/interviews/shi-guangliang/"

PAGE_KINDS = [
    "/",
    "/interviews/",
    INTERVIEW,
    "/pledges/",
    "/pledges/szjggw-2020-tuijinhui/",
    "/pledges/szjggw-2020-jizhong-diaoyan/",  # overdue
    "/units/",
    "/units/szjggw/",
    "/about/",
    "/data/",
    "/stats/",
    "/methodology/",
    "/corrections/",
    "/guide/",
    "/reports/2020/",
    "/reports/2020/szjggw/",
    "/404.html",
]

WIDTHS = [390, 1280]
MODES = ["standard", "care"]
BLOCKING = {"serious", "critical"}
MIN_TARGET = 44.0


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def new_context(browser: Browser, server: str, width: int, care: bool = False, **options: Any) -> BrowserContext:
    """A fresh reader at ``width`` px; ``care``: one who chose 关怀版 before."""
    storage: Any = None
    if care:
        storage = {"cookies": [], "origins": [{"origin": server, "localStorage": [{"name": CARE_KEY, "value": "1"}]}]}
    return browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 900}, storage_state=storage, **options
    )


def settle(page: Page) -> None:
    """Wait until the page has loaded, its scripts have laid it out and no
    transition is under way (axe would measure colours half faded in)."""
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def name_of(url: str) -> str:
    return url.strip("/").replace("/", "-") or "home"


def blocking_violations(axe: Axe, page: Page) -> list[dict[str, Any]]:
    violations: list[dict[str, Any]] = axe.run(page).response["violations"]
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule (id, impact, what it asks), then its offending selectors."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " >>> ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {target}    {summary}")
    return "\n".join(lines)


def font_size(page: Page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


def care_on(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.classList.contains('jn-care')"))


def horizontal_overflow(page: Page) -> int:
    """How many px the page is wider than the screen (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


# ---------------------------------------------------------------------------
# axe-core


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", PAGE_KINDS)
def test_no_serious_accessibility_violation(
    browser: Browser, server: str, axe: Axe, artifacts: Path, url: str, width: int, mode: str
) -> None:
    context = new_context(browser, server, width, care=mode == "care")
    page = context.new_page()
    page.goto(server + url)
    settle(page)
    assert care_on(page) == (mode == "care")
    violations = blocking_violations(axe, page)
    if mode == "care" and width == 1280:
        # The first screen: a full-page shot would catch the tabs mid-hide.
        page.screenshot(path=artifacts / f"care-{name_of(url)}-{width}.png")
    context.close()
    if violations:
        pytest.fail(f"{url} at {width} px ({mode}):\n{describe(violations)}", pytrace=False)


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violation_with_search_open(
    browser: Browser, server: str, axe: Axe, artifacts: Path, mode: str
) -> None:
    context = new_context(browser, server, 390, care=mode == "care")
    page = context.new_page()
    page.goto(server + INTERVIEW)
    settle(page)
    page.click("label.md-header__button[for='__search']")
    page.fill("input.md-search__input", "党支部")
    page.press("input.md-search__input", "End")  # the theme searches on key release
    page.locator(".md-search-result__item").first.wait_for()
    settle(page)  # the search overlay fades in
    violations = blocking_violations(axe, page)
    page.screenshot(path=artifacts / f"search-open-390-{mode}.png")
    context.close()
    if violations:
        pytest.fail(f"search open at 390 px ({mode}):\n{describe(violations)}", pytrace=False)


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violation_with_menu_open(browser: Browser, server: str, axe: Axe, mode: str) -> None:
    context = new_context(browser, server, 390, care=mode == "care")
    page = context.new_page()
    page.goto(server + "/pledges/")
    settle(page)
    page.click("label.md-header__button[for='__drawer']")
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for()
    settle(page)  # the menu slides in
    violations = blocking_violations(axe, page)
    context.close()
    if violations:
        pytest.fail(f"menu open at 390 px ({mode}):\n{describe(violations)}", pytrace=False)


def test_tables_too_wide_for_a_small_phone_scroll_by_keyboard(browser: Browser, server: str, axe: Axe) -> None:
    """At 320 px the tables of /data/ scroll sideways: each scroller can take
    focus and has a name of its own."""
    context = new_context(browser, server, 320)
    page = context.new_page()
    page.goto(server + "/data/")
    settle(page)
    scrollers: list[dict[str, Any]] = page.eval_on_selector_all(
        ".md-typeset__scrollwrap",
        """wraps => wraps.filter(w => w.scrollWidth > w.clientWidth + 1).map(w => ({
            tabindex: w.getAttribute("tabindex"), label: w.getAttribute("aria-label") }))""",
    )
    violations = blocking_violations(axe, page)
    context.close()
    assert scrollers, "no table scrolls at 320 px: this test needs a narrower screen"
    assert all(s["tabindex"] == "0" and s["label"] for s in scrollers), scrollers
    labels = [s["label"] for s in scrollers]
    assert len(set(labels)) == len(labels), labels
    if violations:
        pytest.fail(f"/data/ at 320 px:\n{describe(violations)}", pytrace=False)


# ---------------------------------------------------------------------------
# The 关怀版 switch


def body_start_probe(route: Route) -> None:
    """Serve the page with a script at the very start of <body> that notes
    whether 关怀版 is already on then, before any content can be drawn."""
    response = route.fetch()
    html = response.text()
    start = html.index("<body")
    end = html.index(">", start) + 1
    probe = "<script>window.jnCareAtBody = document.documentElement.classList.contains('jn-care')</script>"
    route.fulfill(response=response, body=html[:end] + probe + html[end:])


def test_care_switch_enlarges_text_and_is_remembered(browser: Browser, server: str, artifacts: Path) -> None:
    context = new_context(browser, server, 390)
    page = context.new_page()
    page.goto(server + INTERVIEW)
    settle(page)
    toggle = page.locator(TOGGLE)
    assert toggle.is_visible()
    assert toggle.inner_text().strip() == "关怀版"
    assert not care_on(page)
    article = ".jn-article p.jn-para:not(.jn-para--lede)"
    before = {selector: font_size(page, selector) for selector in ("body", ".md-typeset", article, ".jn-pledges__text")}

    toggle.click()
    assert toggle.inner_text().strip() == "退出关怀版"
    assert care_on(page)
    after = {selector: font_size(page, selector) for selector in before}
    for selector, size in before.items():
        assert 1.2 <= after[selector] / size <= 1.3, f"{selector}: {size}px → {after[selector]}px"
    assert page.evaluate(f"localStorage.getItem('{CARE_KEY}')") == "1"

    # A reload and a link to another page keep it, and apply it before the
    # body is parsed: nothing is ever drawn at the standard size first.
    context.route(lambda url: url.endswith("/"), body_start_probe)
    page.reload()
    settle(page)
    assert page.evaluate("window.jnCareAtBody") is True
    assert toggle.inner_text().strip() == "退出关怀版"
    assert font_size(page, article) == after[article]

    page.click(".jn-person__unit a[href$='/units/szjggw/']")
    page.wait_for_url(server + "/units/szjggw/")
    settle(page)
    assert page.evaluate("window.jnCareAtBody") is True
    assert page.locator(TOGGLE).inner_text().strip() == "退出关怀版"
    page.screenshot(path=artifacts / "care-switch-on-390.png")

    # Switched off, it stays off.
    page.locator(TOGGLE).click()
    assert page.locator(TOGGLE).inner_text().strip() == "关怀版"
    page.goto(server + INTERVIEW)
    settle(page)
    assert page.evaluate("window.jnCareAtBody") is False
    assert not care_on(page)
    assert font_size(page, article) == before[article]
    context.close()


def test_care_switch_enlarges_tables(browser: Browser, server: str) -> None:
    sizes = []
    for care in (False, True):
        context = new_context(browser, server, 1280, care=care)
        page = context.new_page()
        page.goto(server + "/pledges/")
        sizes.append(font_size(page, ".jn-table td"))
        context.close()
    assert 1.2 <= sizes[1] / sizes[0] <= 1.3, sizes


def test_care_switch_is_not_shown_without_javascript(browser: Browser, server: str) -> None:
    context = new_context(browser, server, 390, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + INTERVIEW)
    assert page.locator(TOGGLE).count() == 1
    assert page.locator(TOGGLE).is_hidden()
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_care_switch_sits_in_the_header_next_to_search(browser: Browser, server: str, width: int) -> None:
    context = new_context(browser, server, width)
    page = context.new_page()
    page.goto(server + "/")
    settle(page)
    header = page.locator("header.md-header").bounding_box()
    toggle = page.locator(TOGGLE).bounding_box()
    search = page.locator(
        "label.md-header__button[for='__search']" if width < 960 else ".md-search__form"
    ).bounding_box()
    assert header and toggle and search
    assert header["y"] <= toggle["y"] and toggle["y"] + toggle["height"] <= header["y"] + header["height"]
    assert toggle["x"] + toggle["width"] <= search["x"] + 1
    assert search["x"] - (toggle["x"] + toggle["width"]) < 24, "the switch is next to search"
    context.close()


# Everything a reader taps: links in lists (and tables of pledges), buttons,
# the header's buttons and the tabs.
TARGETS = ", ".join(
    [
        ".md-typeset li > a",
        ".md-typeset .jn-table a",
        ".md-typeset button",
        ".md-typeset .md-button",
        "button.jn-care-toggle",
        "label.md-header__button",
        ".md-tabs__link",
        ".md-sidebar .md-nav__link",
        "button.md-top",
    ]
)
SIZES = """targets => targets
  .filter(e => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width > 0 && r.right > 0 && r.left < innerWidth)
  .map(([e, r]) => ({
    html: e.outerHTML.slice(0, 120),
    width: Math.round(r.width * 10) / 10,
    height: Math.round(r.height * 10) / 10,
  }))"""


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("url", PAGE_KINDS)
def test_care_mode_tap_targets_are_44_px(browser: Browser, server: str, url: str, width: int) -> None:
    context = new_context(browser, server, width, care=True)
    page = context.new_page()
    page.goto(server + url)
    settle(page)
    targets: list[dict[str, Any]] = page.eval_on_selector_all(TARGETS, SIZES)
    context.close()
    assert targets, "nothing to tap?"
    small = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    assert not small, "\n".join(f"{t['width']}×{t['height']} {t['html']}" for t in small)


@pytest.mark.parametrize("url", PAGE_KINDS)
def test_care_mode_fits_a_360_px_screen(browser: Browser, server: str, artifacts: Path, url: str) -> None:
    context = new_context(browser, server, 360, care=True)
    page = context.new_page()
    page.goto(server + url)
    settle(page)
    assert care_on(page)
    overflow = horizontal_overflow(page)
    page.screenshot(path=artifacts / f"care-{name_of(url)}-360.png", full_page=True)
    context.close()
    assert overflow <= 0, f"{url} in 关怀版 at 360 px is {overflow} px wider than the screen"
