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
from generator.content.steps import Steps, run_through
from generator.outputs.cardcache import card_steps
from generator.outputs.cards import Card
from generator.outputs.feeds import build_feeds
from generator.outputs.opendata import build_data
from generator.outputs.reportfiles import report_files
from generator.outputs.sitefiles import badge_files, embeds, qr_files, redirects
from generator.views.siteview import SiteView

log = logging.getLogger("mkdocs.plugins.pledges")

#: The parts of :func:`other_parts`, in the order they are made.
PARTS = ("badges", "qr", "data", "feeds", "embeds", "reports")


def other_parts(
    site: SiteView, env: Environment, config: MkDocsConfig, memo: Memo, font: Path, pdfs: Path | None
) -> dict[str, Callable[[], Mapping[str, bytes]]]:
    """Every file of ``site`` but its pages and share cards, in parts by
    name (:data:`PARTS`), each made on its own (QR codes and feeds kept in
    ``memo`` between builds, the reports' PDFs, drawn in ``font``, in the
    folder ``pdfs``)."""
    catalog, settings = site.catalog, site.settings

    def templated() -> dict[str, bytes]:
        return {
            item.path: env.get_template(item.template).render(config=config, **item.context).encode()
            for item in embeds(catalog, settings) + redirects(catalog, settings)
        }

    return {
        "badges": lambda: badge_files(catalog, settings),
        "qr": lambda: qr_files(catalog, settings, memo),
        "data": lambda: build_data(catalog, settings),
        "feeds": lambda: build_feeds(catalog, settings, memo, site.reports),
        "embeds": templated,
        "reports": lambda: draw_reports(site, font, pdfs),
    }


def draw_reports(site: SiteView, font: Path, pdfs: Path | None) -> Mapping[str, bytes]:
    """The year-end reports' data and PDFs; say how many PDFs were drawn."""
    reports = site.reports
    made = report_files(reports, site.settings, font, pdfs)
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
