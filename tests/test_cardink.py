"""Share cards drawn in a fixed palette: the colours a card may show, the
palette every card of a status shares, glyphs set one by one as Pillow
would set the run, each rasterised once."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from generator.outputs import cardink, cards
from generator.outputs.cards import draw
from generator.text.glyphs import DEFAULT_FONT
from generator.views import palette
from tests.test_cards import PROGRESS, pledge_card, unit_card


def on_a_ramp(colour: tuple[int, int, int], inks: list[tuple[int, int, int]]) -> bool:
    """Whether ``colour`` is one of ``inks`` or lies between two of them."""
    for start in inks:
        for end in inks:
            span = [b - a for a, b in zip(start, end, strict=True)]
            longest = max(range(3), key=lambda i: abs(span[i]))
            share = (colour[longest] - start[longest]) / span[longest] if span[longest] else 0.0
            mix = [a + d * share for a, d in zip(start, span, strict=True)]
            if 0 <= share <= 1 and all(abs(m - c) <= 1 for m, c in zip(mix, colour, strict=True)):
                return True
    return False


def test_a_card_shows_the_column_colours_and_their_anti_aliasing_only() -> None:
    image = Image.open(io.BytesIO(draw(dataclasses.replace(pledge_card(PROGRESS), notice="演示数据"), DEFAULT_FONT)))
    rgb = image.convert("RGB").tobytes()
    colours = {(rgb[i], rgb[i + 1], rgb[i + 2]) for i in range(0, len(rgb), 3)}
    inks = [cardink.rgb(c) for c in vars(palette).values() if isinstance(c, str) and c.startswith("#")]
    inks += [cardink.rgb(c) for c in palette.STATUS_COLOURS.values()]
    assert colours and all(on_a_ramp(colour, inks) for colour in colours)
    assert len(colours) > 40, "anti-aliased edges, not flat text"


def test_cards_of_a_status_share_one_fixed_palette() -> None:
    """Drawn into a fixed palette, not quantised card by card."""
    card = pledge_card(PROGRESS)
    other = dataclasses.replace(card, title="年底前全部完成", meta=("省直机关工委",), progress=(1, 3, "项"))
    first, second = (Image.open(io.BytesIO(draw(c, DEFAULT_FONT))) for c in (card, other))
    assert first.getpalette() == second.getpalette()


def levels(image: Image.Image) -> list[int]:
    """Each pixel's coverage as a level 0 (paper) … STEPS - 1 (ink)."""
    return [(alpha * (cardink.STEPS - 1) + 127) // 255 for alpha in image.tobytes()]


@pytest.mark.parametrize(
    "text",
    ["践诺 · jiannuo.example.org/pledges/u017-17-1/", "制定《省直部门单位党组(党委)》、评估", "Cafe\u0301 «A» 13 / 15"],
)
def test_text_set_glyph_by_glyph_looks_like_pillows_own(text: str) -> None:
    """Glyphs drawn once and set by their advances and kerning land where
    Pillow's shaping puts them, at the same coverage."""
    font = cards._font(DEFAULT_FONT, 28)
    colours = cardink.Palette([(palette.PAPER, palette.INK)])
    canvas = cardink.Canvas((900, 60), colours, palette.PAPER)
    canvas.text(font, 10.3, 40.5, text, palette.PAPER, palette.INK)
    ramp = colours.ramp(palette.PAPER, palette.INK)
    index_level = {ramp.ground: 0, ramp.ink: cardink.STEPS - 1}
    index_level |= {ramp.first + i: i + 1 for i in range(cardink.STEPS - 2)}
    ours = [index_level[i] for i in canvas.image.tobytes()]
    pillow = Image.new("L", (900, 60))
    ImageDraw.Draw(pillow).text((10.3, 40.5), text, font=font, fill=255, anchor="ls")
    theirs = levels(pillow)
    inked = sum(1 for level in theirs if level)
    assert inked > 500 and abs(sum(ours) - sum(theirs)) <= sum(theirs) // 50
    # Hinting at another sub-pixel phase moves a few edges by a level or two;
    # a glyph a pixel off would change a third of them.
    assert sum(abs(a - b) > 1 for a, b in zip(ours, theirs, strict=True)) <= inked * 8 // 100


def test_each_glyph_is_rasterised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    card = dataclasses.replace(unit_card(), title="一个从未画过的标题：鼋鼍")
    first = draw(card, DEFAULT_FONT)
    rasterised: list[str] = []
    raster = cardink._raster

    def counted(font: ImageFont.FreeTypeFont, text: str, *args: float) -> Any:
        rasterised.append(text)
        return raster(font, text, *args)

    monkeypatch.setattr(cardink, "_raster", counted)
    assert draw(card, DEFAULT_FONT) == first
    assert rasterised == []
    draw(dataclasses.replace(card, title="一个从未画过的标题：鼋鼍鹳"), DEFAULT_FONT)
    assert rasterised == ["鹳"], "only the new glyph"
