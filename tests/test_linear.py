"""No input makes ``check`` slow: the time to check a file grows linearly
with its size, whatever its shape.

Each adversarial shape (long runs of brackets, quotes, colons, list markers,
nested flow collections, long lines, many short lines) is put into an
otherwise valid interview — in the title, in a pledge's note, in the body,
or as lines of their own — at two sizes, ``n`` and ``4 * n``, and the whole
check (:func:`generator.content.check.load_and_check`) is timed. Linear time makes
the second take about four times as long; the test fails when it takes more
than ten times as long (a quadratic step takes sixteen). Times are compared
with each other, never with a fixed number of seconds: a slow machine slows
both sizes alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.content.check import load_and_check
from generator.content.typos import find_typos
from generator.editors.importing.importer import import_article

from .conftest import FIXTURES

VALID = (FIXTURES / "rules" / "valid.md").read_text(encoding="utf-8")
UNITS = FIXTURES / "rules" / "units.yml"
#: Linear time: four times the size, four times the time; with room for noise.
GROWTH = 4
LIMIT = GROWTH * 2.5
#: Measurements of a size before a ratio counts as too large (noise).
TRIES = 3


def _run(unit: str) -> Callable[[int], str]:
    """About ``n`` characters of ``unit`` repeated."""
    return lambda n: unit * max(1, n // len(unit))


def _nested(opening: str, closing: str) -> Callable[[int], str]:
    """About ``n`` characters of collections nested in one another."""
    return lambda n: (
        opening * max(1, n // (len(opening) + len(closing))) + closing * max(1, n // (len(opening) + len(closing)))
    )


def _lines(pattern: str) -> Callable[[int], str]:
    """About ``n`` characters of lines made from ``pattern`` (``{i}``: the
    line's number, ``{indent}``: spaces growing with it)."""

    def make(n: int) -> str:
        lines, size, i = [], 0, 0
        while size < n:
            line = pattern.format(i=i, indent=" " * min(i, 200))
            lines.append(line)
            size += len(line) + 1
            i += 1
        return "\n".join(lines)

    return make


#: Runs of characters, on one line.
RUNS: dict[str, Callable[[int], str]] = {
    "[]": _run("[]"),
    "{}": _run("{}"),
    '"': _run('"'),
    "'": _run("'"),
    ":": _run(":"),
    "：": _run("："),
    "- ": _run("- "),
    ": ": _run(": "),
    " #": _run(" #"),
    "[，": _run("[，"),
    "，、": _run("[a，b、"),
    '["': _run('["'),
    "{k:v, ": _run("{k:v, "),
    "k{i}:v, ": lambda n: "{" + ", ".join(f"k{i}:v" for i in range(max(1, n // 8))) + "}",
    "tab": _run("a\t"),
    "spaces": lambda n: "[a" + " " * n + "，b]",
    "backslash": _run("\\"),
    "no break": _run("长"),
    "[[ ]]": _nested("[", "]"),
    "{a: }": _nested("{a: ", "}"),
    "[{a: }]": _nested("[{a: ", "}]"),
    '[["]]': _nested('["', '"]'),
}
#: Many lines.
LINES: dict[str, Callable[[int], str]] = {
    "fields": _lines("k{i}: v"),
    "wide colons": _lines("k{i}：v"),
    "tab indent": _lines("\tk{i}: v"),
    "tab comments": _lines("\t# c"),
    "wide space indent": _lines("\u3000k: v"),
    "blank with tabs": _lines("\t"),
    "dashes": _lines("- "),
    "dash no space": _lines("-x"),
    "open brackets": _lines("  ["),
    "open quotes": _lines('  "a'),
    "colons": _lines("x: a: b"),
    "commas in flow": _lines("  a，"),
    "indent staircase": _lines("{indent}k{i}:"),
}
SHAPES = {**RUNS, **{f"lines: {name}": make for name, make in LINES.items()}}


def in_title(run: str) -> str:
    return VALID.replace("title: 把民生实事办到群众心坎上", "title: " + run, 1)


def in_note(run: str) -> str:
    return VALID.replace("note: 两座便民桥梁建成通行", "note: " + run, 1)


def in_front_matter(run: str) -> str:
    return VALID.replace("summary:", run + "\nsummary:", 1)


def in_body(run: str) -> str:
    return VALID + "\n" + run + "\n"


#: Where a shape goes in the interview file.
PLACES: dict[str, Callable[[str], str]] = {
    "title": in_title,
    "note": in_note,
    "front matter": in_front_matter,
    "body": in_body,
}
#: Sizes, in characters: large enough for the shape's cost to outweigh the
#: rest of the check, small enough for the whole test to take seconds.
RUN_SIZE = 4_000
LINES_SIZE = 2_000
#: Shapes whose old slowness shows only at larger sizes (looking back over
#: every earlier line for the column to line a line up with).
SIZES = {"lines: wide space indent": 6_000}


def interview(shape: str, place: str, n: int) -> str:
    """The valid interview with about ``n`` characters of ``shape`` at ``place``."""
    return PLACES[place](SHAPES[shape](n))


class TooSlow(Exception):
    pass


@contextlib.contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Stop the code inside once it has run ``seconds``: when the larger size
    already takes too long, waiting for it proves nothing more."""

    def stop(signum: int, frame: object) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_site(folder: Path, text: str) -> None:
    """A site whose one interview is ``text``."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(UNITS, folder / "units.yml")
    (folder / "x.md").write_text(text, encoding="utf-8")


def seconds_to_check(folder: Path, text: str, limit: float | None = None) -> float:
    """How long checking a site whose one interview is ``text`` takes
    (``inf`` past ``limit`` seconds)."""
    write_site(folder, text)
    start = time.perf_counter()
    try:
        with at_most(limit) if limit else contextlib.nullcontext():
            load_and_check(folder, folder, dt.date(2020, 12, 31))
    except TooSlow:
        return float("inf")
    return time.perf_counter() - start


def growth(folder: Path, small: str, large: str) -> float:
    """How many times longer checking ``large`` takes than ``small``: the
    least of a few measurements of each, so that a pause of the machine
    during one of them does not count."""
    fast = seconds_to_check(folder, small)
    slow = seconds_to_check(folder, large, LIMIT * fast)
    for _ in range(TRIES - 1):
        if slow <= LIMIT * fast:
            break
        fast = min(fast, seconds_to_check(folder, small))
        slow = min(slow, seconds_to_check(folder, large, LIMIT * fast))
    return slow / fast


@pytest.fixture(scope="module", autouse=True)
def warm_up(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Check once before timing: the first check of a run also imports
    modules and loads the card font, which would make the small size look
    slow."""
    seconds_to_check(tmp_path_factory.mktemp("warm"), VALID)


CASES = [(shape, place) for shape in RUNS for place in ("title", "body")]
CASES += [(shape, "note") for shape in ("[]", "[，", "{k:v, ", "tab", "[[ ]]", "{a: }")]
CASES += [(f"lines: {name}", place) for name in LINES for place in ("front matter", "body")]


@pytest.mark.parametrize(("shape", "place"), CASES)
def test_checking_time_grows_linearly(tmp_path: Path, shape: str, place: str) -> None:
    n = SIZES.get(shape, LINES_SIZE if shape.startswith("lines") else RUN_SIZE)
    ratio = growth(tmp_path / "site", interview(shape, place, n), interview(shape, place, GROWTH * n))
    assert ratio < LIMIT, f"{GROWTH}× the size took {ratio:.1f}× the time: {shape!r} in the {place}"


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting_is_a_located_problem(tmp_path: Path, opening: str) -> None:
    """Nesting too deep for the parser's recursion is reported on its line,
    before the parser would hit Python's recursion limit."""
    closing = {"[": "]", "{a: ": "}", "- ": ""}[opening]
    deep = opening * 50_000 + "x" + closing * 50_000
    folder = tmp_path / "site"
    write_site(folder, VALID.replace("subtitle:", "subtitle:\n  " + deep + "\nsubtitle:", 1))
    _, problems = load_and_check(folder, folder, dt.date(2020, 12, 31))
    assert [(p.line, p.field) for p in problems if "嵌套的层次太多" in p.message] == [(4, "YAML")], problems


def test_a_comment_line_shows_its_fix() -> None:
    """A Tab before a comment (one of the shapes above) is shown fixed, not
    as an empty line."""
    findings = find_typos("a:\n  b: 1\n\t# 注释\n")
    assert [(f.line, f.fixed) for f in findings] == [(3, "  # 注释")]
    assert "改为 `  # 注释`" in findings[0].message


#: Answers an import reads as one long clause: many numbers, times and names.
ANSWER_RUNS = ["“四种形态”", "年底前完成120座危桥改造", "6月15日前"]


def seconds_to_import(text: str) -> float:
    """The least of a few timings of importing ``text``."""
    timings = []
    for _ in range(TRIES):
        start = time.perf_counter()
        import_article(text, today=dt.date(2021, 1, 1))
        timings.append(time.perf_counter() - start)
    return min(timings)


@pytest.mark.parametrize("run", ANSWER_RUNS)
def test_importing_time_grows_linearly(run: str) -> None:
    def article(n: int) -> str:
        return "标题\n\n——访局长 王一\n\n问：怎么办？\n\n王一：" + run * n + "。\n"

    seconds_to_import(article(100))  # warm-up: patterns compiled, modules loaded
    ratio = seconds_to_import(article(GROWTH * 1_000)) / seconds_to_import(article(1_000))
    assert ratio < LIMIT, f"{GROWTH}× the size took {ratio:.1f}× the time: {run!r} in an answer"
