"""Status badges as small SVG files, for news pages to embed with ``<img>``.

The look follows the badges on code repositories: a grey label on the left
(「践诺」), the status in its colour on the right (「推进中 · 60%」). Widths are
computed from a per-character estimate (:mod:`generator.text.width`), so the
SVG needs no font metrics.
"""

from __future__ import annotations

from html import escape

from generator.text.width import text_width
from generator.views.catalog import Entry
from generator.views.formats import percent
from generator.views.palette import OVERDUE, STATUS_COLOURS, WHITE

LABEL_COLOUR = "#555"
FONT_SIZE = 11
HEIGHT = 20
PADDING = 6
FONTS = "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif"


def badge_text(entry: Entry) -> str:
    """「推进中 · 60%」, 「推进中 · 已逾期」 or just the status label."""
    parts = [entry.status.label]
    share = entry.pledge.share
    if share is not None and not entry.status.is_final:
        parts.append(percent(share))
    if entry.overdue:
        parts.append("已逾期")
    return " · ".join(parts)


def badge_svg(entry: Entry, label: str = "践诺", note: str = "") -> str:
    """The badge of ``entry`` as a standalone SVG document; ``note`` (as of
    when, the demonstration notice) ends its title."""
    value = badge_text(entry)
    colour = OVERDUE if entry.overdue else STATUS_COLOURS[entry.status]
    left = round(text_width(label, FONT_SIZE)) + 2 * PADDING
    right = round(text_width(value, FONT_SIZE)) + 2 * PADDING
    width = left + right
    title = escape(f"{label}：{entry.pledge.text}（{value}）{note}")
    y = HEIGHT // 2 + FONT_SIZE * 0.36
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f'<clipPath id="r"><rect width="{width}" height="{HEIGHT}" rx="3"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="{HEIGHT}" fill="{LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="{HEIGHT}" fill="{colour}"/></g>'
        f'<g fill="{WHITE}" font-family="{FONTS}" font-size="{FONT_SIZE}">'
        f'<text x="{PADDING}" y="{y:.1f}">{escape(label)}</text>'
        f'<text x="{left + PADDING}" y="{y:.1f}">{escape(value)}</text></g></svg>\n'
    )
