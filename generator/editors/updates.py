"""Appending a progress entry to an interview file, leaving every other
byte of the file as it was (comments, order, quoting).

The entry is written in block style under the pledge's ``progress:`` list,
right after the last value of that list (or of the pledge, when it has no
progress yet). Where that value ends is taken from the YAML parser's own
marks, not guessed from the look of the lines: the last lines of a block
scalar (``|``, ``>-``...) stay inside it even when they start with ``#`` or
are blank. The result is then proved: its front matter must parse to
exactly the data it held before plus the new entry, in that pledge, and
nothing outside the front matter may change. If not, :class:`UpdateError`
says so and nothing is to be written.

Only files as ``check`` accepts them are edited: UTF-8 without BOM, LF line
ends. Scalars are quoted only where YAML would read them as something else.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from generator.content.frontmatter import NoFrontMatter, UnclosedFrontMatter, find_front_matter
from generator.content.model import Status
from generator.content.yamltree import Node, YamlSyntaxError, parse
from generator.editors.yamlwrite import LOADER, number, scalar


@dataclass(frozen=True)
class NewUpdate:
    """What an editor reports: the fields of one progress entry."""

    date: dt.date
    status: Status
    note: str
    value: int | float | None = None
    source_title: str | None = None
    source_url: str | None = None


class UpdateError(Exception):
    """The entry cannot be placed; the message says why, in Chinese, and
    ``line`` where (a line of the file)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


# -- writing YAML -----------------------------------------------------------


def entry_lines(update: NewUpdate, indent: int) -> Iterator[str]:
    """The entry as lines, its ``- `` at column ``indent``."""
    pad, inner = " " * indent, " " * (indent + 2)
    yield f"{pad}- date: {update.date.isoformat()}"
    yield f"{inner}status: {update.status.value}"
    if update.value is not None:
        yield f"{inner}value: {number(update.value)}"
    yield f"{inner}note: {scalar(update.note)}"
    if update.source_title:
        yield f"{inner}sources:"
        yield f"{inner}  - title: {scalar(update.source_title)}"
        if update.source_url:
            yield f"{inner}    url: {scalar(update.source_url)}"


def entry_data(update: NewUpdate) -> dict[str, Any]:
    """The entry as YAML reads it back from :func:`entry_lines`."""
    data: dict[str, Any] = {"date": update.date, "status": update.status.value}
    if update.value is not None:
        data["value"] = update.value
    data["note"] = update.note
    if update.source_title:
        source = {"title": update.source_title}
        if update.source_url:
            source["url"] = update.source_url
        data["sources"] = [source]
    return data


# -- placing the entry ------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """Where the entry goes, as offsets in the front matter: ``cut`` is
    removed (the ``[]`` of ``progress: []``), then ``lines`` are inserted at
    the first of the places ``at`` that proves right."""

    cut: tuple[int, int]
    at: tuple[int, ...]
    lines: list[str]


def append_progress(text: str, pledge_id: str, update: NewUpdate) -> str:
    """``text`` (a whole interview file) with ``update`` added to the
    progress of pledge ``pledge_id``; nothing else changes. Raises
    :class:`UpdateError` when that cannot be done (or proved)."""
    if text.startswith("\ufeff"):
        raise UpdateError("文件开头有 BOM 标记：请另存为「UTF-8（无 BOM）」后重试。")
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        if "\r\n" in text:
            raise UpdateError("文件用的是 Windows 的换行符（CRLF）：请把文件另存为 LF（Unix）换行后重试。", line)
        raise UpdateError("这一行有单独的回车符（CR）：请删除它后重试。", line)
    start, end = _front_span(text)
    front = text[start:end]
    first_line = text.count("\n", 0, start) + 1
    index, pledge = _find_pledge(_compose(front, first_line), pledge_id, first_line)
    line = first_line + pledge.start_mark.line
    plan = _plan(front, pledge, update, pledge_id, line)
    entry = entry_data(update)
    for at in plan.at:
        block = "".join(f"{row}\n" for row in plan.lines)
        new = text[: start + plan.cut[0]] + text[start + plan.cut[1] : start + at] + block + text[start + at :]
        if _proves(text, new, index, entry):
            return new
    raise UpdateError(
        f"无法安全地添加这条进展：加在承诺「{pledge_id}」的末尾会改变文件中原有的内容"
        "（例如把多行文字最后以「#」开头的几行读成注释），所以没有写入。请手工在它的 progress 列表末尾添加这条进展。",
        line,
    )


def _front_span(text: str) -> tuple[int, int]:
    """Where the front matter starts and ends in ``text``, found as the site
    finds it (:func:`~generator.content.frontmatter.find_front_matter`)."""
    try:
        front = find_front_matter(text)
    except NoFrontMatter:
        raise UpdateError("文件开头没有前置元数据（---）。") from None
    except UnclosedFrontMatter:
        raise UpdateError("前置元数据没有结束的「---」。") from None
    return front.start, front.end


def _compose(front: str, line: int) -> yaml.MappingNode:
    try:
        root = yaml.compose(front, Loader=LOADER)
    except (yaml.YAMLError, RecursionError):
        root = None
    if not isinstance(root, yaml.MappingNode):
        raise UpdateError(
            "前置元数据不是有效的「字段: 值」形式：请先运行 python -m generator check，按提示改正后重试。", line
        )
    return root


def _get(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value of ``key`` (its first occurrence, as the checker reads it)."""
    return next((v for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _find_pledge(root: yaml.MappingNode, pledge_id: str, first_line: int) -> tuple[int, yaml.MappingNode]:
    pledges = _get(root, "pledges")
    if not isinstance(pledges, yaml.SequenceNode):
        raise UpdateError("文件中没有承诺列表（pledges）。")
    for index, item in enumerate(pledges.value):
        if not isinstance(item, yaml.MappingNode):
            continue
        node = _get(item, "id")
        if isinstance(node, yaml.ScalarNode) and node.value == pledge_id:
            if pledges.flow_style or item.flow_style:
                raise UpdateError(_flow(pledge_id), first_line + item.start_mark.line)
            return index, item
    raise UpdateError(f"文件中没有编号为「{pledge_id}」的承诺。")


def _flow(pledge_id: str) -> str:
    return (
        f"承诺「{pledge_id}」或它的进展写成了方括号、花括号的形式（[…]、{{…}}），无法自动添加进展："
        "请改为逐行「字段: 值」、每项以「- 」开头的写法后重试。"
    )


def _plan(front: str, pledge: yaml.MappingNode, update: NewUpdate, pledge_id: str, line: int) -> _Plan:
    key_column = pledge.start_mark.column
    progress = _get(pledge, "progress")
    if progress is None:
        lines = [" " * key_column + "progress:", *entry_lines(update, key_column + 2)]
        return _Plan((0, 0), _after(front, pledge), lines)
    if isinstance(progress, yaml.SequenceNode) and progress.value:
        if progress.flow_style:
            raise UpdateError(_flow(pledge_id), line)
        return _Plan((0, 0), _after(front, progress), list(entry_lines(update, progress.start_mark.column)))
    if _empty(progress):
        cut = _cut(front, progress.start_mark.index, progress.end_mark.index)
        return _Plan(cut, (_next_line(front, progress.end_mark.index),), list(entry_lines(update, key_column + 2)))
    raise UpdateError(
        f"承诺「{pledge_id}」的「progress」（进展）应为列表，每项以「- 」开头：请先改正后重试。",
        progress.start_mark.line + line - pledge.start_mark.line,
    )


def _empty(node: yaml.Node) -> bool:
    """``progress:`` with nothing, ``~``, ``null`` or ``[]``."""
    if isinstance(node, yaml.SequenceNode):
        return not node.value
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _cut(front: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)``, with the spaces around it when nothing follows it
    on its line (``progress: []`` becomes ``progress:``)."""
    rest = front.find("\n", end)
    rest = len(front) if rest < 0 else rest
    if start == end or front[end:rest].strip(" "):
        return start, end
    while start > 0 and front[start - 1] == " ":
        start -= 1
    return start, rest


def _after(front: str, node: yaml.Node) -> tuple[int, ...]:
    """Where lines can go right after ``node``, best first: after the line
    its last value ends on; for a block scalar, after its last written
    line, or after the blank lines it also holds (keep chomping, ``|+``)."""
    last = node
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and last.value and not last.flow_style:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark.index
    if not (isinstance(last, yaml.ScalarNode) and last.style in ("|", ">")):
        return (_next_line(front, end),)
    # The parser's mark is past the blank lines the block scalar took along,
    # in the indentation of the first line after them.
    loose = front.rfind("\n", 0, end) + 1 if end < len(front) else end
    tight = loose
    first = _next_line(front, last.start_mark.index)
    while tight > first:
        previous = front.rfind("\n", 0, tight - 1) + 1
        if front[previous:tight].strip(" \n"):
            break
        tight = previous
    return (tight, loose) if tight != loose else (loose,)


def _next_line(front: str, index: int) -> int:
    """Where the line after the one holding ``index`` starts."""
    newline = front.find("\n", index)
    return newline + 1 if newline >= 0 else len(front)


# -- proving the result -----------------------------------------------------


def _proves(old: str, new: str, index: int, entry: dict[str, Any]) -> bool:
    """Whether ``new`` is ``old`` with ``entry`` appended to the progress
    of pledge number ``index``, and nothing else changed, as the site
    reads the front matter."""
    try:
        old_start, old_end = _front_span(old)
        new_start, new_end = _front_span(new)
    except UpdateError:
        return False
    if old[:old_start] != new[:new_start] or old[old_end:] != new[new_end:]:
        return False
    old_front, new_front = old[old_start:old_end], new[new_start:new_end]
    for read in (_site_data, _last_wins_data):
        expected = read(old_front)
        if not isinstance(expected, dict) or not isinstance(expected.get("pledges"), list):
            return False
        pledge = expected["pledges"][index]
        if not isinstance(pledge, dict) or not isinstance(pledge.get("progress"), list | None):
            return False
        pledge["progress"] = [*(pledge.get("progress") or []), copy.deepcopy(entry)]
        if read(new_front) != expected:
            return False
    return True


def _site_data(front: str) -> Any:
    """The front matter's data as the site reads it (:mod:`.yamltree`: the
    first of two equal keys counts)."""
    try:
        root, _ = parse(front)
    except YamlSyntaxError:
        return None
    return _plain(root) if root is not None else None


def _last_wins_data(front: str) -> Any:
    """The front matter's data as PyYAML reads it (the last of two equal
    keys counts): no value may change, even one the site ignores."""
    try:
        return yaml.load(front, Loader=LOADER)
    except (yaml.YAMLError, RecursionError):
        return None


def _plain(node: Node) -> Any:
    if isinstance(node.children, dict):
        return {key: _plain(child) for key, child in node.children.items()}
    if isinstance(node.children, list):
        return [_plain(child) for child in node.children]
    return node.value
