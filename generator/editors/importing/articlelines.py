"""The lines of an article as the newspaper's system gives it: cleaned of
the layout's spaces, and what a line opens with (a speaker's name) or ends
with (a sentence's final mark).
"""

from __future__ import annotations

import re
from collections import Counter

#: What a finished sentence (or a paragraph that introduces a list) ends with,
#: once closing quotes and brackets are set aside.
_FINAL = "。？！?!…；;：:"
_CLOSING = '”’"」』）)】》'
SENTENCE_MARKS = frozenset("，。；：？！,;:?!…")
_SPEAKER = re.compile(
    r"^(?:\*\*(?P<bold>[^*:：\s]{1,16})(?:\*\*[:：]|[:：]\*\*)"
    r"|(?P<plain>[^\s*:：,，。、；;？?！!“”\"（()）《》]{1,16})[:：])"
)
#: How long a heading (or an outlet's name) may be.
HEADING_LONGEST = 20


def clean_lines(text: str) -> list[str]:
    """The non-blank lines, each stripped and with its inner runs of spaces
    (full-width ones too) made one space; any line ending and a BOM accepted."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def speaker_name(line: str) -> str:
    """The name in a leading 「name:」, 「**name:**」 or 「**name**:」, if any."""
    match = _SPEAKER.match(line)
    return (match.group("bold") or match.group("plain")) if match else ""


def speaker_names(lines: list[str]) -> list[str]:
    """Every name that opens a line, most used first (then first used)."""
    counts = Counter(name for line in lines if (name := speaker_name(line)))
    return [name for name, _ in counts.most_common()]


def ends_sentence(text: str) -> bool:
    """Ends with a sentence's final mark, before any closing quote or bracket."""
    core = text.rstrip(_CLOSING)
    return bool(core) and core[-1] in _FINAL
