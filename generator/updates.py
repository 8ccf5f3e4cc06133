"""Appending a progress entry to an interview file, leaving every other
byte of the file as it was (comments, order, quoting).

The entry is written in block style under the pledge's ``progress:`` list,
after the pledge's last line; its scalars are quoted only where YAML would
read them as something else.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from frontmatter.default_handlers import YAMLHandler

from .model import Status
from .yamltree import Node, parse

_BOUNDARY = YAMLHandler.FM_BOUNDARY


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
    """The entry cannot be placed; the message says why, in Chinese."""


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged,
    else double-quoted (JSON strings are valid YAML)."""
    plain = value.strip() == value and "\n" not in value and " #" not in value
    if plain:
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def entry_lines(update: NewUpdate, indent: int) -> Iterator[str]:
    """The entry as lines, its ``- `` at column ``indent``."""
    pad, inner = " " * indent, " " * (indent + 2)
    yield f"{pad}- date: {update.date.isoformat()}"
    yield f"{inner}status: {update.status.value}"
    if update.value is not None:
        yield f"{inner}value: {update.value}"
    yield f"{inner}note: {scalar(update.note)}"
    if update.source_title:
        yield f"{inner}sources:"
        yield f"{inner}  - title: {scalar(update.source_title)}"
        if update.source_url:
            yield f"{inner}    url: {scalar(update.source_url)}"


def append_progress(text: str, pledge_id: str, update: NewUpdate) -> str:
    """``text`` (a whole interview file) with ``update`` added to the
    progress of pledge ``pledge_id``; nothing else changes."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    closing, pledges = _front_matter(lines)
    index = next((i for i, p in enumerate(pledges) if _id(p) == pledge_id), None)
    if index is None:
        raise UpdateError(f"文件中没有编号为「{pledge_id}」的承诺。")
    pledge = pledges[index]
    assert isinstance(pledge.children, dict)
    end = pledges[index + 1].line if index + 1 < len(pledges) else closing
    key_indent = _indent(lines[pledge.line - 1]) + 2
    progress = pledge.children.get("progress")
    if progress is None:
        at = _last_content_line(lines, pledge.line, end)
        new = [" " * key_indent + "progress:", *entry_lines(update, key_indent + 2)]
    elif isinstance(progress.children, list) and progress.children:
        # After the list's last line, which ends where the next field begins.
        later = [c.key_line for c in pledge.children.values() if c.key_line > progress.key_line]
        at = _last_content_line(lines, progress.key_line, min(later, default=end))
        new = list(entry_lines(update, _indent(lines[progress.children[0].line - 1])))
    else:
        # 'progress:' with no entries, or 'progress: []': the key line is rewritten.
        at = progress.key_line
        lines[at - 1] = " " * key_indent + "progress:"
        new = list(entry_lines(update, key_indent + 2))
    lines[at:at] = new
    return newline.join(lines)


def _front_matter(lines: list[str]) -> tuple[int, list[Node]]:
    """The line of the closing ``---`` and the nodes of the pledges."""
    if not lines or not _BOUNDARY.match(lines[0]):
        raise UpdateError("文件开头没有前置元数据（---）。")
    closing = next((n for n, line in enumerate(lines[1:], 2) if _BOUNDARY.match(line)), None)
    if closing is None:
        raise UpdateError("前置元数据没有结束的「---」。")
    root, _ = parse("\n".join(lines[1 : closing - 1]), 2)
    if root is None or not isinstance(root.children, dict):
        raise UpdateError("前置元数据不是「字段: 值」的形式。")
    pledges = root.children.get("pledges")
    if pledges is None or not isinstance(pledges.children, list):
        raise UpdateError("文件中没有承诺列表（pledges）。")
    return closing, pledges.children


def _id(node: Node) -> object:
    child = node.children.get("id") if isinstance(node.children, dict) else None
    return child.value if child is not None else None


def _last_content_line(lines: list[str], first: int, end: int) -> int:
    """The last line in [first, end) that is neither blank nor a comment
    (line numbers count from 1)."""
    for number in range(end - 1, first - 1, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return first


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
