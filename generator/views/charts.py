"""The 数据看板's charts, drawn at build time as inline SVG: no chart library,
no script in the browser.

Every chart is ``WIDTH`` units wide and scales to its column
(``width="100%"``); text is ``FONT`` units, so that it stays at least about
12 px on a 360 px phone. Every chart is an image (``role="img"``) named by its
``<title>`` and ``<desc>``; the page shows the numbers as a table beside it.
Every text is escaped before the SVG is marked safe; numbers are formatted
with at most two decimals, so the same data always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from generator.content.model import Status
from generator.text.linebreak import wrap
from generator.text.width import text_width
from generator.views import palette
from generator.views.catalog import Catalog
from generator.views.formats import cn_date, decimal
from generator.views.stats import (
    PACE_RULE,
    TOLERANCE_POINTS,
    Grade,
    MonthRow,
    PaceRow,
    UnitRow,
    by_unit,
    grade_counts,
    over_time,
    pace,
    summary,
)

#: The width of every chart in SVG units.
WIDTH = 360
#: The size of every text in SVG units (12.75 px in a 328 px column).
FONT = 14
LINE_HEIGHT = 20

GRADE_COLOURS: dict[Grade, str] = {
    Grade.AHEAD: palette.STATUS_COLOURS[Status.FULFILLED],
    Grade.ON_PACE: palette.STATUS_COLOURS[Status.IN_PROGRESS],
    Grade.BEHIND: palette.STATUS_COLOURS[Status.DELAYED],
}

_IDENT = re.compile(r"[a-z][a-z0-9-]*")


# -- helpers -----------------------------------------------------------------------


def esc(text: str) -> str:
    """Text made safe for an SVG element or a quoted attribute."""
    return escape(text, quote=True)


def measure(text: str, size: float = FONT) -> float:
    """An estimate of the width of ``text`` in a chart, where 「…」 and 「·」
    are as wide as a Chinese character."""
    return text_width(text, size, ambiguous_wide=True)


def fit(text: str, width: float, size: float = FONT) -> str:
    """``text`` on one line no wider than ``width``, cut with "…" if need be."""
    lines = wrap(text, width, lambda t: measure(t, size), max_lines=1)
    return lines[0] if lines else ""


def text(x: float, y: float, content: str, *, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    where = f'x="{decimal(x)}" y="{decimal(y)}"'
    align = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f"<text {where}{align}{extra}>{esc(content)}</text>"


def rect(x: float, y: float, width: float, height: float, fill: str, tip: str = "", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    shape = (
        f'x="{decimal(x)}" y="{decimal(y)}" width="{decimal(width)}" height="{decimal(height)}" fill="{fill}"{extra}'
    )
    if tip:
        return f"<rect {shape}><title>{esc(tip)}</title></rect>"
    return f"<rect {shape}/>"


def svg(ident: str, title: str, desc: str, height: float, body: list[str]) -> Markup:
    """The chart: an image named by its title and description."""
    if not _IDENT.fullmatch(ident):
        raise ValueError(f"not a chart id: {ident!r}")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="jn-chart__svg" id="{ident}"'
        f' viewBox="0 0 {WIDTH} {decimal(height)}" width="100%" role="img"'
        f' aria-labelledby="{ident}-title {ident}-desc" font-size="{FONT}" fill="{palette.INK}">'
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>'
    )
    # Every text in ``body`` was escaped by text(), rect() and esc().
    return Markup(head + "".join(body) + "</svg>")


@dataclass(frozen=True)
class Key:
    """A legend entry: a swatch (or a marker line) and its label."""

    label: str
    colour: str
    marker: bool = False


def legend(keys: list[Key], y: float) -> tuple[list[str], float]:
    """The keys flowing in rows from ``y``; the elements and the height used."""
    body: list[str] = []
    x, row = 0.0, 0
    for key in keys:
        width = 18 + measure(key.label) + 14
        if x > 0 and x + width - 14 > WIDTH:
            x, row = 0.0, row + 1
        top = y + row * LINE_HEIGHT
        if key.marker:
            body.append(rect(x + 5, top + 2, 3, 14, key.colour))
        else:
            body.append(rect(x, top + 3, 12, 12, key.colour))
        body.append(text(x + 18, top + 14, key.label))
        x += width
    return body, (row + 1) * LINE_HEIGHT if keys else 0


def status_keys(statuses: list[Status]) -> list[Key]:
    return [Key(s.label, palette.STATUS_COLOURS[s]) for s in statuses]


def present(counts: list[dict[Status, int]]) -> list[Status]:
    """The statuses that occur at least once, in the model's order."""
    return [s for s in Status if any(c[s] for c in counts)]


def breakdown(counts: dict[Status, int]) -> str:
    """未启动 1 项、推进中 2 项 — the non-zero counts, in order."""
    return "、".join(f"{s.label} {c} 项" for s, c in counts.items() if c)


# -- 1. status by unit ----------------------------------------------------------------


def units_chart(rows: list[UnitRow], ident: str = "chart-units") -> Markup:
    """A horizontal stacked bar per unit, its length the unit's pledges, a
    segment per status; the unit's name and totals above it."""
    statuses = present([r.counts for r in rows])
    body, y = legend(status_keys(statuses), 0)
    y += 10
    longest = max((r.total for r in rows), default=0)
    scale = WIDTH / longest if longest else 0
    for row in rows:
        totals = f"{row.total} 项" + (f"，逾期 {row.overdue} 项" if row.overdue else "")
        room = WIDTH - measure(totals) - 10
        body.append(text(0, y + 15, fit(row.unit.short_name, room), font_weight="700"))
        body.append(text(WIDTH, y + 15, totals, anchor="end", fill=palette.MUTED))
        top, x = y + 22, 0.0
        for status in statuses:
            count = row.counts[status]
            if not count:
                continue
            width = count * scale
            tip = f"{row.unit.short_name}：{status.label} {count} 项"
            body.append(rect(x, top, width, 24, palette.STATUS_COLOURS[status], tip, stroke=palette.WHITE))
            if width >= measure(str(count)) + 8:
                body.append(
                    text(x + width / 2, top + 17, str(count), anchor="middle", fill=palette.WHITE, font_weight="700")
                )
            x += width
        y = top + 24 + 16
    title = "各单位承诺状态"
    desc = "横向堆积条形图，每个单位一条，条长为承诺数，按状态分段。" + "；".join(
        f"{r.unit.short_name}共 {r.total} 项：{breakdown(r.counts)}" + (f"，已逾期 {r.overdue} 项" if r.overdue else "")
        for r in rows
    )
    return svg(ident, title, desc + "。", y, body)


# -- 2. status over time ----------------------------------------------------------------


def nice_step(largest: int, ticks: int = 4) -> int:
    """A round step (1, 2, 5, 10, 20, 50…) giving at most ``ticks`` intervals."""
    if largest <= ticks:
        return 1
    magnitude: int = 10 ** math.floor(math.log10(largest / ticks))
    return next(f * magnitude for f in (1, 2, 5, 10) if f * magnitude * ticks >= largest)


def month_label(day: dt.date) -> str:
    return f"{day.month}月"


def time_chart(rows: list[MonthRow], ident: str = "chart-time") -> Markup:
    """A stacked column per month: the pledges made by the month's end (the
    as-of date for the last month), by the status they had that day."""
    statuses = present([r.counts for r in rows])
    body, y = legend(status_keys(statuses), 0)
    largest = max((r.total for r in rows), default=0)
    step = nice_step(largest)
    top_value = max(step, math.ceil(largest / step) * step)
    axis, plot_top, plot_height = 30.0, y + 26, 180.0
    bottom = plot_top + plot_height
    scale = plot_height / top_value
    for tick in range(0, top_value + 1, step):
        ty = bottom - tick * scale
        colour = palette.MUTED if tick == 0 else palette.LINE
        body.append(rect(axis, ty - 0.5, WIDTH - axis, 1, colour))
        body.append(text(axis - 6, ty + 5, str(tick), anchor="end", fill=palette.MUTED))
    slot = (WIDTH - axis) / max(len(rows), 1)
    bar = min(slot * 0.72, 40)
    label_every = max(1, math.ceil((measure("12月") + 6) / slot))
    year = 0
    for i, row in enumerate(rows):
        x = axis + i * slot + (slot - bar) / 2
        base = bottom
        for status in statuses:
            count = row.counts[status]
            if not count:
                continue
            height = count * scale
            tip = f"{cn_date(row.day)}：{status.label} {count} 项"
            body.append(rect(x, base - height, bar, height, palette.STATUS_COLOURS[status], tip, stroke=palette.WHITE))
            base -= height
        centre = x + bar / 2
        if row.total and slot >= measure(str(row.total)) + 2:
            body.append(text(centre, base - 5, str(row.total), anchor="middle", font_weight="700"))
        if i % label_every == 0:
            body.append(text(centre, bottom + 18, month_label(row.day), anchor="middle"))
            if row.day.year != year:
                year = row.day.year
                body.append(text(centre, bottom + 36, str(row.day.year), anchor="middle", fill=palette.MUTED))
    first, last = (rows[0].day, rows[-1].day) if rows else (None, None)
    title = "承诺状态逐月变化"
    desc = "堆积柱形图，每月一柱，为当月底已作出的承诺按当日状态计数"
    if first and last:
        desc += f"，自{cn_date(first)}至{cn_date(last)}（最后一柱为数据截至日）"
        desc += f"。截至{cn_date(last)}共 {rows[-1].total} 项：{breakdown(rows[-1].counts)}"
    return svg(ident, title, desc + "。", bottom + 44, body)


# -- 3. 序时进度 ------------------------------------------------------------------------------


def pace_chart(rows: list[PaceRow], ident: str = "chart-pace") -> Markup:
    """A horizontal bar per pledge: its actual progress, coloured by its
    grade, with a marker line at 序时进度 (the share of its time elapsed)."""
    keys = [Key(g.label, GRADE_COLOURS[g]) for g in Grade]
    body, y = legend([*keys, Key("序时进度", palette.INK, marker=True)], 0)
    y += 10
    for row in rows:
        lines = wrap(row.entry.pledge.text, WIDTH, measure, max_lines=2, balance=True)
        for line in lines:
            body.append(text(0, y + 15, line))
            y += LINE_HEIGHT
        top = y + 8
        colour = GRADE_COLOURS[row.grade]
        body.append(rect(0, top, WIDTH, 16, palette.LINE))
        if row.actual:
            tip = f"实际进度 {row.actual_percent}"
            body.append(rect(0, top, WIDTH * float(row.actual), 16, colour, tip))
        mark = min(max(WIDTH * float(row.expected), 1.5), WIDTH - 1.5)
        body.append(rect(mark - 2.5, top - 5, 5, 26, palette.WHITE))
        body.append(rect(mark - 1, top - 5, 2, 26, palette.INK, f"序时进度 {row.expected_percent}"))
        figures = f"实际 {row.actual_percent}　序时 {row.expected_percent}　"
        body.append(
            f'<text x="0" y="{decimal(top + 16 + 20)}" fill="{palette.MUTED}">{esc(figures)}'
            f'<tspan fill="{colour}" font-weight="700">{esc(row.grade.label)}</tspan></text>'
        )
        y = top + 16 + 20 + 18
    counts = grade_counts(rows)
    title = "序时进度：实际进度与按时间应完成的进度"
    desc = (
        f"横向条形图，每项有量化目标的承诺一条，条长为实际进度，颜色为评价，竖线为序时进度。共 {len(rows)} 项："
        + "、".join(f"{g.label} {counts[g]} 项" for g in Grade)
        + "；"
        + "；".join(
            f"{r.entry.pledge.text}，实际 {r.actual_percent}，序时 {r.expected_percent}，{r.grade.label}" for r in rows
        )
    )
    return svg(ident, title, desc + "。", y, body)


# -- the page ------------------------------------------------------------------------------


#: The 序时进度 chart and table show the pledges furthest behind: a reader
#: looks for what is late, and a chart of thousands of bars says nothing.
PACE_SHOWN = 30


def stats_view(catalog: Catalog) -> dict[str, Any]:
    """What ``overrides/stats.html`` shows: the numbers and their charts."""
    units, months, all_paces = by_unit(catalog), over_time(catalog), pace(catalog)
    paces = all_paces[:PACE_SHOWN]
    return {
        "summary": summary(catalog),
        "statuses": list(Status),
        # The table of units leads with what a reader asks first (how many,
        # kept, overdue: all in view on a phone); the other statuses follow.
        "kept": Status.FULFILLED,
        "other_statuses": [s for s in Status if s is not Status.FULFILLED],
        "units": units,
        "units_chart": units_chart(units) if units else None,
        "months": months,
        "time_chart": time_chart(months) if months else None,
        "pace": paces,
        "pace_total": len(all_paces),
        "pace_counts": grade_counts(all_paces),
        "pace_chart": pace_chart(paces) if paces else None,
        "pace_rule": PACE_RULE,
        "tolerance": TOLERANCE_POINTS,
    }
