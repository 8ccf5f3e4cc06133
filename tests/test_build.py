"""The small fixture site, built for real: every page kind and what it shows."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from generator.outputs.searchindex import read_search

from .conftest import BuiltSite

PLEDGES = [
    "jt-2020-weiqiao",
    "jt-2020-xinxian",
    "jt-2020-zhanting",
    "sl-2021-shuiku",
    "sl-2021-hedao",
    "sl-2021-bengzhan",
]


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def text_of(soup: BeautifulSoup | Tag, selector: str) -> str:
    return " ".join(one(soup, selector).get_text().split())


def content(site: BuiltSite, url: str) -> Tag:
    return one(site.page(url), "article.md-content__inner")


@pytest.mark.parametrize(
    "url",
    ["", "interviews/", "interviews/zhang-san/", "interviews/li-si/", "pledges/", "units/", "units/jiaotong/"]
    + [f"pledges/{p}/" for p in PLEDGES],
)
def test_every_url_exists(small_site: BuiltSite, url: str) -> None:
    assert (small_site.out / url / "index.html").is_file()


def test_pledge_page_shows_the_pledge(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/jt-2020-weiqiao/")
    assert text_of(page, "h1") == "年内改造120座危桥"
    assert text_of(page, ".jn-pledge__status .jn-badge") == "部分兑现"
    assert "测试省交通运输厅" in text_of(page, ".jn-facts")
    assert "2020年12月31日" in text_of(page, ".jn-facts")
    assert text_of(page, ".jn-progress__label") == "目标 120 座危桥，已完成 100（83%）"
    bar = one(page, "progress")
    assert (bar["max"], bar["value"]) == ("120", "100")
    assert text_of(page, ".jn-source-quote blockquote") == "年内完成120座危桥改造"


def test_pledge_timeline_has_dated_anchored_updates_with_sources(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/jt-2020-weiqiao/")
    items = page.select("ol.jn-timeline > li")
    assert [li["id"] for li in items] == ["update-2020-10-15", "update-2020-12-20"]
    assert "2020年10月15日" in items[0].get_text()
    assert "60 座危桥" in items[0].get_text()
    source = one(items[1], ".jn-sources a")
    assert (source.get_text(), source["href"]) == ("危桥改造通报", "https://example.org/news/weiqiao")


def test_source_with_document_number(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/jt-2020-xinxian/")
    assert "测交发〔2020〕8号" in text_of(page, ".jn-sources")
    assert page.select(".jn-sources a") == []


def test_quote_links_to_the_paragraph_that_holds_it(small_site: BuiltSite) -> None:
    for pledge in PLEDGES:
        link = one(content(small_site, f"pledges/{pledge}/"), "a.jn-source-quote__link")
        quote = text_of(content(small_site, f"pledges/{pledge}/"), ".jn-source-quote blockquote")
        target = urljoin(f"/pledges/{pledge}/", str(link["href"]))
        path, anchor = urlsplit(target).path, urlsplit(target).fragment
        paragraph = one(small_site.page(path), f"#{anchor}")
        assert paragraph.name == "p"
        assert quote in paragraph.get_text()


def test_overdue_is_marked_against_the_as_of_date(small_site: BuiltSite) -> None:
    # as_of 2021-06-10: a pledge due 2021-02-28 with no progress, and one in progress
    # due 2020-12-31, are overdue; a partial (final) one is not.
    overdue = {p for p in PLEDGES if content(small_site, f"pledges/{p}/").select(".jn-badge--overdue")}
    assert overdue == {"sl-2021-shuiku", "jt-2020-zhanting"}
    assert "已逾期 102 天" in text_of(content(small_site, "pledges/sl-2021-shuiku/"), ".jn-facts")


def test_pledge_without_progress_says_so(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/sl-2021-shuiku/")
    assert text_of(page, ".jn-pledge__status") == "未启动 已逾期 水利安全"
    assert "尚无公开报道的进展" in text_of(page, ".jn-empty")


def test_interview_page(small_site: BuiltSite) -> None:
    page = content(small_site, "interviews/zhang-san/")
    assert text_of(page, ".jn-kicker") == "「决胜攻坚·向人民报告」第3期 · 2020年9月1日"
    assert text_of(page, "h1") == "修好每一条路 守好每一座桥"
    assert text_of(page, ".jn-interview__dek") == "——专访测试省交通运输厅厅长张三"
    assert text_of(page, ".jn-byline") == "测试日报 记者 甲记者 乙记者 通讯员 丙通讯员"
    assert text_of(page, ".jn-person__name") == "张三"
    links = [a["href"] for a in page.select(".jn-pledges a.jn-pledges__link")]
    assert links == [f"../../pledges/{p}/" for p in PLEDGES[:3]]
    assert [text_of(li, ".jn-pledges__status") for li in page.select(".jn-pledges li")] == [
        "部分兑现",
        "已兑现",
        "推进中 已逾期",
    ]


def test_article_paragraphs_carry_ids_and_roles(small_site: BuiltSite) -> None:
    article = one(content(small_site, "interviews/zhang-san/"), ".jn-article")
    paragraphs = article.select("p.jn-para")
    assert [p["id"] for p in paragraphs] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    roles = [next(c for c in p["class"] if c.startswith("jn-para--")) for p in paragraphs]
    assert roles == [f"jn-para--{r}" for r in ("lede", "question", "answer", "answer", "question", "answer")]
    assert text_of(paragraphs[1], ".jn-speaker") == "测试日报:"
    heading = one(article, "h2")
    assert heading["id"] == "s1"
    assert [s.get_text() for s in heading.select(".jn-heading-line")] == ["守住安全底线", "办好民生实事"]


def test_article_marks_each_quote_with_a_link_to_its_pledge(small_site: BuiltSite) -> None:
    article = one(content(small_site, "interviews/zhang-san/"), ".jn-article")
    marks = {m["id"]: (m.get_text(), m.a["href"]) for m in article.select("mark.jn-quote") if m.a}
    assert marks == {
        "quote-jt-2020-weiqiao": ("年内完成120座危桥改造", "../../pledges/jt-2020-weiqiao/"),
        "quote-jt-2020-xinxian": ("10月,开通城际新线路", "../../pledges/jt-2020-xinxian/"),
        "quote-jt-2020-zhanting": ("年底前建成50座候车亭", "../../pledges/jt-2020-zhanting/"),
    }


def test_unit_page_counts_per_status_overdue_first(small_site: BuiltSite) -> None:
    page = content(small_site, "units/jiaotong/")
    assert text_of(page, "h1") == "测试省交通运输厅"
    tiles = {
        text_of(li, ".jn-totals__label"): (text_of(li, ".jn-totals__count"), one(li, "a")["href"])
        for li in page.select(".jn-totals li")
    }
    mine = "../../pledges/?unit=jiaotong&"
    assert tiles == {
        "未启动": ("0", mine + "status=not_started"),
        "推进中": ("1", mine + "status=in_progress"),
        "已兑现": ("1", mine + "status=fulfilled"),
        "部分兑现": ("1", mine + "status=partial"),
        "滞后": ("0", mine + "status=delayed"),
        "未兑现": ("0", mine + "status=unfulfilled"),
        "已撤回": ("0", mine + "status=withdrawn"),
        "已逾期": ("1", mine + "overdue=1"),
    }
    ids = [row.select_one("code").get_text() for row in page.select(".jn-table tbody tr")]  # type: ignore[union-attr]
    assert ids == ["jt-2020-zhanting", "jt-2020-weiqiao", "jt-2020-xinxian"], "overdue pledges first"
    assert "已兑现 1 项（兑现率 33%），已逾期 1 项" in text_of(page, ".jn-lead")
    links = {" ".join(a.get_text().split()): a["href"] for a in page.select(".jn-follow a")}
    assert links["在全部承诺中筛选本单位"] == mine
    assert links["只看本单位已逾期的 1 项"] == mine + "overdue=1"


def test_all_pledges_table(small_site: BuiltSite) -> None:
    page = content(small_site, "pledges/")
    rows = page.select(".jn-table tbody tr")
    assert [r.select_one("code").get_text() for r in rows] == PLEDGES  # type: ignore[union-attr]
    headers = [th.get_text() for th in page.select(".jn-table thead th")]
    assert headers == ["承诺（编号）", "单位", "时限", "状态", "最后更新"]
    assert "共 6 项承诺，已兑现 1 项，已逾期 2 项" in text_of(page, ".jn-lead")


def test_last_update_and_silence_on_rows_and_pledge_pages(small_site: BuiltSite) -> None:
    """As of 2021-06-10, with the default of 90 days: 站亭 last heard of on
    2020-11-01 (221 days), 水库 and 河道 never since their interview on
    2021-01-10 (151 days); 危桥 was kept in part, 泵站 withdrawn."""
    rows = {
        str(r["data-deadline"]) + text_of(r, "code"): (text_of(r, "td[data-label=最后更新]"), r["data-stale"])
        for r in content(small_site, "pledges/").select(".jn-table tbody tr")
    }
    assert sorted(rows.values()) == sorted(
        [
            ("2020年12月20日", "0"),
            ("2020年10月20日", "0"),
            ("2020年11月1日 221 天未更新", "1"),
            ("尚无进展 151 天未更新", "1"),
            ("尚无进展 151 天未更新", "1"),
            ("2021年3月1日", "0"),
        ]
    )
    facts = content(small_site, "pledges/jt-2020-zhanting/").select(".jn-facts__row")
    last = next(row for row in facts if text_of(row, "dt") == "最后更新")
    assert text_of(last, "dd") == "2020年11月1日 221 天未更新"


def test_home_page(small_site: BuiltSite) -> None:
    page = content(small_site, "")
    assert "测试站点的首页说明" in text_of(page, ".jn-hero")
    assert [a.get_text() for a in page.select(".jn-card__title a")] == ["管好每一滴水", "修好每一条路 守好每一座桥"]
    upcoming = page.select("#upcoming ~ ul.jn-pledges li")
    assert [text_of(li, ".jn-pledges__text") for li in upcoming] == ["6月底前清理河道200公里"]
    changes = [text_of(li, "time") for li in page.select(".jn-changes li")]
    assert changes == ["2021年3月1日", "2020年12月20日", "2020年11月1日", "2020年10月20日", "2020年10月15日"]


def test_home_page_tiles_lead_to_the_filtered_list(small_site: BuiltSite) -> None:
    tiles = {
        text_of(li, ".jn-totals__label"): (text_of(li, ".jn-totals__count"), one(li, "a")["href"])
        for li in content(small_site, "").select(".jn-totals li")
    }
    assert tiles["推进中"] == ("1", "pledges/?status=in_progress")
    assert tiles["已逾期"] == ("2", "pledges/?overdue=1")
    assert len(tiles) == 8


def test_upcoming_deadlines_are_after_the_as_of_date(real_site: BuiltSite) -> None:
    """The bundled data is as of 2020-12-31: the nine open pledges due that
    very day are listed as due on it, not as upcoming."""
    page = content(real_site, "")
    assert text_of(page, "#due-today") == "时限为2020年12月31日"
    assert len(page.select("#due-today ~ ul.jn-pledges li")) == 9
    assert text_of(page, "#upcoming ~ .jn-empty") == "2020年12月31日之后 30 天内没有到期的承诺。"


def test_as_of_date_and_footer_on_every_page(small_site: BuiltSite) -> None:
    for url in ["", "pledges/", "interviews/li-si/", "units/shuili/"]:
        footer = text_of(small_site.page(url), ".md-copyright")
        assert "数据截至 2021年6月10日" in footer
        assert "测试出版方" in footer
        assert "鲁ICP备12345678号" in footer


def test_demo_notice_on_every_page_with_progress(small_site: BuiltSite) -> None:
    for url in ["", "pledges/", "units/", "units/jiaotong/", "interviews/zhang-san/", "pledges/jt-2020-weiqiao/"]:
        assert "演示数据" in text_of(small_site.page(url), ".jn-demo"), url


def test_generated_pages_stay_out_of_the_navigation(small_site: BuiltSite) -> None:
    for page in ["pledges/jt-2020-weiqiao/", "data/"]:
        tabs = [" ".join(a.get_text().split()) for a in small_site.page(page).select("a.md-tabs__link")]
        assert tabs == ["首页", "访谈", "全部承诺", "单位", "数据看板", "开放数据"]


def test_pages_without_sidebars_keep_the_phone_menu(small_site: BuiltSite) -> None:
    """A page hides the navigation sidebar on a wide screen, where the tabs
    are the navigation; on a phone the same navigation is the menu."""
    pledge = small_site.page("pledges/jt-2020-weiqiao/")
    assert one(pledge, "nav.md-tabs"), "the tabs are the navigation"
    sidebar = one(pledge, ".md-sidebar--primary")
    assert sidebar.has_attr("hidden")
    labels = [" ".join(a.get_text().split()) for a in sidebar.select(".md-nav__link")]
    assert {"首页", "访谈", "全部承诺", "单位", "数据看板", "开放数据"} <= set(labels)
    assert len(small_site.page("interviews/zhang-san/").select(".md-sidebar--secondary")) == 1, "the article's contents"


def test_pages_request_nothing_from_other_hosts(small_site: BuiltSite) -> None:
    for path in small_site.out.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("script[src], link[href], img[src], iframe[src], source[src]"):
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            url = str(tag.get("src") or tag.get("href"))
            assert not re.match(r"^(https?:)?//", url), f"{path}: {tag}"
    for path in small_site.out.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", path.read_text(encoding="utf-8")), path


def test_search_index_finds_pledges_but_not_list_pages(small_site: BuiltSite) -> None:
    pages = read_search(small_site.out)
    assert "pledges/jt-2020-weiqiao/" in pages
    assert "pledges/" not in pages


def test_search_index_is_lean_and_keeps_unit_names_whole(small_site: BuiltSite) -> None:
    theirs = json.loads((small_site.out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert theirs["docs"] == [] and "separator" in theirs["config"], "the theme's index: its config only"
    for path in (small_site.out / "search").rglob("*.json"):
        raw = path.read_text(encoding="utf-8")
        # Compact UTF-8, no \u escapes; the cut index's keys sorted (the same bytes for the same index).
        ours = path.name != "search_index.json"
        assert raw == json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"), sort_keys=ours), path
    words = read_search(small_site.out)["pledges/jt-2020-weiqiao/"].words
    assert {"测试省交通运输厅", "交通厅", "桥梁安全"} <= words
