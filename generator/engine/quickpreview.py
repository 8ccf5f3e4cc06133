"""The preview's quick rebuild, after an editor saves an interview.

MkDocs' own rebuild empties the served folder and builds every page again,
half a minute at a thousand interviews. When only interview files changed,
the preview does less: it checks the content, finds the interviews,
pledges and units whose data changed (:mod:`generator.views.changes`),
renders and writes their pages only, and lets the browser reload. The
pages and files about the whole column (the home page, the lists, open
data, feeds, embeds, the search index, the share cards) follow right
after, in the background; once they are written, the served folder is
byte for byte what a whole rebuild gives.

Anything else is MkDocs' whole rebuild, as before: a change to a file that
is not an interview (the config, a page, a template, the unit registry,
the ledger, the search words), a content problem (the whole rebuild lists
it), or content that makes other pages (an interview, pledge or unit added
or removed, a new as-of date, new words for search).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.content.memo import Memo
from generator.content.steps import Steps, run_through
from generator.engine.fullpages import Builder, render_full_pages
from generator.engine.lightpages import CutIndex, Rendered, light_page_steps, update_search_index
from generator.engine.mkdocsinternals import building_page
from generator.engine.outputfiles import PARTS
from generator.engine.pagememo import Digester, PageMemo
from generator.engine.preview import Step
from generator.outputs.publishing import changed_writes, write_changed
from generator.views import urls
from generator.views.catalog import Catalog
from generator.views.changes import changes, same_pages
from generator.views.pagespecs import PageSpec, list_pages, pages_of, report_specs
from generator.views.siteview import SiteView

log = logging.getLogger("mkdocs.plugins.pledges")

#: A file's state as the preview compares it: modification time and size.
Stat = tuple[int, int]


def snapshot(roots: Iterable[Path]) -> dict[str, Stat]:
    """Every file under ``roots`` (files or folders) with its state."""
    found: dict[str, Stat] = {}
    for root in roots:
        if root.is_file():
            found[str(root)] = _stat(root)
            continue
        for folder, _, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                try:
                    found[path] = _stat(Path(path))
                except OSError:
                    continue  # gone while walking: the next rebuild sees it
    return found


def _stat(path: Path) -> Stat:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


def changed_files(before: dict[str, Stat], after: dict[str, Stat]) -> set[str]:
    """The files added, removed or changed between two snapshots."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


@dataclass
class Served:
    """What the last good build left in the served folder, to build on."""

    builder: Builder
    site: SiteView
    #: The page keys' part all pages share (:func:`~generator.engine.pagememo.shared_key`).
    shared: str
    #: The words given to the segmenter.
    words: list[str]
    #: The inputs (:func:`snapshot`) the build was made of.
    inputs: dict[str, Stat]
    #: Each generated page's search entries, by page, in the build's order.
    entries: dict[str, list[dict[str, Any]]]
    #: The files each part of :func:`~generator.engine.outputfiles.other_parts` wrote.
    others: dict[str, set[str]]
    search: CutIndex | None
    #: The generated pages' specs, by source (the plugin's own mapping).
    specs: dict[str, PageSpec] = field(default_factory=dict)
    #: The year-end reports' pages, rendered in the background, by key.
    reports: PageMemo = field(default_factory=PageMemo)


@dataclass(frozen=True)
class Inputs:
    """How the preview reads and checks the content again, and what it
    watches: the roots of every input and the interview files among them."""

    roots: list[Path]
    interviews: Path
    #: The checked catalog, or None when the content has problems.
    catalog: Callable[[], Catalog | None]
    words: Callable[[Catalog], list[str]]


@dataclass(frozen=True)
class Writers:
    """What the background part of a quick rebuild writes with."""

    #: The files besides pages and cards, in parts (:func:`~generator.engine.outputfiles.other_parts`).
    others: Callable[[SiteView, Memo], dict[str, Callable[[], Steps[Mapping[str, bytes]]]]]
    #: The share cards of a site, drawn into the served folder, in steps.
    cards: Callable[[SiteView], Steps[None]]
    #: The memo files of those files and of the search index.
    memo: Path
    search_memo: Path
    #: The rendered pages, by key.
    pages: PageMemo


def only_interviews(changed: set[str], interviews: Path) -> bool:
    """Whether every changed file is an interview (a Markdown file in the
    interviews folder, not a guide)."""
    folder = str(interviews) + os.sep
    return bool(changed) and all(
        p.startswith(folder) and p.endswith(".md") and not p.lower().endswith("readme.md") for p in changed
    )


def quick_rebuild(served: Served, inputs: Inputs, writers: Writers, later: Callable[..., None]) -> bool:
    """Rebuild the preview quickly if it can be (see the module), and say
    whether it did; ``served`` is updated, the background part is given to
    ``later``."""
    clock = _Clock()
    now = snapshot(inputs.roots)
    if not only_interviews(changed_files(served.inputs, now), inputs.interviews):
        return False
    catalog = inputs.catalog()
    clock.lap("检查")
    if catalog is None or not same_pages(served.site.catalog, catalog):
        return False
    words = inputs.words(catalog)
    if words != served.words:
        return False
    clock.lap("比较")
    site = SiteView(catalog, served.site.settings)
    site.has_corrections = served.site.has_corrections
    found = changes(served.site.catalog, catalog)
    specs = pages_of(catalog, site.settings, found.interviews, found.entries, found.units)
    # The page events (the plugin's) read the specs and the site from here.
    served.specs.update({spec.src_uri: spec for spec in specs})
    served.site, served.inputs = site, now
    served.builder.env.globals["jn"] = site
    writers.pages.rendered.clear()
    clock.lap("找出改动")
    rendered = render_pages(served, specs, writers.pages)
    written = write_changed(Path(served.builder.config.site_dir), rendered.files)
    served.entries.update(rendered.entries)
    clock.lap("页面")
    log.info(f"pledges: 预览只重建了改动涉及的 {len(specs)} 个页面（写入 {written} 个文件），其余页面随后更新")
    log.debug("pledges: 预览快速重建用时 %s", clock)
    later(*finishing(served, writers))
    return True


class _Clock:
    """How long each part of a quick rebuild took, for the debug log."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.laps: list[str] = []

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append(f"{name} {now - self.last:.2f} 秒")
        self.last = now

    def __str__(self) -> str:
        return f"{'，'.join(self.laps)}（共 {self.last - self.start:.2f} 秒）"


def render_pages(served: Served, specs: list[PageSpec], pages: PageMemo) -> Rendered:
    """The pages of ``specs``, through MkDocs' pipeline or the light path as
    the whole build renders them."""
    return run_through(rendering_pages(served, specs, pages))


def rendering_pages(served: Served, specs: list[PageSpec], pages: PageMemo) -> Steps[Rendered]:
    """:func:`render_pages` in steps, a light page at a time."""
    full = [spec for spec in specs if not spec.content_template]
    light = [spec for spec in specs if spec.content_template]
    settings, digest = served.site.settings, Digester()
    builder = served.builder
    done = render_full_pages(builder, full, settings, pages, served.shared, digest=digest)
    more = yield from light_page_steps(
        builder.env,
        builder.config,
        builder.nav,
        builder.files,
        light,
        settings,
        None,
        pages,
        served.shared,
        digest=digest,
    )
    done.files.update(more.files)
    done.entries.update(more.entries)
    return done


def finishing(served: Served, writers: Writers) -> list[Step]:
    """The steps of the background part: the pages in the navigation (the
    home page and the lists), the year-end reports, the other files, the
    search index and the share cards. The long ones yield between their
    parts (a page, a year's reports, a pledge's data), where a new save may
    stop them."""
    site_dir = Path(served.builder.config.site_dir)

    made: dict[str, Any] = {}

    def reports() -> Steps[None]:
        specs = report_specs(served.site.reports, served.site.settings)
        served.specs.update({spec.src_uri: spec for spec in specs})
        served.reports.begin()
        # A year at a time: its pages share the shell of the theme, rendered once.
        years: dict[dt.date | None, list[PageSpec]] = {}
        for spec in specs:
            years.setdefault(spec.as_of, []).append(spec)
        for some in years.values():
            yield
            write_changed(site_dir, (yield from rendering_pages(served, some, served.reports)).files)
        served.reports.finish()

    def lists() -> Steps[None]:
        # The home page shows the reports: made here a year at a time, not at once in its template.
        yield from served.site.making_reports()
        yield from write_nav_pages(served, site_dir)
        # Read only now: a memo of a large site takes a while.
        made["memo"] = memo = Memo(writers.memo)
        yield
        made["parts"] = writers.others(served.site, memo)

    def part(name: str) -> Steps[None]:
        files: Mapping[str, bytes] = yield from made["parts"][name]()
        yield from changed_writes(site_dir, files, gone=served.others.get(name, set()) - files.keys())
        served.others[name] = set(files)

    def keep_memo() -> None:
        # Only some of the pages' search texts were asked for: keep the others.
        made["memo"].save(partial=True)

    def search() -> None:
        write_search(served, writers.search_memo, site_dir)

    def cards() -> Steps[None]:
        yield from writers.cards(served.site)

    return [lists, reports, *(partial(part, name) for name in PARTS), keep_memo, search, cards]


def write_nav_pages(served: Served, site_dir: Path) -> Steps[None]:
    """The home page, the corrections and the lists, built again as MkDocs
    builds them, each written as soon as it is made (in steps, and a yield
    after each)."""
    builder = served.builder
    lists = list_pages(served.site.catalog)
    served.specs.update({spec.src_uri: spec for spec in lists})
    # The hand-written pages whose templates show the catalog: the home page
    # and the list of corrections.
    documentation = builder.files.documentation_pages()
    for uri in ["index.md", urls.CORRECTIONS_SOURCE, *(spec.src_uri for spec in lists)]:
        file = builder.files.get_file_from_path(uri)
        if file is not None and file.page is not None:
            page, files = file.page, builder.files
            html, _ = yield from building_page(page, builder.config, files, builder.nav, builder.env, documentation)
            write_changed(site_dir, {file.dest_uri: html.encode("utf-8", errors="xmlcharrefreplace")})
            yield


def write_search(served: Served, memo: Path, site_dir: Path) -> None:
    """The search index of every page's entries; its files no longer made are removed."""
    if served.search is None:
        return
    entries = [entry for page in served.entries.values() for entry in page]
    before = served.search
    cut = update_search_index(site_dir, entries, memo, lambda files: write_changed(site_dir, files), before.theme)
    if cut is not None:
        write_changed(site_dir, {}, gone=before.files - cut.files)
        served.search = cut
