"""A TrueType font cut down to the characters of one PDF.

Parsing the shipped font's 15,000 glyphs takes fpdf2 a quarter of a second
per document, and embedding them as much again; so the font is read once
per process (:func:`face`), and each report gets a small font with just its
own characters, whose glyphs are copied as they are, never decoded
(:func:`font_subset`). fpdf2 reads that small font and subsets it once more,
as it always does. A font this cannot cut (CFF outlines or composite
glyphs) is handed to fpdf2 whole: slower, same look.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from fontTools import subset as ftsubset
from fontTools.fontBuilder import FontBuilder
from fontTools.ttLib import TTFont

from generator.text.glyphs import stamp


@dataclass(frozen=True, eq=False)
class Face:
    """A TrueType font read once: what each report's small font is cut from
    (one object per version of the file, hashed by identity)."""

    #: The font with no glyph but .notdef, in bytes: its other tables (names, metrics, hinting) for every cut.
    blank: bytes
    cmap: dict[int, str]
    #: Glyph ids by name: a cut keeps the font's order.
    ids: dict[str, int]
    #: The glyphs as read (fontTools glyphs never decoded: their bytes are copied as they are).
    glyphs: dict[str, Any]
    metrics: dict[str, tuple[int, int]]


def face(path: Path) -> Face | None:
    """The font at ``path``, read once per version of the file, or None if
    it cannot be cut by copying glyphs (CFF outlines, composite glyphs)."""
    return _read_face(*stamp(path))


@cache
def _read_face(path: Path, _mtime: int, _size: int) -> Face | None:
    font = TTFont(path, recalcBBoxes=False, recalcTimestamp=False)
    cmap = font.getBestCmap()
    if "glyf" not in font or not cmap:
        return None
    glyphs = dict(font["glyf"].glyphs)
    if any(glyph.isComposite() for glyph in glyphs.values()):
        return None  # their components are referred to by glyph id, which a cut changes
    return Face(
        blank=_blank(path),
        cmap=dict(cmap),
        ids={name: i for i, name in enumerate(font.getGlyphOrder())},
        glyphs=glyphs,
        metrics=dict(font["hmtx"].metrics),
    )


#: Tables no report needs: layout (fpdf2 does not shape text), vertical metrics, variations.
_UNUSED_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "STAT", "vhea", "vmtx", "VORG", "DSIG", "meta"]


def _blank(path: Path) -> bytes:
    options = ftsubset.Options()
    options.drop_tables += _UNUSED_TABLES
    options.notdef_outline = True
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(glyphs=[".notdef"])
    out = io.BytesIO()
    with TTFont(path, lazy=True, recalcBBoxes=False, recalcTimestamp=False) as font:
        subsetter.subset(font)
        font.save(out)
    return out.getvalue()


def font_subset(path: Path, characters: frozenset[str]) -> bytes | None:
    """A TrueType font with only the glyphs of ``characters`` (those the font
    has), or None if the font at ``path`` cannot be cut (:func:`face`)."""
    read = face(path)
    return None if read is None else _cut(read, characters)


@lru_cache(maxsize=4)  # each report has its own characters: a cut font, up to MBs, is used by one report
def _cut(face: Face, characters: frozenset[str]) -> bytes:
    codes = {ord(ch): face.cmap[ord(ch)] for ch in characters if ord(ch) in face.cmap}
    names = sorted({".notdef", *codes.values()}, key=face.ids.__getitem__)
    font = TTFont(io.BytesIO(face.blank), recalcBBoxes=False, recalcTimestamp=False)
    glyf, hmtx = font["glyf"], font["hmtx"]  # read before the glyph order changes
    font.setGlyphOrder(names)
    glyf.glyphOrder = names
    glyf.glyphs = {name: face.glyphs[name] for name in names}
    hmtx.metrics = {name: face.metrics[name] for name in names}
    font["maxp"].numGlyphs = len(names)
    FontBuilder(font=font).setupCharacterMap(dict(sorted(codes.items())))
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_file(font: Path, characters: frozenset[str], folder: Path) -> Path:
    """The font for fpdf2 (which reads fonts from files only): the font cut
    down to ``characters``, written into ``folder``, else the font itself."""
    subset = font_subset(font, characters)
    if subset is None:
        return font
    path = folder / "report.ttf"
    path.write_bytes(subset)
    return path
