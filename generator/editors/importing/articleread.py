"""An article read: its header, who speaks, and its body in order."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.article import QUESTION_SPEAKERS
from generator.editors.importing.articlebody import (
    Part,
    body_parts,
    find_lede,
    join_breaks,
    place_lede,
    question_outlet,
)
from generator.editors.importing.articlehead import COLUMN, Header, split_header, split_interviewee
from generator.editors.importing.articlelines import clean_lines, speaker_names


@dataclass
class Article:
    """The article read: its header, who speaks, and the body in order."""

    header: Header
    outlet: str
    name: str
    position: str
    body: list[Part]


def read_article(text: str, column: str = COLUMN) -> Article:
    """The article's header, speakers and body, with the layout undone."""
    lines = clean_lines(text)
    header, rest = split_header(lines, column)
    parts = body_parts(rest)
    speakers = speaker_names(rest)
    name, position = split_interviewee(header.interview, speakers)
    outlet = question_outlet(parts, name) or header.outlet
    if not header.interview:
        name = next((s for s in speakers if s not in (outlet, *QUESTION_SPEAKERS, "答")), "")
    if header.outlet and header.outlet != outlet:
        header.extra.insert(0, header.outlet)
    known = tuple(dict.fromkeys(s for s in (outlet, *QUESTION_SPEAKERS, name, "答") if s))
    parts = join_breaks(place_lede(parts, find_lede(parts, known, outlet, name, position), known), known)
    return Article(header, outlet, name, position, parts)
