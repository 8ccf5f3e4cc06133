"""Why a value an editor wrote is not a date, and how to write it.

Editors copy dates from articles: 2020年7月31日, 二〇二〇年七月, 7月31日,
20200731, 2020年底. Each is read (Chinese numerals and full-width digits
as digits) to say what is missing or how the date is written here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from generator.content.yamltree import Node
from generator.text.numerals import arabic

# Dates written otherwise than YYYY-MM-DD, once full-width digits are
# half-width and Chinese numerals are digits.
_LOOSE_DATE = re.compile(
    r"(\d{4})\s*[年./\-_、]\s*(\d{1,2})\s*[月./\-_、]\s*(\d{1,2})\s*[日号]?\s*(?P<time>[T\s]*\d{1,2}\s*[:时点].*)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_ONLY = re.compile(r"(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?\s*(底|末|份|内|前)?")
_NO_YEAR = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
#: Words for "by the end of the year" that editors copy from the article.
_YEAR_WORDS = re.compile("年底|年内|年末|今年|当年|年前")


def bad_date(node: Node, name: str, kind: str) -> str:
    """Why a node is not a date, and how to write it; ``kind`` is what the
    node holds, in Chinese (:func:`~generator.content.fields.kind_of`)."""
    value = node.value
    written = node.source or str(value)
    text = arabic(written).strip()
    if match := _MONTH_ONLY.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12 or year < dt.MINYEAR:
            return f"「{written}」不是存在的日期，请核对年月日。"
        last = dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()
        return f"「{written}」只写到了月份：日期要写到哪一天；如果指这个月底，请写成 {last}：`{name}: {last}`。"
    if match := _NO_YEAR.fullmatch(text):
        month, day = int(match[1]), int(match[2])
        return f"「{written}」没有写年份：请补上年份，写成 年-{month:02}-{day:02}（如 2020-{month:02}-{day:02}）。"
    match = _LOOSE_DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        message = f"应为日期，实为{kind}：请写成 2020-07-31 这样的格式（年-月-日）。"
        if isinstance(value, str) and _YEAR_WORDS.search(value):
            message += (
                "原文写「年底」「年内」的，时限写当年的 12 月 31 日（如 2020-12-31），原话可写在 deadline_note 里。"
            )
        return message
    try:
        fixed = dt.date(*(int(g) for g in match.groups()[:3])).isoformat()
    except ValueError:
        return f"「{written}」不是存在的日期，请核对年月日。"
    if match.groupdict().get("time"):
        return f"只写日期，不写时间：请写成 {fixed}：`{name}: {fixed}`。"
    return f"「{written}」不是规定的日期格式：请写成 {fixed}（年-月-日，用半角连字符）：`{name}: {fixed}`。"
