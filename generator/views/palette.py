"""The column's colours, shared by everything drawn outside the stylesheet
(share cards, badges, charts, the embed). They are those of
overrides/assets/stylesheets/jiannuo.css."""

from __future__ import annotations

from generator.content.model import Status

RED = "#a8161c"
RED_DARK = "#7d0f14"
INK = "#1f2328"
MUTED = "#57606a"
LINE = "#d8dee4"
PAPER = "#fbf8f3"
#: Text on a coloured ground (a badge, a status pill), and a plain page.
WHITE = "#fff"
STATUS_COLOURS: dict[Status, str] = {
    Status.NOT_STARTED: "#5f6368",
    Status.IN_PROGRESS: "#1a5fb4",
    Status.FULFILLED: "#1e7b34",
    Status.PARTIAL: "#8a5a00",
    Status.DELAYED: "#b04205",
    Status.UNFULFILLED: "#b3261e",
    Status.WITHDRAWN: "#6b5b95",
}
#: An overdue pledge's badge: the colour of unfulfilled pledges.
OVERDUE = STATUS_COLOURS[Status.UNFULFILLED]
#: A progress bar (the embed's): the colour of fulfilled pledges.
PROGRESS = STATUS_COLOURS[Status.FULFILLED]
#: The demonstration-data notice (jiannuo.css's .jn-demo): ink on a pale amber.
DEMO_INK = "#5c3300"
DEMO_PAPER = "#fff7e6"
