"""The editors' everyday commands: new, update, the preview that survives a
mistake, and the hooks that run the checker before a commit."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from generator.content.check import load_and_check
from generator.content.model import Status
from generator.editors.updates import NewUpdate, UpdateError, append_progress
from generator.editors.yamlwrite import scalar

from .conftest import FIXTURES, ROOT, SITES, BuiltSite, build_site, copy_site

SMALL = SITES / "small"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An editable copy of the small site (its theme path made absolute)."""
    return copy_site(SMALL, tmp_path / "site")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, check=False)


def added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``, asserting it only adds lines."""
    old, new = before.split("\n"), after.split("\n")
    added = []
    while old or new:
        if old and new and old[0] == new[0]:
            old.pop(0)
            new.pop(0)
        else:
            assert new, "a line of the original was removed"
            added.append(new.pop(0))
    return added


# -- update -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("推进会召开", "推进会召开"),
        ("yes", '"yes"'),
        ("2020", '"2020"'),
        ("2020-07-01", '"2020-07-01"'),
        ("a: b", '"a: b"'),
        ("#话题", '"#话题"'),
        (" 前后有空格 ", '" 前后有空格 "'),
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ('引号"里', '引号"里'),
    ],
)
def test_scalars_are_quoted_only_when_yaml_would_misread_them(value: str, written: str) -> None:
    assert scalar(value) == written
    assert yaml.safe_load(f"k: {written}") == {"k": value}


def test_update_appends_an_entry_and_keeps_every_other_byte(site: Path) -> None:
    path = site / "interviews/2020/zhang-san.md"
    before = path.read_text(encoding="utf-8")
    result = run(
        "-m", "generator", "update", "jt-2020-zhanting", "--status", "fulfilled", "--value", "50",
        "--note", "50座候车亭全部建成", "--source-title", "候车亭建成通报", "--source-url", "https://example.org/t",
        "--date", "2021-05-20", "--site", str(site),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "检查通过" in result.stdout
    after = path.read_text(encoding="utf-8")
    assert added_lines(before, after) == [
        "      - date: 2021-05-20",
        "        status: fulfilled",
        "        value: 50",
        "        note: 50座候车亭全部建成",
        "        sources:",
        "          - title: 候车亭建成通报",
        "            url: https://example.org/t",
    ]
    corpus, problems = load_and_check(site / "interviews", site, dt.date(2021, 6, 10))
    assert problems == []
    pledge = next(p for _, p in corpus.pledges() if p.id == "jt-2020-zhanting")
    assert (pledge.status, pledge.value) == (Status.FULFILLED, 50)


def test_update_refuses_an_entry_that_fails_the_check_and_writes_nothing(site: Path) -> None:
    path = site / "interviews/2020/zhang-san.md"
    before = path.read_bytes()
    result = run(
        "-m", "generator", "update", "jt-2020-zhanting", "--status", "fulfilled", "--note", "建成",
        "--date", "2021-05-20", "--site", str(site),
    )  # fmt: skip
    assert result.returncode == 1
    assert "必须注明来源" in result.stdout
    assert "没有写入" in result.stdout
    assert path.read_bytes() == before


def test_update_of_an_unknown_pledge_suggests_the_right_id(site: Path) -> None:
    result = run(
        "-m", "generator", "update", "jt-2020-zhantin", "--status", "in_progress", "--note", "x", "--site", str(site)
    )
    assert result.returncode == 2
    assert "找不到承诺「jt-2020-zhantin」" in result.stderr
    assert "jt-2020-zhanting" in result.stderr
    assert "Traceback" not in result.stderr


PLEDGES = """---
title: 题
pledges:
  - id: a
    text: 甲
  - id: b
    text: 乙
    progress: []
    category: 类
  - id: c
    progress:
      - date: 2020-01-02
        status: in_progress
        note: 开始

    successor: a
    # 关于 d 的说明
  - id: d
---
正文
"""


@pytest.mark.parametrize("pledge", ["a", "b", "c", "d"])
def test_update_finds_its_place_in_every_shape_of_pledge(pledge: str) -> None:
    entry = NewUpdate(dt.date(2020, 3, 4), Status.IN_PROGRESS, "推进中")
    after = append_progress(PLEDGES, pledge, entry)
    front = yaml.safe_load(after.split("---")[1])
    item = next(p for p in front["pledges"] if p["id"] == pledge)
    assert item["progress"][-1] == {"date": dt.date(2020, 3, 4), "status": "in_progress", "note": "推进中"}
    assert sum(len(p.get("progress") or []) for p in front["pledges"]) == 2
    if pledge != "b":
        added_lines(PLEDGES, after)  # only lines added, none changed


def test_update_of_a_missing_pledge_in_a_file_is_an_error() -> None:
    with pytest.raises(UpdateError, match="没有编号为「x」"):
        append_progress(PLEDGES, "x", NewUpdate(dt.date(2020, 3, 4), Status.IN_PROGRESS, "n"))


# -- new --------------------------------------------------------------------


def test_new_scaffolds_the_next_issue_with_every_field_and_the_checker_guides_the_rest(site: Path) -> None:
    result = run("-m", "generator", "new", "--unit", "shuili", "--date", "2021-07-01", "--site", str(site))
    assert result.returncode == 0, result.stderr
    path = site / "interviews/2021/shuili-2021-5.md"
    text = path.read_text(encoding="utf-8")
    assert "issue: 5" in text and "date: 2021-07-01" in text and "unit: shuili" in text
    assert 'outlet: "测试日报"' in text, "the outlet of the latest interview"
    check = run("-m", "generator", "check", str(site))
    assert check.returncode == 1
    empty = {line.split(": ")[1] for line in check.stdout.splitlines() if "不能为空" in line}
    assert empty == {"title", "interviewee.name", "interviewee.position", "photo.caption"}
    filled = (
        text.replace('title: ""', "title: 管水")
        .replace('name: ""', "name: 王五")
        .replace('position: ""', "position: 厅长")
        .replace('caption: ""', "caption: 图")
    )
    path.write_text(filled, encoding="utf-8")
    assert run("-m", "generator", "check", str(site)).returncode == 0


def test_new_refuses_an_unknown_unit(site: Path) -> None:
    result = run("-m", "generator", "new", "--unit", "shuilli", "--site", str(site))
    assert result.returncode == 2
    assert "是不是：shuili" in result.stderr


# -- the preview ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """The page's status and its text as a reader reads it (without tags)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, re.sub(r"<[^>]*>", "", response.read().decode("utf-8"))
    except OSError:
        return 0, ""


def wait_for(predicate: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def preview(site: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    yield url, process
    process.terminate()
    process.wait(timeout=10)


def test_preview_shows_an_error_keeps_the_last_good_build_and_picks_up_an_update(
    site: Path, preview: tuple[str, subprocess.Popen[str]]
) -> None:
    url, process = preview
    page = url + "/pledges/jt-2020-zhanting/"
    wait_for(lambda: fetch(page)[0] == 200, "the first build")
    path = site / "interviews/2020/zhang-san.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("deadline: 2020-12-31", "deadline: 2020年12月31日", 1), encoding="utf-8")
    time.sleep(6)
    status, html = fetch(page)
    assert status == 200 and "年底前建成50座候车亭" in html, "the last good build is still served"
    path.write_text(good, encoding="utf-8")
    result = run(
        "-m", "generator", "update", "jt-2020-zhanting", "--status", "in_progress", "--value", "35",
        "--note", "35座建成", "--date", "2021-03-01", "--site", str(site),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    wait_for(lambda: "35座建成" in fetch(page)[1], "the update on the pledge page")
    process.terminate()
    output, _ = process.communicate(timeout=10)
    assert re.search(r"interviews/2020/zhang-san\.md:\d+: pledges\[1\]\.deadline: .*请写成 2020-12-31", output)
    assert "网站没有更新" in output
    assert "Traceback" not in output


# -- hooks ------------------------------------------------------------------


def test_pre_commit_runs_the_checker() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == ".venv/bin/python -m generator check"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "interviews/2020/shi-guangliang.md")
    result = run("-m", "generator", "check", cwd=ROOT)
    assert result.returncode == 0


def test_the_ci_example_checks_builds_strictly_and_publishes() -> None:
    config = yaml.safe_load((ROOT / "examples/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = {
        name: "\n".join(job["script"]) for name, job in config.items() if isinstance(job, dict) and "script" in job
    }
    assert "python -m generator check" in scripts["check"]
    assert "make build" in scripts["build"]
    assert "mkdocs build --strict" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "cp -r site public" in scripts["pages"]


# -- import -----------------------------------------------------------------


def test_imported_seed_builds_and_reads_like_the_bundled_interview(
    tmp_path: Path, real_site: BuiltSite, tmp_path_factory: pytest.TempPathFactory
) -> None:
    for name in ["mkdocs.yml", "docs", "overrides", "fonts"]:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    (tmp_path / "interviews").mkdir()
    shutil.copy(ROOT / "interviews/units.yml", tmp_path / "interviews/units.yml")
    target = tmp_path / "interviews/2020/shi-guangliang.md"
    result = run(
        "-m", "generator", "import", str(FIXTURES / "seed-article.txt"), "-o", str(target),
        "--unit", "szjggw", "--site", str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    check = run("-m", "generator", "check", str(tmp_path))
    # The next free issue is filled in (to be checked): nothing is left for the checker.
    assert [line.split(": ")[1] for line in check.stdout.splitlines()[:-1]] == [], check.stdout
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^issue:.*$", "issue: 10", text)
    text = re.sub(r"(?m)^date:.*$", "date: 2020-06-30", text)
    target.write_text(text, encoding="utf-8")
    built = build_site(tmp_path / "mkdocs.yml", tmp_path_factory.mktemp("imported"))
    page = "interviews/shi-guangliang/"
    for selector in [".jn-article", ".jn-interview__head", ".jn-photo"]:
        imported, bundled = built.page(page).select_one(selector), real_site.page(page).select_one(selector)
        assert imported is not None and bundled is not None
        assert imported.get_text() == bundled.get_text(), selector
    assert [p["id"] for p in built.page(page).select(".jn-article p")] == [
        p["id"] for p in real_site.page(page).select(".jn-article p")
    ]
