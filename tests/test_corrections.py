"""Corrections (issue 16): a published pledge never changes silently. The
check compares every published pledge with what publish recorded; a change
needs a dated, explained correction, which readers then see on the pledge's
page, on /corrections/, in the feed and in the open data."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.load import load
from generator.content.problems import Problem
from generator.content.record import Change, Recorded, read_record, render_record
from generator.editors.cli import main
from generator.views.urls import file_history

from .conftest import ROOT, build_site

INTERVIEW = Path("interviews/2020/shi-guangliang.md")
PLEDGE = "szjggw-2020-lianxi-huiyi"
OLD_QUOTE = "建立模范机关建设工作联席会议机制,制定联席会议工作细则"
NEW_QUOTE = "建立模范机关建设工作联席会议机制"  # still the article's words
CORRECTION = "    corrections:\n      - date: 2020-09-01\n        note: 原话多摘了半句，按见报原文改正。\n        fields: [quote]\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the bundled site, published: its record written."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("interviews", "docs", "overrides", "fonts"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, tmp_path / folder)
    assert main(["publish", str(tmp_path)]) == 0
    assert (tmp_path / "interviews/record.yml").is_file()
    return tmp_path


def problems(site: Path) -> list[Problem]:
    return load_and_check(site / "interviews", site)[1]


def edit(site: Path, old: str, new: str) -> None:
    path = site / INTERVIEW
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(site: Path, text: str) -> int:
    lines = (site / INTERVIEW).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def correct_quote(site: Path) -> None:
    """The quote changed, with its correction under the pledge."""
    edit(site, f"quote: {OLD_QUOTE}\n", f"quote: {NEW_QUOTE}\n{CORRECTION}")


def test_the_bundled_site_has_its_record_and_passes() -> None:
    found: list[Problem] = []
    record = read_record(ROOT / "interviews/record.yml", ROOT, found)
    assert found == [] and PLEDGE in record
    assert record[PLEDGE].fields["quote"] == OLD_QUOTE


def test_a_changed_published_quote_fails_at_its_line_with_both_versions(site: Path) -> None:
    edit(site, f"quote: {OLD_QUOTE}", f"quote: {NEW_QUOTE}")
    found = problems(site)
    assert len(found) == 1
    problem = found[0]
    assert (problem.path, problem.line) == (INTERVIEW.as_posix(), line_of(site, "quote: " + NEW_QUOTE))
    assert f"发布时是「{OLD_QUOTE}」，现在是「{NEW_QUOTE}」" in problem.message
    assert "corrections" in problem.message and "改回" in problem.message


def test_a_correction_lets_it_pass_and_every_reader_sees_it(site: Path, tmp_path: Path) -> None:
    correct_quote(site)
    assert problems(site) == []
    built = build_site(site / "mkdocs.yml", tmp_path / "out")
    page = built.text(f"pledges/{PLEDGE}/")
    assert "更正记录" in page and "原话多摘了半句" in page
    assert "联席会议机制<del>,制定联席会议工作细则</del>" in page  # the words taken out, struck
    assert "本条曾于2020年9月1日更正" in re.sub(r"<[^>]+>", "", page)  # the citation says so
    listing = built.text("corrections/")
    assert f"pledges/{PLEDGE}/#corrections" in listing and "原话多摘了半句" in listing
    feed = (built.out / "feed.xml").read_text(encoding="utf-8")
    assert f"pledges/{PLEDGE}/#correction-1" in feed and "更正：" in feed
    data = json.loads((built.out / f"api/pledges/{PLEDGE}.json").read_text(encoding="utf-8"))
    (correction,) = data["pledge"]["corrections"]
    assert correction["date"] == "2020-09-01" and correction["fields"] == ["quote"]
    assert correction["changes"] == [{"field": "quote", "before": OLD_QUOTE, "after": NEW_QUOTE}]


def test_publish_records_the_correction_and_it_stays(site: Path, tmp_path: Path) -> None:
    correct_quote(site)
    assert main(["publish", str(site)]) == 0
    found: list[Problem] = []
    recorded = read_record(site / "interviews/record.yml", site, found)[PLEDGE]
    assert recorded.fields["quote"] == NEW_QUOTE and recorded.corrections == 1
    assert recorded.history == ((Change("quote", OLD_QUOTE, NEW_QUOTE),),)
    assert problems(site) == []
    page = build_site(site / "mkdocs.yml", tmp_path / "out").text(f"pledges/{PLEDGE}/")
    assert "联席会议机制<del>,制定联席会议工作细则</del>" in page  # from the record now
    # A recorded correction cannot explain a later change, nor be deleted.
    summary = "text: 建立模范机关建设工作联席会议机制，制定联席会议工作细则"
    edit(site, summary, summary + "。")
    assert [p.field for p in problems(site)] == ["pledges[2].text"]
    edit(site, summary + "。", summary)
    edit(site, f"quote: {NEW_QUOTE}\n{CORRECTION}", f"quote: {NEW_QUOTE}\n")
    assert "更正记录不能删除" in " ".join(p.message for p in problems(site))


def test_a_published_progress_entry_cannot_change_or_go(site: Path) -> None:
    entry = "      - date: 2020-07-20\n        status: fulfilled\n        note: 联席会议第一次全体会议召开"
    edit(site, entry, entry.replace("2020-07-20", "2020-07-21"))
    found = problems(site)
    assert [p.line for p in found] == [line_of(site, "- date: 2020-07-21")]
    assert "已发布的一条进展改了" in found[0].message and "发布时是「2020-07-20 fulfilled" in found[0].message
    edit(site, entry.replace("2020-07-20", "2020-07-21"), entry)
    assert problems(site) == []
    # Deleted: the list it was in is named.
    source = '          - {title: 演示来源：联席会议召开, url: "https://example.org/demo/szjggw/2020-07-20-lianxi"}\n'
    edit(site, entry + "，审议通过工作细则\n        sources:\n" + source, "")
    found = problems(site)
    assert any("已发布的一条进展被删去了" in p.message for p in found)
    # With a correction that names progress, it passes.
    edit(site, f"quote: {OLD_QUOTE}\n", f"quote: {OLD_QUOTE}\n" + CORRECTION.replace("[quote]", "[progress]"))
    assert problems(site) == []


def test_a_correction_must_name_what_changed(site: Path) -> None:
    edit(site, f"quote: {OLD_QUOTE}\n", f"quote: {OLD_QUOTE}\n{CORRECTION.replace('[quote]', '[quote, deadline]')}")
    messages = [p.message for p in problems(site)]
    assert any("说改了 quote，但它与发布时相同" in m for m in messages)
    assert any("说改了 deadline，但它与发布时相同" in m for m in messages)
    edit(site, "[quote, deadline]", "[wording]")
    assert any("「wording」不是可以更正的字段" in p.message for p in problems(site))


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
        st.builds(
            lambda fields, progress, history: Recorded(
                dict(zip(("text", "quote", "category", "deadline", "target"), fields, strict=True)),
                tuple(progress),
                len(history),
                tuple(tuple(Change("quote", b, a) for b, a in part) for part in history),
            ),
            st.lists(texts, min_size=5, max_size=5),
            st.lists(texts.filter(bool), max_size=3),
            st.lists(st.lists(st.tuples(texts, texts), max_size=2), max_size=2),
        ),
        max_size=4,
    )
)
def test_the_record_reads_back_what_publish_wrote(records: dict[str, Recorded]) -> None:
    """Any record is written and read back whole, and the same record gives the same text."""
    text = render_record(records)
    assert text == render_record(dict(reversed(list(records.items()))))
    folder = Path(tempfile.mkdtemp())
    (folder / "record.yml").write_text(text, encoding="utf-8")
    found: list[Problem] = []
    assert read_record(folder / "record.yml", folder, found) == records
    assert found == []


def test_an_interview_links_to_its_history_where_the_repository_is_public(site: Path, tmp_path: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(
        "repo_url: https://github.com/example/jiannuo\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    page = build_site(config, tmp_path / "out").text("interviews/shi-guangliang/")
    assert f"https://github.com/example/jiannuo/commits/HEAD/{INTERVIEW.as_posix()}" in page
    assert file_history("https://gitlab.com/a/b/", "interviews/x 1.md") == (
        "https://gitlab.com/a/b/-/commits/HEAD/interviews/x%201.md"
    )
    assert file_history("https://example.org/repo", "interviews/x.md") is None
    assert file_history(None, "interviews/x.md") is None


@settings(max_examples=200, deadline=None)
@given(st.one_of(texts, st.builds(render_record, st.just({})).map(lambda head: head + "x:\n  progress: 3\n")))
def test_a_broken_record_is_a_problem_never_a_crash(text: str) -> None:
    """Whatever the record holds, reading it gives records or a located problem."""
    folder = Path(tempfile.mkdtemp())
    (folder / "record.yml").write_text(text, encoding="utf-8")
    found: list[Problem] = []
    records = read_record(folder / "record.yml", folder, found)
    assert isinstance(records, dict)
    assert all(p.path == "record.yml" and p.line >= 1 for p in found)


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text,  # unchanged: from the cache
        # edited: read again, and the pledge's text now differs from the record
        lambda text: text.replace("举办基层党支部标准化建设工作经验交流会", "举办交流会", 1),
        lambda text: text + "\nx: [\n",  # broken: the same problem from the cache as read
    ],
)
def test_the_record_from_the_cache_is_the_record_read_afresh(tmp_path: Path, edit: Callable[[str], str]) -> None:
    """The record is kept in the interviews' cache (10,000 published pledges
    take a second to parse): what a check gets from it is what reading the
    file gives, problems included, and an edited record is read again."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "interviews", site / "interviews")
    record = site / "interviews/record.yml"
    load_and_check(site / "interviews", site, cache=tmp_path / "cache")  # the record as it was, cached
    record.write_text(edit(record.read_text(encoding="utf-8")), encoding="utf-8")
    for _ in range(2):  # read (or not, unchanged) and kept, then from the cache
        cached, problems = load_and_check(site / "interviews", site, cache=tmp_path / "cache")
        found: list[Problem] = []
        assert cached.record == read_record(record, site, found)
        assert [p for p in problems if p.path == "interviews/record.yml"] == sorted(set(found))


@settings(max_examples=100, deadline=None)
@given(st.one_of(texts, st.builds(render_record, st.just({})).map(lambda head: head + "x:\n  progress: 3\n")))
def test_any_record_reads_the_same_through_the_cache(text: str) -> None:
    """Whatever the record holds, the check gets from the cache (filled, then
    read back) the records and problems reading the file gives."""
    folder = Path(tempfile.mkdtemp())
    (folder / "record.yml").write_text(text, encoding="utf-8")
    found: list[Problem] = []
    records = read_record(folder / "record.yml", folder, found)
    for _ in range(2):
        corpus, problems = load(folder, folder, folder / ".cache")
        assert corpus.record == records
        assert [p for p in problems if p.path == "record.yml"] == found
