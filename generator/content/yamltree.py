"""YAML parsed into a tree that remembers the line of every value.

PyYAML's composer gives nodes with positions; the stock loaders throw them
away. Here scalars are resolved by PyYAML's safe constructor, mappings and
sequences are kept as :class:`Node` so that each field can be reported with
its line. Syntax errors become a :class:`YamlSyntaxError` with a Chinese
explanation and the line in the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.text.hidden import SEPARATOR

#: Upper bound on nodes visited, so that a "billion laughs" of aliases ends
#: in an error instead of exhausting memory.
MAX_NODES = 200_000
#: Upper bound on nesting: an interview needs five levels.
MAX_DEPTH = 32
TOO_DEEP = "嵌套的层次太多（列表套列表或字段套字段）：访谈的前置元数据只需要几层，请检查缩进和括号。"


@dataclass
class Node:
    """A YAML value with its 1-based line.

    Scalars carry their Python ``value``; mappings and sequences carry their
    ``children`` (and ``value`` is ``None``). ``key_line`` is the line of the
    key under which the node stands in its mapping.
    """

    value: Any
    line: int
    key_line: int = 0
    children: dict[str, Node] | list[Node] | None = field(default=None, repr=False)
    #: A scalar as written, without its quotes (``no`` for the value False).
    source: str = field(default="", compare=False, repr=False)

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.children, dict)

    @property
    def is_sequence(self) -> bool:
        return isinstance(self.children, list)

    @property
    def is_scalar(self) -> bool:
        return self.children is None


@dataclass
class YamlSyntaxError(Exception):
    """Text that is not YAML, or a structure we refuse (duplicate keys...)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


# The PyYAML problems editors run into, explained in Chinese.
_EXPLAIN = [
    (
        "found character '\\t'",
        "用了制表符（Tab）：YAML 只能用空格缩进，引号外也不能有 Tab，请把这一行的 Tab 换成空格。",
    ),
    (
        "mapping values are not allowed",
        "这里不能出现「: 」。如果文字本身含有冒号，请给整段文字加上英文双引号；否则检查缩进和上一行。",
    ),
    ("could not find expected ':'", "缺少「: 」（英文冒号加空格），或上一行的引号没有闭合。"),
    ("expected <block end>", "缩进不一致：同一层的字段必须左对齐，请检查这一行和上一行的空格数。"),
    ("while scanning a quoted scalar", "引号没有闭合：请检查这一段文字两端的引号是否成对。"),
    ("found undefined alias", "用了未定义的别名「*」：如果文字以 * 开头，请给整段加引号。"),
    ("found unhashable key", "字段名写法不对：字段名不能是列表或映射。"),
    ("expected a comment or a line break", "这一行的值后面多了内容：如果文字含有引号，请给整段换用另一种引号。"),
    ("while parsing a flow", "方括号或花括号没有闭合，或者其中的逗号写法不对。"),
    ("while scanning", "这一行有 YAML 无法识别的写法：请检查特殊字符（如 @、`、%），必要时给整段加引号。"),
]


def explain(problem: str) -> str:
    """A Chinese explanation of a PyYAML error message."""
    for needle, text in _EXPLAIN:
        if needle in problem:
            return text
    return f"YAML 格式错误（{problem}）：请检查这一行的缩进、冒号和引号。"


#: Errors whose context mark is where the editor's mistake is (a key
#: without its colon is reported on the next line, where PyYAML gave up).
_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a simple key")

#: Added when the line of an error has a full-width colon.
WIDE_COLON_HINT = "这一行有全角冒号「：」：如果它是字段名后面的冒号，请改成半角冒号加空格「: 」。"


#: A line of marks, 0-based.
LineOf = Callable[[yaml.Mark], int]
#: Where YAML ends a line besides "\n": an editor shows none of them as a
#: line break (the files have LF line ends; :mod:`.textfile` reports these).
_OTHER_BREAKS = re.compile(f"[{SEPARATOR.chars}]")
#: Characters YAML refuses to read at all, explained in problems.
UNREADABLE = (
    "这一行含有 YAML 不接受的字符（{code}）：它看不见，或不该出现在文字里，请删除它（可能是从别处复制时带来的）。"
)


def line_counter(text: str) -> LineOf:
    """The 0-based line of a mark in ``text`` as an editor counts lines:
    ended by "\n" alone. YAML also ends lines at "\r", U+0085, U+2028 and
    U+2029, so that after one of these its own line numbers are one off."""
    if _OTHER_BREAKS.search(text) is None:
        return lambda mark: int(mark.line)
    ends = [match.start() for match in re.finditer("\n", text)]
    return lambda mark: bisect.bisect_left(ends, mark.index)


def _unclosed_quote(text: str, index: int, line_of: LineOf) -> int | None:
    """The 0-based line where a quoted text starts, if it runs over several
    lines up to the error at ``index``: its closing quote is most likely
    missing, so that it ran on to the next quote in the file and the error
    shows up only there."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        start = line_of(last.start_mark)
        if line_of(last.end_mark) > start:
            return start
    return None


def _wide_colon_key(line: str) -> bool:
    """Whether the first colon of ``line`` is a full-width one: ``时限：...``
    (a full-width colon after an ASCII colon is text)."""
    match = re.search("[:：]", line.split(" #")[0])
    return match is not None and match[0] == "："


class _TooDeep(yaml.MarkedYAMLError):
    """Nesting deeper than :data:`MAX_DEPTH`, met while reading."""


class _Loader(yaml.SafeLoader):
    """PyYAML's own reader, which gives up past :data:`MAX_DEPTH` levels.

    Its composer recurses (a few thousand ``[`` end in a RecursionError) and
    its scanner looks at every open bracket for each token it reads (a long
    run of ``[`` takes seconds); libyaml stops only at 1,000 levels. Stopping
    early keeps both cheap.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level > MAX_DEPTH:
            raise _TooDeep(problem="too deep", problem_mark=self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.depth > MAX_DEPTH:
            mark: yaml.Mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise _TooDeep(problem="too deep", problem_mark=mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``: by libyaml when PyYAML has it (13× faster),
    and again by PyYAML's own parser when that fails, for its errors, which
    the explanations above are written for."""
    if yaml.__with_libyaml__:
        try:
            return yaml.compose(text, Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, UnicodeEncodeError):
            # (libyaml reads UTF-8: a lone surrogate cannot be passed to it)
            pass
    return yaml.compose(text, Loader=_Loader)


def parse(text: str, first_line: int = 1) -> tuple[Node | None, list[YamlSyntaxError]]:
    """Parse one YAML document; ``first_line`` is the file line of ``text``'s
    first line.

    Returns the tree (``None`` for an empty document) and the problems that
    did not stop parsing (duplicate keys). Raises :class:`YamlSyntaxError`
    when the text cannot be read at all.
    """
    line_of = line_counter(text)
    try:
        root = _compose(text)
    except _TooDeep as error:
        assert error.problem_mark is not None
        raise YamlSyntaxError(line_of(error.problem_mark) + first_line, TOO_DEEP) from None
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, text, first_line, line_of) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + first_line
        char = error.character if isinstance(error.character, int) else ord(error.character)
        raise YamlSyntaxError(line, UNREADABLE.format(code=f"U+{char:04X}")) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(first_line, explain(str(error))) from None
    except RecursionError:
        raise YamlSyntaxError(first_line, TOO_DEEP) from None
    if root is None:
        return None, []
    builder = _Builder(first_line, line_of)
    return builder.build(root), builder.problems


def _syntax_error(error: yaml.MarkedYAMLError, text: str, first_line: int, line_of: LineOf) -> YamlSyntaxError:
    """PyYAML's ``error`` explained, on the line where the mistake most
    likely is."""
    mark = error.problem_mark or error.context_mark
    problem = " ".join(filter(None, [error.context, error.problem]))
    if error.context_mark and str(error.context).startswith(_OPENED_AT):
        # An unclosed quote or bracket: point at where it opens, not at
        # the end of the text or the next line, where PyYAML gave up.
        mark = error.context_mark
    line = line_of(mark) + first_line if mark else first_line
    if mark and (opened := _unclosed_quote(text, mark.index, line_of)) is not None:
        line, problem = opened + first_line, "while scanning a quoted scalar"
    message = explain(problem)
    lines = text.split("\n")
    if 0 <= line - first_line < len(lines) and _wide_colon_key(lines[line - first_line]):
        message += WIDE_COLON_HINT
    return YamlSyntaxError(line, message)


_STR = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, first_line: int, line_of: LineOf) -> None:
        self.offset = first_line
        self.line_of = line_of
        self.visited = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.problems: list[YamlSyntaxError] = []

    def line(self, node: yaml.Node) -> int:
        return self.line_of(node.start_mark) + self.offset

    def build(self, node: yaml.Node, depth: int = 0) -> Node:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise YamlSyntaxError(self.line(node), "内容过于庞大或嵌套了过多的别名（*）引用，请改写为普通内容。")
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(self.line(node), TOO_DEEP)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            items = [self.build(child, depth + 1) for child in node.value]
            return Node(None, self.line(node), children=items)
        if node.tag == _STR:
            # Most values are texts: no need for the constructor's machinery.
            return Node(node.value, self.line(node), source=node.value)
        try:
            value = self.constructor.construct_object(node)
        except ValueError:
            # e.g. 2020-02-30: looks like a date but is none; the field
            # reader explains it from the raw text.
            value = node.value
        except yaml.YAMLError:
            self.problems.append(
                YamlSyntaxError(self.line(node), f"不支持「{node.tag}」这样的标记，请去掉「!」开头的部分。")
            )
            value = node.value
        return Node(value, self.line(node), source=str(node.value))

    def mapping(self, node: yaml.MappingNode, depth: int) -> Node:
        children: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSyntaxError(self.line(key_node), explain("found unhashable key"))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlSyntaxError(self.line(key_node), "不支持「<<」合并写法，请把字段逐一写出。")
            key = str(key_node.value)
            if key in children:
                first = children[key].key_line
                self.problems.append(
                    YamlSyntaxError(
                        self.line(key_node),
                        f"字段「{key}」重复出现（第 {first} 行已有）：请删去其中一个。",
                    )
                )
                continue
            child = self.build(value_node, depth + 1)
            child.key_line = self.line(key_node)
            children[key] = child
        return Node(None, self.line(node), children=children)
