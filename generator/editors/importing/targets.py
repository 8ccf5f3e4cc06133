"""The target a pledge's text names: the first number with a measure word
that is no part of a time (「新建学校20所」), and a note when the text makes
it a bound or a round figure (「98%以上」「1200余名」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.editors.importing.deadlines import Spans, time_matches
from generator.text.numerals import number


@dataclass(frozen=True)
class Target:
    """A guessed ``target:``: 44 and 个后进支部."""

    value: int | float
    unit: str


_NUMERAL = r"\d+(?:\.\d+)?|[一两二三四五六七八九十百千]+"
_MEASURE = (
    "个百分点|百分点|平方公里|平方米|立方米|公里|千米|千瓦|兆瓦|公顷|人次|床位|"
    "[个项次家所场名人户件份条处座套台辆张间栋种门批篇部本吨亩元米]|%|％"
)
_QUANTITY = re.compile(
    rf"(?<![第前后近\d.])(?P<value>{_NUMERAL})(?P<scale>(?:余|多)?[万亿]?(?:余|多)?)(?P<measure>{_MEASURE})"
    r"|一批|一系列"
)
#: Words around a number that make it a bound or a round figure.
_LOWER_BEFORE = re.compile(r"(?:不少于|不低于|至少|超过|多于|高于|大于)$")
_UPPER_BEFORE = re.compile(r"(?:不超过|不高于|不多于|低于|少于|控制在)$")
_AFTER = re.compile(r"^(?:以上|以内|以下|左右)")
_KINDS = {"以上": "下限", "以内": "上限", "以下": "上限", "左右": "约数"}
#: A target's unit is the measure word and the noun after it, cut short.
_UNIT_STOP = re.compile(r"[,，。;；、:：!！?？“”《》（）()的和及与并等]")
_UNIT_LONGEST, _UNIT_SHORT = 6, 4
_UNIT_TAIL = re.compile(r"(?:改造|建设|整治|修缮|改建)$")


def has_quantity(clause: str) -> bool:
    """A number with a measure word (not 一 alone), or 一批 / 一系列."""
    return any(not m.group("value") or number(m.group("value")) is not None for m in _QUANTITY.finditer(clause))


def numbered(clause: str) -> re.Match[str] | None:
    """The first number with a measure word that is no part of a time."""
    taken = Spans(len(clause))
    for a, b in [m.span() for m in time_matches(clause)] + quoted(clause):
        taken.add(a, b)
    for match in _QUANTITY.finditer(clause):
        if not match.group("value") or number(match.group("value")) is None:
            continue
        if not taken.overlaps(*match.span()):
            return match
    return None


def quoted(clause: str) -> list[tuple[int, int]]:
    """The spans inside “” and 《》: names (“四种形态”, 《三年行动方案》), no targets."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”|《[^《》]*》", clause)]


def guess_target(clause: str) -> Target | None:
    """The first number with a measure word, as written: its value, and as
    unit the measure word (with 万 or 亿) and the noun after it
    (「44个后进支部」→ 44, 个后进支部; 「300亿元」→ 300, 亿元)."""
    return guess_target_and_note(clause)[0]


def guess_target_and_note(clause: str) -> tuple[Target | None, str | None]:
    """The target, and a note when the text makes it a bound or a round
    figure (「98%以上」「不少于10%」「1200余名」), which a target cannot hold."""
    match = numbered(clause)
    value = number(match.group("value")) if match else None
    if match is None or value is None:
        return None, None
    scale = match.group("scale")
    measure = scale.replace("余", "").replace("多", "") + match.group("measure")
    rest = _AFTER.sub("", _UNIT_STOP.split(clause[match.end() :], maxsplit=1)[0])
    if len(rest) > _UNIT_LONGEST:
        rest = rest[:_UNIT_SHORT]
    unit = measure if measure[-1] in "%％" else measure + _UNIT_TAIL.sub("", rest)
    return Target(value, unit), bound_note(clause, match, value)


def bound_note(clause: str, match: re.Match[str], value: int | float) -> str | None:
    """「目标原文为“…”，是下限…」 when words around the number bound it."""
    before, after = clause[: match.start()], clause[match.end() :]
    word, kind = "", ""
    if lower := _LOWER_BEFORE.search(before):
        word, kind = lower.group(0), "下限"
    elif upper := _UPPER_BEFORE.search(before):
        word, kind = upper.group(0), "上限"
    tail = _AFTER.match(after)
    if tail:
        kind = kind or _KINDS[tail.group(0)]
    elif any(c in match.group("scale") for c in "余多"):
        kind = "约数"
    if not kind:
        return None
    phrase = word + match.group(0) + (tail.group(0) if tail else "")
    return f"目标原文为“{phrase}”，是{kind}：target 只记数值 {value}，请在 text 里写明“{phrase}”"
