"""Where a browser may break a line of Chinese: between words, never inside
one (「省直 / 机关」), nor inside a number with its unit (「44个」), a date
(「2020年6月30日」) or a Latin word, nor before a closing mark or after an
opening one.

Browsers break Chinese between any two characters. For headings and
titles, :func:`with_breaks` writes the text with ``<wbr>`` at the word
boundaries the segmenter (jieba, with the site's own words) finds, inside
an element whose CSS (``word-break: keep-all``) allows no other break; a
word too long for a line still breaks (``overflow-wrap: anywhere``).

The segmenter's dictionary is the whole process's: this module only reads
it; the engine puts the site's words in it for each build and clears the
caches below when they change (``generator.engine.segmenter``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import jieba
from markupsafe import Markup, escape

from generator.text.linebreak import NO_END, NO_START
from generator.views.formats import cn_date, quantity

#: Runs of Chinese characters (the unified ideographs and their extensions).
HAN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")
#: An HTML tag; splitting at it keeps the tags, at odd places.
TAG = re.compile(r"(<[^>]*>)")

#: A word this long (an organisation's full name) is cut into its parts,
#: so that a narrow screen can break it where a reader would.
LONG_WORD = 6
#: Characters after which a number goes on (2020年6月).
_DATE_PARTS = frozenset("年月")
#: A term in quotation marks, short enough to keep on one line.
_TERM = re.compile("([“‘「][^“”‘’「」]{1,8}[”’」])")


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_.%/")


def may_break(before: str, after: str) -> bool:
    """May a line end after the character ``before``, with ``after`` starting the next?"""
    if after in NO_START or before in NO_END or before.isspace() or after.isspace():
        return False  # spaces break by themselves; marks stay with their words
    if _latin(before) and _latin(after):
        return False
    if before.isdigit() and (HAN.match(after) or after in "%％"):
        return False  # a number and its unit: 44个, 7月, 30%
    return not (before in _DATE_PARTS and after.isdigit())


def _parts(word: str) -> list[str]:
    """A long word in the parts the segmenter knows inside it
    (中共山东省委 / 省直机关 / 工作 / 委员会)."""
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    dag = tokenizer.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    parts, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        parts.append(word[start:end])
        start = end
    return parts


def _tokens(text: str) -> list[str]:
    """The words of ``text``; a short quoted term (“回头看”) is one."""
    tokens: list[str] = []
    for index, piece in enumerate(_TERM.split(text)):
        tokens += [piece] if index % 2 else jieba.lcut(piece)
    return [token for token in tokens if token]


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into the pieces between which a line may break."""
    pieces: list[str] = []
    for word in _tokens(text):
        parts = _parts(word) if len(word) >= LONG_WORD and HAN.fullmatch(word) else [word]
        for part in parts:
            if pieces and not may_break(pieces[-1][-1], part[0]):
                pieces[-1] += part
            else:
                pieces.append(part)
    return tuple(pieces)


@lru_cache(maxsize=65536)
def with_breaks(text: str) -> Markup:
    """``text`` as HTML with ``<wbr>`` where a line may break, in a
    ``jn-words`` span (jiannuo.css lets it break nowhere else)."""
    inner = "<wbr>".join(map(str, map(escape, words(text))))
    return Markup(f'<span class="jn-words">{inner}</span>')


def nobreak(text: object) -> Markup:
    """``text`` kept on one line: a person's name, a number with its unit."""
    return Markup(f'<span class="jn-nowrap">{escape(str(text))}</span>')


@lru_cache(maxsize=4096)
def date_html(day: dt.date) -> Markup:
    """``<time>`` with the date in Chinese (jiannuo.css keeps it on one line)."""
    return Markup(f'<time datetime="{day.isoformat()}">{cn_date(day)}</time>')  # digits and 年月日 only


def quantity_html(value: int | float, unit: str) -> Markup:
    """44 个支部, on one line."""
    return nobreak(quantity(value, unit))


#: What stays on one line in running text: dates, and numbers with their unit.
KEEP_TOGETHER = (
    r"\d{4} ?年(?: ?\d{1,2} ?月(?: ?\d{1,2} ?日)?)?|\d{1,2} ?月 ?\d{1,2} ?日"
    r"|\d+(?:[.,]\d+)*[ \u00a0]?(?:%|％|‰|公里|平方米|[个项天期篇份次座名家所条户人元亿万千百米吨年月日时分秒倍批轮场])"
)


@lru_cache(maxsize=4096)
def _together(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = [re.escape(name) for name in sorted(names, key=len, reverse=True) if name]
    return re.compile("|".join([*alternatives, KEEP_TOGETHER]))


def keep_together(text: str, names: tuple[str, ...] = ()) -> Markup:
    """``text`` as HTML in which every date, number with its unit and each
    of ``names`` (people) is kept on one line."""
    # Only the names the text holds: a pattern is compiled for each set of them.
    pattern = _together(tuple(name for name in names if name and name in text))
    if pattern.search(text) is None:
        return escape(text)  # most text: nothing to keep together
    out, position = [], 0
    for match in pattern.finditer(text):
        out += [str(escape(text[position : match.start()])), nobreak(match.group())]
        position = match.end()
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


#: Elements whose text is code or data, left as it is.
_VERBATIM = frozenset({"pre", "code", "script", "style", "textarea", "kbd", "samp"})


def keep_together_html(html: str) -> str:
    """``html`` (a hand-written page) with :func:`keep_together` applied to
    its text, outside code and scripts."""
    out, inside = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in _VERBATIM and not part.endswith("/>"):
                inside += -1 if part.startswith("</") else 1
            out.append(part)
        elif inside > 0 or not part.strip():
            out.append(part)
        else:
            out.append(_wrap_escaped(part))
    return "".join(out)


def _wrap_escaped(text: str) -> str:
    """Text already escaped as HTML, with its dates and quantities kept on one line."""
    return _together(()).sub(lambda m: f'<span class="jn-nowrap">{m.group()}</span>', text)
