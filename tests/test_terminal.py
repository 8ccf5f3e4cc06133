"""Messages never act on the terminal: editor text echoed in a problem (a
file name, a value) is shown with its control characters written out, and
each problem is one line, whatever the text."""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from generator.content.problems import Problem, format_problems
from generator.editors.cli import main
from generator.text.hidden import HIDDEN, printable

from .conftest import SITES, build_site, copy_site

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: A name that clears the line and prints a fake success, reversed.
HOSTILE = "li\x1b[2K\r检查通过\u202esi\x9b2J\u2028"


def acts_on_terminal(char: str) -> bool:
    """Control, separator, surrogate and bidirectional characters."""
    return unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or char in BIDI


dangerous = st.sampled_from([*sorted(BIDI), "\x1b", "\r", "\n", "\x00", "\x7f", "\x85", "\x9b", "\u2028", "\ud800"])
texts = st.lists(st.one_of(st.characters(exclude_categories=()), dangerous)).map("".join)


@settings(max_examples=300, deadline=None)
@given(path=texts, field=texts, message=texts, line=st.integers(0, 10**6))
def test_a_problem_is_one_printable_line(path: str, field: str, message: str, line: int) -> None:
    shown = str(Problem(path, line, field, message))
    assert not any(acts_on_terminal(c) for c in shown)
    assert len(shown.splitlines()) == 1
    assert shown.startswith(printable(path) + f":{line}: ")


def unescape(shown: str) -> str:
    short = {"t": "\t", "n": "\n", "r": "\r"}
    return re.sub(
        r"\\x([0-9a-f]{2})|\\u([0-9a-f]{4})|\\([tnr])",
        lambda m: short[m.group(3)] if m.group(3) else chr(int(m.group(1) or m.group(2), 16)),
        shown,
    )


@settings(max_examples=300, deadline=None)
@given(text=texts.filter(lambda t: "\\" not in t))
@example(text="\ufeff")
@example(text="\ufdd0")
def test_nothing_shown_is_lost(text: str) -> None:
    shown = printable(text)
    assert unescape(shown) == text
    # What a terminal shows as it is stays as it is.
    assert [c for c in shown if c != "\\"] == [c for c in text if not acts_on_terminal(c)] or "\\" in shown
    # Only what the checker calls hidden (a BOM, a noncharacter, not only what
    # moves the cursor) is written out.
    if not HIDDEN.search(text) and "\t" not in text and "\n" not in text:
        assert shown == text


def test_escapes_are_readable() -> None:
    assert printable(HOSTILE) == "li\\x1b[2K\\r检查通过\\u202esi\\x9b2J\\u2028"
    assert printable("第 3 行\t「好」") == "第 3 行\\t「好」"


def test_a_list_of_problems_has_one_line_each() -> None:
    problems = [Problem("a.md", 1, "title", "x\ny\rz"), Problem("b\n.md", 2, "id", "\u2029")]
    assert len(format_problems(problems).splitlines()) == 3


@pytest.fixture
def hostile_site(tmp_path: Path) -> Path:
    """The small site with an interview whose file name is an escape sequence."""
    site = copy_site(SITES / "small", tmp_path / "site")
    (site / "interviews/2021/li-si.md").rename(site / "interviews/2021" / f"{HOSTILE}.md")
    return site


def test_check_prints_no_escape_sequence(hostile_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(hostile_site)]) == 1
    out = capsys.readouterr().out
    assert "interviews/2021/li\\x1b[2K\\r检查通过\\u202esi\\x9b2J\\u2028.md:" in out
    assert not any(acts_on_terminal(c) for c in out.replace("\n", ""))


def test_the_build_error_prints_no_escape_sequence(
    hostile_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(hostile_site / "mkdocs.yml", tmp_path / "out")
    shown = "\n".join(r.getMessage() for r in caplog.records)
    assert "li\\x1b[2K\\r检查通过" in shown
    assert not any(acts_on_terminal(c) for c in shown.replace("\n", ""))
