"""What leaves the site says exactly what the interview said: only the
verbatim quote stands inside quotation marks — in the citation, the embed,
the share card, the JSON-LD and the feed — and demonstration data says so
in every copy."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast

import feedparser
import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops

from generator.outputs.cards import BAND, HEIGHT, WIDTH, draw
from generator.outputs.sitefiles import badge_files, cards, pledge_card
from generator.text.glyphs import find_font
from generator.views.catalog import Catalog
from generator.views.citation import citation
from generator.views.formats import quoted, unquoted
from generator.views.siteview import DEMO_NOTE, Settings

from .conftest import ROOT, SITES, BuiltSite, build_site, copy_site
from .test_build import one
from .test_opendata import AS_OF, BUNDLED, SITE, load_catalog
from .test_opendata import small_catalog as small

#: A span the text presents as said: inside Chinese double quotes (nested
#: quotes inside it are single ones, so a span holds no double quote).
SAID = re.compile("“([^“”]*)”")

SITES_BUILT = {
    "small": (SITES / "small" / "interviews", AS_OF, SITE),
    "real": (ROOT / "interviews", dt.date(2020, 12, 31), BUNDLED),
}


def said(text: str) -> list[str]:
    """What ``text`` puts inside quotation marks, as it was written."""
    return [unquoted(span) for span in SAID.findall(text)]


@pytest.fixture(params=sorted(SITES_BUILT))
def site(request: pytest.FixtureRequest) -> tuple[str, BuiltSite, Catalog, Settings]:
    name: str = request.param
    built: BuiltSite = request.getfixturevalue(f"{name}_site")
    folder, as_of, settings = SITES_BUILT[name]
    return name, built, load_catalog(folder, as_of), settings


def paragraphs(built: BuiltSite, slug: str) -> list[str]:
    """The interview's paragraphs as its page shows them."""
    page = built.page(f"interviews/{slug}/")
    return [p.get_text() for p in page.select("p.jn-para")]


def assert_said_in(texts: list[str], spans: list[str], where: str) -> None:
    for span in spans:
        assert any(span in text for text in texts), f"{where} presents as said what the interview does not say: {span}"


def test_quoted_nests_chinese_quotes_and_unquoted_undoes_it() -> None:
    assert quoted("整改“回头看”情况") == "“整改‘回头看’情况”"
    assert quoted("他说‘好’") == "“他说“好””"
    assert unquoted(quoted("a“b”c‘d’")[1:-1]) == "a“b”c‘d’"


def test_only_the_verbatim_quote_is_presented_as_said(site: tuple[str, BuiltSite, Catalog, Settings]) -> None:
    name, built, catalog, settings = site
    feed = feedparser.parse((built.out / "feed.xml").read_bytes())
    card_texts = {card.path: " ".join(card.texts()) for card in cards(catalog, settings)}
    summarised = 0
    for entry in catalog.entries:
        pledge = entry.pledge
        interview = paragraphs(built, entry.interview.slug)
        page = built.page(f"pledges/{entry.id}/")

        cite = one(page, "#cite-text").get_text()
        assert_said_in(interview, said(cite), f"the citation of {entry.id}")
        assert pledge.quote in said(cite)
        if pledge.text != pledge.quote:
            summarised += 1
            assert pledge.text not in said(cite), f"the summary of {entry.id} is quoted as said"
            assert f"本站概括的承诺：{pledge.text}" in cite

        ld = json.loads(one(page, "article script[type='application/ld+json']").get_text())
        assert ld["@type"] == "Quotation" and ld["text"] == pledge.quote
        assert_said_in(interview, [ld["text"]], f"the JSON-LD of {entry.id}")
        assert ld["spokenByCharacter"]["name"] == entry.interview.interviewee.name

        embed = BeautifulSoup(
            (built.out / "embed" / "pledges" / entry.id / "index.html").read_text("utf-8"), "html.parser"
        )
        assert_said_in(interview, said(embed.get_text()), f"the embed of {entry.id}")

        card = card_texts[f"pledges/{entry.id}/card.png"]
        assert_said_in(interview, said(card), f"the share card of {entry.id}")

        mine = [e for e in feed.entries if f"/pledges/{entry.id}/" in e.link]
        for item in mine:
            assert_said_in(interview, said(item.title + item.summary), f"the feed entry {item.link}")
    if name == "real":
        # The bundled site is the case that matters: 19 of its 22 summaries
        # are not the words said (11 in substance, the others in punctuation).
        assert (summarised, len(catalog.entries)) == (19, 22)


def test_the_citation_names_outlet_column_issue_and_date(real_site: BuiltSite) -> None:
    cite = one(real_site.page("pledges/szjggw-2020-jixiao-kaohe/"), "#cite-text").get_text()
    assert cite.startswith(
        "中共山东省委省直机关工作委员会（省委省直机关工委分管日常工作的副书记石光亮）"
        "在齐鲁晚报·齐鲁壹点「决胜攻坚·向人民报告」第10期专访（2020年6月30日）中说："
        "“把重大舆情处置以及省委巡视反馈整改落实‘回头看’情况纳入绩效考核”。"
        "本站概括的承诺：把重大舆情处置和省委巡视整改“回头看”情况纳入绩效考核。"
    ), "nested quotes are single; the summary stands outside the marks"
    assert cite.endswith(
        "来源：践诺｜决胜攻坚·向人民报告，https://jiannuo.example.org/pledges/szjggw-2020-jixiao-kaohe/"
    )


def test_a_quoted_full_sentence_keeps_its_own_stop() -> None:
    catalog = small()
    entry = catalog.entries[0]
    assert f"中说：“{entry.pledge.quote}”。" in citation(entry, SITE, catalog.as_of)
    entry.pledge.quote += "。"
    assert f"中说：“{entry.pledge.quote}”本站" in citation(entry, SITE, catalog.as_of)


# -- demonstration data ---------------------------------------------------------


NOT_DEMO = Settings("践诺测试站", "https://example.org/", "决胜攻坚·向人民报告", "测试出版方", "", demo=False)


def test_the_citation_carries_the_demo_notice_only_for_demo_data() -> None:
    catalog = small()
    for entry in catalog.entries:
        assert DEMO_NOTE in citation(entry, SITE, catalog.as_of)
        assert "演示" not in citation(entry, NOT_DEMO, catalog.as_of)


def badge_label(svg: bytes) -> tuple[str, str]:
    root = ET.fromstring(svg)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    title = root.findtext("{http://www.w3.org/2000/svg}title") or ""
    return texts[0], title


def test_the_badge_carries_a_short_demo_mark() -> None:
    catalog = small()
    for (path, demo), plain in zip(
        badge_files(catalog, SITE).items(), badge_files(catalog, NOT_DEMO).values(), strict=True
    ):
        assert badge_label(demo)[0] == "践诺·演示", path
        assert badge_label(demo)[1].endswith(f"，数据截至2021年6月10日{DEMO_NOTE}")
        assert badge_label(plain)[0] == "践诺" and "演示" not in badge_label(plain)[1]


def test_every_share_card_carries_the_demo_mark_and_pledge_cards_the_as_of_date() -> None:
    catalog = small()
    for card in cards(catalog, SITE):
        assert card.notice == "演示数据", card.path
    for card in cards(catalog, NOT_DEMO):
        assert card.notice == "", card.path
    for entry in catalog.entries:
        assert "状态数据截至 2021年6月10日" in pledge_card(SITE, entry, catalog.as_of).meta


def test_the_demo_mark_is_drawn_in_the_band() -> None:
    """The mark is on the picture, not only in the data: the demo card and
    the plain one differ at the band's right end, and below the band only
    by the palette's rounding."""
    catalog = small()
    entry = catalog.entries[0]
    font = find_font(None, ROOT)
    demo = Image.open(io.BytesIO(draw(pledge_card(SITE, entry, catalog.as_of), font))).convert("RGB")
    plain = Image.open(io.BytesIO(draw(pledge_card(NOT_DEMO, entry, catalog.as_of), font))).convert("RGB")
    band = (WIDTH * 3 // 4, 0, WIDTH, BAND)
    assert largest_difference(demo.crop(band), plain.crop(band)) > 128
    below = (0, BAND + 6, WIDTH, HEIGHT)
    assert largest_difference(demo.crop(below), plain.crop(below)) <= 16


def largest_difference(one: Image.Image, other: Image.Image) -> float:
    """The largest difference of a channel between two RGB images."""
    extrema = cast(list[tuple[float, float]], ImageChops.difference(one, other).getextrema())
    return max(high for _, high in extrema)


def test_the_embed_and_the_pledge_page_carry_the_demo_notice(small_site: BuiltSite) -> None:
    for entry in small().entries:
        embed = BeautifulSoup(
            (small_site.out / "embed" / "pledges" / entry.id / "index.html").read_text("utf-8"), "html.parser"
        )
        assert one(embed, ".d").get_text() == "演示数据"
        assert "数据截至 2021年6月10日" in embed.get_text()
        page = small_site.page(f"pledges/{entry.id}/")
        assert one(page, "article .jn-demo")


def test_without_demo_data_no_copy_says_demo(tmp_path: Path) -> None:
    copy = copy_site(SITES / "small", tmp_path / "site")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("demo: true", "demo: false"), "utf-8")
    built = build_site(config, tmp_path / "out")
    assert built.warnings == []
    for entry in small().entries:
        embed = (built.out / "embed" / "pledges" / entry.id / "index.html").read_text("utf-8")
        assert "演示" not in embed
        page = built.page(f"pledges/{entry.id}/")
        assert "演示" not in one(page, "#cite-text").get_text()
        assert not page.select(".jn-demo")
        assert badge_label((built.out / "badges" / f"{entry.id}.svg").read_bytes())[0] == "践诺"
