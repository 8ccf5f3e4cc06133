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

import datetime as dt
import re
from dataclasses import dataclass

from generator.content.article import Block, Kind
from generator.editors.importing.clauses import Span, commitments, is_candidate, runs, ties_back
from generator.editors.importing.deadlines import NO_DEADLINE, Time, earliest, times
from generator.editors.importing.targets import Target, guess_target_and_note

SOFT = "原文为“力争”，是努力目标，不是硬性承诺"


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
    for run in runs(text):
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


#: The number of a numbered heading (「一、」, 「（二）」, 「3.」), no part of its category.
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+部分)\s*"
)
