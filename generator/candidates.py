"""Finding the sentences of an interview that look like pledges.

An answer is cut into clauses (at 。；; and, where one clause lists several
dated actions, before each date). A clause is a candidate when it names a
time (7月, 年底前, 今年...), a quantity (15个, 一批) or a commitment verb
(确保, 召开, 制定...), and does not speak of the past (去年, 已经, 召开了).
Each candidate carries guesses for the pledge's fields: the deadline, the
target and the category (its section heading). The editor decides.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
from dataclasses import dataclass

from .article import Block, Kind

#: Opening and closing marks inside which a sentence does not end.
_OPENERS = "“‘《（(【「『"
_CLOSERS = "”’》）)】」』"
_CLAUSE_ENDS = "。；;！!？?"
_QUESTION_ENDS = "？?"

_MONTH = r"(?:(?P<year>\d{4})年|(?P<next>明年))?(?<!\d)(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[1-3]?\d)日)?"
_TIME = re.compile(
    rf"{_MONTH}(?:底|末|中旬|下旬|上旬|份)?前?"
    r"|\d{4}年(?:底|末|内|前)|到\d{4}年"
    r"|年底|年末|年内|年终|今年|明年|全年|上半年|下半年|[一二三四]季度|月底前"
)
#: A time that opens a clause and stands apart (「7月,召开…」): a dated plan.
_TIME_START = re.compile(rf"(?:{_MONTH}(?:底|末|份)?前?|年底前?|年内|年末|今年|明年|上半年|下半年)[,，]")
_NUMERAL = r"(?:\d+(?:\.\d+)?|[一两二三四五六七八九十百千]+)[万亿]?"
_MEASURE = r"个|项|次|家|所|场|名|人次|人|户|件|份|条|处|座|套|台|公里|千米|平方米|亩|元|%|％"
_QUANTITY = re.compile(rf"(?<![第前后近\d.])(?P<value>{_NUMERAL})(?P<measure>{_MEASURE})|一批|一系列")
_VERBS = re.compile(
    "确保|完成|召开|制定|出台|印发|下发|建立|建成|举办|(?<!党)组织|实现|推动|开展|启动|新建|改造|打造|"
    "命名|纳入|覆盖|达到|力争|争取|评选|表彰|培育|选树|培树"
)
#: What marks a clause as no pledge: the past (去年, 已经, 了 except in
#: 为了/除了/了解), what others do (有的…, 很多单位…), a sentence saying
#: what the year is (今年是…, 也是今年…的工作).
_NOT_PLEDGE = re.compile(
    r"去年|前年|上年|已经|已于|已将|此前|曾经|以来|近年|近两年|过去|刚刚|(?<![为除])了(?!解)"
    r"|^(?:有的|很多|许多|一些)|(?:今年|年内)是|是今年"
)
#: Enumerators and connectives that open a clause but are no part of the pledge.
_LEAD = re.compile(
    r"^(?:(?:首先|其次|再次|最后|此外|另外|同时|比如|例如|第[一二三四五六七八九十]+|[一二三四五六七八九十]+[是要])[,，、:：]?)+"
)
#: The number of a numbered heading (「一、」, 「（二）」, 「3.」), no part of its category.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+部分)\s*"
)
#: A target's unit is the measure word and the noun after it, cut short.
_UNIT_STOP = re.compile(r"[,，。;；、:：!！?？“”《》（）()的和及与并等]")
_UNIT_LONGEST, _UNIT_SHORT = 6, 4
_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12}
NO_DEADLINE = "原文未写明时限，按年底计"


@dataclass(frozen=True)
class Target:
    """A guessed ``target:``: 44 and 个后进支部."""

    value: int | float
    unit: str


@dataclass(frozen=True)
class Candidate:
    """A clause that may be a pledge, with guesses for the pledge's fields.

    ``category`` is the heading of the section the clause is in (empty
    before the first heading); ``deadline_note`` says why the deadline is a
    guess when the clause names no time.
    """

    quote: str
    category: str
    deadline: dt.date
    deadline_note: str | None = None
    target: Target | None = None


def find_candidates(blocks: list[Block], year: int) -> list[Candidate]:
    """The candidate pledges in the answers of ``blocks`` (and in text that
    follows no question), in reading order."""
    found: list[Candidate] = []
    category, asking = "", False
    for block in blocks:
        if block.kind is Kind.HEADING:
            category = NUMBERED.sub("", block.text)
            continue
        # Text after a question, before any answer, still belongs to the question.
        asking = block.kind is Kind.QUESTION or (asking and block.kind is Kind.TEXT)
        if block.kind is Kind.ANSWER or (block.kind is Kind.TEXT and not asking):
            for clause in clauses(block.text):
                if is_candidate(clause):
                    deadline, note = guess_deadline(clause, year)
                    found.append(Candidate(clause, category, deadline, note, guess_target(clause)))
    return found


def clauses(text: str) -> list[str]:
    """The clauses of a paragraph, without their final mark or leading
    enumerator; questions are left out. Each is a verbatim slice of ``text``."""
    out: list[str] = []
    for sentence, end in sentences(text):
        if end and end in _QUESTION_ENDS:
            continue
        for piece in split_dated(sentence):
            piece = _LEAD.sub("", piece.strip()).strip()
            if piece:
                out.append(piece)
    return out


def sentences(text: str) -> list[tuple[str, str]]:
    """(sentence, its final mark) pairs, cut at 。；;！!？? outside quotes
    and brackets; the final mark is ``""`` for an unfinished last piece."""
    out: list[tuple[str, str]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char in _CLAUSE_ENDS and depth == 0:
            out.append((text[start:index], char))
            start = index + 1
    if text[start:].strip():
        out.append((text[start:], ""))
    return out


def split_dated(sentence: str) -> list[str]:
    """A clause listing several dated actions (「7月，召开…，8月，召开…」),
    cut before each date; any other clause whole. 「…，9月1日前全部投入使用」
    is no new action but the deadline of the one before: the date must stand
    apart (be followed by a comma) to start a new clause."""
    if not _TIME_START.match(sentence):
        return [sentence]
    cuts = [m.start() + 1 for m in re.finditer(r"[,，]", sentence) if _TIME_START.match(sentence, m.start() + 1)]
    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence) + 1]
    return [sentence[a : b - 1] for a, b in itertools.pairwise(bounds)]


def is_candidate(clause: str) -> bool:
    """Names a time, a quantity or a commitment, and is no statement of fact."""
    if len(clause) < 6 or _NOT_PLEDGE.search(clause):
        return False
    return bool(_TIME.search(clause) or _VERBS.search(clause) or has_quantity(clause))


def has_quantity(clause: str) -> bool:
    """A number with a measure word (not 一 alone), or 一批 / 一系列."""
    return any(not m.group("value") or number(m.group("value")) is not None for m in _QUANTITY.finditer(clause))


def guess_deadline(clause: str, year: int) -> tuple[dt.date, str | None]:
    """The end of the nearest time the clause names (「今年…，9月1日前…」 is
    due on 9-01), else the year's end with a note saying so."""
    guesses = [time_deadline(match, year) for match in _TIME.finditer(clause)]
    return min(guesses, key=lambda guess: guess[0], default=(dt.date(year, 12, 31), NO_DEADLINE))


def time_deadline(match: re.Match[str], year: int) -> tuple[dt.date, str | None]:
    """The last day of one time expression, and a note if it is a guess."""
    text = match.group(0)
    if match.group("month"):
        return month_deadline(match, year)
    if digits := re.search(r"\d{4}", text):
        return dt.date(int(digits.group(0)), 12, 31), None
    if text == "明年":
        return dt.date(year + 1, 12, 31), "原文为“明年”，按明年年底计"
    if text == "上半年":
        return dt.date(year, 6, 30), None
    if text.endswith("季度"):
        month = _QUARTERS[text[0]]
        return dt.date(year, month, calendar.monthrange(year, month)[1]), None
    if text == "月底前":
        return dt.date(year, 12, 31), "原文为“月底前”，未写明月份，按年底计"
    return dt.date(year, 12, 31), None


def month_deadline(match: re.Match[str], year: int) -> tuple[dt.date, str | None]:
    """「7月」→ 7-31, 「7月15日」→ 7-15, in the year named (「明年3月」
    is next year's) or else ``year``."""
    year = int(match.group("year") or year) + bool(match.group("next"))
    month = int(match.group("month"))
    last = calendar.monthrange(year, month)[1]
    day = int(match.group("day") or last)
    if not 1 <= day <= last:
        return dt.date(year, month, last), f"原文日期「{match.group(0)}」不存在，按当月月底计"
    return dt.date(year, month, day), None


def guess_target(clause: str) -> Target | None:
    """The first number with a measure word: its value, and as unit the
    measure word with the noun after it (「44个后进支部」→ 44, 个后进支部)."""
    for match in _QUANTITY.finditer(clause):
        if not match.group("value"):
            continue
        value = number(match.group("value"))
        if value is None:
            continue
        rest = _UNIT_STOP.split(clause[match.end() :], maxsplit=1)[0]
        if len(rest) > _UNIT_LONGEST:
            rest = rest[:_UNIT_SHORT]
        measure = match.group("measure")
        return Target(value, measure if measure in "%％" else measure + rest)
    return None


def number(text: str) -> int | float | None:
    """An Arabic or small Chinese number, perhaps in 万 or 亿; ``None`` for
    一 alone (「一项一项」 counts nothing) and for what cannot be read."""
    scale = {"万": 10_000, "亿": 100_000_000}.get(text[-1], 1)
    digits = text.rstrip("万亿")
    if digits[0].isdigit():
        value: int | float | None = float(digits) if "." in digits else int(digits)
    else:
        value = chinese_number(digits)
        if value == 1 and scale == 1:
            return None
    if value is None:
        return None
    value *= scale
    return int(value) if value == int(value) else value


def chinese_number(text: str) -> int | None:
    """二, 十二, 三十, 四十五, 两百, 三千 and the like; ``None`` otherwise."""
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[char]
        elif char in "十百千":
            scale = {"十": 10, "百": 100, "千": 1000}[char]
            total += (1 if digit is None else digit) * scale
            digit = None
        else:
            return None
    return total + (digit or 0)
