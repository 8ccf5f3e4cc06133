"""The files the plugin writes besides the pages: status badges, QR codes,
open data, feeds, the embeddable cards and the redirects of former
addresses (rendered with the theme's templates), and the share cards."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from generator.content.memo import Memo
from generator.content.steps import Steps, each, run_through
from generator.outputs.cardcache import card_steps
from generator.outputs.cards import Card
from generator.outputs.feeds import feed_steps
from generator.outputs.opendata import data_steps
from generator.outputs.reportfiles import report_steps
from generator.outputs.sitefiles import Templated, badge_steps, embeds, qr_steps, redirects
from generator.views.siteview import SiteView

log = logging.getLogger("mkdocs.plugins.pledges")

#: The parts of :func:`other_parts`, in the order they are made.
PARTS = ("badges", "qr", "data", "feeds", "embeds", "reports")


def other_parts(
    site: SiteView, env: Environment, config: MkDocsConfig, memo: Memo, font: Path, pdfs: Path | None
) -> dict[str, Callable[[], Steps[Mapping[str, bytes]]]]:
    """Every file of ``site`` but its pages and share cards, in parts by
    name (:data:`PARTS`), each made on its own and in steps (QR codes and
    feeds kept in ``memo`` between builds, the reports' PDFs, drawn in
    ``font``, in the folder ``pdfs``)."""
    catalog, settings = site.catalog, site.settings

    def templated() -> Steps[Mapping[str, bytes]]:
        def render(item: Templated) -> tuple[str, bytes]:
            return item.path, env.get_template(item.template).render(config=config, **item.context).encode()

        return dict((yield from each(render, embeds(catalog, settings) + redirects(catalog, settings))))

    return {
        "badges": lambda: badge_steps(catalog, settings),
        "qr": lambda: qr_steps(catalog, settings, memo),
        "data": lambda: data_steps(catalog, settings),
        "feeds": lambda: feed_steps(catalog, settings, memo, site.reports),
        "embeds": templated,
        "reports": lambda: drawing_reports(site, font, pdfs),
    }


def drawing_reports(site: SiteView, font: Path, pdfs: Path | None) -> Steps[Mapping[str, bytes]]:
    """The year-end reports' data and PDFs, in steps; say how many PDFs were drawn."""
    reports = site.reports
    made = yield from report_steps(reports, site.settings, font, pdfs)
    pages = len(made.files) - len(reports)
    log.info(f"pledges: 践诺报告 PDF 新绘制 {made.drawn} 份，沿用缓存 {pages - made.drawn} 份")
    return made.files


def draw_cards(
    cards: list[Card], font: Path, cache: Path, site_dir: Path, kept: Callable[[str, Path], bool] | None = None
) -> None:
    """Write the share cards into ``site_dir`` (those ``kept`` says the
    published site has already excepted) and say how many were drawn."""
    run_through(drawing_cards(cards, font, cache, site_dir, kept))


def drawing_cards(
    cards: list[Card], font: Path, cache: Path, site_dir: Path, kept: Callable[[str, Path], bool] | None = None
) -> Steps[None]:
    """:func:`draw_cards` in steps (:func:`~generator.outputs.cardcache.card_steps`)."""
    stats = yield from card_steps(cards, font, cache, site_dir, kept=kept)
    log.info(f"pledges: 分享图新绘制 {stats.drawn} 张，沿用缓存 {stats.cached} 张")
