"""The record of what was published: ``interviews/record.yml``.

For each published pledge, ``publish`` writes what readers were shown:
its text, quote, category, deadline and target, and each progress entry
(date, status, value and sources) on one line. The checker compares every
published pledge with its record: a change needs a correction under the
pledge (:mod:`generator.content.corrections`). With it, ``publish``
records the new version, and keeps what each correction changed (before
and after), which the pledge's page shows.

The file is YAML, one block per pledge, sorted by id, written only by
``publish``; an editor reads it in a diff::

    jt-2020-weiqiao:
      text: 完成120座危桥改造
      quote: 今年要完成120座危桥改造
      category: 交通
      deadline: 2020-12-31
      target: 120 座危桥
      progress:
        - 2020-07-15 in_progress 30 〔省交通运输厅通报 https://example.org/1〕
      corrections: 1
      history:
        - - {field: quote, before: 今年完成危桥改造, after: 今年要完成120座危桥改造}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.model import CORRECTABLE, Corpus, Pledge, Update
from generator.content.problems import Problem
from generator.content.textfile import read_text, relative

RECORD_FILE = "record.yml"
HEADER = """\
# 已发布承诺的发布时版本（由 python -m generator publish 写入，请勿手工修改）。
# check 把每项已发布的承诺与这里比对：改了已发布的内容，须在该承诺的 corrections 下写明日期、理由和改了哪些字段。
"""
#: The fields kept as one text each (``progress`` is a list of texts).
SINGLE = tuple(name for name in CORRECTABLE if name != "progress")
BROKEN = "发布记录读不出来（{error}）：这个文件只由 python -m generator publish 写，请用 git checkout -- {path} 恢复它，不要手工修改。"


@dataclass(frozen=True)
class Change:
    """What one correction changed in one field (``progress`` for an entry)."""

    field: str
    before: str
    after: str
    #: For a progress entry: its place in the list (not recorded).
    entry: int | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True)
class Recorded:
    """A published pledge as it was last published."""

    fields: dict[str, str]
    progress: tuple[str, ...]
    #: How many of the pledge's corrections the record holds.
    corrections: int = 0
    #: What each of those corrections changed, in order.
    history: tuple[tuple[Change, ...], ...] = ()


def entry_text(update: Update) -> str:
    """A progress entry on one line: date, status, value, sources."""
    parts = [update.date.isoformat(), update.status.value]
    if update.value is not None:
        parts.append(f"{update.value:g}" if isinstance(update.value, float) else str(update.value))
    parts += [f"〔{' '.join(x for x in (s.title, s.url, s.doc_no) if x)}〕" for s in update.sources]
    return " ".join(parts)


def version(pledge: Pledge) -> Recorded:
    """What readers are shown of ``pledge`` now, as the record keeps it."""
    target = f"{pledge.target.value:g} {pledge.target.unit}" if pledge.target is not None else ""
    fields = {
        "text": pledge.text,
        "quote": pledge.quote,
        "category": pledge.category,
        "deadline": pledge.deadline.isoformat(),
        "target": target,
    }
    return Recorded(fields, tuple(entry_text(u) for u in pledge.progress))


def differences(recorded: Recorded, pledge: Pledge) -> list[Change]:
    """What changed in ``pledge`` since it was recorded: each field, and each
    recorded progress entry changed or deleted (entries added are no change)."""
    now = version(pledge)
    changed = [Change(name, recorded.fields.get(name, ""), now.fields[name]) for name in SINGLE]
    changed = [c for c in changed if c.before != c.after]
    for index, before in enumerate(recorded.progress):
        after = now.progress[index] if index < len(now.progress) else ""
        if after != before:
            changed.append(Change("progress", before, after, index))
    return changed


def attributed(recorded: Recorded, pledge: Pledge, changes: list[Change] | None = None) -> list[tuple[Change, ...]]:
    """The changes of each correction the record does not hold yet: a change
    belongs to the last of them that names its field (``changes``: the
    pledge's :func:`differences`, when already known)."""
    new = pledge.corrections[recorded.corrections :]
    parts: list[list[Change]] = [[] for _ in new]
    for change in differences(recorded, pledge) if changes is None else changes:
        owners = [i for i, c in enumerate(new) if change.field in c.fields]
        if owners:
            parts[owners[-1]].append(change)
    return [tuple(part) for part in parts]


def republished(pledge: Pledge, old: Recorded | None) -> Recorded:
    """The record of ``pledge`` after publishing it again (its corrections'
    changes kept in its history)."""
    now = version(pledge)
    if old is None:
        history: tuple[tuple[Change, ...], ...] = tuple(() for _ in pledge.corrections)
    else:
        history = old.history + tuple(attributed(old, pledge))
    return Recorded(now.fields, now.progress, len(pledge.corrections), history)


def republish(corpus: Corpus, ids: Iterable[str]) -> dict[str, Recorded]:
    """The record after publishing: every pledge of ``ids`` as it is now."""
    pledges = {pledge.id: pledge for _, pledge in corpus.pledges()}
    return {i: republished(pledges[i], corpus.record.get(i)) for i in ids if i in pledges}


# -- the file -----------------------------------------------------------------


def read_record(path: Path, base: Path, problems: list[Problem]) -> dict[str, Recorded]:
    """The record's pledges by id; no file yet is an empty record."""
    if not path.is_file():
        return {}
    rel = relative(path, base)
    text = read_text(path, rel, problems)
    return {} if text is None else parse_record(text, rel, problems)


def parse_record(text: str, rel: str, problems: list[Problem]) -> dict[str, Recorded]:
    """The record's pledges by id, from the text of its file ``rel``."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return {str(key): _recorded(value) for key, value in (data or {}).items()}
    except (yaml.YAMLError, AttributeError, TypeError, ValueError, KeyError) as error:
        line = error.problem_mark.line + 1 if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark else 1
        problems.append(Problem(rel, line, "record", BROKEN.format(error=type(error).__name__, path=rel)))
        return {}


def _recorded(value: dict[str, Any]) -> Recorded:
    return Recorded(
        fields={name: str(value.get(name) or "") for name in SINGLE},
        progress=tuple(str(line) for line in value.get("progress") or ()),
        corrections=int(value.get("corrections") or 0),
        history=tuple(
            tuple(Change(str(c["field"]), str(c["before"]), str(c["after"])) for c in part or ())
            for part in value.get("history") or ()
        ),
    )


def render_record(records: dict[str, Recorded]) -> str:
    """The record file's text (pledges sorted by id; the same records give the same text)."""
    blocks: dict[str, dict[str, Any]] = {}
    for pledge_id in sorted(records):
        recorded = records[pledge_id]
        block: dict[str, Any] = {name: recorded.fields[name] for name in SINGLE if recorded.fields[name]}
        if recorded.progress:
            block["progress"] = list(recorded.progress)
        if recorded.corrections:
            block["corrections"] = recorded.corrections
            block["history"] = [[_change(c) for c in part] for part in recorded.history]
        blocks[pledge_id] = block
    body = yaml.dump(
        blocks, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )
    return HEADER + (body if blocks else "")


class _Dumper(yaml.SafeDumper):
    """Texts with a character one cannot see (a control, a line or
    paragraph separator) are written in double quotes, escaped: the file
    holds no line break but its own, and reads back the same."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if value.isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _change(change: Change) -> dict[str, str]:
    return {"field": change.field, "before": change.before, "after": change.after}
