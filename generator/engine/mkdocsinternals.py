"""Everything the engine takes from MkDocs' and Material's internals.

MkDocs' plugin events and its config are a public interface; what follows
is not, and an upgrade may change it without notice. It is used here and
nowhere else, and ``tests/test_engine_assumptions.py`` checks each
assumption directly, naming what to port when one breaks. (One more, where
MkDocs' loader finds the plugins, is in ``pluginoptions.py``, which the
editors' commands import without this module; ``tests/test_startup.py``
checks it.)

1. ``mkdocs.commands.build.get_context(nav, files, config, page)`` returns
   the context MkDocs renders a page's template with; the light pages
   render their shell with it (keys :data:`CONTEXT_KEYS`).
2. ``Page(None, file, config)`` makes a page of a generated ``File``
   outside MkDocs' own build, whose ``url``, ``meta`` and ``content`` the
   theme reads.
3. ``sitemap.xml`` is MkDocs' ``sitemap.xml`` template: one ``<url>`` block
   per page (the shape of :data:`SITEMAP_URL`), closed by ``\\n</urlset>``;
   ``sitemap.xml.gz`` is its gzip dated by ``get_build_timestamp(pages=...)``.
4. Material's ``search/search_index.json`` is ``{"config": {"separator",
   "fields", ...}, "docs": [{"location", "title", "text"}, ...]}``.
5. Material's search plugin is ``config.plugins["material/search"]``; its
   ``on_config`` reads its option ``jieba_dict_user`` (a file of words, one
   a line) and gives it to ``jieba.load_userdict``.
6. ``LiveReloadServer._inject_js_into_html(content, epoch)`` (private)
   adds the reload script to every HTML page the preview serves, and
   ``server.builder`` is the rebuild it runs on a change.
7. ``--strict`` counts warnings with a ``mkdocs.utils.CountHandler`` on the
   ``mkdocs`` logger and fails only after the last ``post_build`` event.
8. Material's HTML holds the texts ``overrides/main.html`` replaces in
   its ``header`` and ``site_nav`` blocks; each replacement goes through
   :func:`must_replace`, which stops the build when its text is missing.
9. A link of a written page to a file MkDocs excludes (``InclusionLevel.
   EXCLUDED``, never built) resolves to the file's URL, and MkDocs says so
   only at INFO, in the message :data:`EXCLUDED_LINK` matches (the light
   pages are such files: see :func:`unbuilt_pages`).
10. ``mkdocs.utils.get_relative_url(".", url)`` is the ``base_url`` MkDocs
    gives a page at ``url`` (:func:`base_url`), and
    ``mkdocs.utils.yaml.yaml_load`` reads ``mkdocs.yml`` as MkDocs does
    (its ``!ENV`` and ``!relative`` tags: :func:`read_config_file`).
11. A page is built as ``mkdocs.commands.build._populate_page`` and
    ``_build_page`` build it: ``on_pre_page``, ``read_source``,
    ``on_page_markdown``, ``render``, ``on_page_content``, then, with the
    page active, ``get_context`` with the built pages, ``on_page_context``,
    its ``template`` (``main.html`` by default) and ``on_post_page``
    (:func:`building_page`, for the pages the plugin builds itself).
12. Material's search plugin adds a page's entries (dicts of the index's
    ``docs``) to the list ``search_index.entries`` in its ``on_page_context``
    (:func:`building_page` takes them from there) by its method
    ``search_index.add_entry_from_context(page)``.
13. Material's search box runs its search in the web worker named by
    ``"search"`` in the page's ``__config`` (``overrides/main.html`` names
    ``workers/jn-search.js`` instead) and talks to it in messages
    ``{type, data}``: SETUP (0, the index ``search/search_index.json``,
    which every page fetches), READY (1), QUERY (2, the query as typed) and
    RESULT (3, ``{items: [[{location, title, text, score, terms}]]}``, one
    group per page, ``title`` and ``text`` drawn as HTML). The page opened
    from a result marks the words of ``?h=`` with that index's
    ``config.separator``.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

from jinja2.filters import do_replace
from jinja2.nodes import EvalContext
from jinja2.utils import pass_eval_context
from markupsafe import escape as escape_html
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_build_date, get_build_timestamp, get_relative_url
from mkdocs.utils.templates import TemplateContext
from mkdocs.utils.yaml import yaml_load

from generator.content.steps import Steps

#: The keys of :func:`get_context`'s result the theme's templates read.
CONTEXT_KEYS = frozenset(
    {"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version", "build_date_utc", "config", "page"}
)
#: One page's lines in ``sitemap.xml`` (as MkDocs' template writes them).
SITEMAP_URL = "\n    <url>\n         <loc>{}</loc>\n    </url>"
#: The same, of a page MkDocs would have built (dated by the build's date).
SITEMAP_DATED_URL = "\n    <url>\n         <loc>{}</loc>\n         <lastmod>{}</lastmod>\n    </url>"
SITEMAP_END = "\n</urlset>"
#: Where Material writes its search index, in the site folder.
SEARCH_INDEX = Path("search") / "search_index.json"
#: The name of Material's search plugin in ``config.plugins``.
SEARCH_PLUGIN = "material/search"
#: What MkDocs logs of a link to an excluded file.
EXCLUDED_LINK = re.compile(r"Doc file '.*' contains a link to '(.*)' which is excluded from the built site\.")
PAGES_LOGGER = "mkdocs.structure.pages"


class _UnbuiltLinks(logging.Filter):
    """Drops MkDocs' note of a link to a page it does not build itself."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: frozenset[str] = frozenset()

    def filter(self, record: logging.LogRecord) -> bool:
        found = EXCLUDED_LINK.fullmatch(record.getMessage())
        return found is None or found.group(1) not in self.pages


_unbuilt_links = _UnbuiltLinks()


def page_context(nav: Navigation, files: Files, config: MkDocsConfig, page: Page) -> TemplateContext:
    """The context MkDocs would render ``page``'s template with."""
    return get_context(nav, files, config, page)


def base_url(url: str) -> str:
    """The ``base_url`` of a page at ``url``: the way back to the site's root."""
    return get_relative_url(".", url)


def read_config_file(path: Path) -> Any:
    """The YAML of ``path`` (a ``mkdocs.yml``), read as MkDocs reads it."""
    with path.open("rb") as file:
        return yaml_load(file)


def generated_page(config: MkDocsConfig, src_uri: str, meta: dict[str, Any]) -> Page:
    """A page of no content at ``src_uri``, outside MkDocs' own pages."""
    page = Page(None, File.generated(config, src_uri, content=""), config)
    page.meta = meta
    page.content = ""
    return page


def unbuilt_pages(config: MkDocsConfig, src_uris: list[str]) -> list[File]:
    """Files MkDocs knows of but does not build (the light pages): a
    written page may link to them (``pledges/<id>.md``), and the link
    becomes the page's URL, with no note in the build's log."""
    _unbuilt_links.pages = frozenset(src_uris)
    logger = logging.getLogger(PAGES_LOGGER)
    if _unbuilt_links not in logger.filters:
        logger.addFilter(_unbuilt_links)
    return [File.generated(config, uri, content="", inclusion=InclusionLevel.EXCLUDED) for uri in src_uris]


#: Pieces of a template's output between two steps of :func:`building_page`.
PIECES = 500


def building_page(
    page: Page,
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Any,
    documentation: Sequence[File] | None = None,
) -> Steps[tuple[str, list[dict[str, Any]]]]:
    """``page`` built as MkDocs builds its own pages (every plugin's page
    events included), in steps: its HTML and its entries in the theme's
    search index. The theme's template is rendered a few hundred pieces at
    a time (the list of 10,000 pledges takes seconds). ``documentation``:
    the site's pages among ``files``, if known (MkDocs lists them once a
    build; at 11,000 pages listing them takes 10 ms)."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    search = search_plugin(config)
    entries: list[dict[str, Any]] = getattr(getattr(search, "search_index", None), "entries", [])
    known = len(entries)
    page.active = True
    try:
        pages = files.documentation_pages() if documentation is None else documentation
        context = get_context(nav, pages, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        # As Template.render, which joins the same pieces at once.
        pieces: list[str] = []
        for piece in template.generate(context):
            pieces.append(piece)
            if len(pieces) % PIECES == 0:
                yield
        output = config.plugins.on_post_page("".join(pieces), page=page, config=config)
    finally:
        page.active = False
    return output, [dict(entry) for entry in entries[known:]]


def extend_sitemap(site_dir: Path, locations: list[str], files: Files, dated: int = 0) -> None:
    """Add ``locations`` (absolute URLs) to sitemap.xml and its gzip, written
    as MkDocs writes them (the gzip dated by the build's timestamp); the
    first ``dated`` are pages MkDocs would have built, which it dates by the build."""
    path = site_dir / "sitemap.xml"
    if not path.is_file() or not locations:
        return
    text = path.read_text(encoding="utf-8")
    if not text.endswith(SITEMAP_END) and not text.endswith(SITEMAP_END + "\n"):
        raise ValueError(
            f"{path}: MkDocs 的 sitemap.xml 不再以 </urlset> 结尾，请改写 mkdocsinternals.extend_sitemap。"
        )
    today = get_build_date()
    lines = "".join(SITEMAP_DATED_URL.format(escape(url), today) for url in locations[:dated])
    lines += "".join(SITEMAP_URL.format(escape(url)) for url in locations[dated:])
    text = text.replace(SITEMAP_END, lines + SITEMAP_END)
    path.write_text(text, encoding="utf-8")
    timestamp = get_build_timestamp(pages=[f.page for f in files.documentation_pages() if f.page is not None])
    gz = site_dir / "sitemap.xml.gz"
    with gz.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(gz), mode="wb", mtime=timestamp) as out:
        out.write(text.encode("utf-8"))


def read_search_index(path: Path) -> dict[str, Any] | None:
    """Material's search index (None when the site has none), its shape checked."""
    if not path.is_file():
        return None
    index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    config = index.get("config") if isinstance(index, dict) else None
    if not isinstance(config, dict) or not {"separator", "fields"} <= config.keys() or "docs" not in index:
        raise ValueError(
            f"{path}: Material 的搜索索引不再是 {{config: {{separator, fields}}, docs}}，请改写 lightpages 的索引处理。"
        )
    return index


def write_search_index(path: Path, index: dict[str, Any]) -> None:
    """Write ``index`` as compact UTF-8 without ``\\u`` escapes (a Chinese
    character takes 3 bytes, not 6)."""
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def search_plugin(config: MkDocsConfig) -> BasePlugin[Any] | None:
    """Material's search plugin, when the site uses it and it is enabled."""
    plugin = config.plugins.get(SEARCH_PLUGIN)
    return plugin if plugin is not None and plugin.config.get("enabled", True) else None


def wrap_served_html(
    server: LiveReloadServer, wrap: Callable[[Callable[[bytes, int], bytes]], Callable[[bytes, int], bytes]]
) -> None:
    """Pass every HTML page the preview serves through ``wrap`` of the
    server's own injection (its livereload script)."""
    if hasattr(server, "_inject_js_into_html"):
        server._inject_js_into_html = wrap(server._inject_js_into_html)  # type: ignore[method-assign]


def wrap_rebuild(server: LiveReloadServer, wrap: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
    """Run the preview's rebuilds through ``wrap``."""
    server.builder = wrap(server.builder)


def strict_failure(config: MkDocsConfig) -> bool:
    """Whether MkDocs is about to fail a ``--strict`` build for the warnings
    it counted (it checks only after the last ``post_build`` event)."""
    handlers = logging.getLogger("mkdocs").handlers
    return bool(config.strict) and any(h.get_counts() for h in handlers if isinstance(h, CountHandler))


@pass_eval_context
def must_replace(context: EvalContext, html: str, old: str, new: str, block: str, if_drawn: str | None = None) -> str:
    """The template filter ``html | must_replace(old, new, block)``: Jinja's
    ``replace``, stopping the build when ``old`` is not in ``html`` (the
    theme changed, and the replacement would silently do nothing). With
    ``if_drawn``, ``old`` may be missing when ``if_drawn`` is missing too
    (the theme drew nothing to replace)."""
    escaped = context.autoescape and not hasattr(html, "__html__")
    text = str(escape_html(html)) if escaped else str(html)
    needle = str(escape_html(old)) if context.autoescape else str(old)
    if needle not in text and (if_drawn is None or if_drawn in text):
        raise PluginError(
            f"pledges: overrides/main.html 的 {block} 块要替换的文字在 Material 的 HTML 里找不到：{needle}"
            "（Material 升级后改了这段 HTML，请照新的 HTML 改写这处替换）。"
        )
    return do_replace(context, html, old, new)
