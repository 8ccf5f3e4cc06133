"""How wide a text is, estimated without a font: for the SVGs (badges,
charts) that are drawn at build time and shown in whatever font the reader
has, so their widths can come from no font's metrics.
"""

from __future__ import annotations

import unicodedata

#: A narrow character (a Latin letter, a digit) in ems: generous, as a
#: bold or wide font draws some of them wider than half an em.
NARROW = 0.62


def text_width(text: str, size: float, *, ambiguous_wide: bool = False) -> float:
    """The estimated width of ``text`` at font size ``size``: a wide
    character (Chinese) takes one em, any other :data:`NARROW`.

    ``ambiguous_wide`` counts the characters of ambiguous width (「·」,
    「…」, 「—」, 「°」) as wide too, as Chinese fonts draw them."""
    wide = "WFA" if ambiguous_wide else "WF"
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in wide else NARROW for ch in text)
    return ems * size
