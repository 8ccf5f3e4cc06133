"""Reading the fields of a YAML mapping into typed values, reporting mistakes.

Each ``Fields`` reads one mapping. Its readers return a usable value even
when the field is wrong (an empty text, ``date.min``...) and record a
:class:`Problem`; ``ok`` tells whether the object can be trusted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

from .problems import Problem
from .yamltree import Node

#: Chinese names of the fields, used in messages.
LABELS = {
    "id": "编号",
    "name": "名称",
    "short_name": "简称",
    "title": "标题",
    "subtitle": "副标题",
    "issue": "期数",
    "date": "日期",
    "outlet": "媒体",
    "reporters": "记者",
    "correspondents": "通讯员",
    "unit": "单位",
    "interviewee": "受访者",
    "position": "职务",
    "photo": "图片",
    "caption": "图片说明",
    "src": "图片文件",
    "summary": "摘要",
    "pledges": "承诺",
    "text": "承诺内容",
    "quote": "原文引述",
    "category": "类别",
    "deadline": "时限",
    "deadline_note": "时限说明",
    "target": "目标",
    "value": "数值",
    "progress": "进展",
    "status": "状态",
    "note": "说明",
    "sources": "来源",
    "url": "网址",
    "doc_no": "文号",
}

_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\s*$")


def label(name: str) -> str:
    """``name（中文名）`` for messages."""
    return f"「{name}」（{LABELS[name]}）" if name in LABELS else f"「{name}」"


def kind_of(node: Node) -> str:
    """What a node holds, in Chinese."""
    if node.is_mapping:
        return "一组字段"
    if node.is_sequence:
        return "列表"
    value = node.value
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, dt.date):
        return f"日期 {value.isoformat()}"
    return f"文字「{value}」"


class Fields:
    """The fields of one mapping, read one by one."""

    def __init__(
        self,
        node: Node,
        *,
        path: str,
        where: str,
        known: Iterable[str],
        problems: list[Problem],
    ) -> None:
        self.node = node
        self.path = path
        self.where = where
        self.known = tuple(known)
        self.problems = problems
        self.ok = True
        self.lines: dict[str, int] = {"": node.line}

    # -- reporting ---------------------------------------------------------

    def field(self, name: str) -> str:
        return f"{self.where}.{name}" if self.where else name

    def report(self, name: str, line: int, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.path, line, self.field(name), message))

    def child(self, name: str, required: bool) -> Node | None:
        assert isinstance(self.node.children, dict)
        node = self.node.children.get(name)
        if node is None:
            if required:
                self.report(name, self.node.line, f"缺少必填字段 {label(name)}。")
            return None
        self.lines[name] = node.key_line
        if node.is_scalar and node.value is None:
            if required:
                self.report(name, node.key_line, f"{label(name)} 不能为空，请填写。")
            return None
        return node

    def wrong(self, name: str, node: Node, expected: str, hint: str = "") -> None:
        self.report(name, node.line, f"{label(name)} 应为{expected}，实为{kind_of(node)}。{hint}")

    # -- readers -----------------------------------------------------------

    def text(self, name: str, required: bool = True) -> str:
        """A non-empty single text; ``""`` when absent or wrong."""
        node = self.child(name, required)
        if node is None:
            return ""
        if not node.is_scalar or not isinstance(node.value, str):
            hint = ""
            if node.is_scalar and node.value is not None:
                hint = f'如果确实要写成这样，请加英文引号："{node.value}"。'
            self.wrong(name, node, "文字", hint)
            return ""
        value: str = node.value.strip()
        if not value:
            if required:
                self.report(name, node.line, f"{label(name)} 不能为空，请填写。")
            return ""
        return value

    def optional_text(self, name: str) -> str | None:
        return self.text(name, required=False) or None

    def integer(self, name: str) -> int:
        node = self.child(name, True)
        if node is None:
            return 0
        if not node.is_scalar or isinstance(node.value, bool) or not isinstance(node.value, int):
            self.wrong(name, node, "整数，例如 10")
            return 0
        return node.value

    def number(self, name: str, required: bool = True) -> int | float | None:
        node = self.child(name, required)
        if node is None:
            return None
        value = node.value
        if not node.is_scalar or isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong(name, node, "数字，例如 44 或 12.5", "不要带单位，单位写在 target.unit 里。")
            return None
        return value

    def date(self, name: str) -> dt.date:
        """A calendar date written ``YYYY-MM-DD``."""
        node = self.child(name, True)
        if node is None:
            return dt.date.min
        value = node.value
        if isinstance(value, dt.datetime):
            self.report(name, node.line, f"{label(name)} 只写日期，不写时间：请写成 {value.date().isoformat()}。")
            return dt.date.min
        if isinstance(value, dt.date):
            return value
        self.report(name, node.line, f"{label(name)}：{bad_date(node)}")
        return dt.date.min

    def text_list(self, name: str) -> list[str]:
        """A list of texts; a single text is accepted as a list of one."""
        node = self.child(name, False)
        if node is None:
            return []
        if node.is_scalar and isinstance(node.value, str):
            return [node.value.strip()]
        if not isinstance(node.children, list) or not all(
            c.is_scalar and isinstance(c.value, str) and c.value.strip() for c in node.children
        ):
            self.wrong(name, node, "文字列表，例如 [张三, 李四]")
            return []
        return [c.value.strip() for c in node.children]

    def mapping(self, name: str, required: bool = True) -> Node | None:
        node = self.child(name, required)
        if node is None:
            return None
        if not node.is_mapping:
            self.wrong(name, node, "一组字段（下一行缩进书写 名称: 值）")
            return None
        return node

    def sequence(self, name: str, required: bool = False) -> list[Node]:
        node = self.child(name, required)
        if node is None:
            return []
        if not isinstance(node.children, list):
            self.wrong(name, node, "列表（每项以「- 」开头）")
            return []
        return node.children

    def finish(self) -> None:
        """Report every field that is not one of ``known``."""
        assert isinstance(self.node.children, dict)
        for key, node in self.node.children.items():
            if key in self.known:
                continue
            guess = difflib.get_close_matches(key, self.known, n=1)
            hint = f"是不是「{guess[0]}」？" if guess else ""
            allowed = "、".join(self.known)
            self.report(key, node.key_line, f"未知字段 {label(key)}。{hint}可用的字段：{allowed}。")


def bad_date(node: Node) -> str:
    """Why a node is not a date, and how to write it."""
    value = node.value
    if isinstance(value, str):
        match = _LOOSE_DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                fixed = dt.date(year, month, day).isoformat()
            except ValueError:
                return f"「{value}」不是存在的日期，请核对年月日。"
            return f"「{value}」不是规定的日期格式：请写成 {fixed}（年-月-日，用半角连字符）。"
    return f"应为日期，实为{kind_of(node)}：请写成 2020-07-31 这样的格式（年-月-日）。"
