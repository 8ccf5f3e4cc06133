"""Share cards: the 1200×630 PNG a page shows in WeChat, Weibo and other
link previews, drawn with Pillow.

A card is a red band with the column's name; an optional kicker in red that
says what the page is; the title in big bold type (the largest size at which
it fits in up to three balanced lines, else the smallest, shortened with
"…"); one to three meta lines, the first in ink, the others muted; a pill
with the status in its colour (the colours of jiannuo.css) beside a
progress bar with "13 / 15 个省级竞赛项目" and the share done; and a
footer with the site's name in red and the page's short URL. The blocks
are centred between the band and the status row, so that short cards
(units, interviews) do not leave a hole at the bottom. Lines too long for
their place are shortened with "…", never drawn over the margin.

Text breaks by the Chinese rules of :mod:`generator.text.linebreak`; a character
no font has stops the drawing with a :class:`CardError` (:mod:`generator.text.glyphs`).
The card is drawn straight into a fixed palette, with glyphs rasterised
once per process (:mod:`generator.outputs.cardink`). Drawing is
reproducible: the same card gives the same bytes in any process, and the
PNG carries no time or other metadata. :mod:`generator.outputs.cardcache`
draws many cards, once each.

The PNG's zlib level is the best trade of time for bytes. Measured on the
bundled site's 24 cards and 200 synthetic ones (median ms to encode a card
on one core, mean KB a card; Pillow 13, zlib-ng 2.3; a card drawn by
quantising to 64 colours was 32.8 KB):

=========  ====  ====  ====  ====  ====  ====  ========
level      1     2     3     4     5     6     optimize
ms         3.1   3.2   3.5   5.9   6.1   8.4   75.6
KB         42.7  40.4  38.3  34.2  33.1  32.1  29.2
=========  ====  ====  ====  ====  ====  ====  ========

Level 3 costs half the time of the default 6 for a sixth more bytes; below
it the bytes grow faster than the time falls.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

from generator.content.model import Status
from generator.outputs import cardink
from generator.outputs.cardink import Canvas, Palette
from generator.text.glyphs import CardError, coverage, face_for, ignorable, require_glyphs, stamp
from generator.text.linebreak import graphemes, wrap
from generator.views.formats import decimal, percent
from generator.views.palette import (
    DEMO_INK,
    DEMO_PAPER,
    INK,
    LINE,
    MUTED,
    PAPER,
    RED,
    RED_DARK,
    STATUS_COLOURS,
    WHITE,
)

WIDTH, HEIGHT = 1200, 630


@dataclass(frozen=True)
class Card:
    """Everything drawn on one share card (see the module docstring)."""

    path: str
    brand: str
    title: str
    meta: tuple[str, ...] = ()
    status: str | None = None
    progress: tuple[float, float, str] | None = None
    footer: str = ""
    kicker: str = ""
    #: A mark at the right end of the band, e.g. 「演示数据」.
    notice: str = ""

    def texts(self) -> Iterator[str]:
        """Every piece of text the card shows."""
        yield from (self.brand, self.kicker, self.title, *self.meta, self.footer, self.notice)
        if self.status is not None:
            yield _status(self).label
        if self.progress is not None:
            yield progress_text(*self.progress)


def require_card_glyphs(card: Card, font: Path, fallbacks: Sequence[Path] = ()) -> None:
    """Raise :class:`CardError` if some text of ``card`` has no glyph in the fonts."""
    require_glyphs(card.texts(), [font, *fallbacks], f"分享图 {card.path} ")


# --- Text in several fonts ---------------------------------------------------


def layout_engine() -> ImageFont.Layout:
    return ImageFont.Layout.RAQM if features.check_feature("raqm") else ImageFont.Layout.BASIC


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return _load_font(*stamp(path), size)


@cache
def _load_font(path: Path, _mtime: int, _size: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=layout_engine())


class _Type:
    """Text at one size and colour, in a font and its fallbacks, over a ground."""

    def __init__(self, fonts: Sequence[Path], size: int, fill: str, ground: str = PAPER) -> None:
        self.fonts = [_font(path, size) for path in fonts]
        self.coverages = [coverage(path) for path in fonts]
        self.size, self.fill, self.ground = size, fill, ground
        self._widths: dict[str, float] = {}

    def runs(self, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
        """``text`` cut into runs of one font each; invisible characters a
        font lacks are left out rather than drawn as boxes."""
        covered = self.coverages[0]
        if covered.issuperset(map(ord, text)):
            return [(self.fonts[0], text)]  # nearly always: no need to look closer
        runs: list[tuple[int, str]] = []
        for cluster in graphemes(text):
            index = face_for(cluster, self.coverages) or 0  # None only for unchecked text
            kept = "".join(ch for ch in cluster if ord(ch) in self.coverages[index] or not ignorable(ch))
            if runs and runs[-1][0] == index:
                runs[-1] = (index, runs[-1][1] + kept)
            else:
                runs.append((index, kept))
        return [(self.fonts[index], part) for index, part in runs]

    def width(self, text: str) -> float:
        if text not in self._widths:
            self._widths[text] = sum(cardink.width(font, part) for font, part in self.runs(text))
        return self._widths[text]

    def draw(self, canvas: Canvas, x: float, baseline: float, text: str, fill: str | None = None) -> float:
        """Draw ``text`` from ``x`` on ``baseline``; return where it ends."""
        for font, part in self.runs(text):
            canvas.text(font, x, baseline, part, self.ground, fill or self.fill)
            x += cardink.width(font, part)
        return x

    def middle(self) -> float:
        """How far above the baseline the middle of a Chinese character is."""
        return _middle(self.fonts[0])


@cache
def _middle(font: ImageFont.FreeTypeFont) -> float:
    top, bottom = font.getbbox("国", anchor="ls")[1::2]
    return -(top + bottom) / 2


# --- Drawing -----------------------------------------------------------------

MARGIN = 72
TEXT_WIDTH = WIDTH - 2 * MARGIN
BAND = 84  # height of the red band, above a darker rule
FOOTER_RULE = HEIGHT - 66
TITLE_SIZES = (66, 60, 54, 50)
TITLE_LEADING = 1.25
KICKER_SIZE, KICKER_LEADING = 30, 46
META_SIZE, META_LEADING = 32, 44
BRAND_SIZE = 38
ROW = 56  # height of the status pill
PILL_SIZE, PILL_PADDING = 30, 26
PROGRESS_SIZE, BAR = 30, 14  # the bar's thickness
FOOTER_SIZE = 28
GAP = 26  # between the blocks of a card
#: Text that :func:`wrap` leaves as it is when it fits: words between single spaces.
_PLAIN = re.compile(r"(?:\S+ )*\S+")


@dataclass(frozen=True)
class _Title:
    """The title set in one size."""

    face: _Type
    lines: list[str]
    leading: int

    @property
    def height(self) -> int:
        return len(self.lines) * self.leading


def _status(card: Card) -> Status:
    try:
        return Status(card.status or "")
    except ValueError:
        raise CardError(f"分享图 {card.path} 的状态「{card.status}」不是已知的承诺状态。") from None


def progress_text(value: float, target: float, unit: str) -> str:
    """``13 / 15 个省级竞赛项目``."""
    return f"{decimal(value, grouping=True)} / {decimal(target, grouping=True)} {unit}".strip()


def _rounded(
    canvas: Canvas, box: tuple[float, float, float, float], fill: str, ground: str, beside: str | None = None
) -> None:
    """A smooth pill-shaped box over ``ground`` (see :meth:`Canvas.paint` for ``beside``)."""
    left, top, right, bottom = (round(v) for v in box)
    if right - left <= 0 or bottom - top <= 0:
        return
    canvas.paint(_pill_mask(right - left, bottom - top), (left, top), ground, fill, beside)


@cache
def _pill_mask(width: int, height: int) -> Image.Image:
    """Pillow's shapes have no anti-aliasing: draw the shape four times as
    large and shrink it into a mask (once per size: cards share sizes)."""
    scale = 4
    mask = Image.new("L", (width * scale, height * scale), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, width * scale - 1, height * scale - 1), radius=height * scale // 2, fill=255
    )
    return mask.resize((width, height), Image.Resampling.LANCZOS)


class _Painter:
    """Draws one card from top to bottom."""

    def __init__(self, card: Card, fonts: Sequence[Path]) -> None:
        self.card, self.fonts = card, fonts
        status = STATUS_COLOURS[_status(card)] if card.status is not None else None
        self.bar = status or RED
        self.canvas = Canvas((WIDTH, HEIGHT), _palette(status, self.bar), PAPER)

    def type(self, size: int, fill: str, ground: str = PAPER) -> _Type:
        return _Type(self.fonts, size, fill, ground)

    def paint(self) -> Image.Image:
        """The whole card: band, body, status row and footer."""
        self.band()
        has_row = self.card.status is not None or self.card.progress is not None
        row_top = FOOTER_RULE - GAP - ROW
        self.body(BAND + 6 + GAP, row_top - GAP if has_row else FOOTER_RULE - GAP)
        if has_row:
            self.row(row_top)
        self.footer()
        return self.canvas.png_image()

    def band(self) -> None:
        self.canvas.rectangle((0, 0, WIDTH, BAND), RED)
        self.canvas.rectangle((0, BAND, WIDTH, BAND + 6), RED_DARK)
        room: float = TEXT_WIDTH
        if self.card.notice:
            room -= self.notice() + GAP
        brand = self.type(BRAND_SIZE, WHITE, RED)
        self.line(brand, MARGIN, BAND / 2 + brand.middle(), self.card.brand, room)

    def notice(self) -> float:
        """The notice in a pale pill at the band's right end; return its width."""
        face = self.type(PILL_SIZE, DEMO_INK, DEMO_PAPER)
        width = face.width(self.card.notice) + 2 * PILL_PADDING
        left, top = WIDTH - MARGIN - width, (BAND - ROW) / 2
        _rounded(self.canvas, (left, top, left + width, top + ROW), DEMO_PAPER, RED)
        face.draw(self.canvas, left + PILL_PADDING, BAND / 2 + face.middle(), self.card.notice)
        return width

    def line(self, face: _Type, x: float, baseline: float, text: str, width: float) -> float:
        """Draw ``text`` on one line, shortened with "…" if too long."""
        if not (_PLAIN.fullmatch(text) and face.width(text) <= width):  # else it is drawn as it is
            text = "".join(wrap(text, width, face.width, max_lines=1))
        return face.draw(self.canvas, x, baseline, text)

    def body(self, top: float, bottom: float) -> None:
        """The kicker, title and meta lines, centred between ``top`` and ``bottom``."""
        kicker = KICKER_LEADING if self.card.kicker else 0
        meta = self.card.meta[:3]
        meta_height = (GAP - 8 + META_LEADING * len(meta)) if meta else 0
        title = self.title(bottom - top - kicker - meta_height)
        height = kicker + title.height + meta_height
        y = top + max(0, (bottom - top - height) // 2)
        if self.card.kicker:
            self.line(self.type(KICKER_SIZE, RED), MARGIN, y + KICKER_SIZE, self.card.kicker, TEXT_WIDTH)
            y += kicker
        for i, text in enumerate(title.lines):
            title.face.draw(self.canvas, MARGIN, y + title.face.size + i * title.leading, text)
        y += title.height + GAP - 8  # the meta belongs to the title: a little closer
        for i, text in enumerate(meta):
            face = self.type(META_SIZE, INK if i == 0 else MUTED)
            self.line(face, MARGIN, y + META_SIZE + i * META_LEADING, text, TEXT_WIDTH)

    def title(self, room: float) -> _Title:
        """The title in the largest size at which it fits ``room`` (at most
        three lines), else in the smallest size, shortened with "…"."""
        for size in TITLE_SIZES:
            leading = round(size * TITLE_LEADING)
            face, count = self.type(size, INK), max(1, min(3, int(room // leading)))
            lines = wrap(self.card.title, TEXT_WIDTH, face.width, max_lines=count, balance=True)
            if not lines or not lines[-1].endswith("…"):
                break
        return _Title(face, lines, leading)

    def row(self, top: float) -> None:
        left = float(MARGIN)
        if self.card.status is not None:
            left = self.pill(left, top, _status(self.card)) + PILL_PADDING + 10
        if self.card.progress is not None:
            self.progress(left, top, self.card.progress)

    def pill(self, left: float, top: float, status: Status) -> float:
        """The status in a pill of its colour; return where the pill ends."""
        colour = STATUS_COLOURS[status]
        face = self.type(PILL_SIZE, WHITE, colour)
        right = left + face.width(status.label) + 2 * PILL_PADDING
        _rounded(self.canvas, (left, top, right, top + ROW), colour, PAPER)
        face.draw(self.canvas, left + PILL_PADDING, top + ROW / 2 + face.middle(), status.label)
        return right

    def progress(self, left: float, top: float, progress: tuple[float, float, str]) -> None:
        """``13 / 15 个省级竞赛项目`` over a bar filled to the share done."""
        value, target, _unit = progress
        share = max(0.0, min(1.0, value / target)) if target > 0 else 0.0
        face, share_done = self.type(PROGRESS_SIZE, INK), percent(share)
        right, baseline = WIDTH - MARGIN, top + PROGRESS_SIZE - 2
        self.line(face, left, baseline, progress_text(*progress), right - left - face.width(share_done) - 24)
        face.draw(self.canvas, right - face.width(share_done), baseline, share_done, fill=MUTED)
        _rounded(self.canvas, (left, top + ROW - BAR, right, top + ROW), LINE, PAPER)
        if share > 0:
            end = max(left + BAR, left + share * (right - left))
            # Its rounded ends lie on the bar's: over the paper there.
            _rounded(self.canvas, (left, top + ROW - BAR, end, top + ROW), self.bar, LINE, PAPER)

    def footer(self) -> None:
        self.canvas.rectangle((MARGIN, FOOTER_RULE, WIDTH - MARGIN, FOOTER_RULE + 1), LINE)
        face = self.type(FOOTER_SIZE, MUTED)
        baseline = (FOOTER_RULE + HEIGHT) / 2 + face.middle()
        site, sep, rest = self.card.footer.partition(" · ")
        x = face.draw(self.canvas, MARGIN, baseline, site, fill=RED) if sep else MARGIN
        self.line(face, x, baseline, sep + rest if sep else site, WIDTH - MARGIN - x)


@cache
def _palette(status: str | None, bar: str) -> Palette:
    """The palette of a card in a status (its pill's colour) whose progress
    bar is ``bar``: the same for every card of that status."""
    # Every card's pairs first, so that they have the same indices in every
    # palette (the glyph cache keeps them); the rule under the band has no
    # edge, but a colour comes with a ramp.
    pairs = [(RED, WHITE), (RED, RED_DARK), (RED, DEMO_PAPER), (DEMO_PAPER, DEMO_INK)]
    pairs += [(PAPER, INK), (PAPER, MUTED), (PAPER, RED), (PAPER, LINE), (LINE, bar), (PAPER, bar)]
    if status is not None:
        pairs += [(PAPER, status), (status, WHITE)]
    return Palette(list(dict.fromkeys(pairs)))


#: zlib's level for the PNG (see the measurements in the module docstring).
COMPRESS_LEVEL = 3


def draw(card: Card, font: Path, fallbacks: Sequence[Path] = ()) -> bytes:
    """The PNG of ``card``, 1200×630, the same bytes every time.
    Raises :class:`CardError` if a character has no glyph in the fonts."""
    require_card_glyphs(card, font, fallbacks)
    image = _Painter(card, [font, *fallbacks]).paint()
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=COMPRESS_LEVEL)
    return out.getvalue()
