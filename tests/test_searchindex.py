"""The cut search index (generator/outputs/searchindex.py) and the worker
that answers queries from it (overrides/assets/javascripts/workers/jn-search.js).

The index must keep every word of every page (read back, nothing is lost),
give the same bytes for the same pages, and be cut so that no file is much
larger than the limit; the worker, run in Chromium on an index cut small,
must find for each beginning of a word exactly the pages that have a word
starting with it."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page

from generator.content.memo import Memo
from generator.outputs import searchindex
from generator.outputs.publishing import write_files
from generator.outputs.searchindex import read_search, search_files, search_pages, words

from .conftest import ROOT, serve

SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；]+"
WORKER = ROOT / "overrides" / "assets" / "javascripts" / "workers" / "jn-search.js"


def doc(location: str, title: str, text: str, **more: Any) -> dict[str, Any]:
    return {"location": location, "title": title, "text": text, **more}


DOCS = [
    doc("pledges/a/", "举办\u200b基层\u200b党支部\u200b交流会", "<p>省直机关工委\u200b已兑现</p>"),
    doc("pledges/b/", "党组\u200b书记\u200b讲\u200b党课", "<p>省直机关工委\u200b推进中</p>"),
    doc("units/u/", "省直机关工委", "<p>简称\u200b：\u200b工委</p>", boost=2),
    doc("interviews/i/", "访谈", "<p>开篇</p>"),
    doc("interviews/i/#s1", "第一节", "<p>党支部\u200b标准化\u200b建设</p>"),
    doc("guide/", "编辑\u200b指南", "<p>党支部\u200b示例</p>", boost=1e-9),
]


def page_words(page: searchindex.SearchPage) -> set[str]:
    return {*page.title_words, *page.text_words, *page.parts}


def test_a_page_and_its_sections_are_one_page_sorted_by_location() -> None:
    pages = search_pages(DOCS, re.compile(SEPARATOR))
    assert [p.location for p in pages] == ["guide/", "interviews/i/", "pledges/a/", "pledges/b/", "units/u/"]
    interview = pages[1]
    assert interview.title == "访谈" and interview.snippet == "开篇 党支部标准化建设"
    assert {"党支部", "标准化", "建设"} <= page_words(interview)
    assert pages[0].boost == 1e-9 and pages[4].boost == 2


def test_words_leave_out_single_characters_and_punctuation_and_keep_latin_lower_case() -> None:
    found = words(
        "<p>讲\u200b\u2060党\u200b党课\u200b&lt;script&gt;alert(&quot;jn-1&quot;)\u200bABC</p>", re.compile(SEPARATOR)
    )
    assert found == ["党课", "script", "alert", "jn", "abc"]


def test_the_parts_of_a_long_word_are_words_of_the_page() -> None:
    unit = {p.location: p for p in search_pages(DOCS, re.compile(SEPARATOR))}["units/u/"]
    assert "工委" in unit.text_words and {"省直", "机关"} <= set(unit.parts)


def test_a_word_in_the_title_and_a_short_page_score_higher() -> None:
    long_text = "\u200b".join(["党支部", *(f"词{i}语" for i in range(200))])
    docs = [
        doc("a/", "党支部", "<p>其他</p>"),
        doc("b/", "其他", "<p>党支部</p>"),
        doc("c/", "其他", f"<p>{long_text}</p>"),
    ]
    pages = search_pages(docs, re.compile(SEPARATOR))
    scores = searchindex.scores(pages)["党支部"]
    assert scores[0] > scores[1] > scores[2] > 0


def test_the_same_pages_give_the_same_bytes_and_every_word_is_read_back(tmp_path: Path) -> None:
    files = search_files(DOCS, SEPARATOR)
    assert files == search_files(list(reversed(DOCS)), SEPARATOR)
    write_files(tmp_path, files)
    found = read_search(tmp_path)
    pages = search_pages(DOCS, re.compile(SEPARATOR))
    assert {p.location: page_words(p) for p in pages} == {k: set(v.words) for k, v in found.items()}
    assert found["pledges/a/"].title == "举办基层党支部交流会"


def synthetic(count: int) -> list[dict[str, Any]]:
    """Pages whose words share a few first characters, so that a small
    limit cuts their shards several levels deep."""
    stems = ["党支部", "党组", "党课", "党建工作", "省直机关", "省委", "工委", "工作", "测试省教育厅", "测试省交通厅"]
    docs = []
    for n in range(count):
        chosen = [stems[(n * k) % len(stems)] + ("" if k % 3 else str(k)) for k in range(1, 6)]
        docs.append(doc(f"p/{n:03d}/", f"第{n}页", "<p>" + "\u200b".join(chosen) + "</p>"))
    return docs


def test_large_shards_are_cut_by_the_next_characters_and_have_their_best_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(searchindex, "SHARD_LIMIT", 400)
    files = search_files(synthetic(60), SEPARATOR)
    meta = json.loads(files["search/meta.json"])
    assert "党" in meta["split"] and "测试" in meta["split"], meta["split"]
    assert f"search/shards/{ord('党'):x}-top.json" in files
    # A shard is cut until its words fit, or all of them are one word.
    for path, body in files.items():
        if "/shards/" in path and not path.endswith("-top.json") and len(body) > 400:
            assert len(json.loads(body)) == 1, path
    write_files(tmp_path, files)
    assert set(read_search(tmp_path)) == {f"p/{n:03d}/" for n in range(60)}


TEXT = st.text(
    alphabet=st.sampled_from(list("党支部工委省直机关测试建设已兑现推进中abcXYZ019 <>&\"'\u200b\u2060、。-")),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.booleans(), TEXT, TEXT, st.sampled_from([1.0, 2.0, 1e-4])),
        min_size=1,
        max_size=12,
    )
)
def test_any_pages_are_indexed_whole_and_read_back(tmp: list[tuple[int, bool, str, str, float]]) -> None:
    docs = [
        doc(f"p/{n}/" + ("#s" if section else ""), title, f"<p>{text}</p>", boost=boost)
        for n, section, title, text, boost in tmp
    ]
    files = search_files(docs, SEPARATOR)
    assert files == search_files(docs, SEPARATOR)
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), files)
        found = read_search(Path(folder))
    pages = search_pages(docs, re.compile(SEPARATOR))
    assert {p.location: page_words(p) for p in pages} == {k: set(v.words) for k, v in found.items()}
    assert all(len(w) > 1 for p in found.values() for w in p.words)


@dataclass
class CutSite:
    """The worker on a blank page of a served folder that holds an index of
    synthetic pages, cut small."""

    page: Page
    base: str
    pages: list[searchindex.SearchPage]


@pytest.fixture
def cut_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: Browser) -> Iterator[CutSite]:
    monkeypatch.setattr(searchindex, "SHARD_LIMIT", 400)
    docs = synthetic(60)
    write_files(tmp_path, search_files(docs, SEPARATOR))
    worker = tmp_path / "assets" / "javascripts" / "workers"
    worker.mkdir(parents=True)
    shutil.copy(WORKER, worker)
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(base + "/")
        yield CutSite(page, base, search_pages(docs, re.compile(SEPARATOR)))
        page.close()


ASK = """async ([queries]) => {
    const worker = new Worker("assets/javascripts/workers/jn-search.js");
    const answers = [];
    for (const query of queries) {
        answers.push(await new Promise(done => {
            worker.onmessage = event => { if (event.data.type === 3) done(event.data.data.items); };
            worker.postMessage({type: 2, data: query});
        }));
    }
    worker.terminate();
    return answers.map(items => items.map(group => group[0].location));
}"""


def ask(page: Page, queries: list[str]) -> list[list[str]]:
    answers: list[list[str]] = page.evaluate(ASK, [queries])
    return answers


@pytest.mark.browser
def test_the_worker_finds_the_pages_with_a_word_starting_with_each_query(cut_site: CutSite) -> None:
    pages = cut_site.pages
    every = sorted({w for p in pages for w in page_words(p)})
    queries = sorted({w[:end] for w in every for end in range(1, len(w) + 1)})
    answers = ask(cut_site.page, queries)
    requested: list[str] = []
    cut_site.page.on("request", lambda request: requested.append(request.url.removeprefix(cut_site.base)))
    ask(cut_site.page, ["测试省教育厅"])
    wrong = {}
    for query, answer in zip(queries, answers, strict=True):
        expected = {p.location for p in pages if any(w.startswith(query) for w in page_words(p))}
        if set(answer) != expected or len(answer) != len(set(answer)):
            wrong[query] = (sorted(answer), sorted(expected))
    assert wrong == {}
    # One shard: the file of a beginning of the word, not every shard of its first character.
    shards = [path for path in requested if "/shards/" in path]
    assert len(shards) == 1, shards
    prefix = "".join(
        chr(int(h, 16)) for h in shards[0].removeprefix("/search/shards/").removesuffix(".json").split("-")
    )
    assert len(prefix) >= 2 and "测试省教育厅".startswith(prefix), shards


@pytest.mark.browser
def test_a_query_of_words_not_in_the_index_is_cut_into_its_words(cut_site: CutSite) -> None:
    pages = cut_site.pages
    glued, spaced, nothing = ask(cut_site.page, ["党支部工委", "党支部 工委", "没有的词"])
    both = {p.location for p in pages if {"党支部", "工委"} <= page_words(p)}
    starting = {
        p.location
        for p in pages
        if all(any(w.startswith(query) for w in page_words(p)) for query in ("党支部", "工委"))
    }
    assert both and set(glued) == both
    assert set(spaced) == starting
    assert nothing == []


def test_a_page_whose_entries_did_not_change_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = Memo(None)
    first = search_files(DOCS, SEPARATOR, memo, "words")
    assert first == search_files(DOCS, SEPARATOR)
    read: list[str] = []
    original = searchindex._page

    def counted(location: str, *args: Any) -> searchindex.SearchPage:
        read.append(location)
        return original(location, *args)

    monkeypatch.setattr(searchindex, "_page", counted)
    again = Memo(None)
    again.old = dict(memo.new)
    changed = [*DOCS[:1], doc("pledges/b/", "党组\u200b书记\u200b讲\u200b党课", "<p>已兑现</p>"), *DOCS[2:]]
    assert search_files(changed, SEPARATOR, again, "words") == search_files(changed, SEPARATOR)
    assert read == ["pledges/b/", "guide/", "interviews/i/", "pledges/a/", "pledges/b/", "units/u/"]
    # The segmenter's dictionary changed: every page is read again.
    read.clear()
    search_files(changed, SEPARATOR, again, "other words")
    assert len(read) == 5
