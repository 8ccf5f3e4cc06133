"""Injection: an editor's text is shown as text. Every text field of an
interview, the unit register and the body carry script tags, broken-out
attributes, Markdown links and attributes, and template syntax; the built
site shows them as written and runs none of them."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Dialog

from generator.outputs.searchindex import read_search

from .conftest import SITES, BuiltSite, build_site, copy_site, serve

PAYLOADS = [
    '<script>alert("jn-1")</script>',
    '"><img src=x onerror=alert("jn-2")>',
    "{{ 9973*10007 }}",
    "{% if true %}jn-3{% endif %}",
    "[点我](javascript:alert('jn-4'))",
    "{: onclick=alert('jn-5') }",
    '<a href="data:text/html#jn-6">x</a>',
]
ALL = "".join(PAYLOADS)
QUOTE = "年内完成120座危桥改造" + ALL
# A web address may carry these characters too (it has a host and no spaces).
URL = "https://example.org/?q=\"><script>alert('jn-7')</script>"


def quoted(text: str) -> str:
    """``text`` as a YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def field(label: str) -> str:
    return quoted(label + ALL)


INTERVIEW = f"""---
title: {field("修好每一条路")}
subtitle: {field("副题")}
issue: 3
date: 2020-09-01
outlet: {field("测试日报")}
reporters: [{field("甲记者")}]
correspondents: [{field("丙通讯员")}]
unit: jiaotong
interviewee:
  name: {field("张三")}
  position: {field("厅长")}
photo:
  caption: {field("图说")}
summary: {field("摘要")}
pledges:
  - id: jt-2020-weiqiao
    text: {field("年内改造120座危桥")}
    quote: {quoted(QUOTE)}
    category: {field("桥梁安全")}
    deadline: 2020-12-31
    deadline_note: {field("期限说明")}
    target: {{value: 120, unit: {field("座")}}}
    progress:
      - date: 2020-12-20
        status: partial
        value: 100
        note: {field("进展说明")}
        sources:
          - {{title: {field("来源")}, url: {quoted(URL)}}}
          - {{title: {field("文件")}, doc_no: {field("测交发〔2020〕8号")}}}
---

导语{ALL}

## 小标题{ALL}

测试日报{ALL}：问题{ALL}

张三{ALL}：首先是桥梁安全。{QUOTE}，让群众走得放心。

<script>alert("jn-8")</script>

<div onclick="alert('jn-9')">块</div>
"""

UNITS = f"""- id: jiaotong
  name: {field("测试省交通运输厅")}
  short_name: {field("交通厅")}
- id: shuili
  name: 测试省水利厅
  short_name: 水利厅
"""

MARKERS = [f"jn-{n}" for n in range(1, 10)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small site with one interview and its unit full of payloads."""
    copy = copy_site(SITES / "small", tmp_path_factory.mktemp("hostile") / "src")
    (copy / "interviews/2020/zhang-san.md").write_text(INTERVIEW, encoding="utf-8")
    (copy / "interviews/units.yml").write_text(UNITS, encoding="utf-8")
    ledger = copy / "interviews/published.txt"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines() if "xinxian" not in line]
    ledger.write_text("\n".join(line for line in kept if "zhanting" not in line) + "\n", encoding="utf-8")
    return build_site(copy / "mkdocs.yml", tmp_path_factory.mktemp("hostile-site"))


def check_element(path: Path, name: str, attributes: dict[str, str]) -> None:
    """An element's attributes run nothing: no event handler, no script URL."""
    handlers = [key for key in attributes if key.lower().startswith("on")]
    assert handlers == [], f"{path}: <{name} {handlers}>"
    for key, value in attributes.items():
        if key.lower().rpartition("}")[2] in ("href", "src", "action"):
            assert not str(value).strip().lower().startswith(("javascript:", "data:")), f"{path}: <{name} {key}>"


def test_the_payloads_reach_the_pages(hostile: BuiltSite) -> None:
    pledge = (hostile.out / "pledges/jt-2020-weiqiao/index.html").read_text(encoding="utf-8")
    assert "jn-1" in pledge and "jn-7" in pledge, "the test would prove nothing"


def test_no_template_is_run(hostile: BuiltSite) -> None:
    for path in sorted(hostile.out.rglob("*")):
        if path.is_file() and path.suffix != ".png":
            text = path.read_text(encoding="utf-8", errors="replace").replace("<wbr>", "")
            assert "99799811" not in text, path
            plain = (
                text.count("%}jn-3") + text.count("%&#125;jn-3") + text.count("%25%7Djn-3")
            )  # as text, escaped, in a URL
            assert text.count("jn-3") == plain, path


def test_no_payload_becomes_html(hostile: BuiltSite) -> None:
    for path in sorted(hostile.out.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            check_element(path, tag.name, {k: str(v) for k, v in tag.attrs.items()})
            if tag.name in ("img", "iframe", "object", "embed"):
                assert not any(marker in str(tag) for marker in MARKERS), f"{path}: {tag}"
        for script in soup.find_all("script"):
            text = script.get_text()
            if script.get("type") == "application/ld+json":
                assert "<" not in text and json.loads(text), f"{path}: data, and nothing can close the element"
            else:
                assert not any(marker in text for marker in MARKERS), f"{path}: {text[:200]}"


def test_search_holds_the_payloads_as_text(hostile: BuiltSite) -> None:
    """The index's titles and first words are text (the search worker
    escapes them before the theme draws them as HTML)."""
    found = set()
    for location, page in read_search(hostile.out).items():
        if ALL in page.title or ALL[:40] in page.snippet:
            found.add(location)
    assert {"pledges/jt-2020-weiqiao/", "interviews/zhang-san/", "units/jiaotong/"} <= found


@pytest.mark.browser
def test_search_results_show_the_payloads_as_text(hostile: BuiltSite, browser: Browser) -> None:
    dialogs: list[str] = []
    with serve(hostile.out) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def record(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", record)
        page.goto(f"{base}/")
        page.fill("input.md-search__input", "aler")
        page.press("input.md-search__input", "t")
        titles = page.locator(".md-search-result__article h1")
        titles.first.wait_for(timeout=10_000)
        shown = titles.all_inner_texts()
        assert any(PAYLOADS[0] in title for title in shown), shown
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0
        page.close()
    assert dialogs == []


def test_no_payload_becomes_xml(hostile: BuiltSite) -> None:
    """Badges, QR codes, feeds and the sitemap: no script, no handler."""
    paths = sorted([*hostile.out.rglob("*.svg"), *hostile.out.rglob("*.xml")])
    assert any(p.name == "feed.xml" for p in paths) and any(p.parent.name == "badges" for p in paths)
    for path in paths:
        for element in ElementTree.parse(path).iter():
            assert element.tag.rpartition("}")[2] != "script", path
            check_element(path, element.tag, dict(element.attrib))


@pytest.mark.parametrize(
    "page",
    ["pledges/jt-2020-weiqiao/index.html", "interviews/zhang-san/index.html", "units/jiaotong/index.html"],
)
def test_the_payloads_are_shown_as_written(hostile: BuiltSite, page: str) -> None:
    text = BeautifulSoup((hostile.out / page).read_text(encoding="utf-8"), "html.parser").get_text()
    assert ALL in text


def test_the_feeds_carry_the_payloads_as_text(hostile: BuiltSite) -> None:
    """A feed reader shows an Atom text element as text; an html one it
    would read as markup."""
    carried = 0
    for path in sorted(hostile.out.rglob("feed.xml")):
        for element in ElementTree.parse(path).iter():
            if element.text and ALL in element.text:
                carried += 1
                assert element.get("type", "text") == "text", f"{path}: {element.tag}"
    assert carried >= 4, "titles and summaries of the site's feed and the unit's"


@pytest.mark.browser
def test_nothing_runs_in_the_browser(hostile: BuiltSite, browser: Browser) -> None:
    pages = [
        "",
        "pledges/",
        "pledges/jt-2020-weiqiao/",
        "embed/pledges/jt-2020-weiqiao/",
        "interviews/",
        "interviews/zhang-san/",
        "units/",
        "units/jiaotong/",
        "stats/",
    ]
    dialogs: list[str] = []
    with serve(hostile.out) as base:
        page = browser.new_page()

        def record(dialog: Dialog) -> None:
            dialogs.append(f"{page.url}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", record)
        for path in pages:
            response = page.goto(f"{base}/{path}")
            assert response is not None and response.ok, path
            page.wait_for_load_state("load")
            for link in page.locator("a[href^='javascript:'], [onclick]").all():
                link.click()
        page.close()
    assert dialogs == []
