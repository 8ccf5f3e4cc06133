"""The MkDocs plugin: wires MkDocs events to loading, checking and pages."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from generator.content.check import load_and_check
from generator.content.memo import Memo
from generator.content.rulememo import RuleMemo
from generator.content.steps import run_through
from generator.engine import segmenter
from generator.engine.config import PledgesConfig, check_options
from generator.engine.fullpages import Builder, render_generated_pages, site_key
from generator.engine.lightpages import SEARCH_MEMO, CutIndex, update_search_index
from generator.engine.mkdocsinternals import (
    SEARCH_INDEX,
    extend_sitemap,
    must_replace,
    read_search_index,
    search_plugin,
    strict_failure,
    unbuilt_pages,
    wrap_rebuild,
    wrap_served_html,
)
from generator.engine.outputfiles import draw_cards, drawing_cards, other_parts
from generator.engine.pagememo import PageMemo
from generator.engine.pagerecords import PAGE_RECORDS, PageRecords
from generator.engine.preview import (
    Later,
    Preview,
    TemplateCache,
    banner_injector,
    keep_serving,
    permanent_site_url,
    problem_page,
    settle_heap,
    stop_or_list,
)
from generator.engine.quickpreview import Inputs, Served, Writers, quick_rebuild, snapshot
from generator.engine.siteconfig import docs_problems
from generator.engine.unchanged import forget, inputs_key, record, recorded, untouched
from generator.outputs.markers import fill_markers
from generator.outputs.publishing import Staging, write_files
from generator.outputs.sitefiles import cards
from generator.text.glyphs import CardError, find_font
from generator.text.hidden import printable_lines
from generator.views import corrections, formats, palette, urls, wordbreak
from generator.views.asof import resolve_as_of
from generator.views.catalog import Catalog
from generator.views.pagespecs import PageSpec, build_pages
from generator.views.searchwords import search_words
from generator.views.siteview import Contact, Settings, SiteView

#: The memo file of the files besides pages (in the plugin's cache folder).
OUTPUTS_MEMO = "outputs.pickle"
#: The templates the plugin renders itself (the shell of light pages, embeds, redirects).
TEMPLATES = Path(__file__).resolve().parent / "templates"

log = logging.getLogger("mkdocs.plugins.pledges")


class PledgesPlugin(BasePlugin[PledgesConfig]):  # type: ignore[no-untyped-call]
    """Builds the pledge-tracking pages from ``interviews/``."""

    def __init__(self) -> None:
        self.base = Path()
        self.font = Path()
        self.specs: dict[str, PageSpec] = {}
        self.light: list[PageSpec] = []
        #: Generated pages the plugin builds through MkDocs' page pipeline itself.
        self.full: list[PageSpec] = []
        #: What the generated pages were rendered to, by key, across the preview's rebuilds.
        self.pages = PageMemo()
        #: What each interview's own rules found, across the preview's checks.
        self.rules = RuleMemo()
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.site: SiteView | None = None
        self.env: Environment | None = None
        self.command: str | None = None
        self.dirty = False
        self.staging: Staging | None = None
        #: Only while previewing: problems are shown, not fatal.
        self.preview: Preview | None = None
        #: The preview's first good build is still to come: show the problems instead.
        self.broken = False
        self.templates = TemplateCache()
        self.later = Later()
        #: The site's words for the segmenter, once written (see :meth:`_words`).
        self.words: Path | None = None
        self.site_words: list[str] = []
        #: Only while previewing: what the last good build served, and the
        #: inputs it read (:mod:`generator.engine.quickpreview`).
        self.served: Served | None = None
        self.inputs: dict[str, tuple[int, int]] = {}
        #: What this build is made from (:mod:`generator.engine.unchanged`), and
        #: whether the site published from the same is kept as it is.
        self.key: str | None = None
        self.unchanged = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.preview = Preview() if command == "serve" else None

    # First: the site's words must be in the search plugin's options before
    # its on_config reads them (see _words).
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.staging, self.served = None, None
        check_options(config, self.config)
        # The templates the plugin renders itself ship with it; a site's
        # custom_dir, earlier in the search path, may still override them.
        if str(TEMPLATES) not in config.theme.dirs:
            config.theme.dirs.append(str(TEMPLATES))
        # Absolute like the interviews option (mkdocs makes it so), so that the
        # problems name files relative to the site even with `-f dir/mkdocs.yml`.
        self.base = Path(os.path.abspath(os.path.dirname(config.config_file_path)))
        try:
            self.font = find_font(self.config.card_font, self.base)
        except CardError as error:
            raise PluginError(printable_lines(f"pledges: {error}")) from None
        self.key, self.unchanged = self._key(config), False
        # A build (not the preview, which has its own folder) is written
        # beside site/, and only when it succeeded are the files that changed
        # moved into site/; a --dirty build starts from a copy of site/, to
        # rebuild only what changed.
        if self.command in (None, "build", "gh-deploy"):
            self.staging = Staging(Path(config.site_dir), self.base / self.config.cache_dir)
            config.site_dir = str(self.staging.begin(keep=self.dirty))
            if self._published_unchanged(self.staging):
                self._keep_published(config)
                return config
        if self.preview is not None:
            # Before reading them: a file saved during the build is seen as changed.
            self.inputs = snapshot(self._input_roots(config))
        self._load(config)
        return config

    def _key(self, config: MkDocsConfig) -> str | None:
        """What ``mkdocs build`` builds from (none for another command, or
        with ``keep_unchanged: false``), read before anything changes the config."""
        if self.command != "build" or self.dirty or not self.config.keep_unchanged:
            return None
        try:
            as_of = resolve_as_of(self.config.as_of)
        except ValueError:
            return None  # the check says why
        return inputs_key(self._input_roots(config), config, as_of)

    def _published_unchanged(self, staging: Staging) -> bool:
        """Whether site/ was published from what this build is made from, and is untouched since."""
        cache = self.base / self.config.cache_dir
        return self.key is not None and self.key == recorded(cache) and untouched(staging.site, staging.published())

    def _keep_published(self, config: MkDocsConfig) -> None:
        """Build nothing (no page, no nav, no theme page): site/ stays as published."""
        self.unchanged, self.broken, self.site, self.words = True, False, None, None
        config.nav = None
        config.theme.static_templates.clear()
        log.info("pledges: 网站的全部输入与上次发布时相同，site/ 也未被改动：保留已发布的网站，不再生成。")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.later.wait()  # the cards of the last build, before MkDocs empties its folder
        if self.words is None:
            return
        missing = segmenter.finish(self.words, loaded=search_plugin(config) is not None)
        if missing:
            raise PluginError(
                f"pledges: Material 的搜索插件没有读入 jieba_dict_user 指定的词表 {self.words}"
                f"（缺 {'、'.join(missing[:5])}）：它的 on_config 变了，请改写 generator/engine/mkdocsinternals.py 第 5 条。"
            )

    def _load(self, config: MkDocsConfig) -> None:
        """The checked content, and its words for the segmenter."""
        # Checked before MkDocs empties site/: a broken interview leaves the
        # last good build in place (and `mkdocs serve` keeps serving it).
        self.broken, self.words = False, None
        segmenter.restore()
        catalog = self._catalog(config)
        if catalog is None:
            self._show_problems_only(config)
            return
        options = self.config
        # The preview's site_url is its local address; permanent links and
        # share cards keep the site's own, as in the build.
        permanent = permanent_site_url(config.config_file_path) if self.preview else None
        site_url = permanent or str(config.site_url)
        settings = Settings(
            site_name=config.site_name,
            site_url=site_url.rstrip("/") + "/",
            column=options.column,
            publisher=options.publisher,
            icp=options.icp,
            demo=options.demo,
            contact=Contact(options.contact.email, options.contact.phone, options.contact.address),
            stale_days=options.stale_days,
        )
        if not settings.contact:
            log.warning(
                "pledges: 没有设置读者联系编辑的方式：请在 mkdocs.yml 的 pledges 下写 contact:（email、phone、address "
                "任选其一或几项），页脚、更正说明和每项承诺的「报告错误」都要用到。"
            )
        self.site = SiteView(catalog, settings)
        self._words(config, catalog)
        log.info(
            f"pledges: {len(catalog.corpus.interviews)} 篇访谈，{len(catalog.entries)} 项承诺，数据截至 {catalog.as_of}"
        )

    def _words(self, config: MkDocsConfig, catalog: Catalog) -> None:
        """Give the site's words to the theme's search plugin (its option
        ``jieba_dict_user``, read in its ``on_config``, after this plugin's),
        and so to the segmenter; without it, :meth:`on_pre_build` loads them."""
        cache = self.base / self.config.cache_dir
        search = search_plugin(config)
        theirs = search.config.get("jieba_dict_user") if search else None
        if theirs and Path(theirs).resolve() == (cache / segmenter.WORDS_FILE).resolve():
            theirs = None  # ours, from the last build (the same config loaded again)
        self.site_words = search_words(catalog, Path(self.config.interviews))
        self.words = segmenter.prepare(self.site_words, cache, theirs)
        if search is not None:
            search.config["jieba_dict_user"] = str(self.words)

    def _show_problems_only(self, config: MkDocsConfig) -> None:
        """A preview without a good build yet: build nothing but the page
        listing the problems (no page, no nav entry, no theme page)."""
        self.broken, self.site = True, None
        config.nav = None
        config.theme.static_templates.clear()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.broken or self.unchanged:
            return Files([])
        assert self.site is not None
        self.specs, self.light, self.full = {}, [], []
        for spec in build_pages(self.site.catalog, self.site.settings, self.site.reports):
            self.specs[spec.src_uri] = spec
            # MkDocs builds only the lists (in its navigation); the plugin the others.
            if self.config.light_pages and (spec.content_template or not spec.in_nav):
                (self.light if spec.content_template else self.full).append(spec)
                continue
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content=spec.markdown, inclusion=inclusion))
        # Known to MkDocs, which does not build them: written pages may link to them.
        for file in unbuilt_pages(config, [spec.src_uri for spec in self.full + self.light]):
            files.append(file)
        self.site.has_corrections = files.get_file_from_path(urls.CORRECTIONS_SOURCE) is not None
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    def _catalog(self, config: MkDocsConfig) -> Catalog | None:
        """The checked content; any problem stops the build with all of them
        (the preview goes on: see :func:`~generator.engine.preview.stop_or_list`)."""
        try:
            as_of = resolve_as_of(self.config.as_of)
        except ValueError as error:
            raise PluginError(printable_lines(str(error))) from None
        cache = self.base / self.config.cache_dir
        corpus, problems = load_and_check(Path(self.config.interviews), self.base, as_of, cache, self.font, self.rules)
        problems += docs_problems(Path(config.docs_dir), self.base)
        if self.preview is not None:
            self.preview.problems = problems
        if problems:
            stop_or_list(self.preview, problems)
            return None
        return Catalog(corpus, as_of, self.config.stale_days)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta.update(spec.meta)
        assert self.site is not None
        return fill_markers(markdown, self.site.settings)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.specs:
            return html  # generated pages keep their words together themselves
        return wordbreak.keep_together_html(html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        ours = own_templates(config.theme.custom_dir)
        # MkDocs renders templates without escaping; ours escape every value
        # (content comes from many editors), Material's stay as they are.
        env.autoescape = lambda name: name in ours
        env.globals.update(jn=self.site, urls=urls, palette=palette)
        env.filters.update(
            cn_date=formats.cn_date,
            date=wordbreak.date_html,
            quantity=wordbreak.quantity_html,
            number=formats.number,
            percent=formats.percent,
            words=wordbreak.with_breaks,
            nobreak=wordbreak.nobreak,
            together=wordbreak.keep_together,
            must_replace=must_replace,
            changed=corrections.changed_html,
            field_label=corrections.field_label,
        )
        if self.preview is not None:
            env.bytecode_cache = self.templates
        self.env = env
        return env

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> TemplateContext:
        spec = self.specs.get(page.file.src_uri)
        context["view"] = spec.view if spec else {}  # type: ignore[typeddict-unknown-key]
        return context

    # Last: after the search plugin has written its index, and the build is
    # published only once every other plugin is done.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.unchanged:
            assert self.staging is not None
            config.site_dir = str(self.staging.site)
            self._drop_staging()
            return
        if self.broken:
            assert self.preview is not None
            page = problem_page(self.preview.problems).encode()
            write_files(Path(config.site_dir), {"index.html": page, "404.html": page})
            return
        assert self.site is not None and self.env is not None
        memo = Memo(self.base / self.config.cache_dir / OUTPUTS_MEMO)
        site_dir = Path(config.site_dir)
        # A build publishes through its staging, which keeps the files the
        # site holds already; the preview writes into the folder it serves.
        write = self.staging.write if self.staging is not None else partial(write_files, site_dir)
        others: dict[str, set[str]] = {}
        for name, make in other_parts(self.site, self.env, config, memo, self.font, self._pdfs()).items():
            # Each part written as soon as it is made: the build holds one at a time.
            part = run_through(make())
            others[name] = set(part)
            write(part)
            del part
        assert self.nav is not None and self.files is not None
        builder = Builder(self.env, config, self.nav, self.files)
        records = PageRecords(self.base / self.config.cache_dir / PAGE_RECORDS, self.staging)
        self.pages.keep = self.preview is not None
        shared = site_key(builder, self.site)
        built = render_generated_pages(
            builder, self.site, (self.full, self.light), memo, self.pages, records, shared, write
        )
        if self.staging is not None:
            made = built.written + len(built.files)
            log.info(f"pledges: 生成的页面新写 {made} 个，沿用已发布的 {len(built.locations) - made} 个")
        write(built.files)
        # Written: let them go before the search index is cut (the build's
        # largest use of memory).
        built.files.clear()
        memo.save()
        extend_sitemap(site_dir, built.locations, self.files, dated=len(self.full))
        if self.preview is not None and not strict_failure(config):
            # The theme's index, before it is cut (in the background).
            theme = read_search_index(site_dir / SEARCH_INDEX)
            cut = CutIndex(theme, frozenset()) if theme is not None else None
            self.served = Served(builder, self.site, shared, self.site_words, self.inputs, built.entries, others, cut)
            self.served.specs = self.specs
        search = self.base / self.config.cache_dir / SEARCH_MEMO
        self._finish(config, partial(self._index, site_dir, built.all_entries, search, write))
        if self.staging is not None and not strict_failure(config):
            # Forgotten first: a publish stopped halfway must not pass for the last one.
            forget(self.base / self.config.cache_dir)
            published = self.staging.commit()
            records.save()
            if self.key is not None:
                record(self.base / self.config.cache_dir, self.key)
            log.info(
                f"pledges: 网站文件写入 {published.written} 个，删除 {published.removed} 个，未变 {published.kept} 个"
            )
            config.site_dir = str(self.staging.site)
            self.staging = None
        if self.preview is not None:
            self.preview.built = not strict_failure(config)

    def _index(
        self, site_dir: Path, entries: list[dict[str, Any]], memo: Path, write: Callable[[Mapping[str, bytes]], None]
    ) -> None:
        """The search index (see :func:`update_search_index`), kept for the
        preview's quick rebuilds."""
        cut = update_search_index(site_dir, entries, memo, write)
        if self.served is not None and cut is not None:
            self.served.search = cut

    def _finish(self, config: MkDocsConfig, index: Callable[[], None]) -> None:
        """The search index and the share cards, from their caches or made
        anew; the preview makes them after the browser has reloaded (none of
        its pages shows a card, and its search may follow by a few seconds)."""
        assert self.site is not None
        cards_job = partial(
            draw_cards if self.preview is None else drawing_cards,
            cards(self.site.catalog, self.site.settings),
            self.font,
            self.base / self.config.cache_dir / "cards",
            Path(config.site_dir),
            self.staging.holds_link if self.staging is not None else None,
        )
        if self.preview is not None:
            self.later.run(settle_heap, index, cards_job)
            return
        index()
        try:
            cards_job()
        except CardError as error:
            raise PluginError(printable_lines(f"pledges: {error}")) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._drop_staging()
        self.served = None
        if self.preview is not None and not self.preview.problems:
            # Failed after MkDocs emptied the served folder: nothing good is left.
            self.preview.built = False

    def on_shutdown(self) -> None:
        # Interrupted (Ctrl-C is no error to MkDocs' on_build_error): the
        # staged build is dropped too, site/ stays as it was.
        self._drop_staging()
        self.later.wait()
        # MkDocs keeps this plugin for the whole process: the next build is no
        # preview, and is staged unless its own startup says otherwise.
        self.preview, self.broken = None, False
        self.command, self.dirty = None, False
        # What the preview rendered, kept for its rebuilds only.
        self.pages, self.served = PageMemo(), None

    def _pdfs(self) -> Path:
        """The cache folder of the reports' PDFs."""
        return self.base / self.config.cache_dir / "reports"

    def _rebuild(self, whole: Callable[[], None]) -> None:
        """A rebuild of the preview: quick when only interviews changed
        (:mod:`generator.engine.quickpreview`), else ``whole``, MkDocs' own."""
        self.later.stop()
        if self.served is not None and quick_rebuild(self.served, self._inputs(), self._writers(), self.later.run):
            self.site = self.served.site
            return
        whole()

    def _input_roots(self, config: MkDocsConfig) -> list[Path]:
        """Everything the site is built from, but the installed packages."""
        roots = [Path(config.config_file_path), Path(config.docs_dir), Path(self.config.interviews), TEMPLATES]
        roots += [Path(p) for p in config.watch]
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir))
        if self.font.is_file():
            roots.append(self.font)
        return [r for r in dict.fromkeys(roots) if r.exists()]

    def _inputs(self) -> Inputs:
        assert self.served is not None
        folder = Path(self.config.interviews)
        return Inputs(
            roots=self._input_roots(self.served.builder.config),
            interviews=folder,
            catalog=self._checked,
            words=lambda catalog: search_words(catalog, folder),
        )

    def _checked(self) -> Catalog | None:
        """The content, checked; None when it has a problem (the whole
        rebuild then lists them)."""
        try:
            as_of = resolve_as_of(self.config.as_of)
        except ValueError:
            return None
        cache = self.base / self.config.cache_dir
        corpus, problems = load_and_check(Path(self.config.interviews), self.base, as_of, cache, self.font, self.rules)
        return None if problems else Catalog(corpus, as_of, self.config.stale_days)

    def _writers(self) -> Writers:
        assert self.served is not None and self.env is not None
        env, config = self.env, self.served.builder.config
        cache = self.base / self.config.cache_dir
        site_dir = Path(config.site_dir)
        return Writers(
            others=lambda site, memo: other_parts(site, env, config, memo, self.font, self._pdfs()),
            cards=lambda site: drawing_cards(cards(site.catalog, site.settings), self.font, cache / "cards", site_dir),
            memo=cache / OUTPUTS_MEMO,
            search_memo=cache / SEARCH_MEMO,
            pages=self.pages,
        )

    def _drop_staging(self) -> None:
        if self.staging is not None:
            self.staging.abort()
            self.staging = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(self.config.interviews)
        wrap_rebuild(server, lambda whole: keep_serving(partial(self._rebuild, whole)))
        if self.preview is not None:
            # Every page served carries the banner while problems stand.
            wrap_served_html(server, partial(banner_injector, preview=self.preview))
        return server


def own_templates(custom_dir: str | None) -> frozenset[str]:
    """The template names the project's ``custom_dir`` and the plugin provide."""
    roots = [Path(custom_dir)] if custom_dir else []
    return frozenset(p.relative_to(root).as_posix() for root in [*roots, TEMPLATES] for p in root.rglob("*.html"))
