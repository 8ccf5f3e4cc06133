"""Corrections: a published pledge never changes silently.

Each published pledge is compared with what was published
(:mod:`generator.content.record`). A change is allowed only with a
correction under the pledge that names the changed field and says when and
why (``corrections: [{date, note, fields}]``); ``publish`` then records the
new version. Progress entries are append-only: editing or deleting a
published one is a change too. The corrections already recorded can be
neither deleted nor reused for a later change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass

from generator.content.fields import LABELS
from generator.content.model import Corpus, Correction, Interview, Pledge
from generator.content.problems import Problem
from generator.content.record import Change, Recorded, attributed, differences

#: How long a text is quoted in a message before it is cut.
SHOWN = 60


def shown(text: str) -> str:
    """``text`` for a message, cut when long; 「（空）」 when empty."""
    if not text:
        return "（空）"
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def correction_rules(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    """Every unexplained change to a published pledge, and every correction
    that does not match a change."""
    published = {entry.id for entry in corpus.published}
    for interview in corpus.interviews:
        yield from interview_corrections(interview, corpus.record, published, as_of)


def interview_corrections(
    interview: Interview, record: Mapping[str, Recorded], published: Container[str], as_of: dt.date | None
) -> Iterator[Problem]:
    """:func:`correction_rules` for the pledges of one interview, given the
    ``record`` and the ids ``published``."""
    for pledge in interview.pledges:
        recorded = record.get(pledge.id)
        if recorded is None:
            if pledge.corrections and pledge.id not in published:
                yield Problem(
                    interview.path,
                    pledge.line_of("corrections"),
                    pledge.field("corrections"),
                    "这项承诺还没有发布，改动不算更正：请删去 corrections，直接修改即可。",
                )
            continue
        changes = differences(recorded, pledge)
        yield from _unexplained(pledge, recorded, changes)
        yield from _unmatched(pledge, recorded, changes, as_of)


def _unexplained(pledge: Pledge, recorded: Recorded, changes: list[Change]) -> Iterator[Problem]:
    new = pledge.corrections[recorded.corrections :]
    named = {name for correction in new for name in correction.fields}
    for change in changes:
        if change.field not in named:
            yield Problem(pledge.path, *_where(pledge, change), _message(change))


def _where(pledge: Pledge, change: Change) -> tuple[int, str]:
    """The line and field of ``change`` in the interview: the changed field,
    the changed progress entry, or the list an entry was deleted from."""
    if change.field != "progress":
        return pledge.line_of(change.field), pledge.field(change.field)
    if change.entry is not None and change.after:
        update = pledge.progress[change.entry]
        return update.line_of(), update.where
    return pledge.line_of("progress"), pledge.field("progress")


def _message(change: Change) -> str:
    name = change.field
    if name == "progress":
        what = "已发布的一条进展被删去了" if not change.after else "已发布的一条进展改了"
        return (
            f"{what}：发布时是「{shown(change.before)}」，现在是「{shown(change.after)}」。进展发布后只能添加，不能改动或删除；"
            "如果这是更正，请在这项承诺的 corrections 下写明日期、理由和 fields: [progress]；如果是笔误，请改回。"
        )
    return (
        f"已发布承诺的 {name}（{LABELS[name]}）改了：发布时是「{shown(change.before)}」，现在是「{shown(change.after)}」。"
        f"如果这是更正，请在 corrections 下写明日期和理由（fields: [{name}]）；如果是笔误，请改回。"
    )


def _unmatched(pledge: Pledge, recorded: Recorded, changes: list[Change], as_of: dt.date | None) -> Iterator[Problem]:
    if len(pledge.corrections) < recorded.corrections:
        yield Problem(
            pledge.path,
            pledge.line_of("corrections") if pledge.corrections else pledge.line_of("id"),
            pledge.field("corrections"),
            f"已发布的更正记录不能删除：这项承诺发布过 {recorded.corrections} 条更正，现在只有 {len(pledge.corrections)} 条。"
            "请用 git 找回删去的更正（git log -p 加上访谈文件名）。",
        )
        return
    new = pledge.corrections[recorded.corrections :]
    for correction, owned in zip(new, attributed(recorded, pledge, changes), strict=True):
        changed = {c.field for c in owned}
        for name in correction.fields:
            if name not in changed and name in LABELS:
                yield _problem(correction, f"这条更正说改了 {name}，但它与发布时相同：请从 fields 里删去 {name}。")
        if as_of is not None and correction.date > as_of:
            yield _problem(correction, f"更正日期 {correction.date.isoformat()} 晚于数据截至日期，请写更正的实际日期。")


def _problem(correction: Correction, message: str) -> Problem:
    return Problem(correction.path, correction.line_of("fields"), correction.field("fields"), message)


@dataclass(frozen=True)
class Shown:
    """A correction as a pledge's page shows it: when, why, what changed."""

    correction: Correction
    changes: tuple[Change, ...]


def shown_corrections(pledge: Pledge, recorded: Recorded | None) -> list[Shown]:
    """The corrections of ``pledge``, each with what it changed: from the
    record for those it holds, from the difference with it for the others."""
    if not pledge.corrections:
        return []
    if recorded is None:
        return [Shown(c, ()) for c in pledge.corrections]
    held = pledge.corrections[: recorded.corrections]
    history = list(recorded.history) + [()] * (len(held) - len(recorded.history))
    shown_held = [Shown(c, changes) for c, changes in zip(held, history, strict=False)]
    new = pledge.corrections[recorded.corrections :]
    return shown_held + [Shown(c, changes) for c, changes in zip(new, attributed(recorded, pledge), strict=True)]
