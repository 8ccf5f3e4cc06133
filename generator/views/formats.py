"""Chinese formatting of dates and quantities for readers."""

from __future__ import annotations

import datetime as dt
import math


def cn_date(day: dt.date) -> str:
    """2020年7月9日."""
    return f"{day.year}年{day.month}月{day.day}日"


def number(value: int | float) -> str:
    """44, 12.5 — no trailing .0, no thousands separators."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def decimal(value: float, *, grouping: bool = False) -> str:
    """``value`` with at most two decimals and no trailing zeros, never
    "-0" (1234.5 → "1234.5"; with ``grouping``, thousands separated by
    commas: "1,234.5"). Rounded, so the same value always gives the same text."""
    text = f"{value:{',' if grouping else ''}.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def quantity(value: int | float, unit: str) -> str:
    """44 个支部 — a thin gap between the number and its unit."""
    return f"{number(value)} {unit}"


def percent(share: float) -> str:
    """0.682 → 68%; rounded down, so that 99.6% never reads as done."""
    return f"{math.floor(share * 100 + 1e-9)}%"


#: Chinese quotation marks nest by turning double into single (and back).
_NESTED = str.maketrans("“”‘’", "‘’“”")


def quoted(text: str) -> str:
    """``text`` inside “”, its own quotation marks turned into the nested
    kind: 要“早” → “要‘早’”."""
    return f"“{text.translate(_NESTED)}”"


def unquoted(text: str) -> str:
    """What :func:`quoted` put inside its marks, as it was written."""
    return text.translate(_NESTED)


def sentence(text: str) -> str:
    """``text`` ending with a full stop (a URL gets a space, not a stop)."""
    text = text.strip()
    if text.endswith(("。", "！", "？", "）", "…")):
        return text
    return text + (" " if text.endswith("/") else "。")


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days
