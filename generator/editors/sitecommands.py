"""The commands on the whole site: ``check`` (list every problem) and
``publish`` (register the new pledges in the ledger, record what every
published pledge is now)."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from generator.content import ledger, record
from generator.content.model import Corpus, Pledge, Published
from generator.content.problems import format_problems
from generator.editors.files import write_atomically
from generator.editors.sitefolder import open_site
from generator.editors.terminal import say


def run_check(args: argparse.Namespace) -> int:
    """Print every problem and return 1, or notes and a summary and return 0."""
    site = open_site(Path(args.site_dir))
    if site.problems:
        say(format_problems(site.problems))
        return 1
    new = ledger.unpublished(site.corpus)
    for pledge in new:
        say(
            f"{pledge.path}:{pledge.line_of('id')}: {pledge.field('id')}: "
            f"提示：承诺「{pledge.id}」尚未登记为已发布，发布网站前请运行 python -m generator publish。"
        )
    for pledge in unrecorded(site.corpus):
        say(
            f"{pledge.path}:{pledge.line_of('corrections')}: {pledge.field('corrections')}: "
            f"提示：承诺「{pledge.id}」的更正尚未记录，发布网站前请运行 python -m generator publish。"
        )
    corpus = site.corpus
    pending = f"（{len(new)} 项尚未登记发布）" if new else ""
    say(
        f"检查通过：{len(corpus.interviews)} 篇访谈，{len(corpus.pledges())} 项承诺{pending}，"
        f"{len(corpus.units)} 个单位（数据截至 {site.as_of.isoformat()}）。"
    )
    return 0


def unrecorded(corpus: Corpus) -> list[Pledge]:
    """The published pledges with corrections the record does not hold yet."""
    return [
        p
        for _, p in corpus.pledges()
        if (r := corpus.record.get(p.id)) is not None and len(p.corrections) > r.corrections
    ]


def run_publish(args: argparse.Namespace) -> int:
    """Add the new pledge ids to the ledger and record what every published
    pledge is now (only when the check passes)."""
    site = open_site(Path(args.site_dir))
    if site.problems:
        say(format_problems(site.problems))
        say("内容检查未通过，没有登记：请先改正上面的问题。")
        return 1
    path = site.interviews / ledger.LEDGER_FILE
    # The check passed, so the ledger, if there is one, is UTF-8 with LF line ends.
    previous = path.read_bytes().decode("utf-8") if path.is_file() else None
    entries = ledger.updated(site.corpus)
    text = ledger.render(entries, previous)
    name = path.relative_to(site.folder)
    kept = record_changes(site.folder, site.interviews, site.corpus, [e.id for e in entries])
    if text == previous and kept is None:
        say(f"没有变化：{name} 已是最新，共 {len(entries)} 项承诺已发布。")
        return 0
    if text != previous:
        write_atomically(path, text)
        for line in publish_changes(site.corpus.published, entries, previous, text):
            say(line)
    if kept is not None:
        say(kept)
    say(f"登记完成：{name} 共 {len(entries)} 项承诺已发布。")
    return 0


def record_changes(folder: Path, interviews: Path, corpus: Corpus, ids: list[str]) -> str | None:
    """Write the record of the published pledges if it changed, and say what
    it holds (None when it did not change)."""
    path = interviews / record.RECORD_FILE
    previous = path.read_bytes().decode("utf-8") if path.is_file() else None
    records = record.republish(corpus, ids)
    text = record.render_record(records)
    if text == previous:
        return None
    write_atomically(path, text)
    corrected = sum(1 for i, r in records.items() if r.corrections > getattr(corpus.record.get(i), "corrections", 0))
    more = f"，其中 {corrected} 项有新的更正" if corrected else ""
    return f"记录了 {len(records)} 项已发布承诺的现行版本{more}：{path.relative_to(folder)}"


def publish_changes(
    before: Sequence[Published], after: Sequence[Published], previous: str | None, text: str
) -> list[str]:
    """What publishing changed in the ledger, one line each: the ids added,
    the ids whose file changed, and every other line written anew."""
    if previous is None:
        return [f"新建已发布名录：{len(after)} 项"] + [f"已登记：{e.id}（{e.file}）" for e in after]
    old = {entry.id: entry.file for entry in before}
    lines = [f"已登记：{e.id}（{e.file}）" for e in after if e.id not in old]
    moved = [e for e in after if e.id in old and old[e.id] != e.file]
    lines.extend(f"改了所在文件：{e.id}：{old[e.id]} → {e.file}" for e in moved)
    touched = {e.id for e in after if old.get(e.id) != e.file}
    kept = Counter(previous.split("\n"))
    for row in text.split("\n"):
        if kept[row] > 0:
            kept[row] -= 1
        elif row.split(" ", 1)[0] not in touched:
            lines.append(f"改写了一行：{row}")
    return lines or ["按编号重新排列了各行，内容不变"]
