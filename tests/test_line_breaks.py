"""Line numbers are the editor's, whatever the line separators.

YAML ends a line at "\\r", U+0085, U+2028 and U+2029 as well as at "\\n";
an editor shows none of them as a line break (the files have LF line ends).
One of them pasted into a value must be reported on its own line, as what
it is, and every later problem must keep the line the editor sees.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.problems import Problem
from generator.content.yamltree import parse

from .conftest import FIXTURES

VALID = (FIXTURES / "rules" / "valid.md").read_text(encoding="utf-8")
UNITS = FIXTURES / "rules" / "units.yml"
#: Characters some tool counts as a line break and an editor does not.
SEPARATORS = ["\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\r"]
#: Fields (their line in the valid file, as written) a separator is put in.
VALUES = {
    3: "subtitle: 示例局负责人谈今年的三件实事",
    12: "summary: 示例局今年办三件实事：年底前建成5座便民桥梁，9月新建小学投入使用，每个社区配备全科医生。",
    26: "        note: 两座便民桥梁建成通行",
    28: "          - title: 演示来源：首批便民桥梁通行",
}
#: Deliberate mistakes further down: (line, as written, the problem's field).
MISTAKES = [
    (42, "    deadline：2020-09-30", "YAML"),
    (58, "        status: 进行", "pledges[3].progress[1].status"),
]


def with_mistakes(text: str) -> str:
    lines = text.split("\n")
    for number, written, _ in MISTAKES:
        lines[number - 1] = written
    return "\n".join(lines)


def check_text(folder: Path, text: str) -> list[Problem]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(UNITS, folder / "units.yml")
    (folder / "x.md").write_bytes(text.encode("utf-8"))
    return load_and_check(folder, folder, dt.date(2020, 12, 31))[1]


def test_the_mistakes_alone_are_found_on_their_lines(tmp_path: Path) -> None:
    problems = check_text(tmp_path / "site", with_mistakes(VALID))
    assert sorted((p.line, p.field) for p in problems) == [(line, field) for line, _, field in MISTAKES]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    separator=st.sampled_from(SEPARATORS),
    line=st.sampled_from(sorted(VALUES)),
    quote=st.sampled_from(['"', "'", ""]),
    where=st.floats(min_value=0, max_value=1),
)
def test_a_separator_in_a_value_moves_no_line(
    tmp_path: Path, separator: str, line: int, quote: str, where: float
) -> None:
    written = VALUES[line]
    key, value = written.split(": ", 1)
    cut = round(where * len(value))
    changed = f"{key}: {quote}{value[:cut]}{separator}{value[cut:]}{quote}"
    text = with_mistakes(VALID).replace(written, changed, 1)
    problems = check_text(tmp_path / "site", text)
    found = sorted((p.line, p.field) for p in problems)
    assert found == sorted([(line, "文件")] + [(n, field) for n, _, field in MISTAKES]), [str(p) for p in problems]
    named = next(p.message for p in problems if p.field == "文件")
    # "\r" last on the line is half of a Windows line end, and named so.
    assert ("CRLF" if changed.endswith("\r") else f"U+{ord(separator):04X}") in named


@settings(max_examples=40, deadline=None)
@given(separator=st.sampled_from(["\x85", "\u2028", "\u2029", "\r"]), before=st.integers(0, 5))
def test_the_tree_counts_lines_as_editors_do(separator: str, before: int) -> None:
    """Given such text directly (not through the file reader), the tree
    still gives each field the line an editor shows."""
    text = "".join(f"k{i}: 1\n" for i in range(before)) + f'a: "x{separator}y"\nb: 2\nc: [1,\n  2]\n'
    root, _ = parse(text, 10)
    assert root is not None and isinstance(root.children, dict)
    lines = {key: node.key_line for key, node in root.children.items()}
    assert lines["b"] == 10 + before + 1
    assert lines["c"] == 10 + before + 2
