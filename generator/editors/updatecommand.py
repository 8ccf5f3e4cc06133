"""The command ``update``: add a progress entry to a pledge, written only
when the interview file, edited, still passes the check."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from pathlib import Path

from generator.content.problems import Problem, format_problems
from generator.content.textfile import decode
from generator.editors.files import write_atomically
from generator.editors.lookup import interview_of
from generator.editors.sitefolder import Site, SiteError, open_site, problems_after_edit
from generator.editors.terminal import say
from generator.editors.updates import NewUpdate, UpdateError, append_progress
from generator.views.asof import today as _today


def run_update(args: argparse.Namespace) -> int:
    """Append a progress entry, after checking the result."""
    site = open_site(Path(args.site))
    interview = interview_of(site, args.pledge_id)
    if args.source_url and not args.source_title:
        raise SiteError("有来源网址时也要写来源标题：--source-title。")
    day = args.date or _today()
    if day > site.as_of:
        raise SiteError(_after_as_of(site, day, given=args.date is not None))
    entry = NewUpdate(day, args.status, args.note, args.value, args.source_title, args.source_url)
    path = site.folder / interview.path
    # Read as check reads it: a file check refuses (CRLF, BOM...) is not
    # edited, or the edit would silently rewrite what check complains about.
    problems: list[Problem] = []
    original = decode(path.read_bytes(), interview.path, problems)
    problems = sorted(set(problems) | {p for p in site.problems if p.path == interview.path})
    if original is None or problems:
        return _refuse(problems, "没有写入：这个访谈文件本身有上面的问题（check 也会报告），请先改正后重试。")
    try:
        text = append_progress(original, args.pledge_id, entry)
    except UpdateError as error:
        raise SiteError(str(Problem(interview.path, error.line, "progress", str(error)))) from None
    blocking, elsewhere = _edit_problems(site, interview.path, problems_after_edit(site, path, text))
    if blocking:
        _warn_elsewhere(elsewhere)
        return _refuse(blocking, "没有写入：加上这条进展后检查不通过，请按上面的说明改正参数或文件后重试。")
    write_atomically(path, text)
    _warn_elsewhere(elsewhere)
    passed = "这个文件检查通过。" if elsewhere else "检查通过。"
    say(
        f"已在 {interview.path} 中给「{args.pledge_id}」添加进展：{entry.date.isoformat()} {entry.status.label}。{passed}"
    )
    return 0


def _refuse(problems: list[Problem], why: str) -> int:
    say(format_problems(problems))
    say(why)
    return 1


def _edit_problems(site: Site, edited: str, problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems that stop an edit of the file ``edited`` (those in it,
    and those the edit brings elsewhere), and the others: a mistake in
    another interview, there before, does not stop the update of a sound one."""
    before = set(site.problems)
    blocking = [p for p in problems if p.path == edited or p not in before]
    return blocking, [p for p in problems if p not in blocking]


def _warn_elsewhere(problems: list[Problem]) -> None:
    if problems:
        say(f"提示：其他文件有 {len(problems)} 处问题，不影响这次更新，但发布前要改正（check 会列出）：")
        say("\n".join(f"  {problem}" for problem in problems))


def _after_as_of(site: Site, day: dt.date, given: bool) -> str:
    """Why an entry dated ``day`` (after the data's date) is not written, and how to go on."""
    as_of = site.as_of.isoformat()
    which = f"--date {day.isoformat()} " if given else f"没有写 --date，进展日期就用今天 {day.isoformat()}，它"
    if site.as_of_fixed:
        fix = f"或者把 mkdocs.yml 里 pledges 插件的「as_of: {as_of}」改成 {day.isoformat()} 或更晚的日期（删去这一行则总用今天）"
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        fix = "或者去掉环境变量 SOURCE_DATE_EPOCH（它定下了截止日期），让截止日期为今天"
    else:
        fix = "进展不能记在今天之后"
    return (
        f"没有写入：{which}晚于网站的数据截止日期 {as_of}。请用 --date 写明进展的实际日期"
        f"（不晚于 {as_of}，例如 --date {as_of}），{fix}，然后重试。"
    )
