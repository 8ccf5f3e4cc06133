"""Each assumption ``generator/engine/mkdocsinternals.py`` makes of MkDocs'
and Material's internals, checked directly: after an upgrade, a failure
names the assumption broken and what to port."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import jieba
import jinja2
import mkdocs
import pytest
from material.plugins.search.plugin import SearchIndex  # type: ignore[import-untyped]
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, get_build_timestamp

from generator.engine import mkdocsinternals as internals
from generator.engine import segmenter

from .conftest import SITES

PORT = "generator/engine/mkdocsinternals.py"


def broken(number: int, what: str, port: str) -> str:
    """The message of a broken assumption: which, and what to port."""
    return f"MkDocs/Material changed assumption {number} of {PORT} ({what}): port {port}"


@pytest.fixture
def config() -> MkDocsConfig:
    loaded = load_config(str(SITES / "small" / "mkdocs.yml"))
    loaded.plugins._current_plugin = "pledges"  # as during a plugin's event (File.generated reads it)
    return loaded


def test_1_get_context_takes_a_page_and_gives_the_keys_the_theme_reads(config: MkDocsConfig) -> None:
    parameters = list(inspect.signature(mkdocs_build.get_context).parameters)
    assert parameters[:4] == ["nav", "files", "config", "page"], broken(1, f"get_context{parameters}", "page_context")
    page = internals.generated_page(config, "pledges/x.md", {})
    context = internals.page_context(Navigation([], []), Files([]), config, page)
    missing = internals.CONTEXT_KEYS - set(context)
    assert not missing, broken(1, f"get_context() lacks {sorted(missing)}", "page_context and lightpages.shell")
    assert context["page"] is page and context["base_url"] == "../..", broken(1, "page, base_url", "page_context")


def test_2_a_page_is_made_of_a_generated_file(config: MkDocsConfig) -> None:
    parameters = list(inspect.signature(Page.__init__).parameters)
    assert parameters == ["self", "title", "file", "config"], broken(2, f"Page{parameters}", "generated_page")
    page = internals.generated_page(config, "pledges/x.md", {"title": "甲"})
    assert (page.url, page.meta, page.content) == ("pledges/x/", {"title": "甲"}, ""), broken(
        2, "Page(None, file, config)", "generated_page"
    )


def _mkdocs_sitemap(urls: list[str]) -> str:
    """sitemap.xml as MkDocs' own template writes it for pages at ``urls``."""
    folder = Path(mkdocs.__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=False)
    pages = [
        SimpleNamespace(page=SimpleNamespace(is_link=False, abs_url=None, canonical_url=url, update_date="2021-06-10"))
        for url in urls
    ]
    return env.get_template("sitemap.xml").render(pages=pages)


def test_3_the_sitemap_has_one_block_per_page_and_ends_with_urlset(tmp_path: Path) -> None:
    material = Path(inspect.getfile(SearchIndex)).parents[2] / "templates" / "sitemap.xml"
    assert not material.exists(), broken(3, "Material now writes its own sitemap.xml", "extend_sitemap")
    text = _mkdocs_sitemap(["https://example.org/a/"])
    block = internals.SITEMAP_URL.format("https://example.org/a/").removesuffix("\n    </url>")
    assert block in text and text.endswith(internals.SITEMAP_END), broken(
        3, "the shape of sitemap.xml", "extend_sitemap"
    )
    assert "pages" in inspect.signature(get_build_timestamp).parameters, broken(
        3, "get_build_timestamp(pages=...)", "extend_sitemap"
    )
    (tmp_path / "sitemap.xml").write_text(text, encoding="utf-8")
    internals.extend_sitemap(tmp_path, ["https://example.org/b/"], Files([]))
    extended = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert extended == text.replace(
        internals.SITEMAP_END, internals.SITEMAP_URL.format("https://example.org/b/") + internals.SITEMAP_END
    )


def test_4_the_search_index_is_config_and_docs(config: MkDocsConfig, tmp_path: Path) -> None:
    page = internals.generated_page(config, "pledges/x.md", {"title": "标题"})
    page.content, page.toc = "<p>乙</p>", []  # type: ignore[assignment]
    index = SearchIndex(lang=["zh"], separator=r"[\s]+", pipeline=[], fields={"title": {"boost": 1}})
    index.add_entry_from_context(page)
    path = tmp_path / "search_index.json"
    path.write_text(index.generate_search_index(None), encoding="utf-8")
    try:
        read = internals.read_search_index(path)
    except ValueError as error:
        pytest.fail(broken(4, str(error), "read_search_index and lightpages.update_search_index"))
    assert read is not None
    assert read["docs"] and set(read["docs"][0]) == {"location", "title", "text"}, broken(
        4, f"an entry is {read['docs']}", "lightpages.search_entry"
    )


def test_5_the_search_plugin_loads_its_jieba_dict_user_in_on_config(config: MkDocsConfig, tmp_path: Path) -> None:
    plugin = internals.search_plugin(config)
    assert plugin is not None, broken(5, f"no plugin {internals.SEARCH_PLUGIN!r}", "search_plugin")
    assert "jieba_dict_user" in plugin.config, broken(5, "no option jieba_dict_user", "PledgesPlugin._words")
    word = "践诺假想词甲乙"
    path = segmenter.prepare([word], tmp_path)
    try:
        plugin.config["jieba_dict_user"] = str(path)
        plugin.on_config(config)
        assert word in jieba.dt.FREQ, broken(5, "on_config did not load jieba_dict_user", "PledgesPlugin._words")
    finally:
        segmenter.restore()
    assert word not in jieba.dt.FREQ


def test_6_the_preview_server_injects_into_html_and_runs_its_builder() -> None:
    inject = getattr(LiveReloadServer, "_inject_js_into_html", None)
    assert inject is not None, broken(6, "LiveReloadServer._inject_js_into_html is gone", "wrap_served_html")
    assert list(inspect.signature(inject).parameters) == ["self", "content", "epoch"], broken(
        6, "_inject_js_into_html(content, epoch)", "wrap_served_html and preview.banner_injector"
    )
    source = inspect.getsource(LiveReloadServer)
    assert "self._inject_js_into_html(content, epoch)" in source, broken(6, "its call", "wrap_served_html")
    assert "self.builder = builder" in source and "self.builder()" in source, broken(
        6, "server.builder", "wrap_rebuild"
    )


def test_7_strict_counts_warnings_after_the_last_post_build() -> None:
    source = inspect.getsource(mkdocs_build.build)
    assert "CountHandler()" in source and "get_counts()" in source, broken(7, "the warning counter", "strict_failure")
    assert source.index("on_post_build") < source.index("get_counts()"), broken(
        7, "strict fails before post_build", "strict_failure"
    )
    assert callable(CountHandler().get_counts), broken(7, "CountHandler.get_counts", "strict_failure")


def test_10_base_url_and_mkdocs_yml_are_read_as_mkdocs_does(
    config: MkDocsConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = internals.generated_page(config, "pledges/x.md", {})
    context = internals.page_context(Navigation([], []), Files([]), config, page)
    assert internals.base_url(page.url) == context["base_url"], broken(10, "base_url", "base_url")
    monkeypatch.setenv("JN_TEST_SITE_URL", "https://example.org/")
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV JN_TEST_SITE_URL\n", encoding="utf-8")
    assert internals.read_config_file(path) == {"site_url": "https://example.org/"}, broken(
        10, "yaml_load and its !ENV tag", "read_config_file"
    )


def test_13_the_search_box_talks_to_its_worker_in_four_messages() -> None:
    scripts = Path(inspect.getfile(SearchIndex)).parents[2] / "templates" / "assets" / "javascripts"
    bundle = "".join(p.read_text(encoding="utf-8") for p in scripts.glob("bundle.*.min.js"))
    worker = "".join(p.read_text(encoding="utf-8") for p in (scripts / "workers").glob("search.*.min.js"))
    port = "overrides/assets/javascripts/workers/jn-search.js"
    assert '"search/search_index.json"' in bundle, broken(13, "the page no longer fetches the index", port)
    assert "{type:2,data:" in bundle, broken(13, "the page no longer sends QUERY (2)", port)
    for field in ("e.location", "e.title", "e.text", "e.terms", "e.score"):
        assert field in bundle, broken(13, f"a result item no longer has {field[2:]}", port)
    assert re.search(r"case 0:.*\{type:1\}", worker), broken(13, "SETUP (0) no longer answers READY (1)", port)
    assert re.search(r"case 2:.*\{type:3,data:", worker), broken(13, "QUERY (2) no longer answers RESULT (3)", port)
