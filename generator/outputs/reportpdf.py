"""践诺报告 as PDF (A4 portrait), drawn with fpdf2: a unit's report, one
block per pledge, and a year's report, one table row per unit.

Every page carries the column's brand at the top, and at the bottom the
report's day (「本报告反映截至2020年12月31日的情况。」, with the demonstration
notice when the data is for demonstration) and 「第 N 页 / 共 M 页」. A pledge's
block holds its text, status, deadline, lateness, 序时进度, last update and
sources, its permanent URL and a QR code of that URL, drawn as filled
rectangles (vector, sharp at any size) under a link annotation.

Layout comes first, drawing after (:mod:`generator.outputs.pdfpages`): each
block is measured, the blocks are put on pages, never split, and only then
drawn, so that the page count is known on every page. One font (the project
ships NotoSansSC-Bold) draws all text, at several sizes and greys, cut down
to the report's characters (:mod:`generator.outputs.pdffont`).

The bytes are reproducible: the creation date is the report's day (00:00,
UTC+8), the file identifier a hash of the content, and nothing else varies.

Measured on one core (fpdf2 2.8.9, fontTools 4.68, segno 1.6): the bundled
site's unit report of 22 pledges (4 pages, 113 KB) takes 115-140 ms of CPU,
of which segno takes 50 to make the QR codes (kept per process by
:func:`~generator.outputs.pdfpages.qr_rects`, for the next year's report) and fpdf2 40 to write the
file; handed the whole font, fpdf2 takes 430-490 ms. The year's report
takes about 30 ms (28 KB). The first report in a process reads the font
too: 0.4-0.6 s more.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

from generator.content.model import Status
from generator.outputs.pdffont import font_file
from generator.outputs.pdfpages import (
    BOTTOM,
    LEFT,
    PAGE_WIDTH,
    RIGHT,
    TOP,
    WIDTH,
    Block,
    Box,
    Item,
    Link,
    Measure,
    Painter,
    Qr,
    Span,
    Text,
    baseline,
    line_height,
    metrics,
    paginate,
)
from generator.text.glyphs import stamp
from generator.text.linebreak import ELLIPSIS
from generator.views.formats import cn_date, percent
from generator.views.palette import (
    DEMO_INK,
    DEMO_PAPER,
    INK,
    LINE,
    MUTED,
    OVERDUE,
    RED,
    STATUS_COLOURS,
)
from generator.views.reports import Period, Row, Tally, UnitReport, YearReport
from generator.views.siteview import Settings

QR_SIZE = 19.0

#: The colour of links, as on the site (jiannuo.css's --jn-link).
LINK = "#1d4f91"

#: The table's head and the totals' figures sit on this ground.
GROUND = "#f3f0ea"

#: The name fpdf2 knows the font by.
FAMILY = "report"

#: The time zone of the report's day (China Standard Time).
CST = dt.timezone(dt.timedelta(hours=8), "CST")

#: Limits that keep a pledge's block shorter than a page (its page shows it all):
#: lines of its text, of its last update's note; sources listed.
TEXT_LINES, NOTE_LINES, SOURCES = 10, 6, 4

RUNNING = "年度进行中：年度结束后定稿，此前随进展更新。"

FINAL = "此后的进展不改变本报告。"


def statement(day: dt.date) -> str:
    """「本报告反映截至2020年12月31日的情况。」"""
    return f"本报告反映截至{cn_date(day)}的情况。"


def unit_report_pdf(part: UnitReport, period: Period, settings: Settings, font: Path) -> bytes:
    """The PDF of one unit's part of the report of ``period``: its totals, then
    a block per pledge with its status, last update, sources, URL and QR code."""
    title = f"{part.unit.name}{period.title}"
    about = f"「{settings.column}」专访中本单位公开承诺的兑现情况"
    content = _Content([part.unit.name, period.title], about, part.tally, partial(_unit_body, part, period, settings))
    return _render(period, settings, font, title, content)


def year_report_pdf(report: YearReport, settings: Settings, font: Path) -> bytes:
    """The PDF of a year's report: the column's totals, then a table with a
    row per unit (linking to its own report) and the totals' row."""
    about = f"「{settings.column}」专访中各单位公开承诺的兑现情况"
    content = _Content([report.title], about, report.tally, partial(_year_body, report, settings))
    return _render(report.period, settings, font, report.title, content)


@dataclass(frozen=True)
class _Content:
    """What a report shows below its head: lines of the title, what it is about, the totals, the rest."""

    title: list[str]
    about: str
    tally: Tally
    body: Callable[[Measure], list[Block]]


def _opening(content: _Content, period: Period, settings: Settings, measure: Measure) -> list[Block]:
    """The title, the report's day, the demonstration notice, the totals."""
    head = Block(measure)
    head.space(1.0)
    for line in content.title:
        head.paragraph(line, 20, INK, lines=3, balance=True)
    head.space(0.5)
    head.paragraph(content.about, 11, INK)
    head.space(1.0)
    head.paragraph(statement(period.day) + ("" if period.running else FINAL), 9.5, MUTED)
    if period.running:
        head.paragraph(RUNNING, 9.5, RED)
    blocks = [head]
    if settings.demo:
        blocks.append(_demo_box(settings.demo_note, measure))
    blocks.append(_totals(content.tally, measure))
    return blocks


def _demo_box(note: str, measure: Measure) -> Block:
    """The demonstration notice on a pale amber ground, under a label."""
    box = Block(measure)
    box.space(4.0)
    top = box.height
    box.space(2.2)
    box.spans([Span("演示数据", pill=DEMO_INK)], 9.5, x=3.0)
    box.paragraph(note.strip("（）"), 10, DEMO_INK, x=3.0, width=WIDTH - 6.0)
    box.space(2.2)
    box.items.insert(0, Box(0.0, top, WIDTH, box.height - top, DEMO_PAPER, 1.2))
    return box


def _totals(tally: Tally, measure: Measure) -> Block:
    """Four figures (pledges, kept, share kept, overdue), then a bar of the
    statuses in their colours with its legend."""
    block = Block(measure)
    block.space(5.0)
    top, high = block.height, 17.0
    share = percent(tally.share) if tally.share is not None else "—"
    figures = [
        ("承诺", f"{tally.total}", "项", INK),
        ("已兑现", f"{tally.kept}", "项", STATUS_COLOURS[Status.FULFILLED]),
        ("兑现率", share, "", STATUS_COLOURS[Status.FULFILLED]),
        ("已逾期", f"{tally.overdue}", "项", OVERDUE if tally.overdue else INK),
    ]
    gap = 2.4
    cell = (WIDTH - gap * (len(figures) - 1)) / len(figures)
    for i, (label, value, unit, colour) in enumerate(figures):
        x = i * (cell + gap)
        block.items.append(Box(x, top, cell, high, GROUND, 1.0))
        block.items.append(Text(x + 4.0, top + 5.6, label, 8.5, MUTED))
        block.items.append(Text(x + 4.0, top + 14.0, value, 20, colour))
        if unit:
            block.items.append(Text(x + 5.0 + measure(value, 20), top + 14.0, unit, 9, MUTED))
    block.space(high + 4.0)
    _status_bar(block, tally)
    legend = [Span(f"{status.label} {count}", pill=STATUS_COLOURS[status]) for status, count in tally.counts]
    block.spans(legend, 8.5)
    return block


def _status_bar(block: Block, tally: Tally) -> None:
    """The share of each status as a length of a bar in its colour."""
    high, x = 3.2, 0.0
    block.items.append(Box(0.0, block.height, WIDTH, high, LINE))
    for status, count in tally.counts:
        if count and tally.total:
            wide = WIDTH * count / tally.total
            block.items.append(Box(x, block.height, wide, high, STATUS_COLOURS[status]))
            x += wide
    block.space(high + 2.0)


def _heading(text: str, note: str, measure: Measure) -> Block:
    """A section's heading with a red mark, and a line of explanation."""
    block = Block(measure, keep_with_next=True)
    block.space(7.0)
    block.items.append(Box(0.0, block.height + 1.2, 1.2, line_height(13) - 2.4, RED))
    block.line(text, 13, INK, x=3.5)
    block.paragraph(note, 8.5, MUTED)
    block.space(1.5)
    return block


def _unit_body(part: UnitReport, period: Period, settings: Settings, measure: Measure) -> list[Block]:
    """A heading, then a block per pledge."""
    scope = (
        f"本单位在{period.year}年专访中作出的承诺，以及此前作出、{period.year}年初仍未办结的承诺。"
        "兑现率 = 已兑现 ÷ 承诺总数；已逾期指时限已过、尚未兑现也未撤回。扫描二维码可查看该项承诺的最新进展。"
    )
    heading = _heading(f"逐项情况（{len(part.rows)} 项）", scope, measure)
    return [heading, *(_row_block(i, row, period, settings, measure) for i, row in enumerate(part.rows, 1))]


def _row_block(number: int, row: Row, period: Period, settings: Settings, measure: Measure) -> Block:
    """One pledge: its text and facts on the left, its QR code on the right."""
    block = Block(measure)
    indent = 8.0
    width = WIDTH - indent - QR_SIZE - 5.0
    url = settings.url(row.page)
    block.space(3.0)
    block.items.append(Text(0.0, block.height + baseline(11), f"{number}", 11, RED))
    block.paragraph(row.text, 11, INK, x=indent, width=width, lines=TEXT_LINES)
    block.space(0.6)
    block.spans(_facts(row, period), 8.5, x=indent, width=width)
    block.space(0.4)
    if row.last_date is not None:
        note = f"最新进展　{cn_date(row.last_date)}：{row.last_note}"
        block.paragraph(note, 9, INK, x=indent, width=width, lines=NOTE_LINES)
    else:
        block.line("尚无公开报道的进展", 9, MUTED, x=indent)
    for source in row.sources[:SOURCES]:
        title = f"来源：{source.title}" + (f"（{source.doc_no}）" if source.doc_no else "")
        spans = [Span(title), *([Span(source.url, LINK, link=source.url)] if source.url else [])]
        block.spans(spans, 8, x=indent, width=width)
    if len(row.sources) > SOURCES:
        block.line(f"另有 {len(row.sources) - SOURCES} 项来源，见本项承诺的页面", 8, MUTED, x=indent)
    block.spans([Span("本项承诺"), Span(url, LINK, link=url)], 8, x=indent, width=width)
    qr_top = 3.6
    block.items.append(Qr(WIDTH - QR_SIZE, qr_top, QR_SIZE, url))
    block.items.append(Link(WIDTH - QR_SIZE, qr_top, QR_SIZE, QR_SIZE, url))
    caption = "扫码查看进展"
    block.items.append(
        Text(WIDTH - QR_SIZE / 2 - measure(caption, 6.5) / 2, qr_top + QR_SIZE + 3.2, caption, 6.5, MUTED)
    )
    block.height = max(block.height, qr_top + QR_SIZE + 4.2) + 3.0
    block.rule(block.height)
    return block


def _facts(row: Row, period: Period) -> list[Span]:
    """Status, deadline, lateness, 序时进度, and the year made if earlier."""
    spans = [Span(row.status.label, pill=STATUS_COLOURS[row.status]), Span(f"时限 {cn_date(row.deadline)}")]
    if row.days_late:
        spans.append(Span(f"已逾期 {row.days_late} 天", OVERDUE))
    if row.pace:
        actual, expected, grade = row.pace
        spans.append(Span(f"序时进度 {expected}，实际 {actual}，{grade.label}"))
    if row.made != period.year:
        spans.append(Span(f"{row.made}年作出"))
    return spans


#: The table's first column, the unit's short name.
NAME_WIDTH = 38.0


def _year_body(report: YearReport, settings: Settings, measure: Measure) -> list[Block]:
    """A heading, then the table: its head (again on every page it goes on to), a row per unit, the totals."""
    note = (
        f"{len(report.units)} 个单位，按兑现率从高到低排列。兑现率 = 已兑现 ÷ 承诺总数；"
        "已逾期指时限已过、尚未兑现也未撤回。各单位逐项情况见其报告（网址在单位名称下）。"
    )
    heading = _heading("各单位", note, measure)
    head = _table_head(measure)
    rows = [_unit_row(part.unit.short_name, part.tally, settings.url(part.page), measure) for part in report.units]
    rows.append(_unit_row("合计", report.tally, settings.url(report.page), measure, total=True))
    for row in rows:
        row.repeat = head
    return [heading, head, *rows]


#: The statuses with a column of their own after the fixed ones.
_OTHERS = tuple(status for status in Status if status is not Status.FULFILLED)

#: The table's columns after the unit's name, as on the site's report page.
COLUMNS = ("承诺", "已兑现", "兑现率", "已逾期", *(status.label for status in _OTHERS))

CELL = (WIDTH - NAME_WIDTH) / len(COLUMNS)


def _figures(tally: Tally) -> list[tuple[str, str]]:
    """The values of :data:`COLUMNS` for ``tally``, each with its colour."""
    counts = dict(tally.counts)
    share = percent(tally.share) if tally.share is not None else "—"
    values = [str(tally.total), str(tally.kept), share, str(tally.overdue), *(str(counts[s]) for s in _OTHERS)]
    colours = [INK if value not in ("0", "—") else MUTED for value in values]
    if tally.overdue:
        colours[3] = OVERDUE
    return list(zip(values, colours, strict=True))


def _centred(block: Block, text: str, size: float, colour: str, column: int, y: float) -> None:
    x = NAME_WIDTH + column * CELL + (CELL - block.measure(text, size)) / 2
    block.items.append(Text(x, y, text, size, colour))


def _table_head(measure: Measure) -> Block:
    block = Block(measure, keep_with_next=True)
    high = 8.0
    block.items.append(Box(0.0, 0.0, WIDTH, high, GROUND))
    block.items.append(Text(2.0, high / 2 + 1.4, "单位", 8.5, MUTED))
    for i, label in enumerate(COLUMNS):
        _centred(block, label, 8.5, MUTED, i, high / 2 + 1.4)
    block.height = high
    block.rule(high, INK, 0.35)
    return block


def _unit_row(name: str, tally: Tally, url: str, measure: Measure, total: bool = False) -> Block:
    """A row of the table: the name and the figures, then the URL of the
    unit's report (or, for the totals, of this one) across the table."""
    block = Block(measure)
    block.space(1.8)
    top = block.height
    size = 10.0 if total else 9.5
    block.paragraph(name, size, INK, x=2.0, width=NAME_WIDTH - 4.0, lines=3)
    for i, (value, colour) in enumerate(_figures(tally)):
        _centred(block, value, size, colour, i, top + baseline(size))
    label = "本报告" if total else "单位报告"
    block.spans([Span(label), Span(url, LINK, link=url)], 7.5, x=2.0, width=WIDTH - 2.0)
    if not total:
        block.items.append(Link(0.0, top, NAME_WIDTH, line_height(size), url))
    block.space(1.2)
    if total:
        block.rule(0.0, INK, 0.35)
    block.rule(block.height)
    return block


def _brand(settings: Settings, measure: Measure) -> list[Item]:
    """The top of every page: the column's name in red, the site's on the right, a red rule."""
    column = f"「{settings.column}」"
    return [
        Text(0.0, 5.2, column, 9.5, RED),
        Text(WIDTH - measure(settings.site_name, 9.5), 5.2, settings.site_name, 9.5, MUTED),
        Box(0.0, 7.6, WIDTH, 0.5, RED),
    ]


def _foot(period: Period, settings: Settings, page: int, pages: int, measure: Measure) -> list[Item]:
    """The bottom of every page: the report's day (and the demonstration notice), the page number."""
    number = f"第 {page} 页 / 共 {pages} 页"
    width = measure(number, 7.5)
    day = Block(measure)
    day.space(1.6)
    notice = [Span(settings.demo_note, DEMO_INK)] if settings.demo_note else []
    day.spans([Span(statement(period.day)), *notice], 7.5, width=WIDTH - width - 6.0, gap=0.0)
    return [
        Box(0.0, 0.0, WIDTH, 0.25, LINE),
        Text(WIDTH - width, 1.6 + baseline(7.5), number, 7.5, MUTED),
        *day.items,
    ]


def _render(period: Period, settings: Settings, font: Path, title: str, content: _Content) -> bytes:
    """Lay out ``content`` under the report's head, put it on pages and draw them."""
    characters = _characters(content, period, settings)
    with tempfile.TemporaryDirectory(prefix="jiannuo-report-") as folder:
        pdf = _document(period, settings, title, font_file(font, characters, Path(folder)))
        try:
            painter = Painter(pdf, metrics(stamp(font)))
            pages = paginate(_layout(content, period, settings, painter.measure))
            for number, placed in enumerate(pages, 1):
                pdf.add_page()
                painter.draw(_brand(settings, painter.measure), 10.0)
                for top, block in placed:
                    painter.draw(block.items, top)
                painter.draw(_foot(period, settings, number, len(pages), painter.measure), BOTTOM + 4.0)
            return bytes(pdf.output())
        finally:
            embedded = pdf.fonts[FAMILY]
            if isinstance(embedded, TTFFont):
                embedded.close()  # output() has, unless drawing failed: the file goes with the folder


def _layout(content: _Content, period: Period, settings: Settings, measure: Measure) -> list[Block]:
    return _opening(content, period, settings, measure) + content.body(measure)


def _characters(content: _Content, period: Period, settings: Settings) -> frozenset[str]:
    """Every character the report draws, which the font is cut down to: its
    pages laid out once as if all text had no width (then no line breaks,
    and no character comes or goes)."""

    items = [*_brand(settings, _no_width), *_foot(period, settings, 0, 0, _no_width)]
    for block in _layout(content, period, settings, _no_width):
        items += block.items
    return frozenset("0123456789" + ELLIPSIS + "".join(item.text for item in items if isinstance(item, Text)))


def _no_width(text: str, size: float) -> float:
    return 0.0


def _document(period: Period, settings: Settings, title: str, font: Path) -> FPDF:
    """An empty A4 document in ``font``, its metadata set."""
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, PAGE_WIDTH - RIGHT)
    pdf.set_auto_page_break(False)
    # No alias for the page count (it is known before any page is drawn), so no text is ever replaced.
    pdf.alias_nb_pages("")
    pdf.set_title(title)
    pdf.set_author(settings.publisher or settings.column)
    pdf.set_subject(f"{settings.column}：{title}。{statement(period.day)}")
    pdf.set_creator(settings.site_name)
    pdf.set_lang("zh-CN")
    pdf.set_creation_date(dt.datetime.combine(period.day, dt.time(), CST))
    pdf.add_font(FAMILY, "", font)
    embedded = pdf.fonts[FAMILY]
    assert isinstance(embedded, TTFFont)
    # fpdf2 would decode every glyph it embeds to measure its bounds again;
    # they are in the glyph data already, so it copies them as they are (4 times faster).
    embedded.ttfont.recalcBBoxes = False
    pdf.set_font(FAMILY, size=10)
    return pdf
