"""Search as a Chinese reader uses it, in Chromium on the bundled site: a
query entered with a pinyin input method, key by key or pasted starts the
search; a word finds the pages with that word (「党支部」, not every page
with a 「党」) and the page opened marks that word; the status words find the
pledges in that state; a unit's short name and a part of it find the unit
and its pledges before the site's own pages; the editors' guide comes after
every pledge.

What is checked is what a reader sees: the pages the search dialog lists, in
their order, and the marks on the page opened from it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.outputs.searchindex import read_search

from .conftest import BuiltSite

FIELD = "input.md-search__input"
META = ".md-search-result__meta"
#: The first link of each result is the page; the others are its sections.
PAGE_LINKS = ".md-search-result__item > a.md-search-result__link:first-child"
#: Where the theme marks the words searched for on the page opened.
CONTENT = "[data-md-component=content]"
#: What the dialog says once the search engine is ready and the field is empty.
READY = "键入以开始搜索"
#: How a pinyin input method composes each query before committing it.
PINYIN = {
    "党支部": "dangzhibu",
    "滞后": "zhihou",
    "逾期": "yuqi",
    "已兑现": "yiduixian",
    "省直机关工委": "shengzhijiguangongwei",
    "工委": "gongwei",
    "单位": "danwei",
    "承诺": "chengnuo",
    "进展": "jinzhan",
    "模范机关建设": "mofanjiguanjianshe",
    "推进中": "tuijinzhong",
}
#: The site's own pages, which the pledges and units must come before.
OWN_PAGES = ("/about/", "/guide/", "/data/")


@dataclass(frozen=True)
class Pledge:
    """What the tests need of a pledge: where it is and what it says."""

    path: str
    text: str
    status: str
    overdue: bool
    unit: str


@pytest.fixture(scope="module")
def pledges(real_site: BuiltSite) -> list[Pledge]:
    """The pledges of the bundled site, as its open data lists them."""
    data = json.loads((real_site.out / "api" / "pledges.json").read_text(encoding="utf-8"))
    return [
        Pledge(urlsplit(p["url"]).path, p["text"], p["status"]["label"], p["overdue"], urlsplit(p["unit"]["url"]).path)
        for p in data["pledges"]
    ]


@pytest.fixture(params=[360, 1280], ids=["phone", "desktop"])
def search(browser: Browser, server: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The home page on a phone or a desktop, with the search dialog open and
    its engine ready; it fails the test if the page asks any other host for anything."""
    width: int = request.param
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server + "/")
    # On a phone the field is behind the header's search button.
    page.click("label.md-header__button[for='__search']" if width < 960 else FIELD)
    page.wait_for_function(f"document.querySelector('{META}').textContent === '{READY}'")
    yield page
    page.close()
    assert [u for u in requests if not u.startswith(server)] == []


def compose(page: Page, query: str) -> None:
    """Type ``query`` as with a pinyin input method: the letters are composed
    (the field shows them, no key reaches the page), then the words are
    committed at once."""
    cdp = page.context.new_cdp_session(page)
    letters = PINYIN[query]
    for end in range(1, len(letters) + 1):
        cdp.send("Input.imeSetComposition", {"text": letters[:end], "selectionStart": end, "selectionEnd": end})
    cdp.send("Input.insertText", {"text": query})
    cdp.detach()


def paste(page: Page, query: str) -> None:
    """Paste ``query`` into the field as from a menu: the text changes, no key is pressed."""
    script = """([selector, text]) => {
        const field = document.querySelector(selector);
        field.value = text;
        field.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
    }"""
    page.evaluate(script, [FIELD, query])


def enter(page: Page, query: str) -> list[str]:
    """Compose ``query`` in the empty field; the pages listed for it."""
    compose(page, query)
    page.wait_for_function(f"document.querySelector('{META}').textContent !== '{READY}'", timeout=10_000)
    return listed(page)


def listed(page: Page) -> list[str]:
    """The paths of the pages the dialog lists, in order, all of them: it
    draws ten and then four more each time the reader scrolls to the end."""
    count = int(re.sub(r"\D", "", page.inner_text(META)) or 0)
    links = page.locator(PAGE_LINKS)
    while links.count() < count:
        drawn = links.count()
        # It draws more when the list is scrolled to its end from elsewhere.
        for top in ("0", "wrap.scrollHeight"):
            page.eval_on_selector(".md-search__scrollwrap", f"wrap => wrap.scrollTo(0, {top})")
            page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.wait_for_function(f"document.querySelectorAll('{PAGE_LINKS}').length > {drawn}", timeout=5_000)
    return [urlsplit(href).path for href in links.evaluate_all("links => links.map(a => a.href)")]


def screenshot(page: Page, artifacts: Path, name: str) -> None:
    """What the reader sees (the dialog scrolled back to its top), left for people to look at."""
    page.evaluate("() => document.querySelector('.md-search__scrollwrap')?.scrollTo(0, 0)")
    size = page.viewport_size
    page.screenshot(path=artifacts / f"search-{name}-{size['width'] if size else 0}.png")


def shown(paths: list[str]) -> str:
    """The list, short enough to read in a failure message."""
    return " ".join(p.removeprefix("/pledges/szjggw-2020-") for p in paths)


@pytest.mark.browser
@pytest.mark.parametrize("how", ["pinyin", "keys", "paste"])
def test_a_query_typed_key_by_key_composed_or_pasted_starts_the_search(search: Page, how: str) -> None:
    """The theme searches when a key is released; an input method commits a
    word, and a paste puts text in the field, with no key of their own."""
    if how == "pinyin":
        compose(search, "党支部")
    elif how == "keys":
        search.keyboard.type("党支部")
    else:
        paste(search, "党支部")
    # Key by key, each longer query is searched in turn: wait for the last.
    search.wait_for_selector(f"{PAGE_LINKS}[href*='h={quote('党支部')}']", timeout=10_000)
    assert search.input_value(FIELD) == "党支部"
    assert "/pledges/szjggw-2020-houjin-zhibu/" in listed(search)


@pytest.mark.browser
def test_a_word_finds_its_pledges_first_and_the_page_marks_the_word(
    search: Page, pledges: list[Pledge], artifacts: Path
) -> None:
    word = "党支部"
    about_it = {p.path for p in pledges if word in p.text}
    # Pledges about a 党组 or a 党课: a search that cuts 「党支部」 to 「党」 finds them.
    other_party = {p.path for p in pledges if re.search("党组|党课", p.text) and word not in p.text}
    assert len(about_it) >= 3 and other_party
    paths = enter(search, word)
    assert set(paths[: len(about_it)]) == about_it, shown(paths)
    assert not other_party & set(paths), shown(paths)
    screenshot(search, artifacts, word)

    search.locator(PAGE_LINKS).first.click()
    search.wait_for_url(re.compile(re.escape(paths[0])))
    marks = search.locator(f"{CONTENT} mark")
    marks.first.wait_for()
    marked = marks.all_inner_texts()
    content = search.inner_text(CONTENT)
    assert marked and set(marked) == {word}, marked
    assert len(marked) == content.count(word)
    assert content.count("党") > content.count(word), "the page has a 「党」 outside the word, left unmarked"
    assert search.locator("h1").count() == 1
    screenshot(search, artifacts, f"{word}-marked")


@pytest.mark.browser
@pytest.mark.parametrize("word", ["滞后", "逾期", "已兑现"])
def test_a_status_word_finds_the_pledges_in_that_state(
    search: Page, pledges: list[Pledge], artifacts: Path, word: str
) -> None:
    expected = {p.path for p in pledges if (p.overdue if word == "逾期" else p.status == word)}
    others = {p.path for p in pledges} - expected
    assert expected
    paths = enter(search, word)
    assert set(paths[: len(expected)]) == expected, shown(paths)
    assert not others & set(paths), shown(paths)
    screenshot(search, artifacts, word)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["省直机关工委", "工委"])
def test_a_units_short_name_or_part_of_it_finds_the_unit_then_its_pledges(
    search: Page, pledges: list[Pledge], artifacts: Path, name: str
) -> None:
    unit = "/units/szjggw/"
    own = [p.path for p in pledges if p.unit == unit]
    paths = enter(search, name)
    assert paths[0] == unit, shown(paths)
    assert set(own) <= set(paths), shown(paths)
    last_pledge = max(paths.index(p) for p in own)
    for page in OWN_PAGES:
        assert page not in paths or paths.index(page) > last_pledge, shown(paths)
    screenshot(search, artifacts, name)


@pytest.mark.browser
def test_a_page_loads_no_index_and_a_query_loads_only_its_part(
    browser: Browser, server: str, real_site: BuiltSite
) -> None:
    """The theme loads its index with every page; here a page loads the
    worker and the theme's empty index, and a query the few files it needs."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(urlsplit(request.url).path))
    page.goto(server + "/", wait_until="networkidle")
    index = real_site.out / "search"
    on_load = [path for path in loaded if path.startswith("/search/")]
    assert on_load == ["/search/search_index.json"]
    assert (index / "search_index.json").stat().st_size < 1_000
    loaded.clear()
    page.click(FIELD)
    compose(page, "党支部")
    page.wait_for_selector(PAGE_LINKS, timeout=10_000)
    page.wait_for_load_state("networkidle")
    page.close()
    asked = [path for path in loaded if path.startswith("/search/")]
    everything = [p for p in index.rglob("*.json") if p.name != "search_index.json"]
    assert "/search/meta.json" in asked and len(asked) <= 8, asked
    size = sum((real_site.out / path.lstrip("/")).stat().st_size for path in asked)
    assert size * 2 < sum(p.stat().st_size for p in everything), asked


@pytest.mark.browser
def test_the_editors_guide_never_ranks_above_a_pledge(search: Page) -> None:
    above: dict[str, str] = {}
    for query in PINYIN:
        search.fill(FIELD, "")
        search.press(FIELD, "Backspace")  # the theme reads the emptied field on key release
        search.wait_for_function(f"document.querySelector('{META}').textContent === '{READY}'")
        paths = enter(search, query)
        found = [i for i, p in enumerate(paths) if p.startswith("/pledges/")]
        if "/guide/" in paths and found and paths.index("/guide/") < max(found):
            above[query] = shown(paths)
    assert above == {}


def test_the_index_holds_no_word_of_one_character_and_the_parts_of_long_words(real_site: BuiltSite) -> None:
    """What the search dialog relies on (see generator/outputs/searchindex.py)."""
    pages = read_search(real_site.out)
    lone = {w for page in pages.values() for w in page.words if re.fullmatch(r"[\u4e00-\u9fff]", w)}
    assert lone == set()
    late = pages["pledges/szjggw-2020-zhuti-zeren-jiaoliu/"]
    assert {"滞后", "已逾期", "省直机关工委", "逾期", "工委"} <= late.words
    assert "工委" in pages["units/szjggw/"].words
    # A result shows the page's title, and under it the page's first words but the title.
    shown = plain_text(real_site, late.location)
    assert late.title in shown and late.title not in late.snippet
    assert late.snippet.split() == ["中共山东省委省直机关工作委员会", "省直机关工委", "主体责任", "滞后", "已逾期"]
    assert all(piece in shown for piece in late.snippet.split())


def plain_text(site: BuiltSite, location: str) -> str:
    """The visible words of a page, without spaces."""
    content = site.page(location).select_one(CONTENT)
    assert content is not None, location
    return "".join(content.get_text().split())
