"""The times an answer names (「6月底前」「今年」「三年行动」), each read
as the deadline it gives a pledge, with a note saying which words gave it
and by which rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.text.numerals import chinese_number, digit_by_digit

#: The eve of the flood season: 「汛前」「汛期前」 is due on this day (month, day)
#: of the article's year. Most provinces enter the flood season on 1 June
#: (the south on 1 May): change it here if the column's region differs.
FLOOD_SEASON_EVE = (5, 31)
#: How many years after the article's year a named year may be and still be
#: a deadline; a year before the article's is a reference to the past.
HORIZON = 10
NO_DEADLINE = "原文未写明时限，按年底计"

_YEAR = r"(?<![\d.])(?:\d{4}|[〇零一二三四五六七八九]{4})(?!\d)"
_MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
#: The year a time is in: named (2021年, 二〇二一年) or relative (今年, 明年).
_IN_YEAR = rf"(?:(?P<year>{_YEAR})年|(?P<rel>今年|明年|后年))?"
_NOT_AFTER_NUMBER = r"(?<![\d〇零一二两三四五六七八九十第])"
_RANGE_TO = r"(?:到|至|—|–|-|~|～)"


@dataclass(frozen=True)
class Time:
    """A time expression of a clause and the deadline it gives."""

    start: int
    end: int
    date: dt.date
    note: str
    #: A weak time (「三年行动」) counts only when the clause names no other.
    weak: bool = False


_Rule = Callable[[re.Match[str], int], "tuple[dt.date, str] | None"]


def _year_of(match: re.Match[str], year: int, group: str = "year") -> int | None:
    """The year named in ``group`` (2021, 二〇二一), 今年/明年/后年, else ``year``;
    ``None`` when it is before ``year`` or beyond the horizon."""
    named = match.groupdict().get(group)
    rel = match.groupdict().get("rel")
    if named:
        value = int(named if named.isdigit() else digit_by_digit(named))
    else:
        value = year + {"明年": 1, "后年": 2}.get(rel or "", 0)
    return value if year <= value <= year + HORIZON else None


def _small(text: str) -> int:
    """12, 十二, 三十一 and the like (month and day numbers)."""
    return int(text) if text.isdigit() else chinese_number(text) or 0


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_range(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    last = _year_of(match, year, "last")
    return (dt.date(last, 12, 31), "按所写期间最后一年的年底计") if last else None


def _month_range(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    named = _year_of(match, year)
    if named is None or not 1 <= _small(match.group("last")) <= 12:
        return None
    return _month_end(named, _small(match.group("last"))), "按所写期间最后一个月的月底计"


_PARTS = {"上旬": (10, "按上旬最后一天（10日）计"), "中旬": (20, "按中旬最后一天（20日）计")}


def _month(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    named = _year_of(match, year)
    month = _small(match.group("month"))
    if named is None or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(named, month)[1]
    if match.group("day"):
        day = _small(match.group("day"))
        if not 1 <= day <= last:
            return dt.date(named, month, last), "所写日期不存在，按当月月底计"
        return dt.date(named, month, day), "按所写当日计"
    day, rule = _PARTS.get(match.group("part") or "", (last, "按当月最后一天计"))
    return dt.date(named, month, day), rule


def _quarter(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    named = _year_of(match, year)
    quarter = _small(match.group("q"))
    if named is None or not 1 <= quarter <= 4:
        return None
    return _month_end(named, quarter * 3), "按该季度最后一天计"


def _half(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    named = _year_of(match, year)
    if named is None:
        return None
    if match.group("half") == "上":
        return dt.date(named, 6, 30), "按上半年最后一天（6月30日）计"
    return dt.date(named, 12, 31), "按下半年最后一天（12月31日）计"


def _year_end(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    named = _year_of(match, year)
    if named is None:
        return None
    if match.groupdict().get("year"):
        return dt.date(named, 12, 31), "按该年12月31日计"
    if named > year:
        return dt.date(named, 12, 31), f"按{match.group('rel')}年底计"
    return dt.date(named, 12, 31), "按见报当年12月31日计"


def _years_plan(match: re.Match[str], year: int) -> tuple[dt.date, str] | None:
    count = _small(match.group("n"))
    last = year + count - 1
    return dt.date(last, 12, 31), f"从见报当年起算，按第{count}年（{last}年）年底计"


def _flood(match: re.Match[str], year: int) -> tuple[dt.date, str]:
    month, day = FLOOD_SEASON_EVE
    return dt.date(year, month, day), f"按汛期开始前计至{month}月{day}日（各地入汛日期不同，请核对）"


def _month_end_only(match: re.Match[str], year: int) -> tuple[dt.date, str]:
    return dt.date(year, 12, 31), "未写明月份，按年底计"


#: The time expressions, most specific first; a later rule never takes
#: characters an earlier one took (「2021年6月」 is one month, not a year).
_RULES: list[tuple[re.Pattern[str], _Rule, bool]] = [
    (re.compile(rf"从?(?P<first>{_YEAR})年?{_RANGE_TO}(?P<last>{_YEAR})年(?:底|末|年底)?前?"), _year_range, False),
    (
        re.compile(
            rf"{_NOT_AFTER_NUMBER}{_IN_YEAR}(?P<first>{_MONTH_NUM})月?(?:份)?{_RANGE_TO}(?P<last>{_MONTH_NUM})月(?:底|末|份)?前?"
        ),
        _month_range,
        False,
    ),
    (
        re.compile(
            rf"{_NOT_AFTER_NUMBER}{_IN_YEAR}(?P<month>{_MONTH_NUM})月"
            rf"(?:(?P<day>{_DAY_NUM})[日号]|(?P<part>上旬|中旬|下旬|底|末|份))?(?:之前|以前|前)?"
        ),
        _month,
        False,
    ),
    (re.compile(rf"{_IN_YEAR}(?:第|前)?(?P<q>[一二三四1-4])季度(?:末|底)?前?"), _quarter, False),
    (re.compile(rf"{_IN_YEAR}(?P<half>[上下])半年"), _half, False),
    (re.compile(rf"(?:到|至)?(?P<year>{_YEAR})年(?:度|底|末|内|前|年底)?前?"), _year_end, False),
    (re.compile(r"(?P<rel>明年|后年)(?:年底|底|末|内)?前?"), _year_end, False),
    (re.compile(r"(?P<rel>今年)(?:年底|底|末|内)?前?|本年度|年底前?|年末|年内|年终|全年|当年"), _year_end, False),
    (re.compile(r"(?:主汛期|汛期|入汛|汛)前"), _flood, False),
    (re.compile(r"月底前"), _month_end_only, False),
    (re.compile(r"(?P<n>[两三四五2-5])年(?:专项)?(?:行动|攻坚|计划|规划|提升行动)"), _years_plan, True),
]


def times(text: str, year: int) -> list[Time]:
    """The time expressions of ``text`` in reading order, each with its deadline."""
    found: list[Time] = []
    taken = Spans(len(text))
    for pattern, rule, weak in _RULES:
        for match in pattern.finditer(text):
            if taken.overlaps(*match.span()):
                continue
            guess = rule(match, year)
            if guess is not None:
                note = f"原文为“{match.group(0)}”，{guess[1]}"
                found.append(Time(match.start(), match.end(), guess[0], note, weak))
                taken.add(*match.span())
    return sorted(found, key=lambda t: t.start)


class Spans:
    """Spans of a text already taken (by a time, a name), marked character
    by character: asking whether a span overlaps one costs its own length,
    not the number of spans, so a long clause is read in linear time."""

    def __init__(self, size: int) -> None:
        self._marked = bytearray(size)
        self._empty: list[int] = []

    def add(self, start: int, end: int) -> None:
        """Take ``text[start:end]``."""
        self._marked[start:end] = b"\x01" * (end - start)
        if start == end:
            self._empty.append(start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` overlaps a span taken before."""
        return 1 in self._marked[start:end] or any(start < at < end for at in self._empty)


def guess_deadline(clause: str, year: int) -> tuple[dt.date, str]:
    """The earliest deadline the clause names (「今年…，9月1日前…」 is due on
    9-01), with a note saying the words and the rule; else the year's end."""
    chosen = earliest(times(clause, year))
    return (chosen.date, chosen.note) if chosen else (dt.date(year, 12, 31), NO_DEADLINE)


def earliest(found: list[Time]) -> Time | None:
    """The earliest deadline, weak times only when there is no other."""
    strong = [t for t in found if not t.weak] or found
    return min(strong, key=lambda t: t.date, default=None)


def has_time(text: str) -> bool:
    """Names a time of the kinds deadlines are read from."""
    return any(pattern.search(text) for pattern, _, _ in _RULES)


def opening_time(text: str) -> int | None:
    """Where the time expression the clause opens with ends, if it opens with one."""
    return max((m.end() for pattern, _, _ in _RULES if (m := pattern.match(text))), default=None)


def time_matches(text: str) -> Iterator[re.Match[str]]:
    """Every match of every time expression in ``text``, overlapping or not."""
    for pattern, _, _ in _RULES:
        yield from pattern.finditer(text)
