"""A4 pages of positioned items, drawn with fpdf2: the layout the report
PDFs (:mod:`generator.outputs.reportpdf`) are made of.

A :class:`Block` is laid out as a whole (text placed line by line, broken by
the Chinese rules of :mod:`generator.text.linebreak`, widths read from the
PDF's font: fpdf2 never wraps text), :func:`paginate` puts blocks on pages
without splitting them, and a :class:`Painter` draws them. QR codes are
filled rectangles (vector, sharp at any size): :func:`qr_rects`.

A process drawing many reports in one font keeps what they share
(:class:`Metrics`): characters' widths, the lines a text breaks into, and
the QR codes, since a pledge carried over is in several years' reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import segno
from fpdf import FPDF
from fpdf.enums import RenderStyle

from generator.text.linebreak import wrap
from generator.views.palette import (
    INK,
    LINE,
    MUTED,
    WHITE,
)

PAGE_WIDTH, PAGE_HEIGHT = 210.0, 297.0

MARGIN = 16.0

LEFT, RIGHT = MARGIN, PAGE_WIDTH - MARGIN

WIDTH = RIGHT - LEFT

#: Where the content of a page begins (below the brand) and must end (above the footer).
TOP, BOTTOM = 25.0, PAGE_HEIGHT - 19.0

#: Millimetres per point.
PT = 25.4 / 72

#: Line height as a multiple of the type size.
LEADING = 1.55

#: How far the baseline lies below the top of the em box, in ems (ideographs fill it from -0.12 to 0.88 em).
ASCENT = 0.88

#: A URL or title wider than a line takes at most this many lines.
WIDE_LINES = 3


@dataclass(frozen=True)
class Text:
    x: float
    #: The baseline.
    y: float
    text: str
    size: float
    colour: str


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    colour: str
    radius: float = 0.0


@dataclass(frozen=True)
class Link:
    x: float
    y: float
    w: float
    h: float
    url: str


@dataclass(frozen=True)
class Qr:
    x: float
    y: float
    size: float
    url: str


Item = Text | Box | Link | Qr


@dataclass(frozen=True)
class Span:
    """A piece of a line of mixed text: a colour, maybe a link, maybe a pill's ground."""

    text: str
    colour: str = MUTED
    link: str | None = None
    pill: str | None = None


Measure = Callable[[str, float], float]


@dataclass
class Block:
    """Part of a page laid out as a whole and never split across pages:
    items placed from its top-left corner (at the left margin), a cursor
    ``height`` below which the next line goes."""

    measure: Measure
    items: list[Item] = field(default_factory=list)
    height: float = 0.0
    #: Put on the same page as the block after it (a heading).
    keep_with_next: bool = False
    #: Drawn again at the top of a page that this block begins (a table's head).
    repeat: Block | None = None

    def space(self, mm: float) -> None:
        self.height += mm

    def line(self, text: str, size: float, colour: str, x: float = 0.0, link: str | None = None) -> None:
        """One line of text at the cursor, which moves down a line."""
        self.items.append(Text(x, self.height + baseline(size), text, size, colour))
        if link:
            self.items.append(Link(x, self.height, self.measure(text, size), line_height(size), link))
        self.height += line_height(size)

    def paragraph(
        self,
        text: str,
        size: float,
        colour: str,
        x: float = 0.0,
        width: float = WIDTH,
        lines: int | None = None,
        balance: bool = False,
    ) -> None:
        """``text`` broken into lines no wider than ``width``; at most
        ``lines`` of them, the last shortened with "…" if need be."""
        for line in broken(self.measure, text, size, width, lines, balance):
            self.line(line, size, colour, x)

    def spans(self, spans: Sequence[Span], size: float, x: float = 0.0, width: float = WIDTH, gap: float = 2.4) -> None:
        """``spans`` one after another, ``gap`` apart, a span that does not fit
        the rest of a line going to the next, one wider than a line broken
        into lines (at most :data:`WIDE_LINES`)."""
        pad = 1.3
        left = 0.0
        for span in spans:
            wide = self.measure(span.text, size) + (2 * pad if span.pill else 0)
            if left and left + wide > width:
                self.height += line_height(size)
                left = 0.0
            if wide > width:
                for piece in broken(self.measure, span.text, size, width, WIDE_LINES):
                    self.line(piece, size, span.colour, x, span.link)
                continue
            top = self.height
            if span.pill:
                high = size * PT + 1.5
                self.items.append(Box(x + left, top + (line_height(size) - high) / 2, wide, high, span.pill, 0.8))
                self.items.append(Text(x + left + pad, top + baseline(size), span.text, size, WHITE))
            else:
                self.items.append(Text(x + left, top + baseline(size), span.text, size, span.colour))
            if span.link:
                self.items.append(Link(x + left, top, wide, line_height(size), span.link))
            left += wide + gap
        if left:
            self.height += line_height(size)

    def rule(self, y: float, colour: str = LINE, weight: float = 0.25) -> None:
        """A line across the block at ``y``."""
        self.items.append(Box(0.0, y - weight / 2, WIDTH, weight, colour))


def line_height(size: float) -> float:
    return size * PT * LEADING


def baseline(size: float) -> float:
    """The baseline's distance from the top of a line of ``size`` points: the em box centred in the line."""
    return (line_height(size) - size * PT) / 2 + ASCENT * size * PT


def paginate(blocks: Sequence[Block]) -> list[list[tuple[float, Block]]]:
    """The blocks on pages, each at its top: a block goes to a new page
    when it (with the blocks it keeps with) does not fit above the footer."""
    pages: list[list[tuple[float, Block]]] = [[]]
    y = TOP
    for i, block in enumerate(blocks):
        need, j = block.height, i
        while blocks[j].keep_with_next and j + 1 < len(blocks):
            j += 1
            need += blocks[j].height
        if pages[-1] and y + need > BOTTOM:
            pages.append([])
            y = TOP
            if block.repeat is not None:
                pages[-1].append((y, block.repeat))
                y += block.repeat.height
        pages[-1].append((y, block))
        y += block.height
    return pages


@lru_cache(maxsize=1 << 14)  # a unit's reports share their texts; a few units' worth
def broken(
    measure: Measure, text: str, size: float, width: float, lines: int | None = None, balance: bool = False
) -> tuple[str, ...]:
    """``text`` at ``size`` broken into lines no wider than ``width`` (at most
    ``lines``, balanced if asked), kept per ``measure`` (one per font, :class:`Metrics`)."""
    return tuple(wrap(text, width, lambda s: measure(s, size), max_lines=lines, balance=balance))


class Metrics:
    """How wide each character of one font is, as fpdf2 measures it: read
    from the document being drawn (:class:`Painter`) and kept for every
    later document in the same font."""

    def __init__(self) -> None:
        self._widths: dict[str, float] = {}
        self.document: FPDF | None = None

    def measure(self, text: str, size: float) -> float:
        """The width of ``text`` at ``size`` points, in millimetres: the sum
        of its characters' widths (the font has no kerning that fpdf2
        applies), each asked of fpdf2 once."""
        widths, total = self._widths, 0.0
        for ch in text:
            width = widths.get(ch)
            if width is None:
                width = widths[ch] = self._width_at_one_point(ch)
            total += width
        return total * size

    def _width_at_one_point(self, ch: str) -> float:
        pdf = self.document
        assert pdf is not None and pdf.current_font is not None, "a Painter reads widths from its document's font"
        # Asked of the font, not of the document: FPDF.get_string_width at another
        # size would write a change of size into the page when a page is open, so
        # that a report's bytes would depend on the reports drawn before it.
        _, points = pdf.current_font.get_text_width(ch, 1.0, None)
        return points / pdf.k


@cache
def metrics(font: object) -> Metrics:
    """The metrics of ``font`` (any key naming one version of a font file), one per process."""
    return Metrics()


class Painter:
    """Measures text in a document's font and draws items on its current page."""

    def __init__(self, pdf: FPDF, metrics: Metrics) -> None:
        self.pdf = pdf
        metrics.document = pdf
        #: Widths and line breaks are kept per font: a stable callable.
        self.measure: Measure = metrics.measure

    def draw(self, items: Iterable[Item], top: float) -> None:
        """``items`` placed from the left margin at ``top``."""
        pdf = self.pdf
        for item in items:
            match item:
                case Text(x, y, text, size, colour):
                    pdf.set_font_size(size)
                    pdf.set_text_color(colour)
                    pdf.text(LEFT + x, top + y, text)
                case Box(x, y, w, h, colour, radius):
                    pdf.set_fill_color(colour)
                    pdf.rect(
                        LEFT + x, top + y, w, h, style=RenderStyle.F, round_corners=radius > 0, corner_radius=radius
                    )
                case Link(x, y, w, h, url):
                    pdf.link(LEFT + x, top + y, w, h, url)
                case Qr(x, y, size, url):
                    self._qr(LEFT + x, top + y, size, url)

    def _qr(self, x: float, y: float, size: float, url: str) -> None:
        count, rects = qr_rects(url)
        module = size / count
        pdf = self.pdf
        pdf.set_fill_color(INK)
        k, top = pdf.k, pdf.h
        # The operators FPDF.rect writes, written at once: a few hundred rectangles
        # a code, through fpdf2's method half the time of a whole report.
        pdf._out(
            "\n".join(
                f"{(x + c * module) * k:.2f} {(top - (y + r * module)) * k:.2f} "
                f"{w * module * k:.2f} {-(h * module) * k:.2f} re f"
                for c, r, w, h in rects
            )
        )


@lru_cache(maxsize=1024)  # a unit's years share their pledges; a few hundred rectangles each
def qr_rects(url: str) -> tuple[int, tuple[tuple[int, int, int, int], ...]]:
    """The QR code of ``url`` (as the site's qr.svg: error level M, mask 0)
    as its width in modules and rectangles (column, row, width, height) that
    cover its dark modules: runs along a row, merged with the same run on
    the rows below, so that a code takes a few hundred rectangles, not a
    thousand squares."""
    matrix = segno.make(url, error="m", mask=0, micro=False).matrix
    done: list[list[int]] = []
    growing: dict[tuple[int, int], list[int]] = {}
    for r, modules in enumerate(matrix):
        below: dict[tuple[int, int], list[int]] = {}
        for run in _runs(modules):
            rect = growing.get(run)
            if rect is None:
                rect = [run[0], r, run[1] - run[0], 0]
                done.append(rect)
            rect[3] += 1
            below[run] = rect
        growing = below
    return len(matrix), tuple((c, r, w, h) for c, r, w, h in done)


def _runs(modules: bytes | bytearray) -> Iterator[tuple[int, int]]:
    """The dark runs of a row of modules (segno marks a dark one 1): (start, end)."""
    return (match.span() for match in _DARK_RUN.finditer(modules))


_DARK_RUN = re.compile(b"\x01+")
