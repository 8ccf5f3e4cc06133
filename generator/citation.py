"""What journalists carry away: citations, permanent URLs, page descriptions
and the structured data (JSON-LD) of interview pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from . import urls
from .catalog import Entry, kept_count, overdue_count
from .formats import cn_date
from .model import Interview, Unit
from .site import Settings


def citation(entry: Entry, settings: Settings, as_of: dt.date) -> str:
    """A ready citation: who promised what, its status on the as-of date, where."""
    person = entry.interview.interviewee
    return (
        f"{entry.unit.name}（{person.position}{person.name}）承诺：“{entry.pledge.text}”。"
        f"截至{cn_date(as_of)}，状态：{entry.status.label}{'（已逾期）' if entry.overdue else ''}。"
        f"来源：{settings.site_name}，{settings.url(urls.pledge(entry.id))}"
    )


def pledge_description(entry: Entry, as_of: dt.date) -> str:
    """One sentence for search engines and link previews."""
    overdue = "，已逾期" if entry.overdue else ""
    return (
        f"{entry.unit.short_name}承诺：{entry.pledge.text}。时限{cn_date(entry.pledge.deadline)}，"
        f"截至{cn_date(as_of)}状态为{entry.status.label}{overdue}。"
    )


def interview_description(interview: Interview) -> str:
    person = interview.interviewee
    lead = interview.summary or interview.subtitle or ""
    return f"专访{person.position}{person.name}。{lead}".strip()


def unit_description(unit: Unit, column: str, entries: list[Entry]) -> str:
    return (
        f"{unit.name}在「{column}」专访中作出的 {len(entries)} 项承诺："
        f"已兑现 {kept_count(entries)} 项，已逾期 {overdue_count(entries)} 项。"
    )


def news_article(interview: Interview, url: str, image: str, column: str) -> dict[str, Any]:
    """schema.org NewsArticle of an interview."""
    person = interview.interviewee
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": interview.title,
        "datePublished": interview.date.isoformat(),
        "inLanguage": "zh-CN",
        "url": url,
        "mainEntityOfPage": url,
        "image": [image],
        "author": [{"@type": "Person", "name": name} for name in interview.reporters]
        or [{"@type": "Organization", "name": interview.outlet}],
        "publisher": {"@type": "Organization", "name": interview.outlet},
        "about": {"@type": "Person", "name": person.name, "jobTitle": person.position},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": column},
    }
    if interview.subtitle:
        data["alternativeHeadline"] = interview.subtitle
    if interview.summary:
        data["description"] = interview.summary
    return data


def json_ld(data: dict[str, Any]) -> str:
    """JSON for a ``<script type="application/ld+json">``: characters that
    could end the script element are escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
