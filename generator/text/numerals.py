"""Reading numbers written in Chinese numerals (and full-width digits).

Articles and editors write numbers as 二〇二〇, 十二, 两百 or ２０２０. The
checker turns a date or number an editor typed that way into digits to
suggest the right spelling (:func:`arabic`); the pledge finder reads the
years, months and targets of an article (:func:`digit_by_digit`,
:func:`chinese_number`, :func:`number`).
"""

from __future__ import annotations

import re
import unicodedata

#: The value of each Chinese digit; 两 is 二 before a measure word.
DIGITS = dict(zip("〇零一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_NONZERO = {k: v for k, v in DIGITS.items() if v}
_SCALES = {"十": 10, "百": 100, "千": 1000}
#: A run of numerals as dates are written: 二〇二〇, 七, 三十一.
_DATE_NUMERALS = re.compile(r"[〇零一二三四五六七八九十]+")


def digit_by_digit(text: str) -> str:
    """Chinese digits read one by one, as years are written: 二〇二一 → 2021."""
    return "".join(str(DIGITS[c]) for c in text)


def chinese_number(text: str) -> int | None:
    """二, 十二, 三十, 四十五, 两百, 三千 and the like; ``None`` otherwise."""
    total, digit = 0, None
    for char in text:
        if char in _NONZERO:
            if digit is not None:
                return None
            digit = _NONZERO[char]
        elif char in _SCALES:
            total += (1 if digit is None else digit) * _SCALES[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def number(text: str) -> int | float | None:
    """An Arabic or small Chinese number, perhaps in 万 or 亿; ``None`` for
    一 alone (「一项一项」 counts nothing) and for what cannot be read."""
    scale = {"万": 10_000, "亿": 100_000_000}.get(text[-1], 1)
    digits = text.rstrip("万亿")
    if not digits:
        return None
    if digits[0].isdigit():
        value: int | float | None = float(digits) if "." in digits else int(digits)
    else:
        value = chinese_number(digits)
        if value == 1 and scale == 1:
            return None
    if value is None:
        return None
    value *= scale
    return int(value) if value == int(value) else value


def arabic(text: str) -> str:
    """``text`` with full-width digits half-width and Chinese numerals as
    digits: 二〇二〇年七月一日 → 2020年7月1日."""
    return _DATE_NUMERALS.sub(_date_number, unicodedata.normalize("NFKC", text))


def _date_number(match: re.Match[str]) -> str:
    """A run of numerals as digits: a year digit by digit, a month or day
    up to 九十九 by its tens; anything else as it was."""
    numerals = match[0]
    if "十" not in numerals:
        return digit_by_digit(numerals)
    tens, _, ones = numerals.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return numerals
    return str(DIGITS.get(tens, 1) * 10 + DIGITS.get(ones, 0))
