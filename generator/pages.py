"""The generated pages: one spec per page, with its URL, template and data.

Engine-neutral: the plugin turns each :class:`PageSpec` into a virtual file.
``markdown`` is what the page's text is for search (and, for interviews, the
article itself); the templates in ``overrides/`` show the rest from ``view``.
URLs are part of the product and must never change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from typing import Any

from .article import Block, Kind
from .catalog import Catalog, Entry
from .model import Status

#: Where a hand-written page wants the table of statuses.
STATUS_TABLE_MARKER = "<!-- jn:statuses -->"


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

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = {"title": self.title, "template": self.template, "hide": list(self.hide)}
        if not self.searchable:
            meta["search"] = {"exclude": True}
        return meta


def interview_uri(slug: str) -> str:
    return f"interviews/{slug}.md"


def pledge_uri(pledge_id: str) -> str:
    return f"pledges/{pledge_id}.md"


def unit_uri(unit_id: str) -> str:
    return f"units/{unit_id}.md"


def build_pages(catalog: Catalog) -> list[PageSpec]:
    """Every generated page of the site."""
    pages = [
        PageSpec("pledges/index.md", "全部承诺", "pledges.html", in_nav=True, searchable=False),
        PageSpec("interviews/index.md", "访谈", "interviews.html", in_nav=True, searchable=False),
        PageSpec("units/index.md", "单位", "units.html", in_nav=True, searchable=False),
    ]
    pages += [interview_page(catalog, i.slug) for i in catalog.interviews]
    pages += [pledge_page(e) for e in catalog.entries]
    pages += [unit_page(catalog, u.id) for u in catalog.units]
    return pages


def interview_page(catalog: Catalog, slug: str) -> PageSpec:
    interview = next(i for i in catalog.corpus.interviews if i.slug == slug)
    entries = catalog.entries_of_interview(interview)
    return PageSpec(
        interview_uri(slug),
        interview.title,
        "interview.html",
        markdown=article_markdown(catalog.articles[slug], entries),
        view={"interview": interview, "entries": entries, "unit": catalog.corpus.units[interview.unit]},
        hide=("navigation",),
    )


def pledge_page(entry: Entry) -> PageSpec:
    pledge = entry.pledge
    text = [pledge.text, pledge.quote, entry.unit.name, entry.unit.short_name, pledge.category]
    return PageSpec(
        pledge_uri(pledge.id),
        pledge.text,
        "pledge.html",
        markdown="\n\n".join(escape(t, quote=False) for t in text) + "\n",
        view={"entry": entry},
    )


def unit_page(catalog: Catalog, unit_id: str) -> PageSpec:
    unit = catalog.corpus.units[unit_id]
    return PageSpec(
        unit_uri(unit_id),
        unit.name,
        "unit.html",
        markdown=escape(f"{unit.name}（{unit.short_name}）", quote=False) + "\n",
        view={
            "unit": unit,
            "entries": catalog.entries_of_unit(unit),
            "interviews": catalog.interviews_of_unit(unit),
        },
    )


# -- the article ------------------------------------------------------------


def article_markdown(blocks: list[Block], entries: list[Entry]) -> str:
    """The interview's body as Markdown for the engine: headings stay
    Markdown (for the table of contents); paragraphs become HTML with their
    anchor, their role and the pledges quoted in them marked."""
    parts = []
    for block in blocks:
        if block.kind is Kind.HEADING:
            lines = " ".join(f'<span class="jn-heading-line">{escape(t)}</span>' for t in block.heading_lines)
            parts.append(f"## {lines} {{#{block.anchor}}}")
        else:
            quoted = [e for e in entries if e.anchor == block.anchor]
            parts.append(paragraph_html(block, quoted))
    return "\n\n".join(parts) + "\n"


def paragraph_html(block: Block, entries: list[Entry]) -> str:
    speaker = ""
    if block.speaker:
        name = escape(block.speaker.replace("*", ""))
        speaker = f'<span class="jn-speaker">{name}</span>'
    body = mark_quotes(block.text, entries)
    return f'<p id="{block.anchor}" class="jn-para jn-para--{block.kind}">{speaker}{body}</p>'


def mark_quotes(text: str, entries: list[Entry]) -> str:
    """``text`` escaped, each pledge's quote wrapped in a link to the pledge
    (the first of overlapping quotes wins; the others still link here)."""
    spans = []
    for entry in entries:
        start = text.find(entry.pledge.quote)
        if start >= 0:
            spans.append((start, start + len(entry.pledge.quote), entry.id))
    out, position = [], 0
    for start, end, pledge_id in sorted(spans):
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(
            f'<mark class="jn-quote" id="quote-{pledge_id}">'
            f'<a href="../../pledges/{pledge_id}/" title="查看这项承诺的进展">{escape(text[start:end])}</a></mark>'
        )
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def status_table() -> str:
    """The statuses and their meanings as a Markdown table, from the model."""
    rows = ["| 状态 | 含义 |", "| --- | --- |"]
    rows += [f"| {s.label} | {s.meaning} |" for s in Status]
    return "\n".join(rows)
