"""Ink for share cards: a canvas of palette indices, and glyphs rasterised
once per font and size.

A card shows a few flat colours; every anti-aliased edge lies between one
ink and the ground it is drawn on. The palette is therefore fixed: the
solid colours and, for each pair (ground, ink) a card can draw, a ramp of
:data:`STEPS` levels between them. Drawing writes indices into an "L"
image (a shape's or a glyph's coverage mapped onto its ramp), which
becomes the PNG's palette image as is: no quantising, the same bytes in
every process.

Rasterising a glyph costs more than all the rest of a card: each glyph is
drawn once per font and size (per process) and set by its advance. Text
that needs shaping (combining marks, joined scripts, emoji sequences) is
rasterised as a whole run instead.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from PIL import Image, ImageColor, ImageDraw, ImageFont

#: Levels of a ramp, the ground and the ink included: 16 look like full
#: anti-aliasing at a card's sizes.
STEPS = 16

RGB = tuple[int, int, int]


def _level(alpha: int) -> int:
    """The ramp level (0 = the ground … STEPS - 1 = the ink) of a coverage 0–255."""
    return (alpha * (STEPS - 1) + 127) // 255


#: A coverage as a paste mask: any pixel not left at the ground is replaced.
_COVERED = [255 if _level(alpha) else 0 for alpha in range(256)]


def rgb(colour: str) -> RGB:
    """``#a8161c`` as ``(168, 22, 28)``."""
    red, green, blue = ImageColor.getrgb(colour)[:3]
    return red, green, blue


class Ramp(NamedTuple):
    """The indices of a ramp: its ground, its first level between, its ink."""

    ground: int
    first: int
    ink: int


@cache
def lut(ramp: Ramp) -> list[int]:
    """Coverage 0–255 → index on ``ramp``."""
    levels = [ramp.ground, *range(ramp.first, ramp.first + STEPS - 2), ramp.ink]
    return [levels[_level(alpha)] for alpha in range(256)]


class Palette:
    """The solid colours of ``pairs`` and a ramp between each ground and its
    ink, in the order of ``pairs``: palettes that begin with the same pairs
    give their colours the same indices."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self.colours: list[RGB] = []
        self.solid: dict[str, int] = {}
        self._ramps: dict[tuple[str, str], Ramp] = {}
        for ground, ink in pairs:
            for colour in (ground, ink):
                if colour not in self.solid:
                    self.solid[colour] = len(self.colours)
                    self.colours.append(rgb(colour))
            self._ramps[(ground, ink)] = Ramp(self.solid[ground], len(self.colours), self.solid[ink])
            start, end = rgb(ground), rgb(ink)
            for level in range(1, STEPS - 1):
                red, green, blue = (round(a + (b - a) * level / (STEPS - 1)) for a, b in zip(start, end, strict=True))
                self.colours.append((red, green, blue))
        if len(self.colours) > 256:
            raise ValueError(f"{len(self.colours)} colours do not fit a PNG palette")

    def ramp(self, ground: str, ink: str) -> Ramp:
        """Where the ramp of ``ink`` over ``ground`` is."""
        try:
            return self._ramps[(ground, ink)]
        except KeyError:
            raise ValueError(f"the palette has no ramp from {ground} to {ink}") from None

    def data(self) -> bytes:
        """The palette as PNG wants it: RGB triples, in index order."""
        return bytes(value for colour in self.colours for value in colour)


class Canvas:
    """A card being drawn: palette indices in an "L" image."""

    def __init__(self, size: tuple[int, int], palette: Palette, ground: str) -> None:
        self.palette = palette
        self.image = Image.new("L", size, palette.solid[ground])
        self._draw = ImageDraw.Draw(self.image)

    def rectangle(self, box: tuple[float, float, float, float], colour: str) -> None:
        """A flat box (both corners included, as in Pillow)."""
        self._draw.rectangle(box, fill=self.palette.solid[colour])

    def paint(self, mask: Image.Image, at: tuple[int, int], ground: str, ink: str, beside: str | None = None) -> None:
        """``ink`` through the coverage ``mask`` at ``at``, over ``ground``;
        where the canvas is not ``ground`` (an edge of it), over ``beside``."""
        indices = mask.point(lut(self.palette.ramp(ground, ink)))
        if beside is not None:
            box = (*at, at[0] + mask.width, at[1] + mask.height)
            solid = self.palette.solid[ground]
            on_ground = self.image.crop(box).point([255 if i == solid else 0 for i in range(256)])
            indices = Image.composite(indices, mask.point(lut(self.palette.ramp(beside, ink))), on_ground)
        self.image.paste(indices, at, mask.point(_COVERED))

    def text(self, font: ImageFont.FreeTypeFont, x: float, baseline: float, text: str, ground: str, ink: str) -> None:
        """``text`` in one font from ``x`` on ``baseline``."""
        if not simple(text):
            mask, left, top = _raster(font, text, x - math.floor(x))
            if mask is not None:
                self.paint(mask, (math.floor(x) + left, _pixel_row(baseline) + top), ground, ink)
            return
        ramp, y = self.palette.ramp(ground, ink), _pixel_row(baseline)
        for i, char in enumerate(text):
            indices, covered, left, top, advance = _inked(font, char, ramp)
            if indices is not None:
                self.image.paste(indices, (math.floor(x + 0.5) + left, y + top), covered)
            x += advance
            if _KERNABLE.fullmatch(text, i, i + 2):
                x += kerning(font, text[i : i + 2])

    def png_image(self) -> Image.Image:
        """The card as a palette image (this canvas is done with)."""
        self.image.putpalette(self.palette.data())
        return self.image


# --- Glyphs ----------------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    """One character rasterised at the origin: its coverage, where that
    lies from the pen on the baseline, and how far it moves the pen."""

    mask: Image.Image | None
    left: int
    top: int
    advance: float


@lru_cache(maxsize=4096)
def glyph(font: ImageFont.FreeTypeFont, char: str) -> Glyph:
    """``char`` in ``font``, rasterised once per process."""
    advance = font.getlength(char)
    return Glyph(*_raster(font, char), advance)


def _raster(font: ImageFont.FreeTypeFont, text: str, start: float = 0.0) -> tuple[Image.Image | None, int, int]:
    """The coverage of ``text`` drawn from ``start`` (0 ≤ start < 1) on the
    baseline, and where its top left lies from there."""
    left, top, right, bottom = (int(v) for v in font.getbbox(text, anchor="ls"))
    if right <= left or bottom <= top:
        return None, 0, 0
    if start:
        left = min(left, 0)  # Pillow would cut a negative fractional start off
    mask = Image.new("L", (right - left + 1, bottom - top))
    ImageDraw.Draw(mask).text((start - left, -top), text, font=font, fill=255, anchor="ls")
    return mask, left, top


#: Where glyphs are set one by one: no shaping joins or moves them.
_SIMPLE = ((0x20, 0x58F), (0x2000, 0x2BFF), (0x3000, 0x9FFF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFFEF))


def _shaping() -> re.Pattern[str]:
    """A character outside :data:`_SIMPLE`, or a mark or format character in it."""
    marks = (
        chr(code)
        for low, high in _SIMPLE
        for code in range(low, high + 1)
        if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf")
    )
    ranges = "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in _SIMPLE)
    return re.compile(f"[^{ranges}]|[{''.join(map(re.escape, marks))}]")


_SHAPING = _shaping()


def simple(text: str) -> bool:
    """Whether ``text`` is set by its characters' advances alone (no mark, no joining)."""
    return _SHAPING.search(text) is None


#: Stretches of text whose neighbours may kern: Chinese fonts set
#: ideographs on a fixed grid, beside anything.
_KERNABLE = re.compile("[^\u3400-\u9fff\uf900-\ufaff]{2,}")


@cache
def _metrics(font: ImageFont.FreeTypeFont) -> tuple[dict[str, float], dict[str, float]]:
    """The advances of characters and the kerning of pairs in ``font``,
    filled in as they are asked for."""
    return {}, {}


def _advance(font: ImageFont.FreeTypeFont, char: str) -> float:
    advances = _metrics(font)[0]
    if char not in advances:
        advances[char] = font.getlength(char)
    return advances[char]


def kerning(font: ImageFont.FreeTypeFont, pair: str) -> float:
    """How much closer (negative) or farther the two characters of ``pair`` are set."""
    kerns = _metrics(font)[1]
    if pair not in kerns:
        kerns[pair] = font.getlength(pair) - _advance(font, pair[0]) - _advance(font, pair[1])
    return kerns[pair]


def width(font: ImageFont.FreeTypeFont, text: str) -> float:
    """How far ``text`` moves the pen."""
    if not simple(text):
        return font.getlength(text)
    advances, kerns = _metrics(font)
    try:
        total = sum(map(advances.__getitem__, text))
    except KeyError:
        total = sum(_advance(font, ch) for ch in text)
    for stretch in _KERNABLE.findall(text):
        pairs = [stretch[i : i + 2] for i in range(len(stretch) - 1)]
        try:
            total += sum(map(kerns.__getitem__, pairs))
        except KeyError:
            total += sum(kerning(font, pair) for pair in pairs)
    return total


@lru_cache(maxsize=4096)
def _inked(
    font: ImageFont.FreeTypeFont, char: str, ramp: Ramp
) -> tuple[Image.Image | None, Image.Image | None, int, int, float]:
    """A glyph in a colour: its indices on ``ramp``, which pixels it covers,
    where they lie from the pen, and the glyph's advance."""
    shape = glyph(font, char)
    if shape.mask is None:
        return None, None, 0, 0, shape.advance
    return shape.mask.point(lut(ramp)), shape.mask.point(_COVERED), shape.left, shape.top, shape.advance


def _pixel_row(y: float) -> int:
    """The row Pillow sets a baseline at ``y`` on: halves round up the page."""
    return math.ceil(y - 0.5)
