"""The ledger of published pledge ids: ``interviews/published.txt``.

An id in the ledger is a promise that its URL keeps working: the checker
fails when a ledger id no longer exists in the interviews. ``publish`` adds
the new ids and records the file each id is in now.

The format, one published pledge per line, sorted by id::

    # a comment line
    <id> <file>            # a comment after an entry
    <id> "<file>"

``#`` starts a comment, to the end of the line; blank lines are ignored.
The id and the file are separated by spaces. A file name is written as it
is, unless it holds a space (or any other white space), ``#``, ``"``, ``\\``
or a character that is not plainly visible (controls, separators, bidi
controls, undecodable bytes): then it is written in double quotes, as a
JSON string, with ``\\"``, ``\\\\`` and ``\\uXXXX`` escapes. Ledgers written
before quoting existed read as they did.

``publish`` keeps what editors wrote when it rewrites the ledger: the lines
before the first entry (the header) stay first, the comment and blank lines
right above an entry and the comment after it on its line move with the
entry, the lines after the last entry stay last, and an entry whose file
did not change keeps its line byte for byte.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.model import Corpus, Pledge, Published
from generator.content.problems import Problem
from generator.content.textfile import read_text, relative

LEDGER_FILE = "published.txt"
HEADER = """\
# 已发布的承诺编号（由 python -m generator publish 维护，请勿手工删除）。
# 每行一项：编号 所在文件。编号一旦发布就是永久网址，承诺只能撤回（withdrawn），不能删除。
"""

#: An entry line: the id, the file (quoted or not), an optional comment.
_ENTRY = re.compile(
    r"""\s*(?P<id>[^\s#"]+)\s+(?:(?P<quoted>"(?:[^"\\]|\\.)*")|(?P<plain>[^\s#"][^\s#]*))(?P<comment>\s*(?:#.*)?)"""
)
TWO_ITEMS = "每行应为「编号 所在文件」两项，用空格分开。"
BAD_QUOTES = "文件名的引号写法不对：以英文双引号开头的文件名要以英文双引号结束，请恢复成 publish 写的样子。"


@dataclass
class _Line:
    """One line of the ledger as written, and the entry it holds, if any."""

    text: str
    entry: Published | None = None
    #: The comment after the entry, with the spaces before it.
    comment: str = ""


@dataclass
class _Layout:
    """A ledger's lines: the header, each entry with the lines above it,
    and the lines after the last entry."""

    header: list[_Line] = field(default_factory=list)
    entries: dict[str, tuple[list[_Line], _Line]] = field(default_factory=dict)
    footer: list[_Line] = field(default_factory=list)


def read_ledger(path: Path, base: Path, problems: list[Problem]) -> list[Published]:
    """The ledger's entries; no ledger yet is an empty ledger."""
    if not path.is_file():
        return []
    rel = relative(path, base)
    text = read_text(path, rel, problems)
    if text is None:
        return []
    return parse(text, rel, problems)


def parse(text: str, rel: str, problems: list[Problem]) -> list[Published]:
    """The entries of a ledger's ``text`` (LF line ends), in file order;
    lines that are no entry are reported in ``problems``."""
    return [line.entry for line in _lines(text, rel, problems) if line.entry is not None]


def _lines(text: str, rel: str, problems: list[Problem]) -> list[_Line]:
    lines: list[_Line] = []
    seen: set[str] = set()
    rows = text.split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    for number, row in enumerate(rows, 1):
        line = _Line(row)
        lines.append(line)
        if not row.split("#", 1)[0].strip():
            continue  # blank or a comment
        found = _entry(row, rel, number, problems)
        if found is None:
            continue
        entry, line.comment = found
        if entry.id in seen:
            problems.append(Problem(rel, number, "published", f"编号「{entry.id}」重复登记：请删去重复的一行。"))
            continue
        seen.add(entry.id)
        line.entry = entry
    return lines


def _entry(row: str, rel: str, number: int, problems: list[Problem]) -> tuple[Published, str] | None:
    match = _ENTRY.fullmatch(row)
    if match is None:
        message = BAD_QUOTES if re.match(r'\s*[^\s#"]+\s+"', row) else TWO_ITEMS
        problems.append(Problem(rel, number, "published", message))
        return None
    file = match["plain"]
    if file is None:
        try:
            file = json.loads(match["quoted"])
        except ValueError:
            problems.append(Problem(rel, number, "published", BAD_QUOTES))
            return None
    return Published(match["id"], file, path=rel, lines={"": number}), match["comment"]


def missing(corpus: Corpus) -> list[Published]:
    """Ledger ids that no interview holds any more. Only the pledges as
    read count; the ids recorded in a file whose pledges could not be read
    at all are not reported (that file's own problem already fails the
    check, and says what to fix)."""
    present = {p.id for i in corpus.interviews for p in i.pledges}
    return [e for e in corpus.published if e.id not in present and e.file not in corpus.unread_files]


def unpublished(corpus: Corpus) -> list[Pledge]:
    """The pledges not yet in the ledger, in file order."""
    known = {entry.id for entry in corpus.published}
    return [p for _, p in corpus.pledges() if p.id not in known]


def updated(corpus: Corpus) -> list[Published]:
    """The ledger after publishing: every pledge now in the interviews with
    its current file, plus every earlier entry (never dropped), by id."""
    entries = {entry.id: entry.file for entry in corpus.published}
    for interview in corpus.interviews:
        for pledge in interview.pledges:
            entries[pledge.id] = interview.path
    return [Published(pledge_id, entries[pledge_id]) for pledge_id in sorted(entries)]


def render(entries: list[Published], previous: str | None = None) -> str:
    """The ledger file's text for ``entries``, sorted by id; with the
    ``previous`` text of the ledger, every comment and blank line in it is
    kept (see the module's docstring)."""
    layout = _layout(previous) if previous else _Layout(header=[_Line(row) for row in HEADER.splitlines()])
    rows = [line.text for line in layout.header]
    for entry in sorted(entries, key=lambda e: e.id):
        above, line = layout.entries.get(entry.id, ([], None))
        rows.extend(old.text for old in above)
        if line is not None and line.entry is not None and line.entry.file == entry.file:
            rows.append(line.text)
        else:
            rows.append(entry_line(entry.id, entry.file) + (line.comment if line is not None else ""))
    rows.extend(line.text for line in layout.footer)
    return "".join(f"{row}\n" for row in rows)


def _layout(text: str) -> _Layout:
    layout = _Layout()
    pending: list[_Line] = []
    for line in _lines(text, "", []):
        if line.entry is None:
            pending.append(line)
        elif not layout.entries:
            layout.header, pending = pending, []
            layout.entries[line.entry.id] = ([], line)
        else:
            layout.entries[line.entry.id] = (pending, line)
            pending = []
    if layout.entries:
        layout.footer = pending
    else:
        layout.header = pending
    return layout


def entry_line(pledge_id: str, file: str) -> str:
    """One entry as written in the ledger, its file quoted if need be."""
    return f"{pledge_id} {quote(file)}"


def quote(file: str) -> str:
    """``file`` as written in the ledger: as it is, or as a JSON string
    when it holds a character that would end or hide it."""
    if file and not any(map(_special, file)):
        return file
    parts = ['"']
    for char in file:
        if char in '"\\':
            parts.append("\\" + char)
        elif char == " " or unicodedata.category(char)[0] not in "CZ":
            parts.append(char)
        else:
            units = char.encode("utf-16-be", "surrogatepass")
            parts.extend(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    parts.append('"')
    return "".join(parts)


def _special(char: str) -> bool:
    """Whether ``char`` cannot stand as it is in an unquoted file name."""
    return char in '#"\\' or char.isspace() or unicodedata.category(char)[0] in "CZ"
