"""Typing mistakes in YAML, found on the raw lines before parsing.

Chinese input methods make some mistakes easy: a full-width colon 「：」 or
comma 「，」 where YAML needs ASCII ones, a missing space after ``-`` or
``:``, a Tab or a full-width space 「　」 as indentation. PyYAML either
reports them on the following line with a vague reason, or reads them
silently as something else (``status:fulfilled`` is one text, not a field;
``[王红，李四]`` is a list of one name). Here each is found on its own line,
with the line as it should be written.

Only the structure of the YAML is looked at: the key at the start of a line,
the list marker, the commas and colons of ``[...]`` and ``{...}``. Chinese
punctuation inside text values is never a mistake. Quoted texts that run over
several lines, block texts (``|``, ``>``) and comments are skipped.

:func:`repair` applies every fix, so that the caller can still parse the text
and report the file's other problems in the same run.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

#: A field name followed by a colon, ASCII or full-width.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)([ \t]*)([:：])")
#: What follows an indentation when the line is YAML structure, not text.
_STRUCTURE = re.compile(r"-|[－—–] *[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：]|[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：]")
#: A line that needs no closer look: ``key:`` or ``key: text`` (maybe after
#: list markers), the text plain (no quote, bracket, block sign, tab, ": " or
#: " #" in it) or quoted whole on the line.
_PLAIN_LINE = re.compile(
    r"(?P<indent> *)(?P<dashes>(?:- )*)[A-Za-z_][A-Za-z0-9_]*:"
    r"(?:$| (?P<value>[^ \t\"'\[{|>#\u3000*&!%@`](?:(?!: | #|:$)[^\t])*"
    r'|"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\')$)'
)
#: Dashes typed instead of the ASCII list marker ``-``.
_WIDE_DASHES = "－—–"
#: A block text indicator: ``|``, ``>-``, ``|2`` ..., maybe with a comment.
_BLOCK = re.compile(r"[|>][0-9+\-]*[ \t]*(#.*)?$")
_WIDE_SPACE = "\u3000"
#: Full-width commas typed between the items of a list.
_LIST_COMMAS = "，、"

# The messages, in Chinese. ``{n}`` is the line, ``{fixed}`` the line as it
# should be written.
FULLWIDTH_COLON = "第 {n} 行的冒号是全角的「：」：YAML 只认半角冒号加空格「: 」，请改为 `{fixed}`"
FULLWIDTH_COMMA_LIST = (
    "第 {n} 行方括号里的「{char}」是全角的：列表各项之间要用半角逗号加空格「, 」分开，"
    "否则几项会被当成一项，请改为 `{fixed}`"
)
FULLWIDTH_COMMA_FIELDS = (
    "第 {n} 行花括号里字段之间的逗号是全角的「，」：字段之间要用半角逗号加空格「, 」分开，请改为 `{fixed}`"
)
NO_SPACE_AFTER_COLON = (
    "第 {n} 行的冒号后面缺少空格：YAML 只认半角冒号加空格「: 」，"
    "不加空格时「{written}」会被当成一整段文字，请改为 `{fixed}`"
)
WIDE_SPACE_AFTER_COLON = "第 {n} 行冒号后面的空格是全角的「　」：YAML 只认半角冒号加半角空格「: 」，请改为 `{fixed}`"
NO_SPACE_AFTER_DASH = (
    "第 {n} 行的「-」后面缺少空格：列表的每一项以「- 」（半角连字符加空格）开头，"
    "不加空格时「{written}」会被当成文字，请改为 `{fixed}`"
)
WIDE_DASH = "第 {n} 行开头的「{char}」不是半角连字符：列表的每一项以半角的「- 」开头，请改为 `{fixed}`"
TAB_INDENT = (
    "第 {n} 行用制表符（Tab）缩进：YAML 只能用空格缩进，请把行首的 Tab 换成空格，与同一层的字段左对齐，改为 `{fixed}`"
)
WIDE_SPACE_INDENT = (
    "第 {n} 行行首是全角空格「　」：YAML 只能用半角空格缩进，请换成半角空格，与同一层的字段左对齐，改为 `{fixed}`"
)
BLANK_LINE = "第 {n} 行看起来是空行，其实有制表符（Tab）或全角空格「　」：YAML 不接受，请删去这一行里的空白"
TAB_IN_LINE = "第 {n} 行引号外面有制表符（Tab）：YAML 只接受半角空格，请把 Tab 换成空格，改为 `{fixed}`"
COLON_IN_TEXT = (
    "第 {n} 行的文字里有「: 」（冒号加空格），YAML 会以为这里又开始了一个字段，这里不能出现「: 」："
    "请给整段文字加上英文双引号，改为 `{fixed}`"
)
HASH_IN_TEXT = (
    "第 {n} 行文字里的「 #」会被 YAML 当成注释的开头，后面的文字会丢掉：如果「#」是文字的一部分，"
    "请给整段文字加上英文双引号，改为 `{fixed}`"
)

#: The messages that show the line with its indentation.
_INDENTATION = (TAB_INDENT, WIDE_SPACE_INDENT)


@dataclass(frozen=True)
class Finding:
    """One mistake: its file line, the Chinese message, and the whole line
    as it should be written."""

    line: int
    message: str
    fixed: str


@dataclass
class _Issue:
    template: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Shape:
    """Where a line of structure starts (``first``: its dash or key) and
    where its key or item starts (``key``); ``opens`` when a nested block
    follows (``key:`` with nothing after it)."""

    first: int
    key: int
    opens: bool


class _Line:
    """One line being checked: its issues and the edits that fix them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.issues: list[_Issue] = []
        self._kinds: set[tuple[str, str]] = set()
        #: Where the comment starts (the end of the YAML on the line).
        self.code_end = len(text)

    def edit(self, start: int, end: int, replacement: str) -> None:
        self.edits.append((start, end, replacement))

    def issue(self, template: str, **values: str) -> None:
        # One finding per kind of mistake (and character) on a line: each
        # finding shows the whole line, so one per mistake would make
        # ``{a:1, b:2, ...}`` a message as long as the line per item.
        kind = (template, values.get("char", ""))
        if kind not in self._kinds:
            self._kinds.add(kind)
            self.issues.append(_Issue(template, values))

    def fixed(self, text: str | None = None) -> str:
        """The line (or its start ``text``) with the edits made, in one pass."""
        out = self.text if text is None else text
        pieces: list[str] = []
        done = 0
        for start, end, replacement in sorted(self.edits):
            if start > len(out):
                break
            pieces += (out[done : max(start, done)], replacement)
            done = max(done, min(end, len(out)))
        pieces.append(out[done:])
        return "".join(pieces)

    def fixed_code(self) -> str:
        return self.fixed(self.text[: self.code_end]).rstrip()


class _Linter:
    def __init__(self) -> None:
        #: Inside a block text: lines indented deeper than this belong to it.
        self.block: int | None = None
        #: Inside a quoted text that runs over lines: its quote character.
        self.quote: str | None = None
        #: Inside ``[...]`` or ``{...}`` that runs over lines.
        self.flow: list[str] = []
        #: The indentation of the line where the open quote or bracket is.
        self.opened = 0
        #: The lines of structure so far (after their fixes) that a later
        #: line may line up with: each starts left of all the later ones
        #: (a line hides those above it that start at or right of it).
        self.shapes: list[_Shape] = []

    # -- one line ------------------------------------------------------------

    def check(self, text: str) -> _Line:
        line = _Line(text)
        if self.block is not None:
            if not text.strip() or _spaces(text) > self.block:
                return line
            self.block = None
        if (self.quote is not None or self.flow) and text.strip() and _spaces(text) <= self.opened:
            # A quote or bracket left open runs on into the next field: YAML
            # reports it; the lines after it are checked as usual.
            self.quote = None
            self.flow.clear()
        if self.quote is None and not self.flow:
            self.opened = _spaces(text)
            if self.plain_line(text):
                return line
        if self.quote is not None:
            end = _close_quote(text, 0, self.quote)
            if end is None:
                return line
            self.quote = None
            self.rest(line, end)
            return line
        if self.flow:
            self.rest(line, _skip(text, 0, " "))
            return line
        self.structure(line)
        return line

    def plain_line(self, text: str) -> bool:
        """Most lines are blank, a comment or ``key: plain text``: recognise
        them at once (one regular expression instead of a character-by-
        character walk) and record their shape; ``False`` for any other."""
        if not text.strip(" ") or text.lstrip(" ").startswith("#"):
            return True
        match = _PLAIN_LINE.match(text)
        if match is None:
            return False
        indent, dashes = len(match["indent"]), len(match["dashes"])
        self.shape(_Shape(indent, indent + dashes, not match["value"]))
        return True

    def structure(self, line: _Line) -> None:
        text = line.text
        start = _skip(text, 0, " \t" + _WIDE_SPACE)
        indent = text[:start]
        if start == len(text):
            if "\t" in indent or _WIDE_SPACE in indent:
                line.issue(BLANK_LINE)
                line.edit(0, start, "")
            return
        structural = bool(_STRUCTURE.match(text, start))
        if "\t" in indent or (_WIDE_SPACE in indent and (structural or text[start] == "#")):
            width = self.indentation(indent, text, start)
            line.edit(0, start, " " * width)
            line.issue(TAB_INDENT if "\t" in indent else WIDE_SPACE_INDENT)
        if text[start] == "#":
            line.code_end = start
            return
        i, first, key = start, -1, -1
        # The list markers: "- ", maybe several ("- - x").
        while i < len(text):
            char, after = text[i], text[i + 1 : i + 2]
            if char == "-" and after in ("", " "):
                first = i if first < 0 else first
                i = _skip(text, i + 1, " ")
            elif char == "-" and after == "\t":
                first = i if first < 0 else first
                end = _skip(text, i + 1, " \t")
                line.edit(i + 1, end, " ")
                line.issue(TAB_IN_LINE)
                i = end
            elif char == "-" and (after == "_" or unicodedata.category(after).startswith("L")):
                first = i if first < 0 else first
                line.edit(i + 1, i + 1, " ")
                line.issue(NO_SPACE_AFTER_DASH, written=_first_word(text, i))
                i += 1
            elif char in _WIDE_DASHES and _KEY.match(text, _skip(text, i + 1, " ")):
                first = i if first < 0 else first
                end = _skip(text, i + 1, " ")
                line.edit(i, end, "- ")
                line.issue(WIDE_DASH, char=char)
                i = end
            else:
                break
        match = _KEY.match(text, i)
        value = i
        opens = False
        if match and not self.colon(line, match):
            match = None
        if match:
            key = i
            value = _skip(text, match.end(), " \t" + _WIDE_SPACE)
            opens = value >= len(text) or text[value] == "#"
        if first >= 0 or match:
            self.shape(_Shape(_fixed_column(line, first if first >= 0 else key), _fixed_column(line, i), opens))
        parent = key if match else first if first >= 0 else start
        self.value(line, value, key=match is not None, parent=_fixed_column(line, parent))

    def colon(self, line: _Line, match: re.Match[str]) -> bool:
        """Check the colon after a field name; ``False`` when the name is in
        fact text (``https://...``)."""
        text = line.text
        colon = match.start(3)
        after = _skip(text, colon + 1, " \t" + _WIDE_SPACE)
        if match.group(3) == "：":
            line.edit(match.end(1), after, ": " if after < len(text) else ":")
            line.issue(FULLWIDTH_COLON)
            return True
        nxt = text[colon + 1 : colon + 2]
        if nxt in ("", " "):
            if "\t" in text[colon + 1 : after]:
                line.edit(colon + 1, after, " ")
                line.issue(TAB_IN_LINE)
            return True
        if nxt == "\t":
            line.edit(colon + 1, after, " ")
            line.issue(TAB_IN_LINE)
        elif nxt == _WIDE_SPACE:
            line.edit(colon + 1, after, " ")
            line.issue(WIDE_SPACE_AFTER_COLON)
        elif nxt in "/:":
            return False
        else:
            line.edit(colon + 1, colon + 1, " ")
            line.issue(NO_SPACE_AFTER_COLON, written=_first_word(text, match.start(1)))
        return True

    def indentation(self, indent: str, text: str, start: int) -> int:
        """How many spaces the Tabs or full-width spaces of ``indent`` stand
        for: the width that lines the line up with a field above it."""
        widths = [len(indent.replace("\t", " " * w).replace(_WIDE_SPACE, " " * w)) for w in (2, 4, 8)]
        columns = self.columns(dash=text[start] in "-" + _WIDE_DASHES, widest=max(widths))
        for column in widths:
            if column in columns:
                return column
        return len(indent.replace("\t", "  ").replace(_WIDE_SPACE, "  "))

    def shape(self, shape: _Shape) -> None:
        """Record a line of structure. Dropping the lines it hides keeps
        :meth:`columns` from reading the whole file again on each line."""
        shapes = self.shapes
        while shapes and shapes[-1].first >= shape.first:
            shapes.pop()
        shapes.append(shape)

    def columns(self, dash: bool, widest: int) -> set[int]:
        """The columns up to ``widest`` where the next line of structure may
        start: those of the fields it may stand beside or under (looking no
        further right than ``widest`` keeps the time to the line's length)."""
        found = {0}
        if self.shapes and self.shapes[-1].opens:
            found.add(self.shapes[-1].key + 2)
            if dash:
                found.add(self.shapes[-1].key)
        for shape in self.shapes:
            if shape.first > widest:
                break
            found.add(shape.key)
            if dash:
                found.add(shape.first)
        return found

    # -- values --------------------------------------------------------------

    def value(self, line: _Line, i: int, *, key: bool, parent: int) -> None:
        text = line.text
        i = _skip(text, i, " ")
        if i >= len(text):
            return
        char = text[i]
        if char == "#" and (i == 0 or text[i - 1] in " \t"):
            line.code_end = i
        elif char in "[{":
            self.rest(line, i)
        elif char in "\"'":
            end = _close_quote(text, i + 1, char)
            if end is None:
                self.quote = char
                line.code_end = len(text)
            else:
                self.rest(line, end)
        elif char in "|>" and _BLOCK.match(text, i):
            self.block = parent
            comment = text.find("#", i)
            line.code_end = comment if comment >= 0 else len(text)
        else:
            self.plain(line, i, key=key)

    def plain(self, line: _Line, start: int, *, key: bool) -> None:
        """A text without quotes, from ``start`` to the comment."""
        text = line.text
        end = len(text)
        i = start
        while i < len(text):
            if text[i] == "#" and i > 0 and text[i - 1] in " \t":
                end = i
                break
            i += 1
        line.code_end = end
        value = text[start:end].rstrip(" \t")
        colon = re.search(r":( |\t|$)", value)
        if key and colon:
            line.edit(start, start + len(value), _quoted(value))
            line.issue(COLON_IN_TEXT)
            return
        if key and end < len(text) and text[end + 1 : end + 2] not in ("", " ", "#") and value:
            # "完成 #3 项": what follows "#" is text, not a comment; a comment
            # proper ("# ...") may still follow it.
            comment = re.search(r"[ \t]#( |$)", text[end:])
            line.code_end = end + comment.start() if comment else len(text)
            whole = text[start : line.code_end].rstrip(" \t")
            line.edit(start, start + len(whole), _quoted(whole))
            line.issue(HASH_IN_TEXT)
            return
        for index in range(start, end):
            if text[index] == "\t":
                line.edit(index, index + 1, " ")
                line.issue(TAB_IN_LINE)

    def rest(self, line: _Line, i: int) -> None:
        """The line from ``i`` on, after a quoted text or inside ``[...]``/``{...}``."""
        text = line.text
        stack = self.flow
        expect_key = bool(stack) and stack[-1] == "{" and i == _skip(text, 0, " ")
        while i < len(text):
            char = text[i]
            if char == " ":
                i += 1
            elif char == "\t":
                line.edit(i, i + 1, " ")
                line.issue(TAB_IN_LINE)
                i += 1
            elif char == "#" and (i == 0 or text[i - 1] in " \t"):
                line.code_end = i
                return
            elif char in "\"'":
                end = _close_quote(text, i + 1, char)
                if end is None:
                    self.quote = char
                    return
                i = end
            elif char in "[{":
                stack.append(char)
                expect_key = char == "{"
                i += 1
            elif not stack:
                # Something after a quoted text or a closed bracket: YAML explains it.
                return
            elif char in "]}":
                stack.pop()
                expect_key = False
                i += 1
            elif char == ",":
                expect_key = stack[-1] == "{"
                i += 1
            else:
                match = _KEY.match(text, i) if expect_key else None
                expect_key = False
                if match and self.colon(line, match):
                    i = match.end()
                else:
                    i, expect_key = self.flow_text(line, i)

    def flow_text(self, line: _Line, i: int) -> tuple[int, bool]:
        """A text without quotes inside ``[...]`` or ``{...}``: up to the next
        comma, bracket or ``: ``. Returns where it ends and whether a field
        name follows (after a full-width comma between fields)."""
        text = line.text
        inside = self.flow[-1]
        while i < len(text):
            char = text[i]
            if char in ",[]{}" or (char == "#" and i > 0 and text[i - 1] in " \t"):
                return i, False
            if char == ":" and text[i + 1 : i + 2] in ("", " ", ",", "]", "}"):
                return i + 1, False
            if inside == "[" and char in _LIST_COMMAS:
                after = _skip(text, i + 1, " ")
                line.edit(i, after, ", ")
                line.issue(FULLWIDTH_COMMA_LIST, char=char)
                return after, False
            if inside == "{" and char == "，" and _KEY.match(text, after := _skip(text, i + 1, " ")):
                line.edit(i, after, ", ")
                line.issue(FULLWIDTH_COMMA_FIELDS)
                return after, True
            if char == "\t":
                line.edit(i, i + 1, " ")
                line.issue(TAB_IN_LINE)
            i += 1
        return i, False


def _skip(text: str, i: int, chars: str) -> int:
    while i < len(text) and text[i] in chars:
        i += 1
    return i


def _spaces(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _close_quote(text: str, i: int, quote: str) -> int | None:
    """The index after the quote that closes a text opened before ``i``."""
    while i < len(text):
        char = text[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _first_word(text: str, i: int) -> str:
    """The text from ``i`` up to the first space: what YAML took as one word."""
    end = i
    while end < len(text) and text[end] not in " \t":
        end += 1
    return text[i:end]


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _fixed_column(line: _Line, column: int) -> int:
    """Where ``column`` of the line is once the line's edits before it are made."""
    if column < 0:
        return column
    shift = sum(len(r) - (e - s) for s, e, r in line.edits if e <= column)
    return column + shift


#: Line starts the mistakes above could begin with: a key's colon, a list marker.
_SUSPECT_START = re.compile(r"\n *(?:(?:[-－—–] *)*[A-Za-z_][A-Za-z0-9_]*[ \t]*(?:：|:[^ \n])|-[^ \n]|[－—–])")
#: ": " in a text after a key (a second one on the line).
_SUSPECT_COLON = re.compile(r"\n *(?:- )*[A-Za-z_][A-Za-z0-9_]*: [^\"'\[{\n][^\n]*: ")
#: A full-width comma after a bracket on its line. Each line is tried once,
#: from its first bracket: a pattern that may start at every bracket, as
#: ``[\[{][^\n，、]*[，、]`` would, reads a long run of brackets again from
#: each of them (quadratic time). Commas in quotes are let through: lint
#: looks closer.
_SUSPECT_COMMA = re.compile(r"\n[^\n\[{]*[\[{][^\n，、]*[，、]")
#: A bracket left open on its line: the line's last bracket opens. The
#: lookahead stops at the next bracket, so that each character is read once.
_SUSPECT_OPEN = re.compile(r"[\[{](?=[^\[\]{}\n]*\n)")


def may_be_mistyped(text: str) -> bool:
    """Whether ``text`` may hold one of the typing mistakes :func:`lint`
    finds (``False`` means it surely holds none). Most texts hold none, and
    looking closer is a hundred times slower than these searches."""
    return (
        "\t" in text
        or "\u3000" in text
        or (" #" in text and re.search(r" #[^ \n]", text) is not None)
        or (("[" in text or "{" in text) and _suspect_flow("\n" + text + "\n"))
        # Anchored on "\n" rather than "^": a literal first character lets
        # the regular expression engine skip ahead (four times faster).
        or _SUSPECT_START.search("\n" + text) is not None
        or _SUSPECT_COLON.search("\n" + text) is not None
    )


def _suspect_flow(text: str) -> bool:
    """Whether a line of ``text`` (which starts and ends with a line break)
    has a full-width comma after a bracket, or a bracket left open."""
    return _SUSPECT_COMMA.search(text) is not None or _SUSPECT_OPEN.search(text) is not None


def lint(text: str, first_line: int = 1) -> list[Finding]:
    """The typing mistakes in the YAML ``text`` whose first line is file line
    ``first_line``, in line order."""
    linter = _Linter()
    findings = []
    for number, raw in enumerate(text.split("\n"), first_line):
        line = linter.check(raw)
        if not line.issues:
            continue
        fixed = line.fixed()
        # A comment line has no code: show it whole.
        code = line.fixed_code() or fixed.rstrip()
        for issue in line.issues:
            shown = code if issue.template in _INDENTATION else code.strip()
            message = issue.template.format(n=number, fixed=shown, **issue.values)
            findings.append(Finding(number, message, fixed))
    return findings


def repair(text: str, findings: list[Finding], first_line: int = 1) -> str:
    """``text`` with the lines of ``findings`` replaced by their fixes."""
    lines = text.split("\n")
    for finding in findings:
        lines[finding.line - first_line] = finding.fixed
    return "\n".join(lines)
