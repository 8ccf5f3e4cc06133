"""Characters nobody can see, in one place: what no text field and no
command-line argument may hold, and how each is named and written out.

The checker refuses them in every text value (they come from YAML escapes
such as ``"\\u0000"`` or from copied text), the commands refuse them in
arguments, and every message shows them as escapes (``\\x1b``, ``\\u202e``)
so that editor text can never move the cursor or reorder what a terminal
shows. Tab and line feed are text; a terminal message escapes them too, so
that one problem stays one line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))


class Kind(NamedTuple):
    """One kind of hidden character: its Chinese name and its characters
    (a regular-expression class body)."""

    name: str
    chars: str


CONTROL = Kind("看不见的控制字符", "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f")
SEPARATOR = Kind("看不见的分行符", "\r\x85\u2028\u2029")
BIDI = Kind("看不见的文字方向控制字符", "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069")
BOM = Kind("看不见的字节顺序标记（BOM）", "\ufeff")
SURROGATE = Kind("不成对的代理码位", "\ud800-\udfff")
NONCHARACTER = Kind("非字符（Unicode 规定不作文字用的码位）", _NONCHARACTERS)

#: Every kind, in the order messages name them.
KINDS = (CONTROL, SEPARATOR, BIDI, BOM, SURROGATE, NONCHARACTER)

#: Any hidden character: most texts have none, and are looked at once.
HIDDEN = re.compile("[" + "".join(kind.chars for kind in KINDS) + "]")
#: What a terminal message escapes: the hidden characters, tab and line feed.
_UNPRINTABLE = re.compile("[\t\n" + "".join(kind.chars for kind in KINDS) + "]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def kind_of(char: str) -> Kind:
    """The kind of the hidden character ``char``."""
    return next(kind for kind in KINDS if re.fullmatch(f"[{kind.chars}]", char))


def first_hidden(text: str) -> str | None:
    """The first hidden character of ``text``; ``None`` when there is none."""
    match = HIDDEN.search(text)
    return match.group() if match else None


def code_point(char: str) -> str:
    """``U+001B``: how messages name a character."""
    return f"U+{ord(char):04X}"


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte Python could not decode (argv, file names)
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal, on one line: each hidden
    character, tab and line feed written out as Python writes it (an
    undecodable byte as ``\\xff``)."""
    return _UNPRINTABLE.sub(_escaped, text)


def printable_lines(text: str) -> str:
    """Each line of ``text`` made :func:`printable`: a message of several
    lines (all the problems a step found) stays several lines."""
    return "\n".join(printable(line) for line in text.split("\n"))
