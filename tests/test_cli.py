"""The editors' command ``python -m generator check``, run as editors run it.

``tests/fixtures/sites/broken`` is a complete site whose interview (a copy of
the seed interview) and unit registry carry many mistakes at once; each line
where a problem must be reported ends with ``# expect: <field> | <fragment>``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path("tests") / "fixtures" / "sites" / "broken"

#: ``path:line: field: message``
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+): (?P<field>[^:\s]+): (?P<message>\S.*)$")
_TRAILING = re.compile(r"\s#\s*expect:\s*(?P<field>\S+)\s*\|\s*(?P<fragment>.+?)\s*$")
_AT_LINE = re.compile(r"^#\s*expect-line:\s*(?P<line>\d+)\s+(?P<field>\S+)\s*\|\s*(?P<fragment>.+?)\s*$")

Key = tuple[str, int, str]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, encoding="utf-8", timeout=300, check=False
    )


def expected_problems(site: Path) -> dict[Key, str]:
    """(path relative to the site, line, field) -> fragment, from the markers."""
    expected: dict[Key, str] = {}
    for source in sorted((ROOT / site).rglob("*")):
        if source.suffix not in (".md", ".yml") or source.name == "mkdocs.yml":
            continue
        rel = source.relative_to(ROOT / site).as_posix()
        for number, line in enumerate(source.read_text(encoding="utf-8").split("\n"), 1):
            if at := _AT_LINE.match(line.strip()):
                expected[(rel, int(at["line"]), at["field"])] = at["fragment"]
            elif trailing := _TRAILING.search(line):
                expected[(rel, number, trailing["field"])] = trailing["fragment"]
            else:
                assert "# expect" not in line, f"{rel}:{number}: marker not understood"
    return expected


def problem_lines(stdout: str) -> tuple[list[re.Match[str]], str]:
    """The ``path:line: field: message`` lines and the closing count line."""
    *lines, last = stdout.rstrip("\n").split("\n")
    matches = []
    for line in lines:
        match = PROBLEM_LINE.match(line)
        assert match, f"not «path:line: field: message»: {line!r}"
        matches.append(match)
    return matches, last


def test_check_lists_every_marked_problem_of_the_broken_site() -> None:
    result = run("-m", "generator", "check", str(BROKEN))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems, last = problem_lines(result.stdout)
    assert last.startswith(f"共发现 {len(problems)} 处问题"), last
    for match in problems:
        path = match["path"]
        assert not Path(path).is_absolute() and (ROOT / BROKEN / path).is_file(), path
    expected = expected_problems(BROKEN)
    assert len(expected) >= 8
    assert len({(path, field) for path, _, field in expected}) >= 8, "the broken site needs varied mistakes"
    reported = {(m["path"], int(m["line"]), m["field"]): m["message"] for m in problems}
    assert set(reported) == set(expected), result.stdout
    for where, fragment in expected.items():
        assert fragment in reported[where], f"{where}: «{fragment}» not in «{reported[where]}»"


def test_check_passes_on_the_repository() -> None:
    result = run("-m", "generator", "check", str(ROOT), cwd=ROOT / "tests")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("检查通过"), result.stdout


def test_check_defaults_to_the_current_folder() -> None:
    result = run("-m", "generator", "check", cwd=ROOT / BROKEN)
    assert result.returncode == 1
    problems, _ = problem_lines(result.stdout)
    assert {m["path"] for m in problems} == {"interviews/2020/shi-guangliang.md", "interviews/units.yml"}


def test_check_outside_a_site_exits_2_with_a_chinese_message(tmp_path: Path) -> None:
    result = run("-m", "generator", "check", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "找不到 mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_in_chinese() -> None:
    result = run("-m", "generator", "--help")
    assert result.returncode == 0
    assert "用法" in result.stdout
    assert "践诺编辑工具：导入、检查、更新访谈和承诺" in result.stdout
    assert "检查全部访谈文件，列出每一处问题" in result.stdout
    assert "usage" not in result.stdout.lower()


def test_check_help_is_in_chinese() -> None:
    result = run("-m", "generator", "check", "--help")
    assert result.returncode == 0
    assert "用法" in result.stdout
    assert "按全部规则检查" in result.stdout
    assert "网站目录（含 mkdocs.yml）" in result.stdout
    assert "usage" not in result.stdout.lower()


def test_no_command_prints_the_help() -> None:
    result = run("-m", "generator")
    assert result.returncode == 2
    assert "用法" in result.stdout


def test_mkdocs_build_of_the_broken_site_fails_with_the_same_problems(tmp_path: Path) -> None:
    check = run("-m", "generator", "check", str(BROKEN))
    problems, _ = problem_lines(check.stdout)
    assert problems
    build = run("-m", "mkdocs", "build", "-q", "-f", str(BROKEN / "mkdocs.yml"), "-d", str(tmp_path / "site"))
    output = build.stdout + build.stderr
    assert build.returncode != 0, output
    assert "Traceback" not in output
    for match in problems:
        assert match[0] in output, f"mkdocs build does not show: {match[0]}"
