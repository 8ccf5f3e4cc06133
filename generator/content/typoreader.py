"""The walk over the lines of a YAML text that finds its typing mistakes
(:mod:`.typos`): it follows the text's structure from line to line (block
texts, quotes and brackets left open, the columns fields start at) to tell
a mistake from text and to line a fixed line up with those above it.
"""

from __future__ import annotations

import re
import unicodedata

from generator.content.typoline import (
    Shape,
    TypoLine,
    close_quote,
    first_word,
    fixed_column,
    quoted,
    skip,
    spaces,
)
from generator.content.typomessages import (
    BLANK_LINE,
    COLON_IN_TEXT,
    FULLWIDTH_COLON,
    FULLWIDTH_COMMA_FIELDS,
    FULLWIDTH_COMMA_LIST,
    HASH_IN_TEXT,
    NO_SPACE_AFTER_COLON,
    NO_SPACE_AFTER_DASH,
    TAB_IN_LINE,
    TAB_INDENT,
    WIDE_DASH,
    WIDE_SPACE_AFTER_COLON,
    WIDE_SPACE_INDENT,
)

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


class TypoReader:
    """Reads a YAML text line by line, in order."""

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
        self.shapes: list[Shape] = []

    # -- one line ------------------------------------------------------------

    def read_line(self, text: str) -> TypoLine:
        """The next line ``text``, with the mistakes found on it."""
        line = TypoLine(text)
        if self.block is not None:
            if not text.strip() or spaces(text) > self.block:
                return line
            self.block = None
        if (self.quote is not None or self.flow) and text.strip() and spaces(text) <= self.opened:
            # A quote or bracket left open runs on into the next field: YAML
            # reports it; the lines after it are checked as usual.
            self.quote = None
            self.flow.clear()
        if self.quote is None and not self.flow:
            self.opened = spaces(text)
            if self.plain_line(text):
                return line
        if self.quote is not None:
            end = close_quote(text, 0, self.quote)
            if end is None:
                return line
            self.quote = None
            self.rest(line, end)
            return line
        if self.flow:
            self.rest(line, skip(text, 0, " "))
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
        self.shape(Shape(indent, indent + dashes, not match["value"]))
        return True

    def structure(self, line: TypoLine) -> None:
        """A line that starts outside any quote or bracket: its indentation,
        list markers, key and colon, then its value."""
        text = line.text
        start = skip(text, 0, " \t" + _WIDE_SPACE)
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
                i = skip(text, i + 1, " ")
            elif char == "-" and after == "\t":
                first = i if first < 0 else first
                end = skip(text, i + 1, " \t")
                line.edit(i + 1, end, " ")
                line.issue(TAB_IN_LINE)
                i = end
            elif char == "-" and (after == "_" or unicodedata.category(after).startswith("L")):
                first = i if first < 0 else first
                line.edit(i + 1, i + 1, " ")
                line.issue(NO_SPACE_AFTER_DASH, written=first_word(text, i))
                i += 1
            elif char in _WIDE_DASHES and _KEY.match(text, skip(text, i + 1, " ")):
                first = i if first < 0 else first
                end = skip(text, i + 1, " ")
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
            value = skip(text, match.end(), " \t" + _WIDE_SPACE)
            opens = value >= len(text) or text[value] == "#"
        if first >= 0 or match:
            self.shape(Shape(fixed_column(line, first if first >= 0 else key), fixed_column(line, i), opens))
        parent = key if match else first if first >= 0 else start
        self.value(line, value, key=match is not None, parent=fixed_column(line, parent))

    def colon(self, line: TypoLine, match: re.Match[str]) -> bool:
        """Check the colon after a field name; ``False`` when the name is in
        fact text (``https://...``)."""
        text = line.text
        colon = match.start(3)
        after = skip(text, colon + 1, " \t" + _WIDE_SPACE)
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
            line.issue(NO_SPACE_AFTER_COLON, written=first_word(text, match.start(1)))
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

    def shape(self, shape: Shape) -> None:
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

    def value(self, line: TypoLine, i: int, *, key: bool, parent: int) -> None:
        """The value from ``i`` on, after a key when ``key``; ``parent`` is the
        column of its key or item, which the lines of a block text are
        indented deeper than."""
        text = line.text
        i = skip(text, i, " ")
        if i >= len(text):
            return
        char = text[i]
        if char == "#" and (i == 0 or text[i - 1] in " \t"):
            line.code_end = i
        elif char in "[{":
            self.rest(line, i)
        elif char in "\"'":
            end = close_quote(text, i + 1, char)
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

    def plain(self, line: TypoLine, start: int, *, key: bool) -> None:
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
            line.edit(start, start + len(value), quoted(value))
            line.issue(COLON_IN_TEXT)
            return
        if key and end < len(text) and text[end + 1 : end + 2] not in ("", " ", "#") and value:
            # "完成 #3 项": what follows "#" is text, not a comment; a comment
            # proper ("# ...") may still follow it.
            comment = re.search(r"[ \t]#( |$)", text[end:])
            line.code_end = end + comment.start() if comment else len(text)
            whole = text[start : line.code_end].rstrip(" \t")
            line.edit(start, start + len(whole), quoted(whole))
            line.issue(HASH_IN_TEXT)
            return
        for index in range(start, end):
            if text[index] == "\t":
                line.edit(index, index + 1, " ")
                line.issue(TAB_IN_LINE)

    def rest(self, line: TypoLine, i: int) -> None:
        """The line from ``i`` on, after a quoted text or inside ``[...]``/``{...}``."""
        text = line.text
        stack = self.flow
        expect_key = bool(stack) and stack[-1] == "{" and i == skip(text, 0, " ")
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
                end = close_quote(text, i + 1, char)
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

    def flow_text(self, line: TypoLine, i: int) -> tuple[int, bool]:
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
                after = skip(text, i + 1, " ")
                line.edit(i, after, ", ")
                line.issue(FULLWIDTH_COMMA_LIST, char=char)
                return after, False
            if inside == "{" and char == "，" and _KEY.match(text, after := skip(text, i + 1, " ")):
                line.edit(i, after, ", ")
                line.issue(FULLWIDTH_COMMA_FIELDS)
                return after, True
            if char == "\t":
                line.edit(i, i + 1, " ")
                line.issue(TAB_IN_LINE)
            i += 1
        return i, False
