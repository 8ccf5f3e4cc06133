"""践诺报告 PDFs: pages and their numbers, extractable Chinese text, links,
vector QR codes that scan, lines within the margins, the embedded font,
the notices, and the same bytes for the same report."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import logging
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from fontTools import subset
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw
from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject

from generator.content.check import load_and_check
from generator.content.model import Source, Unit
from generator.outputs import pdffont, pdfpages
from generator.outputs.reportfiles import report_files, report_steps
from generator.outputs.reportpdf import unit_report_pdf, year_report_pdf
from generator.views.catalog import Catalog
from generator.views.reports import Row, UnitReport, YearReport, tally, year_reports
from generator.views.siteview import Settings

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "generator" / "text" / "fonts" / "NotoSansSC-Bold.ttf"
SETTINGS = Settings(
    site_name="践诺",
    site_url="https://jiannuo.example.org/",
    column="决胜攻坚·向人民报告",
    publisher="示例日报社",
    icp="",
    demo=True,
)
PLAIN = dataclasses.replace(SETTINGS, demo=False)
DAY = "本报告反映截至2020年12月31日的情况。"
#: Points per millimetre.
MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM


# --- The reports ---------------------------------------------------------------------------


@cache
def year(as_of: dt.date = dt.date(2020, 12, 31)) -> YearReport:
    """The bundled site's report of 2020, as of ``as_of``."""
    corpus, _ = load_and_check(ROOT / "interviews", ROOT)
    return year_reports(Catalog(corpus, as_of))[0]


def unit_bytes() -> bytes:
    """The PDF of the bundled site's one unit (22 pledges)."""
    return unit_report_pdf(year().units[0], year().period, SETTINGS, FONT)


def with_rows(part: UnitReport, rows: list[Row]) -> UnitReport:
    return dataclasses.replace(part, rows=tuple(rows), tally=tally(tuple(rows)))


def many_rows(part: UnitReport, count: int) -> UnitReport:
    """``part`` with its pledges repeated up to ``count``, each with an id (a URL) of its own."""
    rows = [part.rows[i % len(part.rows)] for i in range(count)]
    return with_rows(part, [dataclasses.replace(row, id=f"{row.id}-{i}") for i, row in enumerate(rows)])


def many_units(report: YearReport, count: int) -> YearReport:
    """``report`` with its unit's part repeated ``count`` times under other names and ids."""
    part = report.units[0]
    units = tuple(
        dataclasses.replace(part, unit=Unit(id=f"unit{i:02}", name=f"第{i}单位", short_name=f"第{i}单位"))
        for i in range(count)
    )
    every = tuple(row for unit in units for row in unit.rows)
    return dataclasses.replace(report, units=units, tally=tally(every))


LONG_URL = "https://example.org/" + "documents/" * 12 + "end"


def long_texts(part: UnitReport) -> UnitReport:
    """``part`` whose first pledge is eight times as long, with a source whose URL is wider than a page."""
    first = part.rows[0]
    source = Source(title="一份网址很长的来源", url=LONG_URL)
    long_row = dataclasses.replace(first, text=first.text * 8, sources=(source,))
    return with_rows(part, [long_row, *part.rows[1:4]])


# --- Reading a PDF ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its baseline's start (points from the bottom left), size and text."""

    x: float
    y: float
    size: float
    text: str


@dataclass
class Pdf:
    data: bytes

    def __post_init__(self) -> None:
        self.reader = PdfReader(io.BytesIO(self.data))
        self.pages = self.reader.pages

    def text(self, page: int) -> str:
        return self.pages[page].extract_text()

    def flat(self, page: int | None = None) -> str:
        """The text of a page (or all pages) without white space: lines broken anywhere join up."""
        pages = range(len(self.pages)) if page is None else [page]
        return re.sub(r"\s+", "", "".join(self.text(i) for i in pages))

    def runs(self, page: int) -> list[Run]:
        found: list[Run] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
            if text.strip():  # pypdf may add a space or a line break where the text moves
                found.append(Run(tm[4], tm[5], size, text.strip()))

        self.pages[page].extract_text(visitor_text=visit)
        return found

    def links(self, page: int) -> list[tuple[str, list[float]]]:
        """Each link annotation's URL and rectangle."""
        annots = self.pages[page].get("/Annots") or []
        found = []
        for ref in annots:
            annot = ref.get_object()
            assert annot["/Subtype"] == "/Link"
            found.append((str(annot["/A"]["/URI"]), [float(v) for v in annot["/Rect"]]))
        return found

    def uris(self) -> set[str]:
        return {uri for page in range(len(self.pages)) for uri, _ in self.links(page)}


def resources(page: PageObject, kind: str) -> DictionaryObject:
    """The page's resources of ``kind`` (e.g. "/Font"), none if it has none."""
    found = page["/Resources"].get_object()
    assert isinstance(found, DictionaryObject)
    named = found.get(kind, DictionaryObject()).get_object()
    assert isinstance(named, DictionaryObject)
    return named


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def advances() -> tuple[dict[int, str], dict[str, tuple[int, int]], int]:
    with TTFont(FONT, lazy=True) as font:
        return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def width(run: Run) -> float:
    """The width of ``run`` in points, from the font file itself."""
    cmap, metrics, upem = advances()
    return sum(metrics[cmap[ord(ch)]][0] for ch in run.text) * run.size / upem


def right_edge(run: Run) -> float:
    return run.x + width(run)


# --- Pages and text ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unit_pdf() -> Pdf:
    return Pdf(unit_bytes())


def test_every_page_is_numbered_out_of_the_page_count_and_states_the_day(unit_pdf: Pdf) -> None:
    count = len(unit_pdf.pages)
    assert count >= 2  # 22 pledges do not fit on one page
    for i in range(count):
        text = unit_pdf.text(i)
        assert f"第 {i + 1} 页 / 共 {count} 页" in text
        assert DAY in text
        assert "「决胜攻坚·向人民报告」" in text and "践诺" in text
    assert f"共 {count} 页" in unit_pdf.text(count - 1)


def test_a_unit_report_shows_its_title_totals_and_every_pledge(unit_pdf: Pdf) -> None:
    report = year()
    part = report.units[0]
    first = unit_pdf.flat(0)
    assert flat(f"{part.unit.name}{report.title}") in first
    assert DAY + "此后的进展不改变本报告。" in first
    assert f"承诺{part.tally.total}项" in first and f"已兑现{part.tally.kept}项" in first
    assert "兑现率45%" in first and f"已逾期{part.tally.overdue}项" in first
    every = unit_pdf.flat()
    for row in part.rows:
        assert flat(row.text) in every
        assert SETTINGS.url(row.page) in every
        assert (flat(row.last_note) if row.last_note else "尚无公开报道的进展") in every
        for source in row.sources:
            assert flat(source.title) in every
            assert (source.url or source.doc_no or "") in every
        if row.days_late:
            assert f"已逾期{row.days_late}天" in every
        if row.pace:
            actual, expected, grade = row.pace
            assert f"序时进度{expected}，实际{actual}，{grade.label}" in every


def test_more_pledges_take_more_pages_and_one_takes_one() -> None:
    part = year().units[0]
    pages = {n: len(Pdf(unit_report_pdf(many_rows(part, n), year().period, SETTINGS, FONT)).pages) for n in (1, 22, 66)}
    assert pages[1] == 1
    assert 2 <= pages[22] < pages[66]


@pytest.fixture(scope="module")
def long_pdf() -> Pdf:
    part = many_rows(year().units[0], 44)
    return Pdf(unit_report_pdf(part, year().period, SETTINGS, FONT))


def test_a_pledge_is_never_split_across_pages(long_pdf: Pdf) -> None:
    rows = many_rows(year().units[0], 44).rows
    pages = len(long_pdf.pages)
    assert pages >= 4
    for row in rows:
        url = SETTINGS.url(row.page)
        with_qr = [i for i in range(pages) if any(uri == url for uri, _ in long_pdf.links(i))]
        assert len(with_qr) == 1, url
        page = long_pdf.flat(with_qr[0])
        assert flat(row.text) in page and url in page
        assert (flat(row.last_note) if row.last_note else "尚无公开报道的进展") in page


def footer(run: Run) -> bool:
    return run.text.startswith(("第 ", DAY, SETTINGS.demo_note))


def assert_within_the_page(pdf: Pdf) -> None:
    """Every line between the margins, above the footer but the footer's, the page number in the footer."""
    left, right = 16 * MM, (210 - 16) * MM
    footer_top = PAGE_HEIGHT - (297 - 19) * MM
    for page in range(len(pdf.pages)):
        runs = pdf.runs(page)
        for run in runs:
            assert left - 0.01 <= run.x and right_edge(run) <= right + 0.01, run
            assert run.y > footer_top or footer(run), run
        assert [run.text for run in runs if run.y < footer_top and run.text.startswith("第 ")] == [
            f"第 {page + 1} 页 / 共 {len(pdf.pages)} 页"
        ]


def test_text_stays_within_the_margins_and_above_the_footer(long_pdf: Pdf) -> None:
    assert_within_the_page(long_pdf)


def test_a_pledge_too_long_for_a_page_is_shortened_to_fit_one() -> None:
    part = year().units[0]
    first = part.rows[0]
    sources = tuple(Source(title=f"来源{i}" * 30, url=LONG_URL * 3) for i in range(9))
    huge = dataclasses.replace(first, text=first.text * 40, last_note=first.last_note * 30, sources=sources)
    pdf = Pdf(unit_report_pdf(with_rows(part, [huge, *part.rows[1:3]]), year().period, SETTINGS, FONT))
    assert_within_the_page(pdf)
    assert len(pdf.pages) == 3  # the opening, the huge pledge on a page of its own, the others
    text = pdf.flat(1)
    assert "…" in text and "另有5项来源，见本项承诺的页面" in text
    assert SETTINGS.url(huge.page) in text
    assert {SETTINGS.url(huge.page), *(s.url for s in sources[:4])} <= {uri for uri, _ in pdf.links(1)}


def test_long_text_breaks_into_lines_that_fit_beside_the_qr_code() -> None:
    part = long_texts(year().units[0])
    pdf = Pdf(unit_report_pdf(part, year().period, SETTINGS, FONT))
    text = part.rows[0].text
    column = (210 - 16 - 19 - 5) * MM
    lines = [run for page in range(len(pdf.pages)) for run in pdf.runs(page) if run.size == 11 and run.text in text]
    assert len(lines) >= 5
    assert "".join(run.text for run in lines) == text
    for run in lines:
        assert right_edge(run) <= column + 0.01, run
    for run in lines[:-1]:
        assert right_edge(run) > column - 3 * 11, run  # full lines: less than three characters short
    url_lines = [run for page in range(len(pdf.pages)) for run in pdf.runs(page) if run.text in LONG_URL]
    assert len(url_lines) >= 2 and "".join(run.text for run in url_lines) == LONG_URL
    assert all(right_edge(run) <= column + 0.01 for run in url_lines)


# --- Links and QR codes ----------------------------------------------------------------------


def test_every_pledge_and_source_url_is_a_link(unit_pdf: Pdf) -> None:
    part = year().units[0]
    uris = unit_pdf.uris()
    assert {SETTINGS.url(row.page) for row in part.rows} <= uris
    assert {s.url for row in part.rows for s in row.sources if s.url} <= uris


_RECT = re.compile(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f")


def filled_rects(content: bytes) -> Iterator[tuple[float, float, float, float]]:
    """Filled rectangles of a content stream: left, bottom, right, top (points)."""
    for match in _RECT.finditer(content):
        x, y, w, h = (float(v) for v in match.groups())
        yield min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)


def paint(rects: list[tuple[float, float, float, float]], box: list[float], scale: float = 8.0) -> Image.Image:
    """The rectangles inside ``box`` painted black on white, with a white margin around."""
    x0, y0, x1, y1 = box
    margin = 10.0
    image = Image.new("L", (round((x1 - x0 + 2 * margin) * scale), round((y1 - y0 + 2 * margin) * scale)), 255)
    draw = ImageDraw.Draw(image)
    for left, bottom, right, top in rects:
        draw.rectangle(
            [
                round((left - x0 + margin) * scale),
                round((y1 - top + margin) * scale),
                round((right - x0 + margin) * scale) - 1,
                round((y1 - bottom + margin) * scale) - 1,
            ],
            fill=0,
        )
    return image


def test_qr_codes_are_vector_shapes_that_scan_to_their_links(unit_pdf: Pdf) -> None:
    decoded = []
    for page in unit_pdf.pages:
        xobjects = resources(page, "/XObject")
        assert all(x.get_object()["/Subtype"] != "/Image" for x in xobjects.values())
    for i, page in enumerate(unit_pdf.pages):
        content = page.get_contents()
        assert content is not None
        rects = list(filled_rects(content.get_data()))
        for uri, box in unit_pdf.links(i):
            x0, y0, x1, y1 = box
            if abs((x1 - x0) - 19 * MM) > 0.1 or abs((y1 - y0) - 19 * MM) > 0.1:
                continue  # a link over text
            inside = [
                r for r in rects if x0 - 0.05 < r[0] and r[2] < x1 + 0.05 and y0 - 0.05 < r[1] and r[3] < y1 + 0.05
            ]
            assert 100 < len(inside) < 500  # runs merged into rectangles, not one per module
            found = [result.text for result in zxingcpp.read_barcodes(paint(inside, box))]
            assert found == [uri]
            decoded.append(uri)
    assert decoded == [SETTINGS.url(row.page) for row in year().units[0].rows]


# --- The year's report -------------------------------------------------------------------------


def test_the_year_report_has_a_row_per_unit_linking_to_its_report() -> None:
    report = year()
    pdf = Pdf(year_report_pdf(report, SETTINGS, FONT))
    assert len(pdf.pages) == 1
    text = pdf.flat()
    assert "2020年度践诺报告" in text and SETTINGS.column in text and DAY in text
    assert flat("单位 承诺 已兑现 兑现率 已逾期 未启动 推进中 部分兑现 滞后 未兑现 已撤回") in text
    part = report.units[0]
    assert flat(f"{part.unit.short_name} 22 10 45% 2 1 9 1 1 0 0") in text
    assert flat("合计 22 10 45% 2 1 9 1 1 0 0") in text
    assert SETTINGS.url(part.page) in text
    assert {SETTINGS.url(part.page), SETTINGS.url(report.page)} <= pdf.uris()


def test_a_long_table_goes_on_with_its_head_on_every_page() -> None:
    report = many_units(year(), 60)
    pdf = Pdf(year_report_pdf(report, SETTINGS, FONT))
    assert len(pdf.pages) >= 3
    for i in range(len(pdf.pages)):
        assert flat("单位 承诺 已兑现 兑现率") in pdf.flat(i)
    assert "合计" in pdf.flat(len(pdf.pages) - 1)
    assert {SETTINGS.url(part.page) for part in report.units} <= pdf.uris()
    names = [
        run.text
        for page in range(len(pdf.pages))
        for run in pdf.runs(page)
        if run.text.startswith("第") and "单位" in run.text
    ]
    assert names == [part.unit.short_name for part in report.units]


# --- Notices, metadata, bytes ---------------------------------------------------------------


def test_a_running_year_says_so_and_demonstration_data_says_so_on_every_page() -> None:
    running = year(dt.date(2020, 10, 1))
    assert running.running
    part = running.units[0]
    pdf = Pdf(unit_report_pdf(part, running.period, SETTINGS, FONT))
    assert "年度进行中：年度结束后定稿，此前随进展更新。" in pdf.flat(0)
    assert "此后的进展不改变本报告" not in pdf.flat()
    assert "本报告反映截至2020年10月1日的情况。" in pdf.flat(0)
    for i in range(len(pdf.pages)):
        assert flat(SETTINGS.demo_note) in pdf.flat(i)
    final = Pdf(unit_report_pdf(year().units[0], year().period, PLAIN, FONT))
    assert "年度进行中" not in final.flat()
    assert "演示数据" not in final.flat() and flat(SETTINGS.demo_note) not in final.flat()
    assert "演示数据" not in Pdf(year_report_pdf(year(), PLAIN, FONT)).flat()
    assert "演示数据" in Pdf(year_report_pdf(year(), SETTINGS, FONT)).flat(0)


def test_metadata_names_the_report_its_publisher_and_day(unit_pdf: Pdf) -> None:
    meta = unit_pdf.reader.metadata
    assert meta is not None
    assert meta.title == "中共山东省委省直机关工作委员会2020年度践诺报告"
    assert meta.author == "示例日报社"
    assert meta.subject is not None and DAY in meta.subject
    assert meta.creation_date_raw == "D:20201231000000+08'00'"
    assert unit_pdf.reader.root_object.get("/Lang") == "zh-CN"
    anonymous = Pdf(year_report_pdf(year(), dataclasses.replace(SETTINGS, publisher=""), FONT)).reader.metadata
    assert anonymous is not None and anonymous.author == SETTINGS.column


def test_the_same_report_gives_the_same_bytes(unit_pdf: Pdf) -> None:
    assert unit_bytes() == unit_pdf.data
    pdffont._cut.cache_clear()
    pdfpages.qr_rects.cache_clear()
    assert unit_bytes() == unit_pdf.data
    assert year_report_pdf(year(), SETTINGS, FONT) == year_report_pdf(year(), SETTINGS, FONT)
    # In another process, where sets iterate in another order.
    script = (
        "import hashlib; from tests.test_reportpdf import unit_bytes; print(hashlib.sha256(unit_bytes()).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(unit_pdf.data).hexdigest()


def test_reports_drawn_in_worker_processes_are_those_drawn_here(tmp_path: Path) -> None:
    report = many_units(year(), 9)  # ten PDFs in ten groups: enough for the workers
    here = report_files([report], SETTINGS, FONT, None, workers=1)
    there = report_files([report], SETTINGS, FONT, tmp_path, workers=2)
    assert here.drawn == there.drawn == 10
    assert there.files == here.files
    assert len(list(tmp_path.glob("*.pdf"))) == 10
    again = report_files([report], SETTINGS, FONT, tmp_path, workers=2)
    assert again.drawn == 0 and again.files == here.files


def forget_what_reports_share() -> None:
    """A process that has drawn no report yet: no widths, line breaks, QR codes or cut fonts kept."""
    for kept in (pdfpages.metrics, pdfpages.broken, pdfpages.qr_rects, pdffont._cut):
        kept.cache_clear()


def test_a_report_s_bytes_do_not_depend_on_the_reports_drawn_before_it() -> None:
    # A worker draws many reports in turn, sharing widths, line breaks and QR
    # codes; the one drawn first in a process and the one drawn after others are the same.
    forget_what_reports_share()
    alone = year_report_pdf(year(), SETTINGS, FONT)
    forget_what_reports_share()
    unit_bytes()
    assert year_report_pdf(year(), SETTINGS, FONT) == alone
    forget_what_reports_share()
    unit_alone = unit_bytes()
    year_report_pdf(year(), SETTINGS, FONT)
    unit_report_pdf(long_texts(year().units[0]), year().period, SETTINGS, FONT)
    assert unit_bytes() == unit_alone


def test_the_font_is_cut_down_to_the_report_s_characters(unit_pdf: Pdf) -> None:
    fonts = resources(unit_pdf.pages[0], "/Font")
    assert len(fonts) == 1
    font = next(iter(fonts.values())).get_object()
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    embedded = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    characters = set(unit_pdf.flat())
    assert 100 < embedded["maxp"].numGlyphs <= len(characters) + 2
    assert len(unit_pdf.data) < 200_000


def test_fpdf2_warns_of_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """A character left out of the cut font would be drawn as a box, with a warning."""
    pdffont._cut.cache_clear()
    with caplog.at_level(logging.WARNING):
        unit_report_pdf(long_texts(year().units[0]), year(dt.date(2020, 10, 1)).period, SETTINGS, FONT)
        year_report_pdf(many_units(year(), 3), SETTINGS, FONT)
    assert caplog.records == []


def font_with_a_composite_glyph(folder: Path, text: str) -> Path:
    """The shipped font with only the glyphs of ``text``, plus one made of another (a composite)."""
    font = TTFont(FONT)
    subsetter = subset.Subsetter()
    subsetter.populate(text=text)
    subsetter.subset(font)
    base = font.getBestCmap()[ord("1")]
    pen = TTGlyphPen(font["glyf"])
    pen.addComponent(base, (1, 0, 0, 1, 0, 0))
    font["glyf"]["one.composite"] = pen.glyph()
    for table in ("hmtx", "vmtx"):
        font[table].metrics["one.composite"] = font[table].metrics[base]
    path = folder / "composite.ttf"
    font.save(path)
    return path


def test_a_font_that_cannot_be_cut_is_embedded_by_fpdf2_with_the_same_look(tmp_path: Path, unit_pdf: Pdf) -> None:
    path = font_with_a_composite_glyph(tmp_path, unit_pdf.flat() + "0123456789 ")
    assert pdffont.font_subset(path, frozenset("1")) is None
    assert pdffont.font_subset(FONT, frozenset("1")) is not None
    pdf = Pdf(unit_report_pdf(year().units[0], year().period, SETTINGS, path))
    assert len(pdf.pages) == len(unit_pdf.pages)
    for i in range(len(pdf.pages)):
        assert pdf.runs(i) == unit_pdf.runs(i)


def open_files() -> list[str]:
    """The paths of this process's open files (Linux)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            found.append(os.readlink(f"/proc/self/fd/{fd}"))
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files from /proc")
def test_drawing_leaves_no_file_behind_or_open_even_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    unit_bytes()
    assert list(tmp_path.iterdir()) == []
    assert not [path for path in open_files() if path.startswith(str(tmp_path))]

    def broken(url: str) -> tuple[int, tuple[tuple[int, int, int, int], ...]]:
        raise RuntimeError("no QR code today")

    monkeypatch.setattr(pdfpages, "qr_rects", broken)
    with pytest.raises(RuntimeError, match="no QR code today"):
        unit_bytes()
    assert list(tmp_path.iterdir()) == []
    assert not [path for path in open_files() if path.startswith(str(tmp_path))]


def test_reports_stopped_halfway_keep_what_was_drawn_and_draw_only_the_rest(tmp_path: Path) -> None:
    """The preview stops the reports at the next step when an editor saves
    again: the PDFs drawn by then are kept, the next run draws the others,
    and the files are those of a run never stopped."""
    report = many_units(year(), 9)
    whole = report_files([report], SETTINGS, FONT, None, workers=1)
    steps = report_steps([report], SETTINGS, FONT, tmp_path, workers=2)
    taken = 0
    while len(list(tmp_path.glob("*.pdf"))) < 3:
        next(steps)
        taken += 1
    steps.close()
    kept = len(list(tmp_path.glob("*.pdf")))
    assert 3 <= kept < 10 and taken > 1
    again = report_files([report], SETTINGS, FONT, tmp_path, workers=2)
    assert again.drawn == 10 - kept
    assert again.files == whole.files
