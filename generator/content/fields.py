"""Reading the fields of a YAML mapping into typed values, reporting mistakes.

Each ``Fields`` reads one mapping. Its readers return a usable value even
when the field is wrong (an empty text, ``date.min``...) and record a
:class:`Problem`; ``unread`` names the fields that could not be read, and
``ok`` tells whether the object can be trusted.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
from collections.abc import Iterable

from generator.content.datehints import bad_date
from generator.content.problems import Problem
from generator.content.yamltree import Node
from generator.text import hidden
from generator.text.numerals import arabic

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
    "interns": "实习生",
    "credit": "图片署名",
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
    "corrections": "更正",
    "fields": "更正的字段",
}

#: How a field without a name is called in problems.
NAMELESS = "（无名字段）"
#: An integer YAML 1.1 reads as octal: 010 is 8.
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
#: What editors put between names instead of a list: commas, 、, semicolons.
_NAME_SEPARATORS = re.compile(r"\s*[，、,；;]\s*")
#: The largest number a field may hold: beyond it a number is a typing
#: mistake, and JavaScript (the site's filters, open data users) loses digits.
LARGEST = 10**15

# What each kind of hidden character does to a text field: a page, feed or
# data file either cannot hold it (the build fails) or shows it deceptively.
# Raw control characters are refused with the file (textfile.py); these come
# from YAML escapes ("\u0000", "\e") or copied text.
_HIDDEN_HARM = {
    hidden.CONTROL: "网页、订阅和数据文件都容不下它，生成网站会失败。"
    "它多半来自双引号里的转义写法（如 \\u0000、\\e、\\x01）或复制来的文字：请删除它。",
    hidden.SEPARATOR: "网页上看不见，却会打乱网页脚本和数据文件。请删除它；要换行就直接换行（多行文字用「{name}: |」的写法）。",
    hidden.BIDI: "它让文字显示的顺序与实际不同，可被用来伪装网址或名称。请删除它。",
    hidden.BOM: "多半是复制文字时带来的。请删除它。",
    hidden.SURROGATE: "它不是完整的字符，生成网站会失败。多半是把表情或生僻字写成了"
    " \\ud83d\\ude00 这样的转义：请直接写出这个字，或删去转义。",
    hidden.NONCHARACTER: "网页容不下它。请删除它。",
}


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
        return f"数字 {_number_text(value, node.source)}"
    if isinstance(value, dt.date):
        return f"日期 {value.isoformat()}"
    return f"文字「{_shortened(str(value))}」"


def _shortened(text: str, size: int = 60) -> str:
    """``text`` for a message, cut short when too long to read there."""
    return text if len(text) <= size else f"{text[:size]}…（共 {len(text)} 个字）"


def _number_text(value: int | float, source: str) -> str:
    """``value`` for a message: as written when it is too long to show
    (Python refuses to turn an integer of over 4,300 digits into text)."""
    if isinstance(value, int) and abs(value) > LARGEST:
        return source if len(source) <= 30 else f"{source[:20]}…（共 {len(source)} 位）"
    return str(value)


def forbidden_chars(name: str, value: str) -> list[str]:
    """What is wrong with each kind of hidden character in ``value``
    (field ``name``), one message per kind; empty for a clean value."""
    if not hidden.HIDDEN.search(value):
        return []
    messages = []
    for kind, harm in _HIDDEN_HARM.items():
        chars = list(dict.fromkeys(re.findall(f"[{kind.chars}]", value)))
        if not chars:
            continue
        codes = "、".join(map(hidden.code_point, chars[:5])) + (f" 等 {len(chars)} 种" if len(chars) > 5 else "")
        before = " ".join(hidden.HIDDEN.sub("", value[: value.index(chars[0])]).split())[-8:]
        where = f"（在「{before}」之后）" if before else "（在开头）"
        messages.append(f"{label(name)} 里有{kind.name} {codes}{where}：" + harm.format(name=name))
    return messages


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
        self.unread: set[str] = set()
        self.lines: dict[str, int] = {"": node.line}

    # -- reporting ---------------------------------------------------------

    def field(self, name: str) -> str:
        name = name or NAMELESS
        return f"{self.where}.{name}" if self.where else name

    @property
    def ok(self) -> bool:
        """Every field was read as written."""
        return not self.unread

    def report(self, name: str, line: int, message: str) -> None:
        self.unread.add(name)
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
            if node.is_scalar and node.value is not None and len(node.source) <= 60:
                written = node.source or str(node.value)
                quoted = json.dumps(written, ensure_ascii=False)
                hint = (
                    f"YAML 把不加引号的「{written}」读成了{kind_of(node).split()[0]}。"
                    f"如果就是要写「{written}」这几个字，请加英文引号：{quoted}，即 `{name}: {quoted}`。"
                )
            self.wrong(name, node, "文字", hint)
            return ""
        if not self.clean(name, node):
            return ""
        value: str = node.value.strip()
        if not value:
            if required:
                self.report(name, node.line, f"{label(name)} 不能为空，请填写。")
            return ""
        return value

    def clean(self, name: str, node: Node) -> bool:
        """Whether the text of ``node`` holds no forbidden character;
        reports each kind it holds."""
        messages = forbidden_chars(name, node.value)
        for message in messages:
            self.report(name, node.line, message)
        return not messages

    def optional_text(self, name: str) -> str | None:
        return self.text(name, required=False) or None

    def integer(self, name: str) -> int:
        node = self.child(name, True)
        if node is None:
            return 0
        if not node.is_scalar or isinstance(node.value, bool) or not isinstance(node.value, int):
            hint = ""
            digits = re.search(r"[0-9]+", arabic(node.value)) if isinstance(node.value, str) else None
            if digits and len(digits[0]) <= 15:
                hint = f"只写半角数字，不加引号和文字：`{name}: {digits[0].lstrip('0') or '0'}`。"
            self.wrong(name, node, "整数，例如 10", hint)
            return 0
        if not self.in_range(name, node):
            return 0
        self.leading_zero(name, node)
        return node.value

    def number(self, name: str, required: bool = True) -> int | float | None:
        node = self.child(name, required)
        if node is None:
            return None
        value = node.value
        if not node.is_scalar or isinstance(value, bool) or not isinstance(value, int | float):
            hint = "不要带单位，单位写在 target.unit 里。"
            plain = arabic(value).replace(",", "") if isinstance(value, str) else ""
            if number := re.match(r"\s*(-?\d+(?:\.\d+)?)", plain):
                hint += f"请写成半角数字，不加引号、千位逗号和单位：`{name}: {number[1]}`。"
            self.wrong(name, node, "数字，例如 44 或 12.5", hint)
            return None
        if not self.in_range(name, node):
            return None
        self.leading_zero(name, node)
        return value

    def in_range(self, name: str, node: Node) -> bool:
        """Whether the number of ``node`` is finite and not absurdly large;
        reports it if not (.inf, .nan and 10^400 are numbers for YAML)."""
        value = node.value
        if isinstance(value, float) and not math.isfinite(value):
            self.report(
                name,
                node.line,
                f"{label(name)} 写成了「{node.source}」：YAML 把它读成了无穷大或非数，请写一个具体的数字。",
            )
            return False
        if abs(value) > LARGEST:
            self.report(
                name,
                node.line,
                f"{label(name)} 的数字「{_number_text(value, node.source)}」太大了（超过一千万亿）："
                "请核对；确实很大的量，请换用更大的单位（如「亿元」）。",
            )
            return False
        return True

    def leading_zero(self, name: str, node: Node) -> None:
        """YAML reads 010 as the octal number 8: say so."""
        if _OCTAL.fullmatch(node.source):
            written = node.source.replace("_", "")
            # As text: int() refuses more than 4,300 digits.
            fixed = ("-" if written.startswith("-") else "") + (written.lstrip("+-").lstrip("0") or "0")
            self.report(
                name,
                node.line,
                f"{label(name)} 写成了「{node.source}」：YAML 把 0 开头的数字当成八进制，读成了 {node.value}。"
                f"请去掉开头的 0：`{name}: {fixed}`。",
            )

    def date(self, name: str) -> dt.date:
        """A calendar date written ``YYYY-MM-DD``."""
        node = self.child(name, True)
        if node is None:
            return dt.date.min
        value = node.value
        if isinstance(value, dt.datetime):
            day = value.date().isoformat()
            self.report(name, node.line, f"{label(name)} 只写日期，不写时间：请写成 {day}：`{name}: {day}`。")
            return dt.date.min
        if isinstance(value, dt.date):
            return value
        self.report(name, node.line, f"{label(name)}：{bad_date(node, name, kind_of(node))}")
        return dt.date.min

    def text_list(self, name: str) -> list[str]:
        """A list of texts; a single text is accepted as a list of one."""
        node = self.child(name, False)
        if node is None:
            return []
        written: list[Node] = [node]
        if node.is_scalar and isinstance(node.value, str):
            items = [node.value.strip()]
        elif not isinstance(node.children, list) or not all(
            c.is_scalar and isinstance(c.value, str) and c.value.strip() for c in node.children
        ):
            self.wrong(name, node, "文字列表，例如 [张三, 李四]")
            return []
        else:
            written = node.children
            items = [c.value.strip() for c in written]
        if not all([self.clean(name, item) for item in written]):  # a list: every item reported
            return []
        # "王红，李四" is one item for YAML: two names for the editor.
        parts = [p for item in items for p in _NAME_SEPARATORS.split(item.strip("[]［］【】")) if p]
        if len(parts) > len(items):
            fixed = f"`{name}: [{', '.join(parts)}]`"
            if node.is_scalar:
                message = f"{label(name)} 写成了一段文字「{node.value}」：几项要写成列表，用方括号括起来、半角逗号加空格分开：{fixed}。"
            else:
                joined = next(i for i in items if _NAME_SEPARATORS.search(i))
                message = f"{label(name)} 的一项「{joined}」里有逗号或顿号：YAML 把它当成一项，每项要单独写，用半角逗号加空格分开：{fixed}。"
            self.report(name, node.line, message)
            return parts
        return items

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
            if not key.strip():
                self.report(
                    key, node.key_line, "这一行的字段没有名字：「: 」前面要写字段名（例如 title: …），或删去这一行。"
                )
                continue
            guess = difflib.get_close_matches(key, self.known, n=1)
            hint = f"是不是「{guess[0]}」？" if guess else ""
            allowed = "、".join(self.known)
            self.report(key, node.key_line, f"未知字段 {label(key)}。{hint}可用的字段：{allowed}。")
