"""Hostile input: whatever an interview file holds, the checker ends in
located problems or a valid corpus — never a traceback, never a hang."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.problems import Problem

from .conftest import FIXTURES
from .test_linear import SHAPES

VALID = (FIXTURES / "rules" / "valid.md").read_text(encoding="utf-8")
UNITS = FIXTURES / "rules" / "units.yml"
#: Per case: generous for a slow machine, far below a hang.
SECONDS = 20
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int) -> Iterator[None]:
    """Fail a case that runs longer than ``seconds`` instead of waiting for it."""

    def stop(signum: int, frame: object) -> None:
        raise Hang(f"the checker ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_bytes(folder: Path, data: bytes) -> list[Problem]:
    """Check a site whose one interview file holds ``data``; every problem
    must say where it is and what is wrong."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(UNITS, folder / "units.yml")
    (folder / "fuzz.md").write_bytes(data)
    with bounded(SECONDS):
        _, problems = load_and_check(folder, folder, dt.date(2020, 12, 31))
    for problem in problems:
        assert problem.path in ("fuzz.md", "units.yml")
        assert problem.line >= 1
        assert problem.field
        assert any("\u4e00" <= c <= "\u9fff" for c in problem.message), "the message is Chinese"
    return problems


def run_of(shape: str, size: int) -> str:
    """About ``size`` characters of one of the shapes that once made the
    checker slow (:data:`tests.test_linear.SHAPES`)."""
    return SHAPES[shape](size)


#: Long runs of what YAML and the typing-mistake finder read specially:
#: brackets, quotes, colons, list markers, nested collections, long lines,
#: many lines.
runs = st.builds(run_of, st.sampled_from(sorted(SHAPES)), st.integers(min_value=1, max_value=1000))

# Scalars YAML may hold, including what it reads as something else.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=60),
    st.sampled_from(["", "~", "null", "yes", "2020-02-30", "2020年7月1日", "*a", "&b", "!x", "<script>", "{{ x }}"]),
    runs,
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)
FIELDS = ["title", "issue", "date", "outlet", "unit", "interviewee", "pledges", "photo", "aliases", "x"]
PLEDGE_FIELDS = ["id", "text", "quote", "category", "deadline", "target", "progress", "successor", "x"]


@st.composite
def front_matters(draw: st.DrawFn) -> dict[str, Any]:
    """A front matter of the right shape with wrong values here and there."""
    front: dict[str, Any] = yaml.safe_load(VALID.split("---")[1])
    for name in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        front[name] = draw(values)
    pledges = front.get("pledges")
    for pledge in pledges if isinstance(pledges, list) else []:
        if isinstance(pledge, dict):
            for name in draw(st.lists(st.sampled_from(PLEDGE_FIELDS), max_size=2)):
                pledge[name] = draw(values)
    return front


@FUZZ
@given(front=front_matters(), body=st.text(max_size=400))
def test_random_fields_end_in_located_problems(tmp_path: Path, front: dict[str, Any], body: str) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    check_bytes(tmp_path / "site", text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check_bytes(tmp_path / "site", b"---\n" + data)


@FUZZ
@given(text=st.text(alphabet=string.printable + "：，、「」　\t-:[]{}#&*!|>'\"", max_size=300) | runs)
def test_random_yaml_like_text(tmp_path: Path, text: str) -> None:
    check_bytes(tmp_path / "site", ("---\n" + text + "\n---\n正文。\n").encode())


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(VALID)), insert=st.text(max_size=20) | runs)
def test_the_valid_file_broken_anywhere(tmp_path: Path, cut: int, insert: str) -> None:
    check_bytes(tmp_path / "site", (VALID[:cut] + insert + VALID[cut:]).encode("utf-8", errors="surrogatepass"))


def yaml_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("alias bomb", ("---\n" + yaml_bomb() + "\n---\n").encode(), "别名"),
        ("deep nesting", ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n").encode(), "层次"),
        ("deep mapping", ("---\n" + "".join(" " * i + f"k{i}:\n" for i in range(300)) + "---\n").encode(), "层次"),
        ("50 MB", b"---\ntitle: " + b"x" * (50 * 1024 * 1024) + b"\n---\n", "文件太大"),
        ("NUL bytes", VALID.replace("示例日报：", "示例日报：\x00").encode(), "控制字符"),
        ("invalid UTF-8", VALID.encode()[:100] + b"\xff\xfe" + VALID.encode()[100:], "UTF-8"),
        ("only a BOM", b"\xef\xbb\xbf", "BOM"),
        ("empty", b"", "前置元数据"),
        ("huge line", ("---\ntitle: " + "长" * 300_000 + "\n---\n").encode(), ""),
    ],
)
def test_hostile_files(tmp_path: Path, name: str, data: bytes, fragment: str) -> None:
    problems = check_bytes(tmp_path / "site", data)
    assert problems, name
    assert any(fragment in p.message for p in problems), [str(p) for p in problems]
