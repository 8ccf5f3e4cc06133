"""What a permanent id may be: the ids of units and pledges, the interview
file names and their former names (aliases), each part of a web address
that must never change.
"""

from __future__ import annotations

import re
from functools import lru_cache

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_RULE = (
    "只能用小写英文字母、数字和连字符，且不以连字符开头或结尾（如 szjggw-2020-tuijinhui），"
    "也不能是 index 或 con、nul 这类 Windows 保留的名称"
)
#: Names that would collide with a list page's URL (/pledges/ is pledges/index),
#: or that Windows cannot have as a file or folder (a site is copied there too).
RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul"} | {f"{name}{n}" for name in ("com", "lpt") for n in range(1, 10)}
)
#: The longest id, alias, unit id or interview file name. Each is a folder or
#: file name in the site (``api/pledges/<id>.json`` adds the most: 5), and file
#: systems refuse names over 255 bytes; ids are ASCII, so a byte is a
#: character. 64 leaves room, and keeps a permanent URL short enough to print.
MAX_ID_LENGTH = 64


@lru_cache(maxsize=65536)  # the preview checks every id again on every save
def valid_id(value: str) -> bool:
    """Usable as a permanent URL segment."""
    return len(value) <= MAX_ID_LENGTH and bool(ID_PATTERN.fullmatch(value)) and value not in RESERVED


def id_rule(value: str) -> str:
    """What an id that is not :func:`valid_id` must be, for its message."""
    if len(value) > MAX_ID_LENGTH:
        return (
            f"有 {len(value)} 个字符，太长了：它是网址和文件名的一部分，最长 {MAX_ID_LENGTH} 个字符"
            "（文件系统不接受太长的文件名），请改短"
        )
    return ID_RULE


def shown_id(value: str) -> str:
    """``value`` for a message, cut short when it is too long to read."""
    return value if len(value) <= MAX_ID_LENGTH else value[:40] + "…"
