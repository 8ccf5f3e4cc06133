"""The body of an interview, read as an article of blocks.

The body is Markdown of a simple shape: paragraphs separated by blank lines
and ``## `` section headings. A paragraph that starts with the outlet's name
(or 记者) and a colon is a question; one that starts with the interviewee's
name and a colon opens an answer, which runs on until the next question or
heading. Paragraphs before the first question are the lede.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from generator.content.model import Interview

_HEADING = re.compile(r"^#{2,3}\s+(.+?)\s*#*\s*$")
_COLONS = (":", "：")
QUESTION_SPEAKERS = ("记者", "本报记者", "问")


class Kind(StrEnum):
    LEDE = "lede"
    HEADING = "heading"
    QUESTION = "question"
    ANSWER = "answer"
    TEXT = "text"


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of the article.

    ``speaker`` is the "name:" that opens a question or answer, colon
    included, and ``text`` what follows it; ``anchor`` is the element id.
    """

    kind: Kind
    text: str
    line: int
    anchor: str
    speaker: str = ""

    @property
    def full_text(self) -> str:
        """The paragraph as written, speaker included."""
        return self.speaker + self.text

    @property
    def speaker_shown(self) -> str:
        """The speaker as shown: without the bold marks it may be written in."""
        if self.speaker.startswith("**"):
            return self.speaker[2:].replace("**", "", 1)
        return self.speaker

    @property
    def heading_lines(self) -> list[str]:
        """A heading's short lines (written separated by spaces)."""
        return self.text.split()


def split_paragraphs(body: str, first_line: int) -> list[tuple[int, str]]:
    """(line, text) of each blank-line separated chunk, lines joined."""
    chunks: list[tuple[int, str]] = []
    start, lines = 0, list[str]()
    for number, raw in enumerate(body.split("\n"), first_line):
        line = raw.strip()
        if not line:
            if lines:
                chunks.append((start, join_lines(lines)))
            lines = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        chunks.append((start, join_lines(lines)))
    return chunks


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one text: Chinese joins without a space,
    words of Latin script keep one between them."""
    text = lines[0]
    for line in lines[1:]:
        gap = " " if text[-1].isascii() and line[0].isascii() else ""
        text += gap + line
    return text


def speaker_of(text: str, names: tuple[str, ...]) -> str:
    """The "name:" prefix of ``text`` if it is one of ``names``."""
    prefixes = _prefixes(names)
    if text.startswith(prefixes):
        return next(p for p in prefixes if text.startswith(p))
    return ""


@lru_cache(maxsize=256)
def _prefixes(names: tuple[str, ...]) -> tuple[str, ...]:
    """Every way of writing "name:" (either colon, the name in bold or not)."""
    return tuple(
        prefix
        for name in names
        for colon in _COLONS
        for prefix in (f"{name}{colon}", f"**{name}**{colon}", f"**{name}{colon}**")
    )


def parse_body(body: str, first_line: int, outlet: str, interviewee: str) -> list[Block]:
    """The article's blocks, in order, each with a stable anchor."""
    return list(_parsed_body(body, first_line, outlet, interviewee))


#: Bodies kept parsed: the checker and the pages ask for each again, and the
#: preview for every interview on every save.
@lru_cache(maxsize=4096)
def _parsed_body(body: str, first_line: int, outlet: str, interviewee: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    kind = Kind.LEDE
    headings = paragraphs = 0
    for line, chunk in split_paragraphs(body, first_line):
        heading = _HEADING.match(chunk)
        if heading:
            headings += 1
            blocks.append(Block(Kind.HEADING, heading.group(1), line, f"s{headings}"))
            kind = Kind.TEXT if kind is Kind.LEDE else kind
            continue
        paragraphs += 1
        anchor = f"p{paragraphs}"
        if speaker := speaker_of(chunk, (outlet, *QUESTION_SPEAKERS)):
            kind = Kind.QUESTION
        elif speaker := speaker_of(chunk, (interviewee, "答")):
            kind = Kind.ANSWER
        elif kind is Kind.QUESTION:
            kind = Kind.TEXT
        text = chunk[len(speaker) :]
        blocks.append(Block(kind, text, line, anchor, speaker))
    return tuple(blocks)


def interview_blocks(interview: Interview) -> list[Block]:
    """The blocks of ``interview``'s body, its questions and answers told by
    its outlet and interviewee (for the checker's quotes and for the pages)."""
    return parse_body(interview.body, interview.body_line, interview.outlet, interview.interviewee.name)


def find_quote(blocks: list[Block], quote: str) -> Block | None:
    """The paragraph in which ``quote`` appears verbatim."""
    for block in blocks:
        if block.kind is not Kind.HEADING and quote in block.full_text:
            return block
    return None
