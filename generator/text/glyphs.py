"""The fonts that draw share cards: where they are, and which characters
they can draw, so that a card never shows a box ("tofu") for a character.

Whether a font has a character is read from its character map (fontTools),
not guessed from a drawing; invisible format characters (U+200B, variation
selectors...) that a font lacks are dropped, never reported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

from generator.text.linebreak import graphemes, normalize

#: The font shipped with the package (see fonts/README.md of the repository).
DEFAULT_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansSC-Bold.ttf"

# Invisible format characters (Default_Ignorable_Code_Point): harmless when a font lacks them.
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xE0000, 0xE0FFF),
)


class CardError(Exception):
    """A card cannot be drawn; the message, in Chinese, says why and what to do."""


def find_font(configured: str | None, base: Path) -> Path:
    """The font to draw cards with: ``configured`` (relative to ``base``,
    the folder of mkdocs.yml) if given, else the font shipped with the
    repository. Raises :class:`CardError` if it is missing or unreadable."""
    path = (base / Path(configured).expanduser()) if configured else DEFAULT_FONT
    if configured:
        how = "请检查 mkdocs.yml 中 card_font 的路径，或删去 card_font 改用仓库自带的字体"
    else:
        how = "请重新安装本程序包，或恢复仓库中的该文件（见 fonts/README.md），或在 mkdocs.yml 中用 card_font 指定一种中文字体"
    if not path.is_file():
        raise CardError(f"找不到绘制分享图的字体文件 {path}。{how}。")
    try:
        coverage(path)
    except CardError as error:
        raise CardError(f"{error}{how}。") from error
    return path


def stamp(path: Path) -> tuple[Path, int, int]:
    """A font file and its version (time and size), to cache what is read from it."""
    stat = path.stat()
    return path, stat.st_mtime_ns, stat.st_size


def coverage(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` has a glyph for (the first font
    of a collection), read once per version of the file."""
    try:
        return _read_coverage(*stamp(path))
    except OSError as error:
        raise CardError(f"无法读取字体 {path}（{error}）。") from error


@cache
def _read_coverage(path: Path, _mtime: int, _size: int) -> frozenset[int]:
    try:
        with path.open("rb") as file:
            font = TTFont(file, lazy=True, fontNumber=0)
            # Only the code points are wanted: numbered glyph names spare
            # fontTools making names from the font's tables (four fifths of the time).
            font.setGlyphOrder([f"g{number}" for number in range(font["maxp"].numGlyphs)])
            cmap = font.getBestCmap()
    except (TTLibError, OSError, ValueError, KeyError, AssertionError) as error:
        raise CardError(
            f"无法读取字体 {path} 的字符表（{error}）：分享图需要 TrueType 或 OpenType 字体（.ttf、.otf、.ttc）。"
        ) from error
    if not cmap:
        raise CardError(f"字体 {path} 没有 Unicode 字符表，无法绘制中文。")
    return frozenset(cmap)


def ignorable(ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in _IGNORABLE)


def face_for(cluster: str, coverages: Sequence[frozenset[int]]) -> int | None:
    """The first font that has every visible character of ``cluster``."""
    needed = [ord(ch) for ch in cluster if not ignorable(ch)]
    for index, covered in enumerate(coverages):
        if all(code in covered for code in needed):
            return index
    return None


def missing_chars(text: str, fonts: Sequence[Path]) -> list[str]:
    """The characters of ``text`` that none of ``fonts`` can draw, each once,
    in order (invisible format characters such as U+200B are never missing)."""
    coverages = [coverage(font) for font in fonts]
    missing: dict[str, None] = {}
    for cluster in graphemes(normalize(text)):
        if face_for(cluster, coverages) is None:
            missing.update((ch, None) for ch in cluster if not ignorable(ch) and ord(ch) not in coverages[0])
    return list(missing)


def describe(chars: Sequence[str], limit: int = 10) -> str:
    """``「𠀀」U+20000、…``, just the code point if the character is invisible."""
    shown = [(f"「{ch}」" if unicodedata.category(ch)[0] not in "CZ" else "") + f"U+{ord(ch):04X}" for ch in chars]
    more = f" 等 {len(chars)} 个" if len(chars) > limit else ""
    return "、".join(shown[:limit]) + more


def require_glyphs(texts: Iterable[str], fonts: Sequence[Path], what: str) -> None:
    """Raise :class:`CardError` if some of ``texts`` has no glyph in ``fonts``."""
    missing = list(dict.fromkeys(ch for text in texts for ch in missing_chars(text, fonts)))
    if missing:
        names = "、".join(f.name for f in fonts)
        raise CardError(
            f"{what}无法绘制：字体 {names} 中没有这些字符：{describe(missing)}。"
            "请改正文字，或为分享图配置含有这些字符的备用字体。"
        )
