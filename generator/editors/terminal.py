"""What passes between the commands and the editor's terminal: messages
printed with their hidden characters escaped, and arguments refused when
they hold characters that cannot be shown."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from generator.text.hidden import SURROGATE, code_point, first_hidden, kind_of, printable, printable_lines


def say(text: str, file: TextIO | None = None) -> None:
    """Print a message whose editor text (paths, ids, values) is shown with
    its hidden characters escaped: nothing it holds can act on the terminal."""
    print(printable_lines(text), file=file or sys.stdout)


def refused_argument(argv: Sequence[str]) -> str | None:
    """Why a command-line argument cannot be used, in Chinese: bytes that
    are not UTF-8 (Python keeps them as lone surrogates), control
    characters, bidi controls, line separators. ``None`` when all are fine."""
    for index, argument in enumerate(argv):
        option, value = _option_of(argument, argv[index - 1] if index else "")
        char = first_hidden(value)
        if char is None:
            continue
        where = f"{option} 的值「{printable(value)}」" if option else f"参数「{printable(value)}」"
        kind = kind_of(char)
        if kind == SURROGATE:
            return f"{where}不是有效的 UTF-8 文字：请把终端（或文件名）的编码设为 UTF-8 后重试。"
        return f"{option or where} 里有{kind.name} {code_point(char)}，请删去后重试。"
    return None


#: The options that take no value.
_FLAGS = ("-h", "--help", "--force")


def _option_of(argument: str, previous: str) -> tuple[str, str]:
    """The option an argument is the value of (``""`` for none), and the value."""
    if argument.startswith("--") and "=" in argument:
        option, value = argument.split("=", 1)
        return ("" if first_hidden(option) else option), value
    if previous.startswith("-") and "=" not in previous and previous not in _FLAGS and not first_hidden(previous):
        return previous, argument
    return "", argument


def tolerate_any_terminal() -> None:
    """Print what a terminal cannot show as escapes rather than fail: a
    terminal that is not UTF-8 (``LANG=C``, ``PYTHONIOENCODING=ascii``)
    still gets every message."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
