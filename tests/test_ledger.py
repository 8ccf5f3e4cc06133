"""The ledger of published pledges (``interviews/published.txt``) round-trips:
whatever ``publish`` writes every command reads, with the editors' comments
kept; and a published pledge counts as present only if it is read as a
pledge, not because a line ``id: X`` is written somewhere."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import ledger
from generator.content.check import load_and_check
from generator.content.model import Published
from generator.content.problems import Problem

from .conftest import FIXTURES, ROOT, SITES, copy_site

RULES = FIXTURES / "rules"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITES / "small", tmp_path / "site")


# -- publish keeps what editors wrote -------------------------------------------

LEDGER = """\
# 已发布的承诺编号（由 python -m generator publish 维护，请勿手工删除）。
# 每行一项：编号 所在文件。编号一旦发布就是永久网址，承诺只能撤回（withdrawn），不能删除。
# 编辑部加的说明：2021 年起由王编辑维护。

jt-2020-weiqiao interviews/2020/zhang-san.md  # 2020 年第 3 期
# 下面这一项曾改过编号，见 2020 年 11 月的说明。
jt-2020-zhanting interviews/2020/zhang-san.md
sl-2021-bengzhan interviews/2021/li-si.md	# 泵站
sl-2021-hedao interviews/2021/li-si.md
sl-2021-shuiku interviews/2021/li-si.md

# 末尾的说明
"""


def test_publish_keeps_every_comment_and_moves_none_out_of_place(site: Path) -> None:
    path = site / "interviews/published.txt"
    path.write_text(LEDGER, encoding="utf-8")
    result = run("publish", str(site))
    assert result.returncode == 0, result.stdout
    assert "已登记：jt-2020-xinxian" in result.stdout
    expected = LEDGER.replace(
        "# 下面这一项", "jt-2020-xinxian interviews/2020/zhang-san.md\n# 下面这一项"
    )  # the new entry goes in by id, the comment above zhanting stays above it
    assert path.read_text(encoding="utf-8") == expected
    again = run("publish", str(site))
    assert again.returncode == 0 and path.read_text(encoding="utf-8") == expected


def test_publish_records_a_moved_file_keeping_the_comment_on_its_line(site: Path) -> None:
    path = site / "interviews/published.txt"
    path.write_text(LEDGER, encoding="utf-8")
    (site / "interviews/2021/li-si.md").rename(site / "interviews/2020/li-si.md")
    assert run("publish", str(site)).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "sl-2021-bengzhan interviews/2020/li-si.md\t# 泵站\n" in text
    assert "# 末尾的说明\n" in text and "# 编辑部加的说明" in text


def test_a_path_with_a_space_is_published_and_read_back(site: Path) -> None:
    (site / "interviews/2021").rename(site / "interviews/2021 年 #2")
    (site / "interviews/published.txt").unlink()
    result = run("publish", str(site))
    assert result.returncode == 0, result.stdout
    text = (site / "interviews/published.txt").read_text(encoding="utf-8")
    assert 'sl-2021-hedao "interviews/2021 年 #2/li-si.md"\n' in text
    check = run("check", str(site))
    assert check.returncode == 0, check.stdout
    assert run("publish", str(site)).returncode == 0
    assert (site / "interviews/published.txt").read_text(encoding="utf-8") == text


# -- reading ----------------------------------------------------------------------


def parse(text: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    problems: list[Problem] = []
    entries = ledger.parse(text, "published.txt", problems)
    return [(e.id, e.file) for e in entries], problems


def test_ledgers_written_before_quoting_read_as_they_did() -> None:
    text = (ROOT / "interviews/published.txt").read_text(encoding="utf-8")
    old = [tuple(line.split("#")[0].split()) for line in text.splitlines() if line.split("#")[0].strip()]
    assert parse(text) == (old, [])
    assert parse("a b#c\n  d\te  # f\n") == ([("a", "b"), ("d", "e")], [])


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("a", "两项"),
        ("a b c", "两项"),
        ('a "b', "引号写法不对"),
        ('a "b\\q"', "引号写法不对"),
        ('a "b" c', "引号写法不对"),
    ],
)
def test_a_line_that_is_no_entry_is_a_located_problem(line: str, said: str) -> None:
    entries, problems = parse(f"# 头\n{line}\nz y\n")
    assert entries == [("z", "y")]
    assert [(p.line, p.field) for p in problems] == [(2, "published")]
    assert said in problems[0].message


# -- the round trip, as a property ---------------------------------------------

IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
#: File names as a file system may hold them: any character but "/" and NUL
#: in a name (and undecodable bytes, kept by Python as U+DC80..U+DCFF).
NAMES = st.text(
    st.one_of(
        st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
        st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
        st.sampled_from(' #"\\\t\n\r\u2028\u3000'),
    ),
    min_size=1,
    max_size=12,
)
FILES = st.lists(NAMES, min_size=1, max_size=3).map("/".join)
COMMENT_TEXT = st.text(st.characters(blacklist_characters="\n\r", blacklist_categories=["Cs"]), max_size=10)
COMMENTS = st.lists(st.one_of(COMMENT_TEXT.map(lambda t: "# " + t), st.just("")), max_size=2)
TRAILING = st.one_of(st.just(""), COMMENT_TEXT.map(lambda t: "  # " + t), COMMENT_TEXT.map(lambda t: "\t#" + t))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(IDS, FILES, max_size=8))
def test_whatever_is_rendered_reads_back(entries: dict[str, str]) -> None:
    text = ledger.render([Published(i, f) for i, f in entries.items()])
    assert parse(text) == (sorted(entries.items()), [])
    assert text.startswith(ledger.HEADER)


@settings(max_examples=200, deadline=None)
@given(
    header=COMMENTS,
    old=st.dictionaries(IDS, st.tuples(FILES, COMMENTS, TRAILING), min_size=1, max_size=6),
    footer=COMMENTS,
    moved=st.dictionaries(IDS, FILES, max_size=4),
    data=st.data(),
)
def test_publishing_keeps_every_comment_and_reads_back(
    header: list[str],
    old: dict[str, tuple[str, list[str], str]],
    footer: list[str],
    moved: dict[str, str],
    data: st.DataObject,
) -> None:
    order = data.draw(st.permutations(sorted(old)))
    rows = [*header]
    for pledge_id in order:
        file, above, trailing = old[pledge_id]
        rows += [*([] if pledge_id == order[0] else above), ledger.entry_line(pledge_id, file) + trailing]
    rows += footer
    previous = "".join(f"{row}\n" for row in rows)
    assert parse(previous) == ([(i, old[i][0]) for i in order], [])
    new = {**{i: f for i, (f, _, _) in old.items()}, **moved}
    text = ledger.render([Published(i, f) for i, f in new.items()], previous)
    assert parse(text) == (sorted(new.items()), [])
    lines = text.split("\n")
    comments = [row for row in rows if row.lstrip().startswith("#") or not row.strip()]
    assert sorted(comments) == sorted(row for row in lines[:-1] if row.lstrip().startswith("#") or not row.strip())
    for pledge_id, (_, _, trailing) in old.items():
        assert ledger.entry_line(pledge_id, new[pledge_id]) + trailing in lines
    assert lines[: len(header)] == header, "the header stays first"
    assert ledger.render([Published(i, f) for i, f in new.items()], text) == text
    if not moved and order == sorted(order):
        assert text == previous, "nothing to change: the ledger is left as it was, byte for byte"


# -- a published pledge is there only if it is read ------------------------------

ID = "demo-2020-quanke-yisheng"


def lay_out(folder: Path, interview: str) -> None:
    (folder / "interviews").mkdir(parents=True)
    shutil.copy(RULES / "units.yml", folder / "interviews/units.yml")
    (folder / "interviews/valid.md").write_text(interview, encoding="utf-8")
    ids = ["demo-2020-bianmin-qiao", ID, "demo-2020-xinjian-xiaoxue"]
    ledger_text = "".join(f"{i} interviews/valid.md\n" for i in ids)
    (folder / "interviews/published.txt").write_text(ledger_text, encoding="utf-8")


def without_last_pledge() -> str:
    text = (RULES / "valid.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    return head.split(f"  - id: {ID}")[0] + "\n---\n" + body


def missing(folder: Path) -> list[Problem]:
    _, problems = load_and_check(folder / "interviews", folder, dt.date(2020, 12, 31))
    return [p for p in problems if p.field == "published"]


@pytest.mark.parametrize(
    "write",
    [
        lambda text: text + f"\n  - id: {ID}\n",  # in the article, as a list item
        lambda text: text + f"\nid: {ID}\n",  # in the article, as a line of its own
        lambda text: text.replace(
            "    category: 教育\n", f"    category: 教育\n    deadline_note: |\n      id: {ID}\n"
        ),
        lambda text: text.replace("pledges:\n", f"pledges:\n  # - id: {ID}\n", 1),  # in a comment
    ],
    ids=["article-item", "article-line", "in-a-text", "comment"],
)
def test_an_id_written_elsewhere_does_not_keep_a_deleted_pledge(tmp_path: Path, write: object) -> None:
    assert callable(write)
    text = write(without_last_pledge())
    assert f"id: {ID}" in text
    lay_out(tmp_path, text)
    [problem] = missing(tmp_path)
    assert (problem.path, problem.line) == ("interviews/published.txt", 2)
    assert ID in problem.message and "找不到了" in problem.message


@pytest.mark.parametrize(
    "breaks",
    [
        lambda text: text.replace("title: ", "title: [", 1),  # not YAML at all
        lambda text: text.replace("pledges:\n", "pledges: 5\nold_pledges:\n", 1),  # no list of pledges
        lambda text: text.replace("---", "", 1),  # no front matter
    ],
)
def test_a_file_whose_pledges_cannot_be_read_reports_that_not_its_ids(tmp_path: Path, breaks: object) -> None:
    assert callable(breaks)
    lay_out(tmp_path, breaks((RULES / "valid.md").read_text(encoding="utf-8")))
    _, problems = load_and_check(tmp_path / "interviews", tmp_path, dt.date(2020, 12, 31))
    assert problems, "the file's own problem"
    assert missing(tmp_path) == []
