"""Writing the interview file for an article read: the front matter with
the facts found, Chinese comments where the editor has to fill in or check
something, the pledge candidates commented out, and the body as Markdown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.editors.importing.articlebody import Heading, Part
from generator.editors.importing.articlehead import Header
from generator.editors.importing.articlelines import HEADING_LONGEST, ends_sentence
from generator.editors.importing.articleread import Article
from generator.editors.importing.candidates import NUMBERED, Candidate
from generator.editors.yamlwrite import number, scalar

_TODO = "待填"


@dataclass(frozen=True)
class Options:
    """What the editor says on the command line: the unit, the day of
    publication, the issue (or the next free one, to be checked)."""

    unit: str | None = None
    date: dt.date | None = None
    issue: int | None = None
    next_issue: int | None = None


def render_body(parts: list[Part]) -> str:
    """The body as Markdown: paragraphs and ``## `` headings, blank-line separated."""
    chunks = ["## " + " ".join(p.lines) if isinstance(p, Heading) else p for p in parts]
    return "\n\n".join(chunks) + "\n"


def render_front_matter(article: Article, options: Options, today: dt.date, found: list[Candidate]) -> str:
    """The YAML between the ``---`` lines, comments included."""
    header = article.header
    lines = column_lines(header.column)
    lines += field_line("title", header.title, "标题：原文开头没有找到，请填写。")
    if header.subtitle:
        lines.append(f"subtitle: {scalar(header.subtitle)}")
    lines += issue_lines(options)
    lines += date_lines(header, options.date, today)
    lines += field_line("outlet", article.outlet, "媒体：原文没有写明，请填写，写法要和正文中提问段落开头的名称一致。")
    lines.append(f"reporters: {flow_list(header.reporters)}")
    lines.append(f"correspondents: {flow_list(header.correspondents)}")
    if header.interns:
        lines.append(f"interns: {flow_list(header.interns)}")
    lines += unit_lines(options.unit)
    lines += ["interviewee:"] + ["  " + line for line in interviewee_lines(article)]
    lines += photo_lines(header)
    lines += [f"# 原文开头另有「{extra}」，没有对应的字段：请核对后删去这一行。" for extra in header.extra]
    lines += body_notes(article.body)
    lines += ["# 摘要（可不填）：一两句话概括本期访谈的主要承诺。", "summary:", "pledges: []"]
    year = (options.date or header.date or today).year
    lines += candidate_lines(found, article.header.title, options.unit, year)
    return "\n".join(lines) + "\n"


def column_lines(column: str) -> list[str]:
    """The column's name the article opens with, which no field holds."""
    if not column:
        return []
    return [f"# 原文开头一行是栏目名：{column}。它不是标题，网站会自动写上栏目名，不必填写。"]


def issue_lines(options: Options) -> list[str]:
    """The issue given, the next free one to check, or an empty field."""
    if options.issue is not None:
        return [f"issue: {options.issue}"]
    if options.next_issue is not None:
        return [
            f"# 待核对期数：按顺序已排到第 {options.next_issue} 期，请核对（导入时可用 --issue 指定）。",
            f"issue: {options.next_issue}",
        ]
    return [f"# {_TODO}期数：原文没有写明，请填写本期是栏目的第几期（整数，如 10）。", "issue:"]


def photo_lines(header: Header) -> list[str]:
    """The caption, and the photo's credit apart from it (no field holds it)."""
    if not header.caption and not header.credits:
        return []
    lines = ["photo:", f"  caption: {scalar(header.caption)}"]
    if header.credits:
        lines.append(f"  credit: {scalar(' '.join(header.credits))}")
    return lines


def body_notes(parts: list[Part]) -> list[str]:
    """Where the body's reading is a guess: a heading of a single line that
    is not numbered, a paragraph left without a sentence's final mark."""
    notes = []
    for part in parts:
        if isinstance(part, Heading) and len(part.lines) == 1 and not NUMBERED.match(part.lines[0]):
            notes.append(
                f"# 待核对：正文中单独一行的「{part.lines[0]}」当作了小标题（## ）；如果是正文，请去掉「## 」。"
            )
        elif isinstance(part, str) and not ends_sentence(part) and len(part) <= HEADING_LONGEST:
            notes.append(f"# 待核对：正文中「{part}」一段没有句末标点；如果是小标题，请在行首加上「## 」。")
    return notes


def field_line(key: str, value: str, todo: str) -> list[str]:
    """``key: value``, or the empty field under a comment saying what to fill."""
    return [f"{key}: {scalar(value)}"] if value else [f"# {_TODO}{todo}", f"{key}:"]


def interviewee_lines(article: Article) -> list[str]:
    """Name and position; without a 「——专访」 line the name is the answers'
    speaker, to be checked."""
    if not article.header.interview:
        note = [f"# 待核对：原文没有「——专访」一行，姓名取自回答开头的「{article.name}」。"] if article.name else []
        todo = "姓名：原文没有「——专访」一行，请填写，写法要和回答段落开头的名字一致。"
        return [
            *note,
            *field_line("name", article.name, todo),
            *field_line("position", "", "职务：请填写见报时的全称。"),
        ]
    return [
        *field_line("name", article.name, "姓名：没能从「——专访」一行分出姓名，请填写并从职务中删去。"),
        *field_line("position", article.position, "职务：请填写见报时的全称。"),
    ]


def date_lines(header: Header, date: dt.date | None, today: dt.date) -> list[str]:
    """The date given with --date, else the article's, else today's (to be checked)."""
    if date is not None:
        return [f"date: {date.isoformat()}"]
    if header.date is not None:
        return [f"# 待核对见报日期：取自原文「{header.date_text}」。", f"date: {header.date.isoformat()}"]
    extra = [f"# 原文另有「{header.date_text}」，不是有效的日期。"] if header.date_text else []
    return [
        *extra,
        "# 待核对见报日期：原文没有写明，这里暂填导入当天，请改为见报日期（年-月-日，导入时可用 --date 指定）；",
        f"# 下面候选承诺的时限和编号按 {today.year} 年推算，改了日期要一并核对。",
        f"date: {today.isoformat()}",
    ]


def unit_lines(unit: str | None) -> list[str]:
    if unit:
        return [f"unit: {scalar(unit)}"]
    return [
        f"# {_TODO}单位编号：interviews/units.yml 里每个单位一项，填该单位「id:」后面的编号（如 szjggw）；",
        "# 名录里还没有这个单位，就先在那里登记（id、name、short_name）。",
        "unit:",
    ]


def candidate_lines(found: list[Candidate], title: str, unit: str | None, year: int) -> list[str]:
    """The candidates as a commented-out list of pledges, with how to use it."""
    if not found:
        return ["# 正文中没有找到候选承诺：如有承诺，请按 quote（原文引述）、deadline（时限）等字段逐项填写。"]
    example = f"{unit or '单位编号'}-{year}-xxx"
    lines = [
        f"# 以下是从回答中自动找出的 {len(found)} 条候选承诺，按正文顺序。收录一条时：把上面的「pledges: []」改成",
        "# 「pledges:」，去掉这一条每行开头的「# 」，填写 id（全站唯一的永久网址，如 "
        + example
        + "）和 text（一句话概括），",
        "# 再核对 quote 的范围、deadline（时限）、target（目标）和 category（类别）。不是承诺的，整条删去。",
    ]
    for candidate in found:
        lines += ["#", *("# " + line for line in pledge_yaml(candidate, title))]
    return lines


def pledge_yaml(candidate: Candidate, fallback_category: str) -> list[str]:
    """One candidate as the YAML of a pledge, ``id`` and ``text`` left empty."""
    category = candidate.category or fallback_category
    lines = [
        "  - id:",
        "    text:",
        f"    quote: {scalar(candidate.quote)}",
        f"    category: {scalar(category)}" if category else "    category:",
        f"    deadline: {candidate.deadline.isoformat()}",
    ]
    if candidate.deadline_note:
        lines.append(f"    deadline_note: {scalar(candidate.deadline_note)}")
    if candidate.target is not None:
        target = candidate.target
        lines.append(f"    target: {{value: {number(target.value)}, unit: {scalar(target.unit, flow=True)}}}")
    if candidate.target_note:
        lines.append(f"    # 待核对：{candidate.target_note}。")
    return lines


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"
