"""The editors' commands never crash and speak Chinese: a YAML mistake, a
wrong argument, a date after the data's date, an unknown unit, a quote
that is not in the body, a published pledge deleted, each is said with
what to do; ``update`` is stopped only by the file it edits, and
``publish`` says what it changed."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.nearest import nearest
from generator.editors import cli

from .conftest import SITES, copy_site

ZHANG = "interviews/2020/zhang-san.md"
LI = "interviews/2021/li-si.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An editable copy of the small site (as_of 2021-06-10)."""
    return copy_site(SITES / "small", tmp_path / "site")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command's exit status and all it printed (stdout, then stderr)."""
    try:
        status = cli.main(list(args))
    except SystemExit as error:  # argparse stops on a wrong argument
        status = int(str(error.code))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out + err


def update(capsys: pytest.CaptureFixture[str], site: Path, *args: str) -> tuple[int, str]:
    return run(capsys, "update", "jt-2020-zhanting", "--note", "推进", *args, "--site", str(site))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- update and YAML mistakes ----------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("summary: 年内", "summary: [年内"),  # a bracket not closed
        ("    text: 年底前建成50座候车亭", "    text：年底前建成50座候车亭"),  # a full-width colon
        ("  - id: jt-2020-zhanting\n", "  - id: jt-2020-zhanting\n\t"),  # a tab
        ("    quote: 年底前建成50座候车亭", "     quote: 年底前建成50座候车亭"),  # indentation
        ("title: 修好", 'title: "修好'),  # a quote not closed
    ],
)
def test_update_of_a_file_with_a_yaml_mistake_prints_what_check_prints_and_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    path = site / ZHANG
    edit(path, old, new)
    before = path.read_bytes()
    _, checked = run(capsys, "check", str(site))
    problems = [line for line in checked.splitlines() if line.startswith(f"{ZHANG}:")]
    assert problems, checked
    status, said = update(capsys, site, "--status", "in_progress", "--date", "2021-05-01")
    assert status == 1, said
    assert set(problems) <= set(said.splitlines()), said
    assert "没有写入" in said
    assert path.read_bytes() == before


def test_a_problem_in_another_interview_is_a_warning_and_the_update_is_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(site / LI, "title: ", "title: [")
    status, said = update(capsys, site, "--status", "in_progress", "--date", "2021-05-01")
    assert status == 0, said
    assert "提示：其他文件有 1 处问题，不影响这次更新" in said
    assert re.search(rf"^  {LI}:\d+: YAML: ", said, re.M), said
    assert "note: 推进" in (site / ZHANG).read_text(encoding="utf-8")


def test_a_problem_the_update_brings_still_stops_it_when_another_file_is_broken(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(site / LI, "title: ", "title: [")
    before = (site / ZHANG).read_bytes()
    status, said = update(capsys, site, "--status", "fulfilled", "--date", "2021-05-01")
    assert status == 1
    assert "必须注明来源" in said and "没有写入" in said
    assert (site / ZHANG).read_bytes() == before


# -- arguments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--status", "in_progress", "--date", "2021-5-1"), "--date 要写成 2020-08-01"),
        (("--status", "in_progress", "--date", "2021-02-30"), "--date 要写成 2020-08-01"),
        (("--status", "in_progress", "--value", "60座"), "--value 只写数字，如 60"),
        (("--status", "in_progress", "--value", "nan"), "--value 只写数字，如 60"),
        (("--status", "完成"), "--status 要写成这些状态之一：not_started（未启动）"),
        (("--status", "in_progress", "--sour", "x"), "参数 --sour 不完整，可能是 --source-title, --source-url"),
    ],
)
def test_argument_mistakes_are_explained_in_chinese_with_the_fix(
    site: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], said: str
) -> None:
    before = (site / ZHANG).read_bytes()
    status, output = update(capsys, site, *args)
    assert status == 2
    assert said in output
    assert "argument" not in output and "invalid" not in output
    assert (site / ZHANG).read_bytes() == before


def test_new_explains_a_wrong_date_and_an_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(capsys, "new", "--unit", "x", "--date", "2020/8/1")
    assert status == 2 and "--date 要写成 2020-08-01" in said and "「2020/8/1」不对" in said
    status, said = run(capsys, "updat")
    assert status == 2 and "没有「updat」这个命令：可用的命令有 check、publish、new、update、import" in said


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=12))
def test_any_value_is_taken_as_a_number_or_explained(capsys: pytest.CaptureFixture[str], text: str) -> None:
    command = ["update", "a", "--status", "推进中", "--note", "n", f"--value={text}", "--site", "/nonexistent/site"]
    try:
        status = cli.main(command)
    except SystemExit as error:
        status = int(str(error.code))
    out, err = capsys.readouterr()
    assert status == 2
    assert "argument" not in out + err and "Traceback" not in out + err
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if "--value 只写数字，如 60" not in err:
        assert number == number and abs(number) != float("inf"), err  # taken: a finite number
        assert "找不到 mkdocs.yml" in err


@pytest.mark.parametrize("status", ["推进中", "in_progress", " 推进中 "])
def test_status_takes_the_chinese_label_or_the_key(site: Path, capsys: pytest.CaptureFixture[str], status: str) -> None:
    code, said = update(capsys, site, "--status", status, "--date", "2021-05-01")
    assert code == 0, said
    text = (site / ZHANG).read_text(encoding="utf-8")
    assert "      - date: 2021-05-01\n        status: in_progress\n        note: 推进\n" in text


# -- the date ------------------------------------------------------------------------


def test_update_without_a_date_after_a_fixed_as_of_says_how_to_go_on(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (site / ZHANG).read_bytes()
    status, said = update(capsys, site, "--status", "in_progress")
    assert status == 2
    assert "没有写 --date，进展日期就用今天" in said
    assert "晚于网站的数据截止日期 2021-06-10" in said
    assert "例如 --date 2021-06-10" in said
    assert "mkdocs.yml 里 pledges 插件的「as_of: 2021-06-10」改成" in said
    assert (site / ZHANG).read_bytes() == before


def test_update_with_a_date_after_as_of_says_so(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, said = update(capsys, site, "--status", "in_progress", "--date", "2021-07-01")
    assert status == 2
    assert "没有写入：--date 2021-07-01 晚于网站的数据截止日期 2021-06-10" in said


# -- units ------------------------------------------------------------------------------


def test_an_unknown_unit_says_the_lines_that_register_it(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(capsys, "new", "--unit", "jiaoyu", "--date", "2021-03-01", "--site", str(site))
    assert status == 2
    assert "单位「jiaoyu」不在 interviews/units.yml 中" in said
    lines = said[said.index("- id: jiaoyu") :].strip()
    assert lines == "- id: jiaoyu\n  name: 单位全称\n  short_name: 简称"
    units = site / "interviews/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8") + lines.replace("单位全称", "测试省教育厅").replace("简称", "教育厅") + "\n",
        encoding="utf-8",
    )
    status, said = run(capsys, "new", "--unit", "jiaoyu", "--date", "2021-03-01", "--site", str(site))
    assert status == 0, said


def test_a_misspelt_unit_is_suggested(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(capsys, "new", "--unit", "jiaotng", "--site", str(site))
    assert status == 2 and "是不是：jiaotong？" in said and "- id: jiaotng" in said


# -- quotes --------------------------------------------------------------------------


def test_a_quote_not_in_the_body_shows_the_nearest_passage_and_the_first_difference(site: Path) -> None:
    edit(site / ZHANG, "quote: 10月,开通城际新线路", "quote: 10月，开通城际新线路")
    _, problems = load_and_check(site / "interviews", site, dt.date(2021, 6, 10))
    (problem,) = problems
    assert problem.message.startswith("原文引述在正文中找不到：quote 必须逐字摘自正文的同一段")
    assert "正文第 67 行那一段最接近：从第 4 个字起不同" in problem.message
    assert "quote 是「，」（U+FF0C），正文是「,」（U+002C）" in problem.message
    assert problem.message.endswith("请把 quote 改为正文的原文：10月,开通城际新线路")


def test_a_quote_with_a_word_too_many_or_too_few(site: Path) -> None:
    edit(site / ZHANG, "quote: 年内完成120座危桥改造", "quote: 年内完成12座危桥改造")
    _, problems = load_and_check(site / "interviews", site, dt.date(2021, 6, 10))
    (problem,) = problems
    assert "quote 是「座」，正文是「0」" in problem.message
    assert problem.message.endswith("请把 quote 改为正文的原文：年内完成120座危桥改造")


#: Characters that seldom repeat in a short text.
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.text(HAN, min_size=1, max_size=60), min_size=1, max_size=5),
    st.data(),
)
def test_a_quote_one_character_off_is_mended_to_the_body(paragraphs: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(paragraphs) - 1))
    text = paragraphs[index]
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    passage = text[start:end]
    at = data.draw(st.integers(0, len(passage) - 1))
    wrong = data.draw(st.sampled_from("，。,.！"))
    quote = passage[:at] + wrong + passage[at + 1 :]
    found = nearest(paragraphs, quote)
    pieces = [passage[i : i + 2] for i in range(len(passage) - 1)]
    if len(passage) < 4 or any(_occurrences(paragraphs, piece) > 1 for piece in pieces):
        # Too short, or said twice: some passage is offered, from the body.
        assert found is None or found.passage in paragraphs[found.index]
        return
    assert found is not None
    assert (found.index, found.passage, found.at, found.in_quote) == (index, passage, at, wrong)


@pytest.mark.parametrize(
    ("body", "quote", "passage", "at"),
    [
        # Found by hypothesis, where repeated characters let the quote line up in more than one way.
        ("一一一一一一一一一一一丁一丂", "一，一丂", "一丁一丂", 1),
        ("一一一一丁一丂丂", "一丁一，丂", "一丁一丂丂", 3),
        ("一丁一一丂一", "一丁，一", "一丁一一", 2),
        ("一丂丂一一丁", "丂，一丁", "丂一一丁", 1),
    ],
)
def test_repeated_characters_do_not_stretch_or_shorten_the_passage(
    body: str, quote: str, passage: str, at: int
) -> None:
    found = nearest([body], quote)
    assert found is not None
    assert (found.passage, found.at, found.in_quote, found.in_body) == (passage, at, "，", passage[at])


def _occurrences(paragraphs: list[str], piece: str) -> int:
    """How often ``piece`` is in the paragraphs, overlaps counted."""
    return sum(text[i:].startswith(piece) for text in paragraphs for i in range(len(text)))


def _seconds(paragraphs: list[str], quote: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        nearest(paragraphs, quote)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", ["many paragraphs", "one long paragraph"])
def test_finding_the_nearest_passage_is_linear_in_the_body(shape: str) -> None:
    quote = "年内完成一百二十座危桥改造，让群众走得放心" * 10

    def body(n: int) -> list[str]:
        words = "年内完成座危桥改造让群众走得放心，" * (n // 17)
        return [words[i : i + 200] for i in range(0, len(words), 200)] if shape == "many paragraphs" else [words]

    small, large = _seconds(body(40_000), quote), _seconds(body(160_000), quote)
    assert large < 10 * max(small, 1e-4), (small, large)


# -- the ledger and publish ----------------------------------------------------------------


def test_a_deleted_published_pledge_says_how_to_get_it_back(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / ZHANG
    text = path.read_text(encoding="utf-8")
    block = re.search(r"  - id: jt-2020-xinxian\n(    .*\n|      .*\n)*", text)
    assert block is not None
    path.write_text(text.replace(block.group(0), ""), encoding="utf-8")
    status, said = run(capsys, "check", str(site))
    assert status == 1
    line = next(row for row in said.splitlines() if "jt-2020-xinxian" in row)
    assert line.startswith("interviews/published.txt:")
    assert f"（最后在 {ZHANG}）" in line
    assert f"git log -S jt-2020-xinxian -- {ZHANG}" in line
    assert f"git show 提交编号^:{ZHANG}" in line
    assert "复制回" in line and "withdrawn" in line


def test_publish_says_each_change_and_nothing_when_none(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, said = run(capsys, "publish", str(site))
    assert status == 0 and said.splitlines()[0] == "记录了 6 项已发布承诺的现行版本：interviews/record.yml"
    status, said = run(capsys, "publish", str(site))
    assert status == 0 and said.startswith("没有变化：interviews/published.txt 已是最新，共 6 项")
    (site / "interviews/2021").rename(site / "interviews/2022")
    status, said = run(capsys, "publish", str(site))
    assert status == 0
    moved = [line for line in said.splitlines() if line.startswith("改了所在文件：")]
    assert moved == [
        f"改了所在文件：sl-2021-{name}：{LI} → interviews/2022/li-si.md" for name in ("bengzhan", "hedao", "shuiku")
    ]
    assert not any(line.startswith(("已登记", "改写了一行")) for line in said.splitlines())
    status, said = run(capsys, "publish", str(site))
    assert said.startswith("没有变化")


def test_publish_names_the_added_and_the_rewritten_lines(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "publish", str(site))  # the record written: only the ledger changes below
    ledger = site / "interviews/published.txt"
    edit(ledger, "jt-2020-xinxian interviews/2020/zhang-san.md\n", "")
    status, said = run(capsys, "publish", str(site))
    assert status == 0
    assert said.splitlines()[:-1] == [f"已登记：jt-2020-xinxian（{ZHANG}）"]
    ledger.write_text("", encoding="utf-8")
    status, said = run(capsys, "publish", str(site))
    rows = said.splitlines()
    assert "改写了一行：# 已发布的承诺编号（由 python -m generator publish 维护，请勿手工删除）。" in rows
    assert sum(row.startswith("已登记：") for row in rows) == 6


def test_publish_says_when_it_only_sorted_the_ledger(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = site / "interviews/published.txt"
    edit(ledger, "jt-2020-xinxian interviews/2020/zhang-san.md\n", "")
    ledger.write_text(ledger.read_text(encoding="utf-8") + "jt-2020-xinxian interviews/2020/zhang-san.md\n")
    status, said = run(capsys, "publish", str(site))
    assert status == 0
    assert said.splitlines()[0] == "按编号重新排列了各行，内容不变"


def test_import_names_an_unknown_unit_with_the_lines_that_register_it(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "wen-zhang.txt"
    article.write_text("标题\n\n正文一段。\n", encoding="utf-8")
    status, said = run(capsys, "import", str(article), "--unit", "jiaoyu", "--site", str(site))
    assert status == 2
    assert "单位「jiaoyu」不在 interviews/units.yml 中" in said and "- id: jiaoyu\n  name: 单位全称" in said
    assert not list((site / "interviews").rglob("wen-zhang.md")), "nothing is written"
