"""Nothing outside the site folder is published: a symbolic link in
interviews/ (or docs/) whose target leaves the site folder is refused with a
located message; links inside it are followed, for files and folders alike,
and nothing is read twice."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.content.check import load_and_check
from generator.content.links import LOOP, NOT_REGULAR
from generator.content.model import Corpus
from generator.content.problems import Problem
from generator.editors import cli
from generator.editors.sitefolder import open_site, problems_after_edit

from .conftest import SITES, build_site, copy_site

AS_OF = dt.date(2021, 6, 10)
OUTSIDE = "指向网站文件夹以外"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An editable copy of the small site, with a folder beside it (outside)."""
    (tmp_path / "outside").mkdir()
    return copy_site(SITES / "small", tmp_path / "site")


def check(site: Path) -> tuple[Corpus, list[Problem]]:
    return load_and_check(site / "interviews", site, AS_OF)


def link_problems(problems: list[Problem]) -> list[tuple[str, int, str]]:
    """The problems about links and odd files: path, line, message."""
    return [(p.path, p.line, p.message) for p in problems if p.field == "文件"]


def move_and_link(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` and leave a link to it where it was."""
    shutil.move(source, target)
    source.symlink_to(target)


def interview_paths(corpus: Corpus) -> list[str]:
    return sorted(i.path for i in corpus.interviews)


def test_a_file_linked_from_outside_is_refused(site: Path) -> None:
    secret = site.parent / "outside" / "li-si.md"
    move_and_link(site / "interviews/2021/li-si.md", secret)
    corpus, problems = check(site)
    message = f"这是一个符号链接，指向网站文件夹以外的「{secret}」，不会发布：请把文件本身放进 interviews/。"
    assert ("interviews/2021/li-si.md", 1, message) in link_problems(problems)
    assert interview_paths(corpus) == ["interviews/2020/zhang-san.md"]
    assert not any("李四" in i.interviewee.name for i in corpus.interviews if i.interviewee)


def test_a_folder_linked_from_outside_is_refused_not_skipped(site: Path) -> None:
    move_and_link(site / "interviews/2021", site.parent / "outside" / "2021")
    corpus, problems = check(site)
    found = link_problems(problems)
    assert [(path, line) for path, line, message in found if OUTSIDE in message] == [("interviews/2021", 1)]
    assert "请把文件夹本身放进 interviews/" in found[0][2]
    assert interview_paths(corpus) == ["interviews/2020/zhang-san.md"]


@pytest.mark.parametrize("name", ["units.yml", "published.txt", "words.txt"])
def test_the_other_files_linked_from_outside_are_refused(site: Path, name: str) -> None:
    source = site / "interviews" / name
    if not source.exists():
        source.write_text("省直机关工委\n", encoding="utf-8")
    move_and_link(source, site.parent / "outside" / name)
    _, problems = check(site)
    assert [(p, line) for p, line, m in link_problems(problems) if OUTSIDE in m] == [(f"interviews/{name}", 1)]


def test_the_interviews_folder_linked_from_outside_is_refused(site: Path) -> None:
    move_and_link(site / "interviews", site.parent / "outside" / "interviews")
    corpus, problems = check(site)
    assert [(p, line) for p, line, m in link_problems(problems) if OUTSIDE in m] == [("interviews", 1)]
    assert corpus.interviews == []


def test_links_inside_the_site_folder_are_followed(site: Path) -> None:
    (site / "elsewhere").mkdir()
    move_and_link(site / "interviews/2021", site / "elsewhere/2021")
    move_and_link(site / "interviews/units.yml", site / "elsewhere/units.yml")
    corpus, problems = check(site)
    assert problems == []
    assert interview_paths(corpus) == ["interviews/2020/zhang-san.md", "interviews/2021/li-si.md"]


def test_a_file_linked_inside_the_site_folder_is_followed(site: Path) -> None:
    move_and_link(site / "interviews/2021/li-si.md", site / "docs/li-si.txt")
    corpus, problems = check(site)
    assert problems == []
    assert interview_paths(corpus) == ["interviews/2020/zhang-san.md", "interviews/2021/li-si.md"]


def test_nothing_is_read_twice_through_a_link(site: Path) -> None:
    (site / "interviews/2020/again.md").symlink_to("zhang-san.md")
    (site / "interviews/copy").symlink_to("2021", target_is_directory=True)
    corpus, problems = check(site)
    assert link_problems(problems) == [
        (
            "interviews/2020/again.md",
            1,
            "这是一个符号链接，指向的文件已经作为「interviews/2020/zhang-san.md」读过：请删除这个链接。",
        ),
        ("interviews/copy", 1, "这是一个符号链接，指向的文件夹「interviews/2021」已经读过：请删除这个链接。"),
    ]
    assert interview_paths(corpus) == ["interviews/2020/zhang-san.md", "interviews/2021/li-si.md"]


def test_link_loops_end_with_a_message(site: Path) -> None:
    interviews = site / "interviews"
    (interviews / "2020/up").symlink_to("..", target_is_directory=True)
    (interviews / "self").symlink_to("self")
    (interviews / "a.md").symlink_to("b.md")
    (interviews / "b.md").symlink_to("a.md")
    (interviews / "gone.md").symlink_to("nowhere.md")
    found = link_problems(check(site)[1])
    assert ("interviews/a.md", 1, LOOP) in found and ("interviews/b.md", 1, LOOP) in found
    assert ("interviews/self", 1, LOOP) in found
    assert ("interviews/2020/up", 1, "这是一个符号链接，指向的文件夹「interviews」已经读过：请删除这个链接。") in found
    gone = "这是一个符号链接，指向的「interviews/nowhere.md」不存在：请删除这个链接，或把文件本身放进 interviews/。"
    assert ("interviews/gone.md", 1, gone) in found


def test_a_pipe_named_like_an_interview_does_not_hang(site: Path) -> None:
    os.mkfifo(site / "interviews/2020/pipe.md")
    result: list[list[Problem]] = []
    reader = threading.Thread(target=lambda: result.append(check(site)[1]), daemon=True)
    reader.start()
    reader.join(20)
    if not result:  # unblock the reader so that the test run can end
        with open(site / "interviews/2020/pipe.md", "w"):
            pass
        pytest.fail("reading the interviews waited on a pipe")
    assert link_problems(result[0]) == [("interviews/2020/pipe.md", 1, NOT_REGULAR)]


def test_the_editors_commands_see_the_links_too(site: Path) -> None:
    move_and_link(site / "interviews/2021/li-si.md", site.parent / "outside" / "li-si.md")
    opened = open_site(site)
    assert any(OUTSIDE in p.message for p in opened.problems)
    zhang = site / "interviews/2020/zhang-san.md"
    problems = problems_after_edit(opened, zhang, zhang.read_text(encoding="utf-8"))
    assert [p.path for p in problems if OUTSIDE in p.message] == ["interviews/2021/li-si.md"]


def test_the_build_refuses_a_link_out_of_the_site(site: Path, tmp_path: Path) -> None:
    secret = site.parent / "outside" / "li-si.md"
    move_and_link(site / "interviews/2021/li-si.md", secret)
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_build_refuses_a_docs_page_linked_from_outside(site: Path, tmp_path: Path) -> None:
    secret = site.parent / "outside" / "secret.md"
    secret.write_text("# 机密\n\n不应公开的内容。\n", encoding="utf-8")
    (site / "docs/secret.md").symlink_to(secret)
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert any(OUTSIDE in p.message and p.path == "docs/secret.md" for p in open_site(site).problems)


def test_new_does_not_write_through_a_link_that_leaves_the_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = site.parent / "outside"
    (site / "interviews/2030").symlink_to(outside)
    status = cli.main(["new", "--unit", "jiaotong", "--date", "2030-03-01", "--slug", "wang-wu", "--site", str(site)])
    assert status == 2
    assert list(outside.iterdir()) == [], "nothing is written outside the site folder"
    assert (
        f"没有写入：interviews/2030:1: 文件: 这是一个符号链接，指向网站文件夹以外的「{outside}」"
        in capsys.readouterr().err
    )
