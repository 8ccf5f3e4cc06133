"""践诺报告 (issue 17): a report per year and per unit and year, frozen at
the year's end, as pages, print views, PDFs and data."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import feedparser
import jsonschema
import pytest
from playwright.sync_api import Browser
from pypdf import PdfReader

from generator.content.check import load_and_check
from generator.views.catalog import Catalog
from generator.views.reports import report_pages, reports_of_unit, unit_reports, year_reports
from generator.views.siteview import Settings, SiteView

from .conftest import ROOT, SITES, BuiltSite, build_site

UNIT = "szjggw"
INTERVIEW = Path("interviews/2020/shi-guangliang.md")
#: A pledge still open at the end of 2020, and an update to it made in 2021.
OPEN = "szjggw-2020-jizhong-diaoyan"
LATER = (
    "      - date: 2021-03-01\n        status: fulfilled\n        note: 集中调研报告印发，调研全部完成\n"
    '        sources:\n          - {title: 演示来源：调研报告印发, url: "https://example.org/demo/szjggw/2021-03-01"}\n'
)
#: Every file of the 2020 reports.
FILES_2020 = (
    "reports/2020/index.html",
    f"reports/2020/{UNIT}/index.html",
    "reports/2020/report.pdf",
    f"reports/2020/{UNIT}/report.pdf",
    "api/reports/2020.json",
)


def bundled_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("interviews", "docs", "overrides"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


def add_later_update(site: Path, as_of: str) -> None:
    """An update dated in 2021 to a pledge open at the end of 2020, and a later as-of date."""
    path = site / INTERVIEW
    text = path.read_text(encoding="utf-8")
    start = text.index(f"id: {OPEN}")
    end = text.index("\n  - id:", start)
    path.write_text(text[:end] + "\n" + LATER.rstrip("\n") + text[end:], encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("as_of: 2020-12-31", f"as_of: {as_of}"), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def later(tmp_path_factory: pytest.TempPathFactory, real_site: BuiltSite) -> BuiltSite:
    """The bundled site with an update dated 2021 and the as-of date in 2021, built."""
    site = bundled_copy(tmp_path_factory.mktemp("later"))
    add_later_update(site, "2021-06-30")
    built = build_site(site / "mkdocs.yml", site / "site")
    assert built.warnings == []
    return built


def test_the_year_and_the_units_report_are_pages_linked_from_home_and_unit(real_site: BuiltSite) -> None:
    year = real_site.page("reports/2020/")
    assert year.h1 is not None and year.h1.get_text(strip=True) == "2020年度践诺报告"
    assert "本报告反映截至2020年12月31日的情况" in year.get_text()
    rows = year.select(".jn-report__units tbody tr")
    assert [row.th.get_text(strip=True) for row in rows if row.th] == ["省直机关工委"]
    cells = [td.get_text(strip=True) for td in rows[0].select("td")]
    assert cells[:4] == ["22", "10", "45%", "2"]
    unit = real_site.page(f"reports/2020/{UNIT}/")
    pledges = unit.select(".jn-report__table tbody tr")
    assert len(pledges) == 22
    assert unit.select_one(f'a[href$="pledges/{OPEN}/"]') is not None
    assert unit.select_one(f'img.jn-report__qr[src$="pledges/{OPEN}/qr.svg"]') is not None
    assert real_site.page("").select_one('a[href$="reports/2020/"]') is not None
    assert real_site.page(f"units/{UNIT}/").select_one(f'a[href$="reports/2020/{UNIT}/"]') is not None


def test_a_report_shows_the_state_on_its_day_not_the_latest(real_site: BuiltSite, later: BuiltSite) -> None:
    # The update of 2021 shows on the pledge page, and not in the 2020 report.
    assert "集中调研报告印发" in later.text(f"pledges/{OPEN}/")
    assert "集中调研报告印发" not in later.text(f"reports/2020/{UNIT}/")
    for path in FILES_2020:
        assert (later.out / path).read_bytes() == (real_site.out / path).read_bytes(), path
    # The year still running has its own report, which says so and shows the update.
    running = later.page(f"reports/2021/{UNIT}/")
    assert "年度进行中" in running.get_text()
    assert "本报告反映截至2021年6月30日的情况" in running.get_text()
    assert "集中调研报告印发" in running.get_text()


def test_the_years_open_pledges_carry_over_and_kept_ones_do_not() -> None:
    corpus, problems = load_and_check(ROOT / "interviews", ROOT)
    assert problems == []
    reports = year_reports(Catalog(corpus, dt.date(2021, 6, 30)))
    assert [r.year for r in reports] == [2021, 2020]
    running, closed = reports
    assert (running.running, closed.running, running.day, closed.day) == (
        True,
        False,
        dt.date(2021, 6, 30),
        dt.date(2020, 12, 31),
    )
    # Open at the end of 2020: in the 2021 report; kept in 2020: not.
    carried = {row.id for row in running.units[0].rows}
    kept = {row.id for row in closed.units[0].rows if row.status.is_final}
    assert carried and kept and not carried & kept
    assert len(carried) + len(kept) == closed.tally.total
    assert report_pages(Catalog(corpus, dt.date(2021, 6, 30))) == [(2020, ""), (2020, UNIT), (2021, ""), (2021, UNIT)]


def test_the_reports_data_follows_its_schema_and_the_page(real_site: BuiltSite) -> None:
    data = json.loads((real_site.out / "api/reports/2020.json").read_text(encoding="utf-8"))
    schema = json.loads((real_site.out / "api/schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    report = data["report"]
    assert (data["meta"]["as_of"], report["day"], report["running"]) == ("2020-12-31", "2020-12-31", False)
    assert report["counts"] == {
        "total": 22,
        "by_status": {
            "not_started": 1,
            "in_progress": 9,
            "fulfilled": 10,
            "partial": 1,
            "delayed": 1,
            "unfulfilled": 0,
            "withdrawn": 0,
        },
        "overdue": 2,
        "kept": 10,
        "kept_share": 0.4545,
    }
    (unit,) = report["units"]
    assert unit["url"].endswith(f"/reports/2020/{UNIT}/") and len(unit["pledges"]) == 22
    assert "reports/<年份>.json：年度践诺报告" in real_site.page("data/").get_text()


def test_a_complete_years_report_is_an_entry_of_the_feeds(real_site: BuiltSite) -> None:
    for feed in ("feed.xml", f"units/{UNIT}/feed.xml"):
        entries = feedparser.parse((real_site.out / feed).read_bytes()).entries
        titles = [e.title for e in entries if "践诺报告" in e.title]
        assert len(titles) == 1, feed
        (entry,) = [e for e in entries if "践诺报告" in e.title]
        assert entry.link.endswith("/reports/2020/" + ("" if feed == "feed.xml" else f"{UNIT}/"))
        assert "已兑现 10 项" in entry.summary


def test_a_running_years_report_is_not_in_the_feed(later: BuiltSite) -> None:
    entries = feedparser.parse((later.out / "feed.xml").read_bytes()).entries
    assert [e.title for e in entries if "践诺报告" in e.title] == ["2020年度践诺报告"]


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdfs_open_in_another_reader_with_chinese_text(real_site: BuiltSite) -> None:
    pages, text = pdf_text((real_site.out / f"reports/2020/{UNIT}/report.pdf").read_bytes())
    assert pages >= 2
    assert "2020年度践诺报告" in text and "本报告反映截至2020年12月31日的情况" in text
    assert f"共 {pages} 页" in text
    assert "制定模范机关建设具体意见" in text
    pages, text = pdf_text((real_site.out / "reports/2020/report.pdf").read_bytes())
    assert pages >= 1 and "省直机关工委" in text and "2020年度践诺报告" in text


def test_two_builds_draw_the_same_pdfs_and_a_rebuild_draws_none(
    tmp_path: Path, real_site: BuiltSite, caplog: pytest.LogCaptureFixture
) -> None:
    site = bundled_copy(tmp_path / "site")
    caplog.set_level("INFO", logger="mkdocs.plugins.pledges")
    build_site(site / "mkdocs.yml", tmp_path / "one")
    assert "践诺报告 PDF 新绘制 2 份" in caplog.text
    caplog.clear()
    build_site(site / "mkdocs.yml", tmp_path / "two")
    assert "践诺报告 PDF 新绘制 0 份，沿用缓存 2 份" in caplog.text
    for path in FILES_2020:
        assert (tmp_path / "one" / path).read_bytes() == (real_site.out / path).read_bytes(), path


@pytest.mark.parametrize("width", [360, 1280])
def test_on_screen_every_pledge_shows_and_on_paper_its_qr_code_too(browser: Browser, server: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{server}/reports/2020/{UNIT}/")
    rows = page.locator(".jn-report__table tbody tr")
    assert rows.count() == 22
    assert all(rows.nth(i).bounding_box() is not None for i in range(22))
    assert page.locator(".jn-report__qr").first.bounding_box() is None  # a screen has the links
    assert page.get_by_text("下载 PDF（A4）").is_visible()
    page.emulate_media(media="print")
    qr = page.locator(".jn-report__qr")
    for i in range(22):
        box = qr.nth(i).bounding_box()
        assert box is not None and box["width"] > 40, i  # 18 mm on paper
    assert qr.first.evaluate("image => image.complete && image.naturalWidth > 0")
    assert not page.get_by_text("下载 PDF（A4）").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert errors == []
    page.close()


@pytest.mark.parametrize(
    ("interviews", "as_of"),
    [(ROOT / "interviews", dt.date(2021, 6, 30)), (SITES / "small" / "interviews", dt.date(2021, 12, 31))],
)
def test_a_unit_s_parts_made_alone_are_its_parts_of_the_whole_reports(interviews: Path, as_of: dt.date) -> None:
    # A unit's page lists its parts; the preview makes them from its pledges
    # alone, before the whole reports.
    corpus, problems = load_and_check(interviews, interviews.parent)
    assert problems == []
    catalog = Catalog(corpus, as_of)
    whole = year_reports(catalog)
    assert catalog.units and whole
    for unit in catalog.units:
        assert unit_reports(catalog, unit) == reports_of_unit(whole, unit)
    site = SiteView(catalog, Settings("践诺", "https://jiannuo.example.org/", "", "", "", demo=False))
    alone = site.reports_of(catalog.units[0])
    assert "reports" not in site.__dict__, "the whole reports were not made"
    assert alone == reports_of_unit(site.reports, catalog.units[0])
