"""The ledger of published pledge ids: ``interviews/published.txt``.

One published pledge per line, ``<id> <file>``, sorted by id; ``#`` starts a
comment. An id in the ledger is a promise that its URL keeps working: the
checker fails when a ledger id no longer exists in the interviews. ``publish``
adds the new ids and records the file each id is in now.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import Corpus, Pledge, Published
from .problems import Problem
from .textfile import read_text, relative

LEDGER_FILE = "published.txt"
HEADER = """\
# 已发布的承诺编号（由 python -m generator publish 维护，请勿手工删除）。
# 每行一项：编号 所在文件。编号一旦发布就是永久网址，承诺只能撤回（withdrawn），不能删除。
"""


def read_ledger(path: Path, base: Path, problems: list[Problem]) -> list[Published]:
    """The ledger's entries; no ledger yet is an empty ledger."""
    if not path.is_file():
        return []
    rel = relative(path, base)
    text = read_text(path, rel, problems)
    if text is None:
        return []
    entries: list[Published] = []
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            problems.append(Problem(rel, number, "published", "每行应为「编号 所在文件」两项，用空格分开。"))
            continue
        pledge_id, file = parts
        if pledge_id in seen:
            problems.append(Problem(rel, number, "published", f"编号「{pledge_id}」重复登记：请删去重复的一行。"))
            continue
        seen.add(pledge_id)
        entries.append(Published(pledge_id, file, path=rel, lines={"": number}))
    return entries


#: A pledge's id line as written, even in a file too broken to read as YAML.
_ID_LINE = re.compile(r"^[ \t]*-?[ \t]*id[ \t]*[:：][ \t]*[\"']?([A-Za-z0-9_-]+)", re.MULTILINE)


def written_ids(text: str) -> set[str]:
    """The pledge ids an interview file's text holds. A published pledge
    that is still written, however broken, is not missing: its own
    problems are reported, not a deletion."""
    return set(_ID_LINE.findall(text))


def missing(corpus: Corpus) -> list[Published]:
    """Ledger ids that no interview holds any more."""
    present = {p.id for i in corpus.interviews for p in i.pledges} | corpus.written_ids
    return [entry for entry in corpus.published if entry.id not in present]


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


def render(entries: list[Published]) -> str:
    """The ledger file's text."""
    return HEADER + "".join(f"{e.id} {e.file}\n" for e in entries)
