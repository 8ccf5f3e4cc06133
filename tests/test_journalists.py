"""What journalists take from the small site: withdrawn pledges that stay,
old URLs that redirect, citations, metadata, badges, embeds and QR codes."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from generator.content.check import load_and_check
from generator.outputs import sitefiles
from generator.views.catalog import Catalog
from generator.views.siteview import Settings

from .conftest import ROOT, SITES, BuiltSite, build_site
from .test_build import PLEDGES, content, one, text_of

SITE = "https://example.org/"


def test_withdrawn_pledge_says_when_why_and_what_replaces_it(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/sl-2021-bengzhan/")
    notice = one(page, ".jn-withdrawn")
    assert "本承诺已于 2021年3月1日 撤回" in text_of(notice, ".jn-withdrawn__title")
    assert "原因：泵站建设并入河道治理工程统一实施" in notice.get_text()
    successor = one(notice, "a")
    assert (successor["href"], successor.get_text()) == ("../sl-2021-hedao/", "6月底前清理河道200公里")
    assert text_of(page, ".jn-pledge__status .jn-badge") == "已撤回"


def test_old_interview_url_redirects_to_the_new_one(small_site: BuiltSite) -> None:
    page = small_site.page("interviews/zhangsan-2020/")
    new = SITE + "interviews/zhang-san/"
    assert one(page, "link[rel=canonical]")["href"] == new
    assert one(page, "meta[http-equiv=refresh]")["content"] == f"0; url={new}"
    assert one(page, "body a")["href"] == new


def test_citation_block(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/jt-2020-zhanting/")
    assert text_of(page, ".jn-cite__text") == (
        "测试省交通运输厅（测试省交通运输厅厅长张三）在测试日报「决胜攻坚·向人民报告」第3期专访（2020年9月1日）中说："
        "“年底前建成50座候车亭”。截至2021年6月10日，状态：推进中（已逾期）。"
        "（进展为演示数据，并非真实报道，请勿引用。）来源：践诺测试站，https://example.org/pledges/jt-2020-zhanting/"
    )
    button = one(page, "button[data-jn-copy=cite-text]")
    assert button.has_attr("hidden"), "without JavaScript the text is selectable and the button stays hidden"


def test_interview_carries_news_article_json_ld(small_site: BuiltSite) -> None:
    script = one(small_site.page("interviews/zhang-san/"), "script[type='application/ld+json']")
    data = json.loads(script.get_text())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "修好每一条路 守好每一座桥"
    assert data["datePublished"] == "2020-09-01"
    assert [a["name"] for a in data["author"]] == ["甲记者", "乙记者"]
    assert data["publisher"] == {"@type": "Organization", "name": "测试日报"}
    assert data["url"] == SITE + "interviews/zhang-san/"
    assert data["image"] == [SITE + "interviews/zhang-san/card.png"]


def meta(head: Tag, key: str) -> str:
    """The content of ``<meta property=key>`` or ``<meta name=key>``."""
    tag = head.find("meta", attrs={"property": key}) or head.find("meta", attrs={"name": key})
    assert isinstance(tag, Tag), key
    return str(tag["content"])


def test_pledge_pages_carry_canonical_and_link_preview_metadata(small_site: BuiltSite) -> None:
    for pledge in PLEDGES:
        head = small_site.page(f"pledges/{pledge}/").head
        assert head is not None
        url = f"{SITE}pledges/{pledge}/"
        assert one(head, "link[rel=canonical]")["href"] == url
        assert meta(head, "og:url") == url
        assert meta(head, "og:image") == url + "card.png"
        assert meta(head, "og:type") == "article"
        assert meta(head, "twitter:card") == "summary_large_image"
        assert meta(head, "og:title") == text_of(content(small_site, f"pledges/{pledge}/"), "h1")
        assert "状态为" in meta(head, "og:description") == meta(head, "description")


def test_every_pledge_has_a_badge(small_site: BuiltSite) -> None:
    expected = {
        "jt-2020-weiqiao": "部分兑现",
        "jt-2020-zhanting": "推进中 · 40% · 已逾期",
        "sl-2021-hedao": "未启动",
        "sl-2021-bengzhan": "已撤回",
    }
    for pledge in PLEDGES:
        svg = ET.parse(small_site.out / "badges" / f"{pledge}.svg").getroot()
        texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert texts[0] == "践诺·演示", "the site's data is for demonstration"
        if pledge in expected:
            assert texts[1] == expected[pledge]


def test_every_pledge_has_a_small_script_free_embed(small_site: BuiltSite) -> None:
    for pledge in PLEDGES:
        path = small_site.out / "embed" / "pledges" / pledge / "index.html"
        html = path.read_text(encoding="utf-8")
        assert len(html.encode()) < 10_000
        soup = BeautifulSoup(html, "html.parser")
        assert soup.find("script") is None
        assert not [t for t in soup.select("[src], link[href]") if t.name != "link" or t["rel"] != ["canonical"]]
        links = {a["href"] for a in soup.select("a")}
        assert links == {f"{SITE}pledges/{pledge}/"}


def test_pledge_page_offers_the_snippets_to_copy(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/jt-2020-weiqiao/")
    badge = BeautifulSoup(text_of(page, "#badge-code"), "html.parser")
    assert one(badge, "a")["href"] == SITE + "pledges/jt-2020-weiqiao/"
    assert one(badge, "img")["src"] == SITE + "badges/jt-2020-weiqiao.svg"
    iframe = one(BeautifulSoup(text_of(page, "#embed-code"), "html.parser"), "iframe")
    assert iframe["src"] == SITE + "embed/pledges/jt-2020-weiqiao/"


def test_every_pledge_has_a_qr_code_shown_and_printed(small_site: BuiltSite) -> None:
    for pledge in PLEDGES:
        svg = (small_site.out / "pledges" / pledge / "qr.svg").read_text(encoding="utf-8")
        assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"
        figure = one(content(small_site, f"pledges/{pledge}/"), "figure.jn-qr")
        assert one(figure, "img")["src"] == "qr.svg"
        assert "扫码查看承诺进展" in figure.get_text()
        assert f"{SITE}pledges/{pledge}/" in figure.get_text()
    css = (small_site.out / "assets" / "stylesheets" / "jiannuo.css").read_text(encoding="utf-8")
    assert re.search(r"@media print \{[^@]*\.jn-qr", css)


def test_built_open_data_validates_against_the_published_schema(small_site: BuiltSite) -> None:
    api = small_site.out / "api"
    schema = json.loads((api / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    files = [api / "pledges.json", api / "units.json", *(api / "pledges" / f"{p}.json" for p in PLEDGES)]
    for path in files:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    assert (api / "pledges.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_built_feeds_and_calendars_parse(small_site: BuiltSite) -> None:
    for path in ["feed.xml", "units/jiaotong/feed.xml", "units/shuili/feed.xml"]:
        feed = feedparser.parse((small_site.out / path).read_bytes())
        assert feed.bozo == 0, path
        assert feed.entries
    for path in ["calendar.ics", "units/jiaotong/calendar.ics"]:
        calendar = icalendar.Calendar.from_ical((small_site.out / path).read_bytes())
        assert calendar.walk("VEVENT")
    head = small_site.page("").head
    assert head is not None
    assert one(head, "link[type='application/atom+xml']")["href"] == "feed.xml"


def card_paths(site: BuiltSite) -> list[str]:
    """Where the small site's share cards are: one per pledge, interview and unit."""
    pages = [f"pledges/{p}/" for p in PLEDGES]
    return [
        page + "card.png"
        for page in [*pages, "interviews/zhang-san/", "interviews/li-si/", "units/jiaotong/", "units/shuili/"]
    ]


def test_every_pledge_interview_and_unit_has_a_share_card(small_site: BuiltSite) -> None:
    for path in card_paths(small_site):
        with Image.open(small_site.out / path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), path
        assert (small_site.out / path).stat().st_mode & 0o444 == 0o444, "a web server must read it"


def test_a_rebuild_without_changes_draws_no_card(
    small_site: BuiltSite, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.pledges")
    again = build_site(SITES / "small" / "mkdocs.yml", tmp_path)
    drawn = [r.getMessage() for r in caplog.records if "分享图" in r.getMessage()]
    assert drawn == [f"pledges: 分享图新绘制 0 张，沿用缓存 {len(card_paths(again))} 张"]
    for path in card_paths(again):
        assert (again.out / path).read_bytes() == (small_site.out / path).read_bytes()


def test_qr_codes_drawn_in_worker_processes_are_those_drawn_here(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, problems = load_and_check(ROOT / "interviews", ROOT)
    assert problems == []
    catalog = Catalog(corpus, dt.date(2020, 12, 31))
    settings = Settings("践诺", "https://jiannuo.example.org/", "", "", "", demo=False)
    here = sitefiles.qr_files(catalog, settings)
    monkeypatch.setattr(sitefiles, "QR_IN_WORKERS", 2)
    there = sitefiles.qr_files(catalog, settings)
    assert len(here) == len(catalog.entries) == 22
    assert there == here
    assert all(svg.startswith(b"<svg") for svg in here.values())
