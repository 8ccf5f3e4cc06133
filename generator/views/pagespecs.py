"""The generated pages: one spec per page, with its URL, template and data.

Engine-neutral: the plugin turns each :class:`PageSpec` into a virtual file.
``markdown`` is what the page's text is for search (and, for interviews, the
article itself); the templates in ``overrides/`` show the rest from ``view``.
URLs are part of the product and must never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape
from typing import Any

from markupsafe import Markup

from generator.content.article import Block, Kind
from generator.content.model import Interview, Unit
from generator.views import urls
from generator.views.catalog import Catalog, Entry
from generator.views.charts import stats_view
from generator.views.citation import (
    citation,
    interview_description,
    json_ld,
    news_article,
    pledge_description,
    quotation,
    unit_description,
)
from generator.views.contact import report_link
from generator.views.formats import cn_date
from generator.views.reports import UnitReport, YearReport, year_reports
from generator.views.siteview import Settings
from generator.views.wordbreak import keep_together


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    markdown: str = ""
    view: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    searchable: bool = True
    #: Sidebars the page does without (the tabs already show the navigation).
    hide: tuple[str, ...] = ("navigation", "toc")
    #: For search engines and link previews.
    description: str = ""
    #: What search finds the page by (the texts of ``markdown``).
    search_texts: tuple[str, ...] = ()
    #: The template of the content alone, for pages rendered through the
    #: lighter path (:mod:`generator.engine.lightpages`); empty for the others.
    content_template: str = ""
    #: The day a frozen page shows (a year's report), in place of the
    #: site's as-of date, which its footer then does not name.
    as_of: dt.date | None = None

    @property
    def meta(self) -> dict[str, Any]:
        # Material prints titles and descriptions unescaped: escape them here.
        meta: dict[str, Any] = {"title": Markup.escape(self.title), "template": self.template, "hide": list(self.hide)}
        if self.as_of is not None:
            meta["as_of"] = self.as_of
        if self.description:
            meta["description"] = Markup.escape(self.description)
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta


def source_uri(path: str) -> str:
    """The virtual Markdown file behind a page path: ``pledges/x/`` → ``pledges/x.md``."""
    return path.rstrip("/") + ".md"


def build_pages(catalog: Catalog, settings: Settings, reports: list[YearReport] | None = None) -> list[PageSpec]:
    """Every generated page of the site (the year-end ``reports`` made here unless given)."""
    pages = list_pages(catalog) + pages_of(catalog, settings, catalog.interviews, catalog.entries, catalog.units)
    return pages + report_specs(year_reports(catalog) if reports is None else reports, settings)


def list_pages(catalog: Catalog) -> list[PageSpec]:
    """The pages in the navigation that list the whole column."""
    return [
        PageSpec("pledges/index.md", "全部承诺", "pledges.html", in_nav=True, searchable=False),
        PageSpec("interviews/index.md", "访谈", "interviews.html", in_nav=True, searchable=False),
        PageSpec("units/index.md", "单位", "units.html", in_nav=True, searchable=False),
        PageSpec(
            "stats/index.md",
            "数据看板",
            "stats.html",
            view=stats_view(catalog),
            in_nav=True,
            searchable=False,
            description="各单位承诺状态、承诺状态逐月变化和序时进度，附数据表。",
        ),
    ]


def pages_of(
    catalog: Catalog, settings: Settings, interviews: list[Interview], entries: list[Entry], units: list[Unit]
) -> list[PageSpec]:
    """The pages of these interviews, pledges and units, in the site's order."""
    pages = [interview_page(catalog, settings, i) for i in interviews]
    pages += [pledge_page(catalog, settings, e) for e in entries]
    pages += [unit_page(catalog, settings, u) for u in units]
    return pages


def share(settings: Settings, page: str, kind: str) -> dict[str, str]:
    """What a page's link preview shows: its permanent URL and share card."""
    return {"url": settings.url(page), "image": settings.url(urls.card(page)), "type": kind}


def interview_page(catalog: Catalog, settings: Settings, interview: Interview) -> PageSpec:
    entries = catalog.entries_of_interview(interview)
    page = urls.interview(interview.slug)
    info = share(settings, page, "article")
    article = news_article(interview, info["url"], info["image"], settings.column)
    return PageSpec(
        source_uri(page),
        interview.title,
        "interview.html",
        markdown=article_markdown(catalog.articles[interview.slug], entries, (interview.interviewee.name,)),
        view={
            "interview": interview,
            "entries": entries,
            "unit": catalog.corpus.units[interview.unit],
            "share": info,
            "json_ld": json_ld(article),
        },
        hide=("navigation",),
        description=interview_description(interview),
    )


def pledge_page(catalog: Catalog, settings: Settings, entry: Entry) -> PageSpec:
    pledge = entry.pledge
    page = urls.pledge(pledge.id)
    # What search finds a pledge by, as its page shows it: its words, unit,
    # category, status and 「已逾期」 (the quote is searched on the interview page).
    text: tuple[str, ...] = (pledge.text, entry.unit.name, entry.unit.short_name, pledge.category, entry.status.label)
    text += ("已逾期",) if entry.overdue else ()
    successor = catalog.by_id.get(pledge.successor) if pledge.successor else None
    return PageSpec(
        source_uri(page),
        pledge.text,
        "pledge.html",
        markdown="\n\n".join(inert(t) for t in text) + "\n",
        search_texts=text,
        content_template="partials/jn-pledge.html",
        view={
            "entry": entry,
            "successor": successor,
            "share": share(settings, page, "article"),
            "citation": citation(entry, settings, catalog.as_of),
            # In the page's body: pledge pages share one head (lightpages.py).
            "quotation_ld": json_ld(quotation(entry, settings)),
            "badge_code": badge_code(settings, entry),
            "report": report_link(entry, settings),
            "embed_code": embed_code(settings, entry),
            "qr": urls.qr_code(pledge.id),
            "json": urls.pledge_json(pledge.id),
        },
        description=pledge_description(entry, catalog.as_of),
    )


def badge_code(settings: Settings, entry: Entry) -> str:
    """The HTML a news page pastes to show the pledge's status badge."""
    alt = escape(f"{entry.pledge.text}：{entry.status.label}")
    link, image = settings.url(urls.pledge(entry.id)), settings.url(urls.badge(entry.id))
    return f'<a href="{link}"><img src="{image}" alt="{alt}"></a>'


def embed_code(settings: Settings, entry: Entry) -> str:
    """The HTML a news page pastes to embed the pledge's card."""
    title = escape(entry.pledge.text)
    src = settings.url(urls.embed(entry.id))
    return f'<iframe src="{src}" title="{title}" width="100%" height="190" style="border:0" loading="lazy"></iframe>'


def unit_page(catalog: Catalog, settings: Settings, unit: Unit) -> PageSpec:
    entries = catalog.entries_of_unit(unit)
    page = urls.unit(unit.id)
    return PageSpec(
        source_uri(page),
        unit.name,
        "unit.html",
        # For search only (the template shows the page): the names as its
        # title and a boost rank the unit above its own pledges, which name it
        # too. An HTML heading, which makes no table of contents (nor a link
        # to it that the page would not have).
        markdown=f'---\nsearch: {{boost: 2}}\n---\n\n<h1 id="unit">{escape(f"{unit.name}（{unit.short_name}）")}</h1>\n\n'
        f"简称：{inert(unit.short_name)}\n",
        view={
            "unit": unit,
            "entries": entries,
            "interviews": catalog.interviews_of_unit(unit),
            "share": share(settings, page, "website"),
        },
        description=unit_description(unit, settings.column, entries),
    )


def report_specs(reports: list[YearReport], settings: Settings) -> list[PageSpec]:
    """The pages of the year-end reports: each year's, then its units'. They
    show only the report, frozen at its day, and are not searched (their
    pledges are)."""
    pages = []
    for report in reports:
        state = f"截至{cn_date(report.day)}" + ("（年度进行中）" if report.running else "")
        total = f"「{settings.column}」{report.title}：{report.tally.total} 项承诺逐单位的兑现情况，{state}。"
        pages.append(report_spec(report, None, report.title, total))
        for part in report.units:
            about = f"{part.unit.name}在「{settings.column}」专访中作出的 {part.tally.total} 项承诺{state}的兑现情况。"
            pages.append(report_spec(report, part, f"{part.unit.name}{report.title}", about))
    return pages


def report_spec(report: YearReport, part: UnitReport | None, title: str, description: str) -> PageSpec:
    page = part.page if part is not None else report.page
    return PageSpec(
        source_uri(page),
        title,
        "report.html",
        # A unit's page shows its part and its year, never another unit's figures.
        view={
            "report": report if part is None else report.period,
            "part": part,
            "pdf": urls.report_pdf(report.year, part.unit.id if part else ""),
        },
        searchable=False,
        description=description,
        content_template="partials/jn-report.html",
        as_of=report.day,
    )


# -- the article ------------------------------------------------------------


def article_markdown(blocks: list[Block], entries: list[Entry], names: tuple[str, ...] = ()) -> str:
    """The interview's body as Markdown for the engine: headings stay
    Markdown (for the table of contents); paragraphs become HTML with their
    anchor, their role and the pledges quoted in them marked, and ``names``
    (the people), dates and numbers with their units kept on one line."""
    parts = []
    for block in blocks:
        if block.kind is Kind.HEADING:
            lines = " ".join(f'<span class="jn-heading-line">{inert(t)}</span>' for t in block.heading_lines)
            parts.append(f"## {lines} {{#{block.anchor}}}")
        else:
            quoted = [e for e in entries if e.anchor == block.anchor]
            parts.append(paragraph_html(block, quoted, names))
    return "\n\n".join(parts) + "\n"


#: Characters Markdown would read as markup in a heading (links, emphasis,
#: attribute lists, raw HTML): written as character references instead.
_MARKUP = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+!<>&|~"})


def inert(text: str) -> str:
    """``text`` as Markdown that renders exactly as ``text``: an editor's
    heading cannot become a link, an attribute or HTML."""
    return text.translate(_MARKUP)


def paragraph_html(block: Block, entries: list[Entry], names: tuple[str, ...] = ()) -> str:
    speaker = ""
    if block.speaker:
        name = escape(block.speaker_shown)
        speaker = f'<span class="jn-speaker">{name}</span>'
    body = mark_quotes(block.text, entries, names)
    return f'<p id="{block.anchor}" class="jn-para jn-para--{block.kind}">{speaker}{body}</p>'


def mark_quotes(text: str, entries: list[Entry], names: tuple[str, ...] = ()) -> str:
    """``text`` as HTML (see :func:`keep_together`), each pledge's quote
    wrapped in a link to the pledge (the first of overlapping quotes wins;
    the others still link here)."""
    spans = []
    for entry in entries:
        start = text.find(entry.pledge.quote)
        if start >= 0:
            spans.append((start, start + len(entry.pledge.quote), entry.id))
    out: list[str] = []
    position = 0
    for start, end, pledge_id in sorted(spans):
        if start < position:
            continue
        out.append(keep_together(text[position:start], names))
        out.append(
            f'<mark class="jn-quote" id="quote-{pledge_id}">'
            f'<a href="../../{urls.pledge(pledge_id)}" title="查看这项承诺的进展">{keep_together(text[start:end], names)}</a></mark>'
        )
        position = end
    out.append(keep_together(text[position:], names))
    return "".join(out)
