"""Writing YAML values an editor will read: the ``import`` and ``update``
commands write texts and numbers into front matter by hand, to keep the
file's layout and comments, so each value is written here as YAML reads it
back, and as plainly as it can be.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from generator.text import hidden

#: PyYAML's C parser when it has one: the same marks, thirteen times faster.
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: What a plain scalar never holds: hidden characters and tabs are escaped.
_UNQUOTED = re.compile(f"\t|{hidden.HIDDEN.pattern}")
#: What ends or opens something inside ``[...]`` and ``{...}`` (PyYAML
#: without libyaml also ends a plain scalar there at ``?``).
_FLOW_MARKS = frozenset(",[]{}:#?")


def scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as exactly ``value``, after
    ``key: `` or, with ``flow``, as an item of ``[...]`` or ``{...}``: plain
    when YAML reads it back unchanged, else double-quoted, with every
    character YAML could misread written as an escape."""
    return value if _plain(value, flow=flow) else _double_quoted(value)


def _plain(value: str, *, flow: bool) -> bool:
    """Whether ``value`` reads back as itself unquoted (in a flow collection
    with ``flow``): no mark, space, hidden character or newline misleads."""
    if not value or value.strip() != value or "\n" in value or " #" in value or _UNQUOTED.search(value):
        return False
    if flow and _FLOW_MARKS.intersection(value):
        return False
    written, expected = (f"k: [{value}]", {"k": [value]}) if flow else (f"k: {value}", {"k": value})
    try:
        return bool(yaml.load(written, Loader=LOADER) == expected)
    except yaml.YAMLError:
        return False


def _double_quoted(value: str) -> str:
    """``value`` in double quotes, every character that is not printable (or
    is hidden) written as an escape."""
    parts = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            parts.append("\\" + char)
        elif (" " <= char <= "~" or code >= 0xA0) and not hidden.HIDDEN.match(char):
            parts.append(char)
        elif code < 0x100:
            parts.append(f"\\x{code:02x}")
        else:
            parts.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    parts.append('"')
    return "".join(parts)


def number(value: int | float) -> str:
    """A number as YAML reads it back (YAML 1.1 needs a dot in ``1.0e-05``)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(value)
    text = repr(value).lower()
    return text.replace("e", ".0e", 1) if "e" in text and "." not in text else text
