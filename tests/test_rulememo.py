"""The preview checks the whole site on every save and keeps what each
interview's own rules found (:class:`RuleMemo`): an interview not changed,
with its pledges' record not changed, is not checked again, and what the
check finds is always what a fresh check finds."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.load import load
from generator.content.model import Interview
from generator.content.problems import Problem
from generator.content.rulememo import RuleMemo
from generator.content.rules import broken_rules

from .test_fuzz import FUZZ, front_matters

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
AS_OF = dt.date(2020, 12, 31)


def _site(folder: Path) -> Path:
    """The corrections fixture (an interview, its ledger and its record) and
    a second interview with pledges of their own, in ``folder``."""
    interviews = folder / "interviews"
    shutil.copytree(FIXTURES / "corrections", interviews)
    shutil.copyfile(FIXTURES / "units.yml", interviews / "units.yml")
    text = (FIXTURES / "valid.md").read_text(encoding="utf-8")
    other = text.replace("demo-2020-", "demo-2020-b-").replace("issue: 1", "issue: 2")
    (interviews / "other.md").write_text(other, encoding="utf-8")
    return interviews


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no «{old}»"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_check_through_the_memo_finds_what_a_fresh_check_finds(tmp_path: Path) -> None:
    """Edit after edit (an interview, the record, the as-of date, and back),
    the rules through one memo, as the preview runs them, find what they
    find without it."""
    interviews = _site(tmp_path)
    memo, cache = RuleMemo(), tmp_path / ".cache"

    def both(as_of: dt.date = AS_OF) -> list[Problem]:
        # Read through the cache, as the preview reads: an unchanged file is the object read before.
        corpus, problems = load(interviews, tmp_path, cache)
        kept = broken_rules(corpus, as_of, memo=memo)
        assert kept == broken_rules(corpus, as_of)
        return sorted(set(problems + kept))

    before = both()  # the fixture's own problems about its corrections
    assert before and {p.path for p in before} == {"interviews/valid.md"}
    assert both() == before  # the second time from the memo
    _edit(interviews / "other.md", "quote: 年底前建成5座便民桥梁", "quote: 年底前建成六座便民桥梁")
    quote = {("interviews/other.md", "pledges[1].quote")}
    assert {(p.path, p.field) for p in both()} - {(p.path, p.field) for p in before} == quote
    _edit(interviews / "record.yml", "text: 9月新建小学投入使用", "text: 8月新建小学投入使用")
    found = both()
    assert {(p.path, p.field) for p in found} - {(p.path, p.field) for p in before} == quote | {
        ("interviews/valid.md", "pledges[2].text")
    }
    assert {p.field for p in both(dt.date(2020, 9, 15))} > {p.field for p in found}
    _edit(interviews / "other.md", "quote: 年底前建成六座便民桥梁", "quote: 年底前建成5座便民桥梁")
    _edit(interviews / "record.yml", "text: 8月新建小学投入使用", "text: 9月新建小学投入使用")
    assert both() == before


class _Counting:
    """A check that finds one problem per interview and counts its calls."""

    def __init__(self) -> None:
        self.checked: list[str] = []

    def __call__(self, interview: Interview) -> list[Problem]:
        self.checked.append(interview.slug)
        return [Problem(interview.path, 1, "title", f"{interview.slug} 的问题")]


def _interviews(tmp_path: Path) -> list[Interview]:
    corpus, _ = load_and_check(_site(tmp_path), tmp_path, AS_OF)
    assert len(corpus.interviews) == 2
    return corpus.interviews


def test_only_what_changed_is_checked_again(tmp_path: Path) -> None:
    """Checked again: an interview that is another object, one whose
    record changed, and every one under another setting; the problems of
    the others are those found before."""
    one, two = _interviews(tmp_path)
    memo, check = RuleMemo(), _Counting()
    record: dict[str, object] = {one.slug: "recorded", two.slug: "recorded"}

    def run(*interviews: Interview, setting: tuple[object, ...] = (AS_OF,)) -> list[Problem]:
        return memo.problems(interviews, setting, check, lambda i: (record[i.slug],))

    first = run(one, two)
    assert check.checked == [one.slug, two.slug]
    assert run(one, two) == first
    assert check.checked == [one.slug, two.slug]
    edited = replace(one)  # the same content read again: another object
    assert run(edited, two) == first
    assert check.checked[2:] == [one.slug]
    record[two.slug] = "published again"
    run(edited, two)
    assert check.checked[3:] == [two.slug]
    run(edited, two, setting=(dt.date(2021, 1, 1),))
    assert check.checked[4:] == [one.slug, two.slug]
    # An interview left out is forgotten: back, it is checked again.
    run(two, setting=(dt.date(2021, 1, 1),))
    run(edited, two, setting=(dt.date(2021, 1, 1),))
    assert check.checked[6:] == [one.slug]


@FUZZ
@given(first=front_matters(), then=front_matters(), body=st.text(max_size=200), late=st.booleans())
def test_any_edit_through_the_memo_finds_what_the_rules_find(
    tmp_path_factory: pytest.TempPathFactory, first: dict[str, Any], then: dict[str, Any], body: str, late: bool
) -> None:
    """Whatever an edited interview holds (fields of the right shape with
    wrong values here and there), the rules through the memo, after a check
    of what it held before, find what they find without it."""
    folder = tmp_path_factory.mktemp("memo")
    interviews = _site(folder)
    memo, cache = RuleMemo(), folder / ".cache"
    as_of = dt.date(2020, 9, 15) if late else AS_OF
    for front in (first, then):
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
        (interviews / "fuzz.md").write_bytes(text.encode("utf-8", errors="surrogatepass"))
        corpus, _ = load(interviews, folder, cache)
        assert broken_rules(corpus, as_of, memo=memo) == broken_rules(corpus, as_of)
