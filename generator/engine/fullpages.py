"""The generated pages that need MkDocs' whole page pipeline (the
interviews, whose article is Markdown with a table of contents, and the
units), built by the plugin itself, and only when their inputs changed.

MkDocs does not build them (they are files it knows of but excludes, as the
light pages are: written pages may still link to them). Each is built here
as MkDocs would build it (:func:`~generator.engine.mkdocsinternals.building_page`):
the same HTML and the same search entries. Both are kept by the page's key
(:mod:`generator.engine.pagememo`): a rebuild of the preview builds again
only the pages whose data, templates, settings or navigation changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.content.memo import Memo
from generator.content.steps import run_through
from generator.engine.lightpages import Rendered, light_page_steps
from generator.engine.mkdocsinternals import building_page
from generator.engine.pagememo import Digester, PageMemo, page_key, shared_key
from generator.engine.pagerecords import PageRecords
from generator.engine.segmenter import words_key
from generator.views.pagespecs import PageSpec
from generator.views.siteview import Settings, SiteView


@dataclass(frozen=True)
class Builder:
    """What MkDocs builds its pages with: the theme's Jinja environment, the
    config, the navigation and the files."""

    env: Environment
    config: MkDocsConfig
    nav: Navigation
    files: Files


def render_full_pages(
    builder: Builder,
    specs: list[PageSpec],
    settings: Settings,
    memo: PageMemo,
    shared: str,
    records: PageRecords | None = None,
    digest: Digester | None = None,
) -> Rendered:
    """Every page of ``specs`` as MkDocs builds it, found in ``memo`` when
    its key (``shared`` with the spec, hashed by ``digest``) is there, kept
    in the site when ``records`` says it is there already, built and kept
    otherwise."""
    done = Rendered({}, {}, [])
    digest = digest or Digester()
    config = builder.config
    documentation = builder.files.documentation_pages()
    for spec in specs:
        key = page_key(shared, "full", spec, digest=digest)
        url = spec.src_uri.removesuffix(".md") + "/"
        done.locations.append(settings.url(url))
        found: tuple[bytes, list[dict[str, Any]]] | None = memo.get(key)
        if found is None and records is not None and (kept := records.reuse(url + "index.html", key)) is not None:
            done.entries[url] = kept
            continue
        if found is None:
            page = Page(None, File.generated(config, spec.src_uri, content=spec.markdown), config)
            built = building_page(page, config, builder.files, builder.nav, builder.env, documentation)
            html, entries = run_through(built)
            found = html.encode("utf-8", errors="xmlcharrefreplace"), entries
            memo.put(key, found, spec.src_uri)
        done.files[url + "index.html"] = found[0]
        done.entries[url] = [dict(entry) for entry in found[1]]
        if records is not None:
            records.record(url + "index.html", key, found[0], found[1])
    return done


def site_key(builder: Builder, site: SiteView) -> str:
    """What every generated page of ``site`` depends on besides its own data
    (:func:`~generator.engine.pagememo.shared_key`)."""
    return shared_key(builder.config, builder.nav, site.settings, site.catalog.as_of, site.has_corrections, words_key())


def render_generated_pages(
    builder: Builder,
    site: SiteView,
    specs: tuple[list[PageSpec], list[PageSpec]],
    memo: Memo,
    pages: PageMemo,
    records: PageRecords | None = None,
    shared: str | None = None,
    write: Callable[[Mapping[str, bytes]], object] | None = None,
) -> Rendered:
    """The generated pages MkDocs does not build, ``specs``: those built
    through its page pipeline, then the light ones (:mod:`~generator.engine.lightpages`),
    rendered again only when their inputs changed since the last build of
    the process (kept in ``pages``; ``memo`` keeps the light pages' search
    texts) or since the last build published (``records``); ``shared`` is
    :func:`site_key`, computed here when not given; with ``write``, the
    files are handed to it as they are made, not returned."""
    full_specs, light_specs = specs
    settings, (env, config, nav, files) = site.settings, (builder.env, builder.config, builder.nav, builder.files)
    shared = shared if shared is not None else site_key(builder, site)
    pages.begin()
    digest = Digester()
    full = render_full_pages(builder, full_specs, settings, pages, shared, records, digest)
    if write is not None:
        full.flush(write)
    light = run_through(
        light_page_steps(env, config, nav, files, light_specs, settings, memo, pages, shared, records, digest, write)
    )
    pages.finish()
    return Rendered(
        {**full.files, **light.files},
        {**full.entries, **light.entries},
        full.locations + light.locations,
        full.written + light.written,
    )
