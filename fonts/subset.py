"""Make generator/text/fonts/NotoSansSC-Bold.ttf from the full font (see README.md).

    .venv/bin/python fonts/subset.py NotoSansSC_700Bold.ttf

Keeps every character of the full font that is not a Chinese ideograph, and
of the ideographs those of GB 2312, of the words in jieba's dictionary and
FreeType's reference characters for CJK (below). Then draws every kept
character with both fonts and stops if a single pixel differs.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jieba
from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

FULL_SHA256 = "9a38ae0ab28cd5a256f9ea8e00dedc688aac17f7915fcb000572990afa956b96"
OUT = Path(__file__).resolve().parent.parent / "generator" / "text" / "fonts" / "NotoSansSC-Bold.ttf"

# The font has no hinting instructions, so FreeType's auto-hinter places its
# strokes, measuring the top and bottom of these ideographs in whatever font
# it is given (afblue.dat, AF_BLUE_STRING_CJK_TOP and _BOTTOM). Without them
# a subset draws some characters a pixel higher or lower than the full font.
FREETYPE_CJK_REFERENCE = (
    "他们你來們到和地对對就席我时時會来為能舰說说这這齊军同已愿既星是景民照现現理用置要軍那配里開雷露面顾"
    "个为人他以们你來個們到和大对對就我时時有来為要說说主些因它想意理生當看着置者自著裡过还进進過道還里面"
)


def ideograph(code: int) -> bool:
    """A CJK unified or compatibility ideograph, in any plane."""
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def gb2312() -> set[int]:
    """The 6,763 ideographs of GB 2312 (rows 16 to 87)."""
    found: set[int] = set()
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return found


def jieba_ideographs() -> set[int]:
    """Every ideograph in the words of jieba's dictionary (12,010)."""
    found: set[int] = set()
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as words:
        for line in words:
            found.update(code for code in map(ord, line.split(" ", 1)[0]) if ideograph(code))
    return found


def kept(cmap: dict[int, str]) -> set[int]:
    wanted = gb2312() | jieba_ideographs() | set(map(ord, FREETYPE_CJK_REFERENCE))
    return {code for code in cmap if not ideograph(code) or code in wanted}


def make(full: Path, out: Path) -> set[int]:
    """Write the subset of ``full`` to ``out``; the code points kept."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.legacy_kern = True
    options.drop_tables = []
    font = TTFont(full, recalcTimestamp=False)
    codes = kept(font.getBestCmap())
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    font.save(out)
    return codes


def differing(full: Path, out: Path, codes: set[int], sizes: tuple[int, ...] = (34, 58)) -> list[str]:
    """The characters that ``out`` draws otherwise than ``full``."""
    found: list[str] = []
    for size in sizes:
        fonts = [ImageFont.truetype(str(path), size) for path in (full, out)]
        for code in sorted(codes):
            images = [Image.new("L", (size * 3, size * 2)) for _ in fonts]
            for image, font in zip(images, fonts, strict=True):
                ImageDraw.Draw(image).text((5, 5), chr(code), font=font, fill=255)
            if images[0].tobytes() != images[1].tobytes():
                found.append(chr(code))
    return found


def main() -> int:
    full = Path(sys.argv[1])
    if hashlib.sha256(full.read_bytes()).hexdigest() != FULL_SHA256:
        print(f"{full} is not the font of README.md (sha256 {FULL_SHA256})")
        return 1
    codes = make(full, OUT)
    wrong = differing(full, OUT, codes)
    print(f"{OUT.name}: {len(codes)} characters, {OUT.stat().st_size:,} bytes; drawn otherwise: {len(wrong)}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
