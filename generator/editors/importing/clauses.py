"""Cutting an answer into sentences and clauses, and its clauses into
commitments: the quotes a candidate pledge can have, whole clauses, a
verbatim slice of the paragraph, the past and questions left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.editors.importing.deadlines import has_time, opening_time, time_matches
from generator.editors.importing.targets import has_quantity, numbered

#: Opening and closing marks inside which a sentence or clause does not end.
_OPENERS = "“‘《（(【「『"
_CLOSERS = "”’》）)】」』"
_CLAUSE_ENDS = "。；;！!？?"
_QUESTION_ENDS = "？?"
_COMMAS = "，,：:"


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


def runs(text: str) -> Iterator[list[Span]]:
    """The runs of present clauses of each sentence that is no question."""
    for sentence, mark in sentences(text):
        if not (mark and mark in _QUESTION_ENDS):
            yield from present(text, comma_clauses(text, sentence))


def _groups(text: str) -> Iterator[list[Span]]:
    for run in runs(text):
        yield from commitments(text, run)


def is_candidate(clause: str) -> bool:
    """Names a time, a quantity or a commitment, and is no statement of fact."""
    if len(clause) < 6 or _NOT_PLEDGE.search(clause) or (_PAST.search(clause) and not _FUTURE.search(clause)):
        return False
    return has_pledge(clause) or any(_DEADLINE_WORD.search(m.group(0)) for m in time_matches(clause))
