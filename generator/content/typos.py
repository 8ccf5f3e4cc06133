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

The line by line walk is :mod:`.typoreader`, a line and its fixes
:mod:`.typoline`, the messages :mod:`.typomessages`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.typomessages import INDENTATION_MESSAGES
from generator.content.typoreader import TypoReader


@dataclass(frozen=True)
class Finding:
    """One mistake: its file line, the Chinese message, and the whole line
    as it should be written."""

    line: int
    message: str
    fixed: str


#: Line starts the mistakes above could begin with: a key's colon, a list marker.
_SUSPECT_START = re.compile(
    r"\n *(?:(?:[-－—–] *)*[A-Za-z_][A-Za-z0-9_]*[ \t]*(?:：|:[^ \n])|(?:- +)*(?:-[^ \n]|[－—–]))"
)
#: ": " in a text after a key (a second one on the line), or a colon ending it.
_SUSPECT_COLON = re.compile(r"\n *(?:- )*[A-Za-z_][A-Za-z0-9_]*[ \t]*: (?:[^\"'\[{\n][^\n]*)?:(?:[ \n]|$)")
#: A quoted text in a ``[...]`` or ``{...}``, closed on its line: a quote
#: opens one only at the start of an item or a value (after one space at
#: most: after more, it is taken for text, which is the safe side).
_QUOTED = r"(?:(?<=[\[{,:])|(?<=[\[{,:] ))(?:\"[^\"\n]*\"|'[^'\n]*')"
#: A full-width comma after a bracket on its line, outside quotes, or a
#: quote left open there (:func:`find_typos` looks closer). Each line is
#: tried once, from its first bracket: a pattern that may start at every
#: bracket, as ``[\[{][^\n，、]*[，、]`` would, reads a long run of brackets
#: again from each of them (quadratic time). The quoted texts are taken whole
#: and never given back (``*+``), so that a quote can only end the match
#: when it is not closed on the line: a source written
#: ``{title: "……、……", url: …}`` is no suspect.
_SUSPECT_COMMA = re.compile(r"\n[^\n\[{]*[\[{](?:[^\n，、\"']|" + _QUOTED + r")*+[，、\"']")
#: A colon without its space, or a full-width one, in a ``{...}`` on its line, outside quotes.
_SUSPECT_FLOW_COLON = re.compile(r"\n[^\n{]*\{(?:[^\n:：\"']|" + _QUOTED + r"|: )*+(?:：|:[^ ])")
#: A bracket left open on its line: the line's last bracket opens. The
#: lookahead stops at the next bracket, so that each character is read once.
_SUSPECT_OPEN = re.compile(r"[\[{](?=[^\[\]{}\n]*\n)")


def may_be_mistyped(text: str) -> bool:
    """Whether ``text`` may hold one of the typing mistakes :func:`find_typos`
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
    has a full-width comma after a bracket, a colon without its space in
    braces, or a bracket left open."""
    return any(pattern.search(text) is not None for pattern in (_SUSPECT_COMMA, _SUSPECT_FLOW_COLON, _SUSPECT_OPEN))


def find_typos(text: str, first_line: int = 1) -> list[Finding]:
    """The typing mistakes in the YAML ``text`` whose first line is file line
    ``first_line``, in line order."""
    reader = TypoReader()
    findings = []
    for number, raw in enumerate(text.split("\n"), first_line):
        line = reader.read_line(raw)
        if not line.issues:
            continue
        fixed = line.fixed()
        # A comment line has no code: show it whole.
        code = line.fixed_code() or fixed.rstrip()
        for issue in line.issues:
            shown = code if issue.template in INDENTATION_MESSAGES else code.strip()
            message = issue.template.format(n=number, fixed=shown, **issue.values)
            findings.append(Finding(number, message, fixed))
    return findings


def repair(text: str, findings: list[Finding], first_line: int = 1) -> str:
    """``text`` with the lines of ``findings`` replaced by their fixes."""
    lines = text.split("\n")
    for finding in findings:
        lines[finding.line - first_line] = finding.fixed
    return "\n".join(lines)
