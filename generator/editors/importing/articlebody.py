"""The body of an article: its paragraphs and section headings, with the
layout's accidents undone (a lede that landed inside an answer goes back to
the top, paragraphs a page break cut mid-sentence are joined again), and
the outlet as its questions name it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.content.article import QUESTION_SPEAKERS, join_lines, speaker_of
from generator.editors.importing.articlelines import HEADING_LONGEST, SENTENCE_MARKS, ends_sentence, speaker_name

_QUESTION_MARKS = ("？", "?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_INTERVIEW_WORDS = re.compile("专访|采访|就此|访谈|对话|走进|做客")


@dataclass(frozen=True)
class Heading:
    """A section heading: its short lines, written ``## 第一行 第二行``."""

    lines: tuple[str, ...]


Part = Heading | str


def body_parts(lines: list[str]) -> list[Part]:
    """Headings and paragraphs, one paragraph a line."""
    parts: list[Part] = []
    index = 0
    while index < len(lines):
        size = heading_size(lines, index, parts[-1] if parts else None)
        if size:
            parts.append(Heading(tuple(lines[index : index + size])))
            index += size
        else:
            parts.append(lines[index])
            index += 1
    return parts


def heading_size(lines: list[str], index: int, previous: Part | None) -> int:
    """How many lines from ``index`` make a heading: two or three short lines
    without sentence marks, or one (「一、…」, 「汛前准备要“早”」) before a
    paragraph. Never after an unfinished paragraph (a page break's fragment)
    or at the very end."""
    if isinstance(previous, str) and not ends_sentence(previous):
        return 0
    run = 0
    while index + run < len(lines) and heading_like(lines[index + run]):
        run += 1
    if index + run >= len(lines):
        return 0
    return run if 1 <= run <= 3 else 0


def heading_like(line: str) -> bool:
    return (
        2 <= len(line) <= HEADING_LONGEST
        and not SENTENCE_MARKS.intersection(line)
        and bool(_CJK.search(line))
        and not speaker_name(line)
    )


def find_lede(parts: list[Part], speakers: tuple[str, ...], outlet: str, name: str, position: str) -> int | None:
    """The paragraph that introduces the interview: no speaker opens it, it
    names the outlet's 记者 (2 points) and an interview (专访, 采访, 就此: 2),
    the interviewee's name and position (1 each), and it opens the body or
    interrupts a paragraph cut mid-sentence (1). At least 5 points: 「欢迎
    记者采访」 in an answer is no lede. The best one, the first if tied."""
    best, best_score = None, 4
    for index, part in enumerate(parts):
        if isinstance(part, Heading) or speaker_of(part, speakers):
            continue
        score = 2 * ("记者" in part or bool(outlet and outlet in part)) + 2 * bool(_INTERVIEW_WORDS.search(part))
        score += bool(name and name in part) + bool(position and position in part)
        score += index == 0 or interrupts(parts, index, speakers)
        if score > best_score:
            best, best_score = index, score
    return best


def interrupts(parts: list[Part], index: int, speakers: tuple[str, ...]) -> bool:
    """The paragraph at ``index`` sits inside another, cut mid-sentence
    around it: the layout dropped it there."""
    before = parts[index - 1] if index > 0 else None
    after = parts[index + 1] if index + 1 < len(parts) else None
    return (
        isinstance(before, str)
        and not ends_sentence(before)
        and isinstance(after, str)
        and not speaker_of(after, speakers)
    )


def place_lede(parts: list[Part], lede: int | None, speakers: tuple[str, ...]) -> list[Part]:
    """The lede moved before the first heading, question or answer."""
    if lede is None:
        return parts
    top = 0
    while top < lede and isinstance(parts[top], str) and not speaker_of(str(parts[top]), speakers):
        top += 1
    moved = [*parts[:lede], *parts[lede + 1 :]]
    moved.insert(top, parts[lede])
    return moved


def join_breaks(parts: list[Part], speakers: tuple[str, ...]) -> list[Part]:
    """Each paragraph that does not end a sentence joined with the next,
    unless a speaker opens the next one."""
    out: list[Part] = []
    for part in parts:
        previous = out[-1] if out else None
        if (
            isinstance(part, str)
            and isinstance(previous, str)
            and not ends_sentence(previous)
            and not speaker_of(part, speakers)
        ):
            out[-1] = join_lines([previous, part])
        else:
            out.append(part)
    return out


def question_outlet(parts: list[Part], name: str) -> str:
    """The name that opens the questions (paragraphs asking something),
    unless it is a generic one (记者, 问): it is the outlet as written."""
    askers = Counter(
        who
        for part in parts
        if isinstance(part, str)
        and (who := speaker_name(part))
        and who not in (name, "答")
        and any(m in part for m in _QUESTION_MARKS)
    )
    if not askers:
        return ""
    asker = askers.most_common(1)[0][0]
    return "" if asker in QUESTION_SPEAKERS else asker
