"""Line breaking for Chinese text drawn into a fixed width (the share cards).

Text breaks between any two characters, with the usual Chinese rules (禁则):

* no line starts with a closing mark or a pause (:data:`NO_START`: 。，、」…);
* no line ends with an opening mark (:data:`NO_END`: 「（《“…);
* a run of Latin letters and digits such as ``2019`` or ``COVID-19`` is a
  word and is never split, unless it is wider than a whole line;
* spaces are break points and vanish at the ends of lines.

Everything works on graphemes (:func:`graphemes`), so a base letter and its
combining marks, an emoji ZWJ sequence, a flag or a surrogate pair stay
together. The width of a piece of text comes from a ``measure`` function,
so this module knows nothing about fonts.

:func:`wrap` fills lines greedily; with ``max_lines`` the text that does not
fit is cut at a break point and the last line ends with an ellipsis "…";
with ``balance`` the lines are made about equally long (like CSS
``text-wrap: balance``), which suits titles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

Measure = Callable[[str], float]

ELLIPSIS = "…"

#: Characters that must not begin a line: closing marks, pauses, stops.
NO_START = frozenset("。，、；：？！」）》’”』】〕〉〗〙〛］｝｠…‥％‰℃°·・" + ",.;:?!)]}%")
#: Characters that must not end a line: opening marks.
NO_END = frozenset("「（《“‘『【〔〈〖〘〚［｛｟" + "([{")
#: What looks wrong right before an ellipsis: pauses, spaces, opening marks.
_BEFORE_ELLIPSIS = frozenset("，、；：,;: ") | NO_END
#: Characters inside a Latin word or number besides letters and digits.
_WORD_JOINERS = frozenset("-_./%&+@#~=$'’")
#: Characters that come in pairs that must not be split: —— and ……
_DOUBLED = frozenset("—…")

_ZWJ = "\u200d"
_REGIONAL = range(0x1F1E6, 0x1F200)
_EXTEND_RANGES = (
    (0xFE00, 0xFE0F),  # variation selectors
    (0xE0100, 0xE01EF),
    (0x1F3FB, 0x1F3FF),  # skin tone modifiers
    (0xE0020, 0xE007F),  # tags (subdivision flags)
    (0xFF9E, 0xFF9F),  # half-width voiced sound marks
    (0x200C, 0x200D),  # ZWNJ, ZWJ
)


def _extends(ch: str) -> bool:
    """``ch`` attaches to the character before it (Grapheme_Extend and the like)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Mc"):
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EXTEND_RANGES)


def _joins(cluster: str, ch: str) -> bool:
    """``ch`` continues the grapheme ``cluster`` (a simplified UAX #29)."""
    last = cluster[-1]
    if _extends(ch) or last == _ZWJ:
        return True
    if "\ud800" <= last <= "\udbff" and "\udc00" <= ch <= "\udfff":
        return True  # a surrogate pair left in the string
    if last == "\r" and ch == "\n":
        return True
    regional = [c for c in cluster if ord(c) in _REGIONAL]
    return ord(ch) in _REGIONAL and len(regional) == 1 == len(cluster)


def graphemes(text: str) -> list[str]:
    """``text`` split into user-perceived characters."""
    clusters: list[str] = []
    for ch in text:
        if clusters and _joins(clusters[-1], ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def normalize(text: str) -> str:
    """``text`` on one line: white space collapsed, surrogate pairs joined
    into the characters they stand for (lone surrogates are kept)."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    return re.sub(r"\s+", " ", text).strip()


def _is_word(cluster: str) -> bool:
    """Part of a Latin word or number (narrow letters, digits, joiners)."""
    base = cluster[0]
    if base in _WORD_JOINERS:
        return True
    wide = unicodedata.east_asian_width(base) in ("W", "F")
    return not wide and unicodedata.category(base)[0] in "LNM"


def can_break(before: str, after: str) -> bool:
    """A line may break between the graphemes ``before`` and ``after``."""
    if after[0] in NO_START or before[0] in NO_END or after[0].isspace():
        return False
    if before[0] in _DOUBLED and after[0] == before[0]:
        return False
    if before[0].isspace():
        return True
    return not (_is_word(before) and _is_word(after))


def segments(text: str) -> list[str]:
    """``text`` cut at every break opportunity: pieces never split by wrapping."""
    pieces: list[str] = []
    clusters = graphemes(text)
    for i, cluster in enumerate(clusters):
        if i and can_break(clusters[i - 1], cluster):
            pieces.append(cluster)
        elif pieces:
            pieces[-1] += cluster
        else:
            pieces.append(cluster)
    return pieces


def _fits(text: str, width: float, measure: Measure) -> bool:
    return measure(text.strip()) <= width


def _split_wide(piece: str, width: float, measure: Measure) -> list[str]:
    """A piece wider than a line, cut by grapheme: the last resort."""
    parts = [""]
    for cluster in graphemes(piece):
        if parts[-1] and not _fits(parts[-1] + cluster, width, measure):
            parts.append("")
        parts[-1] += cluster
    return parts


def _greedy(pieces: list[str], width: float, measure: Measure) -> list[list[str]]:
    """Pieces filled into lines, each line as its list of pieces."""
    lines: list[list[str]] = [[]]
    for piece in pieces:
        line = "".join(lines[-1])
        if _fits(line + piece, width, measure):
            lines[-1].append(piece)
            continue
        if line.strip():
            lines.append([])
        first, *more = [piece] if _fits(piece, width, measure) else _split_wide(piece, width, measure)
        lines[-1].append(first)
        lines.extend([part] for part in more)
    return lines


def _trim_before_ellipsis(text: str) -> str:
    while text and text[-1] in _BEFORE_ELLIPSIS:
        text = text[:-1]
    return text


def _longest(units: list[str], width: float, measure: Measure) -> str:
    """The most ``units`` from the start that fit ``width`` with an ellipsis."""
    kept = ""
    for unit in units:
        if measure(_trim_before_ellipsis((kept + unit).strip()) + ELLIPSIS) > width:
            break
        kept += unit
    return _trim_before_ellipsis(kept.strip())


def _shorten(pieces: list[str], width: float, measure: Measure) -> str:
    """The start of ``pieces`` that fits ``width`` with an ellipsis: cut
    after a whole piece, unless that loses much more than cutting after
    a grapheme (as in a long URL)."""
    by_piece = _longest(pieces, width, measure)
    by_grapheme = _longest(graphemes("".join(pieces)), width, measure)
    if by_piece and measure(by_piece) >= 0.6 * measure(by_grapheme):
        return by_piece + ELLIPSIS
    return by_grapheme + ELLIPSIS


def _balanced(pieces: list[str], width: float, measure: Measure, count: int) -> list[list[str]]:
    """The narrowest greedy fill that still needs only ``count`` lines."""
    low, high = width / count, width
    best = _greedy(pieces, width, measure)
    while high - low > 1:
        middle = (low + high) / 2
        lines = _greedy(pieces, middle, measure)
        if len(lines) <= count:
            best, high = lines, middle
        else:
            low = middle
    return best


def wrap(
    text: str,
    width: float,
    measure: Measure,
    *,
    max_lines: int | None = None,
    balance: bool = False,
) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (as told by
    ``measure``); at most ``max_lines`` lines, the last one shortened with
    "…" if the text does not fit; lines about equally long if ``balance``."""
    pieces = segments(normalize(text))
    if not pieces:
        return []
    lines = _greedy(pieces, width, measure)
    if max_lines is not None and len(lines) > max_lines:
        rest = [p for line in lines[max_lines - 1 :] for p in line]
        return [*("".join(line).strip() for line in lines[: max_lines - 1]), _shorten(rest, width, measure)]
    if balance and len(lines) > 1:
        lines = _balanced(pieces, width, measure, len(lines))
    return ["".join(line).strip() for line in lines]
