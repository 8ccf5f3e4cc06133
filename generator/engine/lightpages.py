"""The many small generated pages, rendered through a lighter path.

Every page at the same depth (all pledge pages are ``pledges/<id>/``) gets
the same theme around its content: header, tabs, footer, scripts, the
relative links of all of them. MkDocs renders that theme anew for each page
(nine tenths of a pledge page's time). Here it is rendered once, with slots
where a page's own title, description, address and content go, and each
page is the shell with its slots filled: the same HTML, ten times faster.

The pages are then not MkDocs pages: what MkDocs would do for them besides
the HTML is done here too — their search entries (segmented the way the
theme's search plugin does, so that Chinese queries find them) and their
lines in the sitemap. The theme's whole search index is then replaced by
one cut in small files, so that a query loads only what it needs
(:func:`update_search_index`).

A page's content is rendered again only when its inputs changed since the
last build of the process (:mod:`generator.engine.pagememo`); the pages
that need MkDocs' Markdown and table of contents, the interviews and units,
are built by :mod:`generator.engine.fullpages`, kept the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

import jieba
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from generator.content.fingerprint import fingerprint
from generator.content.memo import Memo, digest
from generator.content.steps import Steps
from generator.engine.mkdocsinternals import (
    SEARCH_INDEX,
    base_url,
    generated_page,
    page_context,
    read_search_index,
    write_search_index,
)
from generator.engine.pagememo import Digester, PageMemo, page_key
from generator.engine.pagerecords import PageRecords
from generator.engine.segmenter import words_key
from generator.outputs.publishing import write_files
from generator.outputs.searchindex import search_files
from generator.views import urls
from generator.views.pagespecs import PageSpec
from generator.views.siteview import Settings
from generator.views.wordbreak import HAN

SLOTS = ("id", "title", "description", "content")
SHELL_TEMPLATE = "jn-shell.html"


def slot(name: str) -> str:
    """The placeholder of slot ``name`` (plain letters: no escaping changes it)."""
    return f"JNSLOT{name}END"


@dataclass(frozen=True)
class Shell:
    """The theme's page with slots, cut at them: text, slot, text, slot..."""

    parts: tuple[str, ...]
    names: tuple[str, ...]

    @classmethod
    def cut(cls, html: str) -> Shell:
        pieces = re.split(f"({'|'.join(map(slot, SLOTS))})", html)
        return cls(tuple(pieces[0::2]), tuple(p[len("JNSLOT") : -len("END")] for p in pieces[1::2]))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page: every slot replaced by its value (already HTML)."""
        out = [self.parts[0]]
        for name, part in zip(self.names, self.parts[1:], strict=True):
            out += [values[name], part]
        return "".join(out)


@dataclass(frozen=True)
class Stub:
    """What the ``url`` filter needs of a page: its URL."""

    url: str


def shell(
    env: Environment,
    config: MkDocsConfig,
    nav: Navigation,
    files: Files,
    folder: str,
    meta: dict[str, Any],
    card: bool = True,
) -> Shell:
    """The theme around a page in ``folder`` (e.g. ``pledges``), rendered
    once (with the share card its pages have, if ``card``)."""
    page = generated_page(
        config, f"{folder}/{slot('id')}.md", {**meta, "title": slot("title"), "description": slot("description")}
    )
    context = page_context(nav, files, config, page)
    url = str(config.site_url) + page.url
    share = {"url": url, "image": urls.card(url), "type": "article"} if card else None
    context["view"] = {"share": share}  # type: ignore[typeddict-unknown-key]
    return Shell.cut(env.get_template(SHELL_TEMPLATE).render(context))


def render_page(env: Environment, config: MkDocsConfig, template: str, url: str, view: dict[str, Any]) -> str:
    """The content of one page: ``template`` rendered as the theme would in
    a page at ``url`` (relative links included)."""
    context = {"config": config, "page": Stub(url), "base_url": base_url(url), "view": view}
    return env.get_template(template).render(context)


def segment(text: str, memo: Memo | None = None) -> str:
    """Chinese text cut into words with zero-width spaces between them, as
    the theme's search plugin indexes it (kept in ``memo`` between builds,
    with the site's words in the segmenter's dictionary: the segmenter is
    the slow part)."""
    key = digest("segment", jieba.__version__, words_key(), text)
    if memo is not None and (known := memo.get(key)) is not None:
        return known.decode()

    def words(match: re.Match[str]) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    done = HAN.sub(words, text).strip("\u200b")
    if memo is not None:
        memo.put(key, done.encode())
    return done


def search_entry(location: str, title: str, texts: Iterable[str], memo: Memo | None = None) -> dict[str, str]:
    """A page's entry in the search index: its title and its texts."""
    body = " ".join(f"<p>{escape(t, quote=False)}</p>" for t in texts)
    return {"location": location, "title": segment(title, memo), "text": segment(body, memo)}


@dataclass
class Rendered:
    """Generated pages of a build: their files, search entries (by page, in
    the build's order) and sitemap lines."""

    files: dict[str, bytes]
    entries: dict[str, list[dict[str, Any]]]
    locations: list[str]
    #: Files already handed on (:meth:`flush`), no longer in ``files``.
    written: int = 0

    def flush(self, write: Callable[[Mapping[str, bytes]], object]) -> None:
        """Hand the files on to ``write`` and let them go."""
        write(self.files)
        self.written += len(self.files)
        self.files = {}

    @property
    def all_entries(self) -> list[dict[str, Any]]:
        """Every page's search entries, one list."""
        return [entry for entries in self.entries.values() for entry in entries]


#: Pages handed on at a time: a first build then never holds all its pages (500 MB at N = 1000).
FLUSH_PAGES = 500


def light_page_steps(
    env: Environment,
    config: MkDocsConfig,
    nav: Navigation,
    files: Files,
    specs: list[PageSpec],
    settings: Settings,
    memo: Memo | None = None,
    pages: PageMemo | None = None,
    shared: str = "",
    records: PageRecords | None = None,
    digest: Digester | None = None,
    write: Callable[[Mapping[str, bytes]], object] | None = None,
) -> Steps[Rendered]:
    """Every page of ``specs``, a step each, those of a folder (e.g. ``pledges/``) in one
    shell of the theme (their search texts segmented once, kept in ``memo``;
    a page's content kept in ``pages`` by its key:
    ``shared``, :func:`~generator.engine.pagememo.shared_key`, with its spec;
    a page the site holds already as ``records`` says is kept there); with
    ``write``, the files are handed to it a few hundred at a time."""
    done = Rendered({}, {}, [])
    digest = digest or Digester()
    for (folder, as_of), some in _by_shell(specs).items():
        meta: dict[str, Any] = {"hide": list(some[0].hide)} | ({"as_of": as_of} if as_of else {})
        theme = shell(env, config, nav, files, folder, meta, card="share" in some[0].view)
        for spec in some:
            yield
            url = spec.src_uri.removesuffix(".md") + "/"
            done.locations.append(settings.url(url))
            key = page_key(shared, "light", spec, digest=digest) if pages is not None else ""
            if records is not None and key and (kept := records.reuse(url + "index.html", key)) is not None:
                done.entries[url] = kept
                continue
            content: str | None = pages.get(key) if pages is not None else None
            if content is None:
                content = render_page(env, config, spec.content_template, url, spec.view)
                if pages is not None:
                    pages.put(key, content, spec.src_uri)
            values = {
                "id": url.removeprefix(folder + "/").rstrip("/"),
                "title": escape(spec.title),
                "description": escape(spec.description),
                "content": content,
            }
            html = theme.fill(values).encode("utf-8", errors="xmlcharrefreplace")
            done.files[url + "index.html"] = html
            if write is not None and len(done.files) >= FLUSH_PAGES:
                done.flush(write)
            # Segmented from ``memo``, which keeps only what each build asks for.
            entries = [search_entry(url, escape(spec.title), spec.search_texts, memo)] if spec.searchable else []
            done.entries[url] = entries
            if records is not None and key:
                records.record(url + "index.html", key, html, entries)
    if write is not None:
        done.flush(write)
    return done


def _by_shell(specs: list[PageSpec]) -> dict[tuple[str, dt.date | None], list[PageSpec]]:
    """The specs by the shell around them: their folder and the day a frozen page shows."""
    groups: dict[tuple[str, dt.date | None], list[PageSpec]] = {}
    for spec in specs:
        groups.setdefault((spec.src_uri.rsplit("/", 1)[0], spec.as_of), []).append(spec)
    return groups


#: The cache file of the cut search index (in the plugin's cache folder).
SEARCH_MEMO = "search.pickle"


@dataclass(frozen=True)
class CutIndex:
    """The search index of a build: the theme's index as the theme wrote it,
    and the names of the cut index's files."""

    theme: dict[str, Any]
    files: frozenset[str]


def update_search_index(
    site_dir: Path,
    entries: list[dict[str, Any]],
    cache: Path,
    write: Callable[[Mapping[str, bytes]], object] | None = None,
    theme: dict[str, Any] | None = None,
) -> CutIndex | None:
    """Replace the theme's search index, one file the browser loads whole,
    with the cut index of :mod:`generator.outputs.searchindex` made of its
    entries and ``entries``. The theme's file keeps its ``config`` (the
    page opened from a result marks the words searched with it) and no
    entries. The cut index is made again only when some entry changed (kept
    in the memo file ``cache``); its files go through ``write`` (by default
    written into ``site_dir``). ``theme`` is the theme's index when it is
    no longer in ``site_dir`` (a rebuild that did not run the theme):
    it is returned, with the names of the files written."""
    path = site_dir / SEARCH_INDEX
    index = theme if theme is not None else read_search_index(path)
    if index is None:
        return None
    docs = [*index["docs"], *entries]
    separator = index["config"]["separator"]
    code = fingerprint(search_files.__module__)
    key = digest("search", code, words_key(), separator, json.dumps(docs, ensure_ascii=False, sort_keys=True))
    memo = Memo(cache)
    kept = memo.get(key)
    files: dict[str, bytes] = (
        pickle.loads(kept) if kept is not None else search_files(docs, separator, memo, words_key())
    )
    if kept is None:
        memo.put(key, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))
    (write or partial(write_files, site_dir))(files)
    write_search_index(path, {**index, "docs": []})
    memo.save()
    return CutIndex(index, frozenset(files))
