"""One line of YAML being checked for typing mistakes (:mod:`.typos`): the
mistakes found on it and the edits that fix them, and the small readers of
a line's characters that the checking is made of.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Issue:
    """A mistake found on a line: its message and the values to fill in."""

    template: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Shape:
    """Where a line of structure starts (``first``: its dash or key) and
    where its key or item starts (``key``); ``opens`` when a nested block
    follows (``key:`` with nothing after it)."""

    first: int
    key: int
    opens: bool


class TypoLine:
    """One line being checked: its issues and the edits that fix them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.edits: list[tuple[int, int, str]] = []
        self.issues: list[Issue] = []
        self._kinds: set[tuple[str, str]] = set()
        #: Where the comment starts (the end of the YAML on the line).
        self.code_end = len(text)

    def edit(self, start: int, end: int, replacement: str) -> None:
        """Fix the line by putting ``replacement`` for ``text[start:end]``."""
        self.edits.append((start, end, replacement))

    def issue(self, template: str, **values: str) -> None:
        """Record a mistake: its message ``template`` and the values to fill in."""
        # One finding per kind of mistake (and character) on a line: each
        # finding shows the whole line, so one per mistake would make
        # ``{a:1, b:2, ...}`` a message as long as the line per item.
        kind = (template, values.get("char", ""))
        if kind not in self._kinds:
            self._kinds.add(kind)
            self.issues.append(Issue(template, values))

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
        """The YAML of the fixed line, without its comment."""
        return self.fixed(self.text[: self.code_end]).rstrip()


def skip(text: str, i: int, chars: str) -> int:
    """The index of the first character from ``i`` on that is not in ``chars``."""
    while i < len(text) and text[i] in chars:
        i += 1
    return i


def spaces(text: str) -> int:
    """How many spaces ``text`` starts with."""
    return len(text) - len(text.lstrip(" "))


def close_quote(text: str, i: int, quote: str) -> int | None:
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


def first_word(text: str, i: int) -> str:
    """The text from ``i`` up to the first space: what YAML took as one word."""
    end = i
    while end < len(text) and text[end] not in " \t":
        end += 1
    return text[i:end]


def quoted(value: str) -> str:
    """``value`` in double quotes, as YAML reads it back."""
    return json.dumps(value, ensure_ascii=False)


def fixed_column(line: TypoLine, column: int) -> int:
    """Where ``column`` of the line is once the line's edits before it are made."""
    if column < 0:
        return column
    shift = sum(len(r) - (e - s) for s, e, r in line.edits if e <= column)
    return column + shift
