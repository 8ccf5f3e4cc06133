"""The markers of hand-written pages: an HTML comment in a page of docs/
(「<!-- jn:statuses -->」) that the build replaces with what the code itself
defines (the statuses, the data fields, the 序时进度 rule) or the site's
settings (how to reach the editors, after how many days a pledge is stale),
so that the pages never drift apart from it.
"""

from __future__ import annotations

from functools import cache

from generator.content.model import Status
from generator.outputs.opendata import schema_markdown
from generator.views.contact import mailto
from generator.views.pagespecs import inert
from generator.views.siteview import Contact, Settings
from generator.views.stats import GRADE_RULE

#: Where a hand-written page wants the table of statuses.
STATUS_TABLE_MARKER = "<!-- jn:statuses -->"
#: Where the data page wants the field tables (replaced by :func:`schema_markdown`).
DATA_FIELDS_MARKER = "<!-- jn:data-fields -->"
#: Where the methodology page states how 序时进度 is graded.
SCHEDULE_RULE_MARKER = "<!-- jn:schedule-rule -->"
#: Where the corrections page lists how to reach the editors.
CONTACT_MARKER = "<!-- jn:contact -->"
#: Where the methodology page says after how many days a pledge is 「N 天未更新」.
STALE_DAYS_MARKER = "<!-- jn:stale-days -->"


@cache
def status_table() -> str:
    """The statuses and their meanings as a Markdown table, from the model."""
    rows = ["| 状态 | 数据中的键 | 含义 |", "| --- | --- | --- |"]
    rows += [f"| {s.label} | `{s.value}` | {s.meaning} |" for s in Status]
    return "\n".join(rows)


def fill_markers(markdown: str, settings: Settings) -> str:
    """Hand-written pages quote the code's own definitions and settings, so
    that they never drift apart: statuses, data fields, the 序时进度 grades,
    how to reach the editors."""
    return (
        markdown.replace(STATUS_TABLE_MARKER, status_table())
        .replace(DATA_FIELDS_MARKER, schema_markdown())
        .replace(SCHEDULE_RULE_MARKER, f"- **评价**：{GRADE_RULE}")
        .replace(CONTACT_MARKER, contact_markdown(settings.contact))
        .replace(STALE_DAYS_MARKER, str(settings.stale_days))
    )


def contact_markdown(contact: Contact) -> str:
    """The editors' contacts as a Markdown list (a notice when there are none)."""
    lines = []
    if contact.email:
        lines.append(f"- 电子邮件：[{inert(contact.email)}]({mailto(contact.email)})")
    if contact.phone:
        lines.append(f"- 电话：{inert(contact.phone)}")
    if contact.address:
        lines.append(f"- 地址：{inert(contact.address)}")
    return "\n".join(lines) or "（本站尚未公布联系方式。）"
