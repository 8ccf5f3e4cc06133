"""The lighter path renders pledge pages exactly as MkDocs would: the same
HTML, the same search entries, the same sitemap."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.engine import lightpages
from generator.engine.lightpages import Shell, segment, slot
from generator.engine.pagememo import Digester, PageMemo, page_key, templates_digest
from generator.outputs import searchindex

from .conftest import ROOT, SITES, BuiltSite, build_site, copy_site


@pytest.fixture(scope="module")
def one_by_one(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small site with every pledge page rendered by MkDocs itself."""
    config = copy_site(SITES / "small", tmp_path_factory.mktemp("small-copy") / "site") / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      demo: true", "      demo: true\n      light_pages: false"), encoding="utf-8")
    return build_site(config, tmp_path_factory.mktemp("one-by-one"))


def pledge_pages(site: BuiltSite) -> dict[str, bytes]:
    return {p.parent.name: p.read_bytes() for p in sorted((site.out / "pledges").glob("*/index.html"))}


def test_the_same_html(small_site: BuiltSite, one_by_one: BuiltSite) -> None:
    light, mkdocs = pledge_pages(small_site), pledge_pages(one_by_one)
    assert len(light) == 6
    assert light == mkdocs


def search_index(site: BuiltSite) -> dict[str, bytes]:
    folder = site.out / "search"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def test_the_same_search_index(small_site: BuiltSite, one_by_one: BuiltSite) -> None:
    light = search_index(small_site)
    assert "meta.json" in light and any(name.startswith("shards/") for name in light)
    assert light == search_index(one_by_one)


def test_the_search_index_is_cut_again_only_when_a_page_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    cut: list[int] = []
    original = searchindex.search_files

    def counted(docs: list[dict[str, str]], *args: Any) -> dict[str, bytes]:
        cut.append(len(docs))
        return original(docs, *args)

    monkeypatch.setattr(lightpages, "search_files", counted)
    first = build_site(site / "mkdocs.yml", tmp_path / "first")
    again = build_site(site / "mkdocs.yml", tmp_path / "again")
    assert len(cut) == 1 and search_index(first) == search_index(again)
    interview = next(p for p in (site / "interviews").rglob("*.md") if "危桥" in p.read_text(encoding="utf-8"))
    interview.write_text(interview.read_text(encoding="utf-8").replace("危桥", "危旧桥梁"), encoding="utf-8")
    changed = build_site(site / "mkdocs.yml", tmp_path / "changed")
    assert len(cut) == 2 and search_index(changed) != search_index(first)


def sitemap(site: BuiltSite) -> set[str]:
    return set(re.findall(r"<loc>(.*?)</loc>", (site.out / "sitemap.xml").read_text(encoding="utf-8")))


def test_the_same_sitemap(small_site: BuiltSite, one_by_one: BuiltSite) -> None:
    assert "https://example.org/pledges/jt-2020-weiqiao/" in sitemap(small_site)
    assert sitemap(small_site) == sitemap(one_by_one)


def test_a_shell_fills_its_slots_and_nothing_else() -> None:
    shell = Shell.cut(f"<title>{slot('title')} - 站</title><main>{slot('content')}</main><a href='x/{slot('id')}/'>")
    assert shell.fill({"title": "甲", "content": "<p>乙</p>", "id": "a-1"}) == (
        "<title>甲 - 站</title><main><p>乙</p></main><a href='x/a-1/'>"
    )


def test_segmenting_as_the_theme_does() -> None:
    assert segment("44个后进支部 44") == "44\u200b个\u200b后进\u200b支部\u200b 44"


@pytest.mark.parametrize("light", [True, False])
def test_a_written_page_may_link_to_a_generated_one(
    tmp_path: Path, light: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "mkdocs")
    site = copy_site(SITES / "small", tmp_path / "site")
    shutil.copytree(SITES / "linking" / "docs", site / "docs", dirs_exist_ok=True)
    config = site / "mkdocs.yml"
    option = f"      demo: true\n      light_pages: {str(light).lower()}"
    config.write_text(config.read_text(encoding="utf-8").replace("      demo: true", option), encoding="utf-8")
    built = build_site(config, tmp_path / "out")
    assert built.warnings == []
    assert not [m for m in caplog.messages if "excluded from the built site" in m]

    def links(url: str) -> list[str]:
        soup = BeautifulSoup(built.text(url), "html.parser")
        return [str(a["href"]) for a in soup.select("article a[href*='pledges/']")]

    weiqiao, xinxian = "../pledges/jt-2020-weiqiao/", "../pledges/jt-2020-xinxian/"
    assert links("links/") == [weiqiao, xinxian, weiqiao + "#progress"]
    assert links("notes/links/") == ["../" + weiqiao, "../" + xinxian]
    assert (built.out / "pledges" / "jt-2020-weiqiao" / "index.html").is_file()


def test_a_page_key_follows_the_data_not_which_parts_are_one_object() -> None:
    """Content read anew shares objects that content from the load cache
    does not: the same data must give the same key (or nothing is reused)."""
    words = ["甲", "乙"]
    shared = {"a": words, "b": words}
    copied = {"a": ["甲", "乙"], "b": ["甲", "乙"]}
    assert page_key("k", shared) == page_key("k", copied)
    assert page_key("k", shared) != page_key("k", {"a": words, "b": ["甲", "丙"]})
    assert page_key("k", shared) != page_key("other", shared)


@dataclass(frozen=True)
class Written:
    text: str
    words: frozenset[str]
    where: str = field(default="", repr=False)


def test_a_page_key_follows_what_the_repr_shows() -> None:
    one = Written("甲", frozenset({"乙", "丙", "丁"}), where="a.md:3")
    same = Written("甲", frozenset({"丁", "丙", "乙"}), where="b.md:9")
    assert page_key("k", [one, one]) == page_key("k", [same, Written("甲", frozenset({"乙", "丙", "丁"}))])
    assert page_key("k", one) != page_key("k", Written("甲", frozenset({"乙", "丙"})))
    assert page_key("k", one) != page_key("k", Written("甲 ", one.words))
    assert page_key("k", ["a"]) != page_key("k", ("a",)) != page_key("k", "a")
    digest = Digester()
    assert page_key("k", one, digest=digest) == page_key("k", one, digest=digest) == page_key("k", one)


KEYS = """
import sys
from mkdocs.config import load_config
from generator.engine.pagememo import page_key, shared_key
config = load_config(sys.argv[1])
nav = type("Nav", (), {"items": []})()
print(shared_key(config, nav, {"x", "y", "z"}), page_key("k", {"a", "b", "c", "d"}))
"""


def test_the_keys_are_the_same_in_every_process() -> None:
    """A set's order (the theme's names of its static templates, a page's
    words) changes between runs of Python: no key may follow it."""
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_MKDOCS_2_WARNING": "1"}
        command = [sys.executable, "-c", KEYS, str(SITES / "small" / "mkdocs.yml")]
        run = subprocess.run(command, env=env, capture_output=True, text=True, check=True, cwd=ROOT)
        seen.add(run.stdout)
    assert len(seen) == 1, seen


def test_a_template_changed_changes_the_key(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    template = tmp_path / "partials" / "x.html"
    template.write_text("<p>{{ a }}</p>", encoding="utf-8")
    before = templates_digest(tmp_path)
    assert templates_digest(tmp_path) == before
    template.write_text("<p>{{ b }}</p>", encoding="utf-8")
    assert templates_digest(tmp_path) != before


def test_the_memo_keeps_what_the_last_build_used() -> None:
    memo = PageMemo()
    memo.begin()
    memo.put("k1", "one", "a.md")
    memo.put("k2", "two", "b.md")
    memo.finish()
    assert memo.rendered == ["a.md", "b.md"]
    memo.begin()
    assert memo.get("k1") == "one" and memo.rendered == []
    memo.finish()
    memo.begin()
    assert memo.get("k1") == "one"
    assert memo.get("k2") is None  # not used by the build before: forgotten
