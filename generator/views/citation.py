"""What journalists carry away: citations, permanent URLs, page descriptions
and the structured data (JSON-LD) of interview pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.content.model import Interview, Unit
from generator.views import urls
from generator.views.catalog import Entry, kept_count, overdue_count
from generator.views.formats import cn_date, quoted, sentence
from generator.views.siteview import Settings


def citation(entry: Entry, settings: Settings, as_of: dt.date) -> str:
    """A ready citation: who said what, where and when, the pledge in the
    editors' words, its status on the as-of date, and the permanent URL.
    Only the verbatim quote stands inside quotation marks."""
    pledge, interview = entry.pledge, entry.interview
    person = interview.interviewee
    said = quoted(pledge.quote)
    # A quoted full sentence keeps its own stop inside the marks.
    said += "" if pledge.quote.endswith(("。", "！", "？")) else "。"
    parts = [
        f"{entry.unit.name}（{person.position}{person.name}）在{interview.outlet}「{settings.column}」"
        f"第{interview.issue}期专访（{cn_date(interview.date)}）中说：{said}"
    ]
    if pledge.text != pledge.quote:
        parts.append(f"本站概括的承诺：{sentence(pledge.text)}")
    overdue = "（已逾期）" if entry.overdue else ""
    parts.append(f"截至{cn_date(as_of)}，状态：{entry.status.label}{overdue}。{settings.demo_note}")
    if entry.corrections:
        days = "、".join(dict.fromkeys(cn_date(s.correction.date) for s in entry.corrections))
        parts.append(f"本条曾于{days}更正。")
    parts.append(f"来源：{settings.site_name}，{settings.url(urls.pledge(entry.id))}")
    return "".join(parts)


def quotation(entry: Entry, settings: Settings) -> dict[str, Any]:
    """schema.org Quotation of a pledge: the verbatim words, who said them,
    in which interview; the editors' summary is its description."""
    pledge, interview = entry.pledge, entry.interview
    person = interview.interviewee
    speaker = {"@type": "Person", "name": person.name, "jobTitle": person.position}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": pledge.quote,
        "spokenByCharacter": speaker,
        "creator": speaker,
        "dateCreated": interview.date.isoformat(),
        "inLanguage": "zh-CN",
        "url": settings.url(urls.pledge(pledge.id)),
        "description": pledge.text,
        "isBasedOn": {
            "@type": "NewsArticle",
            "headline": interview.title,
            "datePublished": interview.date.isoformat(),
            "url": settings.url(urls.interview(interview.slug)),
            "publisher": {"@type": "Organization", "name": interview.outlet},
            "isPartOf": {"@type": "CreativeWorkSeries", "name": settings.column},
        },
    }
    return data


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
