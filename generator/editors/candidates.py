"""Finding the sentences of an interview that look like pledges.

An answer is cut into sentences (at 。；;！!？?, never inside quotes or
brackets; questions are left out) and each sentence into its clauses (cut at commas and
colons). Clauses about the past (去年, 已经, 截至…, 累计…) are dropped; the
rest of a sentence is one candidate, or several when it holds several
commitments: two clauses each with its own time (「6月底前完成…，年底前新建…」)
or each with its own target (「新建学校20所，新增学位2.4万个」). A quote is
therefore always whole clauses, a verbatim slice of the paragraph.

Each candidate carries guesses for the pledge's fields: the deadline, with a
note saying which words of the text gave it and by which rule; the target,
with a note when it is a bound (以上, 不少于) or a round number (余); and the
category (its section heading). The editor decides.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from generator.content.article import Block, Kind

#: Opening and closing marks inside which a sentence or clause does not end.
_OPENERS = "“‘《（(【「『"
_CLOSERS = "”’》）)】」』"
_CLAUSE_ENDS = "。；;！!？?"
_QUESTION_ENDS = "？?"
_COMMAS = "，,：:"

#: The eve of the flood season: 「汛前」「汛期前」 is due on this day (month, day)
#: of the article's year. Most provinces enter the flood season on 1 June
#: (the south on 1 May): change it here if the column's region differs.
FLOOD_SEASON_EVE = (5, 31)
#: How many years after the article's year a named year may be and still be
#: a deadline; a year before the article's is a reference to the past.
HORIZON = 10
NO_DEADLINE = "原文未写明时限，按年底计"
SOFT = "原文为“力争”，是努力目标，不是硬性承诺"

_CN_DIGITS = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_DIGITS = {k: v for k, v in _CN_DIGITS.items() if v}
_YEAR = r"(?<![\d.])(?:\d{4}|[〇零一二三四五六七八九]{4})(?!\d)"
_MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
#: The year a time is in: named (2021年, 二〇二一年) or relative (今年, 明年).
_IN_YEAR = rf"(?:(?P<year>{_YEAR})年|(?P<rel>今年|明年|后年))?"
_NOT_AFTER_NUMBER = r"(?<![\d〇零一二两三四五六七八九十第])"
_RANGE_TO = r"(?:到|至|—|–|-|~|～)"


@dataclass(frozen=True)
class Target:
    """A guessed ``target:``: 44 and 个后进支部."""

    value: int | float
    unit: str


@dataclass(frozen=True)
class Candidate:
    """A clause that may be a pledge, with guesses for the pledge's fields.

    ``category`` is the heading of the section the clause is in (empty
    before the first heading); ``deadline_note`` says which words gave the
    deadline and by which rule; ``target_note`` says when the target is a
    bound or an approximation (「98%以上」「1200余名」), which ``target`` cannot hold.
    """

    quote: str
    category: str
    deadline: dt.date
    deadline_note: str | None = None
    target: Target | None = None
    target_note: str | None = None


@dataclass(frozen=True)
class Time:
    """A time expression of a clause and the deadline it gives."""

    start: int
    end: int
    date: dt.date
    note: str
    #: A weak time (「三年行动」) counts only when the clause names no other.
    weak: bool = False


# -- times ----------------------------------------------------------------------

_Rule = Callable[[re.Match[str], int], "tuple[dt.date, str] | None"]


def _year_of(match: re.Match[str], year: int, group: str = "year") -> int | None:
    """The year named in ``group`` (2021, 二〇二一), 今年/明年/后年, else ``year``;
    ``None`` when it is before ``year`` or beyond the horizon."""
    named = match.groupdict().get(group)
    rel = match.groupdict().get("rel")
    if named:
        value = int(named) if named.isdigit() else int("".join(str(_CN_DIGITS[c]) for c in named))
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


# -- clauses --------------------------------------------------------------------

#: Enumerators and connectives that open a sentence but are no part of the
#: pledge: a word with its mark (「第三，」「首先，」), or 「一是」「二要」. A word
#: without its mark stays (「第三季度」 is a time, 「同时加强…」 a clause).
_LEAD = re.compile(
    r"(?:(?:(?:首先|其次|再次|最后|此外|另外|同时|比如|例如|第[一二三四五六七八九十]+)[,，、:：]"
    r"|[一二三四五六七八九十]+[是要][,，、:：]?)\s*)+"
)
#: The past: a clause with one of these and no word of the future is a fact,
#: not a commitment (了 except in 为了/除了/了解/不了).
_PAST = re.compile(
    r"去年|前年|上年|已经|早已|(?<![而不自])已|此前|曾经|以来|近年|近两年|近三年|过去|刚刚|先后|"
    r"(?<![为除不])了(?!解)"
)
#: Words of past figures that plans use too (「到2022年底累计建成…」): they make
#: a clause a fact only when its sentence names no future.
_TALLY = re.compile(r"截至|截止|累计|目前|共计|至今")
_FUTURE = re.compile(r"(?<=[底末日月年度])前|将|力争|争取|确保|计划|预计|明年|年内|今后|未来|到\d{4}年|再")
#: What marks a whole candidate as no pledge: what others do (有的…, 很多单位…),
#: a sentence saying what the year is (今年是…, 也是今年…的工作).
_NOT_PLEDGE = re.compile(r"^(?:有的|很多|许多|一些)|(?:今年|年内)是|是今年")
_VERBS = re.compile(
    "确保|完成|召开|制定|出台|印发|下发|建立|建成|举办|(?<!党)组织|实现|推动|开展|启动|新建|改造|打造|"
    "命名|纳入|覆盖|达到|力争|争取|评选|表彰|培育|选树|培树|新增|改扩建|招聘|铺设|修建|安装|发放|投入使用|交付"
)
#: Doing words that, with a number of their own, make a second target of a
#: sentence (「…，新增学位2.4万个」; not 「…，总投资300亿元」).
_ACTIONS = re.compile(
    f"{_VERBS.pattern}|建设|改建|扩建|改造|提升|提高|增加|减少|降低|培训|招收|招录|配备|创建|设立|推广|治理|整治|"
    "修缮|更新|新改建|新开|开通|办理|救助|资助|补贴|帮扶|培养|引进|吸纳|新招|完成"
)
#: A time alone makes a candidate only if it reads as a deadline (「年底前」,
#: 「7月」), not as the year of a fact (「今年汛期降雨偏多」).
_DEADLINE_WORD = re.compile(r"[前底末内月季半度]|年终|汛")
#: Words right after a time that tie it back to all that came before
#: (「…，9月1日前全部投入使用」; not 「…，9月底前完成全部危桥改造」).
_ALL = re.compile("(?:要|将)?(?:全部|均|都|同步|一并)")


@dataclass(frozen=True)
class Span:
    """A clause: ``text[start:end]`` of the paragraph, without its mark."""

    start: int
    end: int


def sentences(text: str) -> Iterator[tuple[Span, str]]:
    """(sentence, its final mark) pairs, cut at 。；;！!？? outside quotes and
    brackets; the mark is ``""`` for an unfinished last piece."""
    start = 0
    for index in _top_level(text, _CLAUSE_ENDS):
        yield Span(start, index), text[index]
        start = index + 1
    if text[start:].strip():
        yield Span(start, len(text)), ""


def _top_level(text: str, marks: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """The positions of ``marks`` in ``text[start:end]`` outside quotes and brackets."""
    depth = 0
    for index in range(start, len(text) if end is None else end):
        char = text[index]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char in marks and depth == 0:
            yield index


def _trim(text: str, start: int, end: int) -> Span:
    """The span without surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def comma_clauses(text: str, sentence: Span) -> list[Span]:
    """The clauses of a sentence (cut at commas and colons), its opening enumerator left out."""
    start = sentence.start
    if lead := _LEAD.match(text, _trim(text, start, sentence.end).start, sentence.end):
        start = lead.end()
    cuts = [*_top_level(text, _COMMAS, start, sentence.end), sentence.end]
    spans = []
    for cut in cuts:
        span = _trim(text, start, cut)
        if span.start < span.end:
            spans.append(span)
        start = cut + 1
    return spans


def present(text: str, spans: list[Span]) -> list[list[Span]]:
    """The runs of clauses that are not about the past. A clause with a past
    word is the past; so are the clauses after it, until one names a time or
    the future (「在去年完成80座的基础上，今年再改造120座」). A tally word
    (截至, 累计) makes the past unless this clause or the one before names the
    future (「到2022年底，累计建成…」)."""
    runs: list[list[Span]] = [[]]
    past = ahead = False
    for span in spans:
        clause = text[span.start : span.end]
        future = bool(_FUTURE.search(clause))
        if (_PAST.search(clause) and not future) or (_TALLY.search(clause) and not (future or ahead)):
            past = True
        elif future or has_time(clause):
            past = False
        ahead = not past and (future or has_time(clause))
        if past:
            # What led into the past (「去年8月，」「工委从4月底到6月初，」) goes with it.
            if runs[-1] and not has_pledge(text[runs[-1][0].start : runs[-1][-1].end]):
                runs[-1] = []
            runs.append([])
        else:
            runs[-1].append(span)
    return [run for run in runs if run]


def has_time(text: str) -> bool:
    """Names a time of the kinds deadlines are read from."""
    return any(pattern.search(text) for pattern, _, _ in _RULES)


def opening_time(text: str) -> int | None:
    """Where the time expression the clause opens with ends, if it opens with one."""
    return max((m.end() for pattern, _, _ in _RULES if (m := pattern.match(text))), default=None)


def commitments(text: str, run: list[Span]) -> list[list[Span]]:
    """The run of clauses cut into commitments: before a clause that opens
    with a time of its own (「…，年底前新建…」, 「…，8月，召开…」) or holds a
    target of its own (「…，新增学位2.4万个」) once the commitment before has
    one. A time that ties back (「…，9月1日前全部投入使用」) cuts nothing."""
    groups = [[run[0]]]
    for index, span in enumerate(run[1:], 1):
        done = text[groups[-1][0].start : groups[-1][-1].end]
        clause = text[span.start : span.end]
        nxt = text[span.start : run[index + 1].end] if index + 1 < len(run) else clause
        opening = opening_time(clause)
        alone = opening == len(clause)
        # A group that is a time alone (「今年，」) frames what follows: no cut.
        framed = opening_time(done) == len(done)
        new = nxt if alone else clause
        # A time standing alone (「…，8月，集中调研」) opens a dated list.
        by_time = (
            opening is not None and has_time(done) and not framed and (alone or has_pledge(new)) and not ties_back(new)
        )
        by_target = bool(_ACTIONS.search(clause)) and numbered(clause) is not None and numbered(done) is not None
        if by_time or by_target:
            groups.append([span])
        else:
            groups[-1].append(span)
    return groups


def ties_back(clause: str) -> bool:
    """The clause opens with a time followed by 全部/均/都: it is the
    deadline of what came before, not a commitment of its own."""
    end = opening_time(clause)
    return end is not None and bool(_ALL.match(clause, end))


def has_pledge(clause: str) -> bool:
    """A commitment verb or a quantity."""
    return bool(_VERBS.search(clause) or has_quantity(clause))


def clauses(text: str) -> list[str]:
    """The quotes of the commitments a paragraph holds, in order, questions
    and the past left out. Each is whole clauses, a verbatim slice of ``text``."""
    return [text[g[0].start : g[-1].end] for g in _groups(text)]


def _runs(text: str) -> Iterator[list[Span]]:
    """The runs of present clauses of each sentence that is no question."""
    for sentence, mark in sentences(text):
        if not (mark and mark in _QUESTION_ENDS):
            yield from present(text, comma_clauses(text, sentence))


def _groups(text: str) -> Iterator[list[Span]]:
    for run in _runs(text):
        yield from commitments(text, run)


def is_candidate(clause: str) -> bool:
    """Names a time, a quantity or a commitment, and is no statement of fact."""
    if len(clause) < 6 or _NOT_PLEDGE.search(clause) or (_PAST.search(clause) and not _FUTURE.search(clause)):
        return False
    return has_pledge(clause) or any(_DEADLINE_WORD.search(m.group(0)) for m in _time_matches(clause))


def _time_matches(text: str) -> Iterator[re.Match[str]]:
    for pattern, _, _ in _RULES:
        yield from pattern.finditer(text)


def find_candidates(blocks: list[Block], year: int) -> list[Candidate]:
    """The candidate pledges in the answers of ``blocks`` (and in text that
    follows no question), in reading order. ``year`` is the article's: every
    time without a year of its own (年底前, 6月) is in it."""
    found: list[Candidate] = []
    category, asking = "", False
    for block in blocks:
        if block.kind is Kind.HEADING:
            category = NUMBERED.sub("", block.text)
            continue
        # Text after a question, before any answer, still belongs to the question.
        asking = block.kind is Kind.QUESTION or (asking and block.kind is Kind.TEXT)
        if block.kind is Kind.ANSWER or (block.kind is Kind.TEXT and not asking):
            found += paragraph_candidates(block.text, category, year)
    return found


def paragraph_candidates(text: str, category: str, year: int) -> list[Candidate]:
    """The candidates of one paragraph."""
    found: list[Candidate] = []
    for run in _runs(text):
        found += run_candidates(text, commitments(text, run), category, year)
    return found


def run_candidates(text: str, groups: list[list[Span]], category: str, year: int) -> list[Candidate]:
    """One candidate per commitment of a run. A commitment without a time of
    its own takes the one before it in the sentence (「年底前完成…，新建…」);
    a closing time that ties back (「…，9月1日前全部投入使用」) is everyone's."""
    quotes = [text[g[0].start : g[-1].end] for g in groups]
    own = [times(quote, year) for quote in quotes]
    tail = [t for t in own[-1] if ties_back(quotes[-1][t.start :])] if len(groups) > 1 else []
    found, before = [], None
    for quote, named in zip(quotes, own, strict=True):
        chosen = earliest(named)
        borrowed = [(t, "（见同一句后文）") for t in tail if t not in named]
        if chosen is None and before is not None:
            borrowed.append((before, "（见同一句前文）"))
        if chosen is not None:
            before = chosen
        if not is_candidate(quote):
            continue
        found.append(candidate(quote, category, year, chosen, borrowed))
    return found


def candidate(quote: str, category: str, year: int, chosen: Time | None, borrowed: list[tuple[Time, str]]) -> Candidate:
    """The candidate for one commitment, its deadline the earliest of its own
    time and those it borrows from the rest of the sentence."""
    note = chosen.note if chosen else NO_DEADLINE
    deadline = chosen.date if chosen else dt.date(year, 12, 31)
    for time, where in borrowed:
        if chosen is None or time.date < deadline:
            deadline, chosen = time.date, time
            note = time.note.replace("”，", "”" + where + "，", 1)
    if "力争" in quote:
        note += "；" + SOFT
    target, target_note = guess_target_and_note(quote)
    return Candidate(quote, category, deadline, note, target, target_note)


# -- targets --------------------------------------------------------------------

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
    for a, b in [(m.start(), m.end()) for pattern, _, _ in _RULES for m in pattern.finditer(clause)] + quoted(clause):
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


def number(text: str) -> int | float | None:
    """An Arabic or small Chinese number, perhaps in 万 or 亿; ``None`` for
    一 alone (「一项一项」 counts nothing) and for what cannot be read."""
    scale = {"万": 10_000, "亿": 100_000_000}.get(text[-1], 1)
    digits = text.rstrip("万亿")
    if not digits:
        return None
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


#: The number of a numbered heading (「一、」, 「（二）」, 「3.」), no part of its category.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+部分)\s*"
)
