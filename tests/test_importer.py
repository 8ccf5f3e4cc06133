"""Importing an article: every character kept and none added, the layout of
the paper's system undone, and a file the checker accepts once the editor has
filled in what the article does not say.

The seed must come out as the bundled interview (same facts, same blocks);
two articles in other papers' forms (「记者：」/「答：」, bold names, a
dateline, numbered headings) are read as well.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content.article import Kind, parse_body
from generator.content.check import load_and_check
from generator.content.model import Interview
from generator.content.problems import Problem
from generator.editors.cli import main
from generator.editors.importing.articlebody import Heading, body_parts, find_lede, join_breaks, place_lede
from generator.editors.importing.articlehead import parse_byline, split_credit, split_header, split_interviewee
from generator.editors.importing.articlelines import clean_lines, ends_sentence
from generator.editors.importing.articleread import read_article
from generator.editors.importing.importer import decode_article, import_article
from generator.editors.yamlwrite import scalar

from .conftest import FIXTURES, ROOT

SEED = FIXTURES / "seed-article.txt"
ARTICLES = FIXTURES / "articles"


@dataclass(frozen=True)
class Case:
    """A fixture article, the day it is imported, the layout words of its
    header that no field holds (the site writes them back), and the header
    text no field holds that a comment keeps for the editor."""

    path: Path
    today: dt.date
    layout: tuple[str, ...]
    kept: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def imported(self, unit: str | None = None) -> str:
        return import_article(self.text, unit=unit, today=self.today)


CASES = {
    "seed": Case(SEED, dt.date(2020, 6, 30), ("——专访", "记者", "通讯员")),
    "jinan": Case(
        ARTICLES / "jinan-jiaoyu.txt", dt.date(2022, 1, 5), ("——访", "本报", "记者", "通讯员", "2021年3月15日")
    ),
    "qingdao": Case(ARTICLES / "qingdao-yanglao.txt", dt.date(2022, 5, 20), ("——访", "记者", "通讯员")),
    "shuili": Case(
        ARTICLES / "shandong-shuili.txt",
        dt.date(2026, 11, 29),
        ("——访", "□", "本报", "记者", "实习生", "通讯员", "2021年4月8日"),
        ("【决胜攻坚·向人民报告】",),
    ),
    "yibao": Case(
        ARTICLES / "shandong-yibao.txt",
        dt.date(2021, 3, 2),
        ("——专访", "■", "记者", "通讯员"),
        ("「决胜攻坚·向人民报告」",),
    ),
    "jiaotong": Case(
        ARTICLES / "qilu-jiaotong.txt",
        dt.date(2021, 5, 6),
        ("——访", "◆", "○", "记者", "通讯员"),
        ("决胜攻坚 · 向人民报告",),
    ),
}
ALL = pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())


# -- what the output holds -------------------------------------------------------


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    post = frontmatter.loads(text)
    return post.metadata, post.content


def pieces(text: str) -> list[str]:
    """Every piece of the article the output holds: field values, heading
    lines and paragraphs (speaker included), in print order."""
    meta, body = front_matter(text)
    person = meta["interviewee"]
    outlet = meta["outlet"] or ""
    out = [meta["title"], meta.get("subtitle") or "", outlet, *meta["reporters"], *meta["correspondents"]]
    out += [*meta.get("interns", []), person["name"], person["position"]]
    out += [meta["photo"]["caption"], meta["photo"].get("credit") or ""] if "photo" in meta else []
    for block in parse_body(body, 1, outlet, person["name"]):
        out += block.heading_lines if block.kind is Kind.HEADING else [block.full_text]
    return out


def chars(texts: list[str] | tuple[str, ...]) -> Counter[str]:
    return Counter(c for t in texts for c in t if not c.isspace())


def test_every_fixture_article_is_a_case() -> None:
    assert {case.path for case in CASES.values()} == {SEED, *ARTICLES.glob("*.txt")}


@ALL
def test_every_character_is_kept_and_none_added(case: Case) -> None:
    imported = case.imported()
    assert chars(pieces(imported)) + chars(case.layout) + chars(case.kept) == chars([case.text])
    comments = [line for line in imported.split("\n") if line.lstrip().startswith("#")]
    assert [kept for kept in case.kept if not any(kept in line for line in comments)] == []


@ALL
def test_every_line_of_the_body_is_intact_in_one_paragraph(case: Case) -> None:
    _, lines = split_header(clean_lines(case.text))
    held = pieces(case.imported())
    assert [line for line in lines if sum(line in piece for piece in held) != 1] == []


@ALL
def test_same_input_same_output(case: Case) -> None:
    assert case.imported() == case.imported()


def messy(text: str) -> str:
    """The text as another system might give it: a BOM, CRLF, full-width
    spaces inside and around the lines, trailing spaces, many blank lines."""
    lines = ["\u3000\u3000" + line.replace(" ", "\u3000") + " \t" if line else "  " for line in text.split("\n")]
    return "\ufeff" + "\r\n\r\n \r\n".join(lines)


@ALL
def test_messy_input_gives_the_same_file(case: Case) -> None:
    assert import_article(messy(case.text), today=case.today) == case.imported()
    old_mac = case.text.replace("\n", "\r")
    assert import_article(old_mac, today=case.today) == case.imported()


# -- the seed is the bundled interview ---------------------------------------------


def fill(text: str, **fields: str) -> str:
    """The editor's work: each empty (or placeholder) field given a value."""
    for key, value in fields.items():
        text, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, key
    return text


def load_one(folder: Path, text: str, slug: str = "imported") -> tuple[Interview | None, list[Problem]]:
    """``text`` as the only interview of a site in ``folder``, checked."""
    interviews = folder / "interviews"
    (interviews / "2020").mkdir(parents=True)
    shutil.copy(ROOT / "interviews" / "units.yml", interviews / "units.yml")
    (interviews / "2020" / f"{slug}.md").write_text(text, encoding="utf-8")
    corpus, problems = load_and_check(interviews, folder, dt.date(2022, 12, 31))
    return (corpus.interviews[0] if corpus.interviews else None), problems


@pytest.fixture(scope="module")
def bundled() -> Interview:
    corpus, problems = load_and_check(ROOT / "interviews", ROOT, dt.date(2020, 12, 31))
    assert problems == []
    return next(i for i in corpus.interviews if i.slug == "shi-guangliang")


def test_the_seed_imported_and_filled_in_passes_the_checker(tmp_path: Path, bundled: Interview) -> None:
    text = fill(CASES["seed"].imported(), unit="szjggw", issue="10", date="2020-06-30")
    interview, problems = load_one(tmp_path, text)
    assert problems == []
    assert interview is not None
    assert (interview.title, interview.subtitle, interview.outlet) == (bundled.title, bundled.subtitle, bundled.outlet)
    assert (interview.reporters, interview.correspondents) == (bundled.reporters, bundled.correspondents)
    assert interview.interviewee == bundled.interviewee
    assert interview.photo == bundled.photo


def test_the_seed_body_has_the_bundled_blocks_in_order(bundled: Interview) -> None:
    meta, body = front_matter(CASES["seed"].imported())
    new = parse_body(body, 1, meta["outlet"], meta["interviewee"]["name"])
    old = parse_body(bundled.body, 1, bundled.outlet, bundled.interviewee.name)
    assert [(b.kind, b.anchor, b.speaker, b.text) for b in new] == [(b.kind, b.anchor, b.speaker, b.text) for b in old]
    assert new[0].kind is Kind.LEDE and new[0].text.startswith("今年是全面建成小康社会")
    assert [b.heading_lines for b in new if b.kind is Kind.HEADING] == [
        ["找准职责定位", "积极主动作为"],
        ["发挥表率作用", "建设模范机关"],
        ["锐意改革攻坚", "服务中心大局"],
        ["强化品牌意识", "讲好攻坚故事"],
    ]


def test_the_unfilled_fields_are_what_the_checker_points_at(tmp_path: Path) -> None:
    _, problems = load_one(tmp_path, CASES["seed"].imported())
    assert sorted(p.field for p in problems) == ["issue", "unit"]


def test_the_unit_argument_fills_the_unit(tmp_path: Path) -> None:
    text = CASES["seed"].imported(unit="szjggw")
    assert "\nunit: szjggw\n" in text and "units.yml" not in text
    _, problems = load_one(tmp_path, text)
    assert [p.field for p in problems] == ["issue"]


def uncomment_candidates(text: str) -> tuple[str, int]:
    """Every candidate taken into ``pledges:``, with an id and a text."""
    lines, count = [], 0
    for line in text.split("\n"):
        if line == "pledges: []":
            line = "pledges:"
        elif line.startswith("#   "):
            line = line[2:]
        if line == "  - id:":
            count += 1
            line = f"  - id: candidate-{count}"
        elif line == "    text:":
            line = "    text: 候选承诺"
        lines.append(line)
    return "\n".join(lines), count


#: What an editor writes where a comment says 「待填」.
TODO_VALUES = {"title": "标题", "issue": "10", "outlet": "本报", "unit": "szjggw", "name": "张三", "position": "局长"}


def fill_todos(text: str) -> str:
    """Each field under a 「# 待填」 comment given a value, and nothing else."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("# 待填"):
            below = next(i for i in range(index + 1, len(lines)) if not lines[i].lstrip().startswith("#"))
            key = lines[below].strip().removesuffix(":")
            assert key in TODO_VALUES, lines[below]
            lines[below] = f"{lines[below]} {TODO_VALUES[key]}"
    return "\n".join(lines)


@ALL
def test_each_candidate_uncommented_is_a_valid_pledge(tmp_path: Path, case: Case) -> None:
    text, count = uncomment_candidates(fill_todos(case.imported()))
    interview, problems = load_one(tmp_path, text)
    assert problems == []
    assert interview is not None and len(interview.pledges) == count > 0


# -- the other papers' forms -------------------------------------------------------


def test_questions_by_the_reporter_and_answers_by_da(tmp_path: Path) -> None:
    case = CASES["jinan"]
    meta, body = front_matter(case.imported())
    assert (meta["title"], meta["subtitle"]) == ("建设人民满意的教育", "今年新建改扩建中小学20所")
    assert meta["interviewee"] == {"name": "王建国", "position": "济南市教育局党组书记、局长"}
    assert (meta["outlet"], meta["reporters"], meta["correspondents"]) == ("济南日报", ["李明", "张华"], ["赵强"])
    assert meta["date"] == dt.date(2021, 3, 15)
    assert meta["photo"] == {"caption": "图为王建国（左二）在新建学校工地调研。"}
    blocks = parse_body(body, 1, meta["outlet"], "王建国")
    assert [b.kind for b in blocks[:5]] == [Kind.LEDE, Kind.HEADING, Kind.QUESTION, Kind.ANSWER, Kind.ANSWER]
    assert blocks[0].text.startswith("开学季临近")
    assert {b.speaker for b in blocks if b.kind is Kind.QUESTION} == {"记者："}
    # The dateline gives the year of the deadlines, not the day of the import.
    assert "deadline: 2021-09-01" in case.imported()


def test_bold_names_a_lede_on_top_and_a_broken_paragraph() -> None:
    case = CASES["qingdao"]
    meta, body = front_matter(case.imported())
    assert meta["interviewee"] == {"name": "刘芳", "position": "青岛市民政局局长"}
    assert (meta["outlet"], meta["reporters"], meta["correspondents"]) == ("大众日报", ["孙悦"], ["周宁"])
    assert "subtitle" not in meta and meta["date"] == case.today
    blocks = parse_body(body, 1, meta["outlet"], "刘芳")
    assert [b.heading_lines for b in blocks if b.kind is Kind.HEADING] == [
        ["一、织密社区养老服务网"],
        ["二、提升服务质量"],
    ]
    assert {b.speaker for b in blocks if b.kind is Kind.ANSWER and b.speaker} == {"**刘芳：**"}
    assert sum("新增农村幸福食堂200处，让农村老人" in b.text for b in blocks) == 1
    assert "category: 织密社区养老服务网" in case.imported()


def test_placeholders_carry_a_chinese_comment() -> None:
    text = CASES["qingdao"].imported()
    head = text.split("\n---\n", 1)[0]
    for key in ("issue", "date", "unit", "summary"):
        before = head.split(f"\n{key}:", 1)[0].rsplit("\n", 1)[-1]
        assert before.startswith("# "), key
    assert re.search(r"^issue:$", head, re.MULTILINE) and re.search(r"^unit:$", head, re.MULTILINE)
    assert "interviews/units.yml" in head


def test_an_article_without_headings_uses_the_title_as_category() -> None:
    text = "访谈标题\n\n记者：今年有什么打算？\n\n张三：年底前建成10个站点。\n"
    out = import_article(text, today=dt.date(2021, 1, 1))
    assert "#     category: 访谈标题" in out
    assert "#     target: {value: 10, unit: 个站点}" in out


def test_an_article_without_candidates_says_so() -> None:
    out = import_article("标题\n\n记者：怎么看？\n\n张三：很好。\n", today=dt.date(2021, 1, 1))
    assert "# 正文中没有找到候选承诺" in out and "pledges: []" in out


# -- the pieces ------------------------------------------------------------------


def test_clean_lines() -> None:
    assert clean_lines("\ufeff\u3000\u3000标题\u3000一 \r\n\r\n\r\n 正文。\t\r") == ["标题 一", "正文。"]


@pytest.mark.parametrize(
    ("line", "outlet", "reporters", "correspondents"),
    [
        ("记者 修伟华 王红 李和晴", "", ["修伟华", "王红", "李和晴"], []),
        ("本报记者：李明、张华", "", ["李明", "张华"], []),
        ("大众日报记者 孙悦 通讯员 周宁", "大众日报", ["孙悦"], ["周宁"]),
        ("通讯员 王明杰 段红岗", "", [], ["王明杰", "段红岗"]),
    ],
)
def test_bylines(line: str, outlet: str, reporters: list[str], correspondents: list[str]) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.outlet, byline.reporters, byline.correspondents) == (outlet, reporters, correspondents)


def test_sentences_about_reporters_are_no_bylines() -> None:
    assert parse_byline("齐鲁晚报·齐鲁壹点记者就此专访了石光亮。") is None
    assert parse_byline("记者") is None
    assert parse_byline("记者 张三 摄影 李四").others == ["摄影 李四"]  # type: ignore[union-attr]


def test_name_and_position_split_at_the_answers_speaker_else_at_the_title() -> None:
    line = "省委省直机关工委分管日常工作的副书记石光亮"
    assert split_interviewee(line, ["齐鲁晚报·齐鲁壹点", "石光亮"]) == (
        "石光亮",
        "省委省直机关工委分管日常工作的副书记",
    )
    assert split_interviewee("济南市教育局党组书记、局长王建国", ["记者", "答"]) == (
        "王建国",
        "济南市教育局党组书记、局长",
    )
    assert split_interviewee("一位老同志", []) == ("", "一位老同志")


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("机关党建的春天来了!”", True),
        ("具体如下：", True),
        ("做好准备。", True),
        ("其次,把指导督促做实。建立", False),
        ("及时对前两批开展“回头看”", False),
        ("制定《重点工作计划清单》", False),
    ],
)
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_headings_are_short_lines_between_finished_paragraphs() -> None:
    lines = ["导语。", "找准职责定位", "积极主动作为", "某报:问?", "一、单独一行", "答。", "尾声一行", "正文。"]
    assert body_parts(lines) == [
        "导语。",
        Heading(("找准职责定位", "积极主动作为")),
        "某报:问?",
        Heading(("一、单独一行",)),
        "答。",
        Heading(("尾声一行",)),
        "正文。",
    ]
    # After an unfinished paragraph short lines continue it; at the end they are text.
    broken = ["其次,把指导督促做实。建立", "联席会议", "机制建设", "正文。"]
    assert body_parts(broken) == broken
    assert body_parts(["正文。", "第一行", "第二行"]) == ["正文。", "第一行", "第二行"]


def test_the_lede_goes_back_to_the_top_and_the_broken_paragraph_is_joined() -> None:
    parts: list[Heading | str] = [
        Heading(("小标题", "第二行")),
        "某报:问?",
        "王五:答到一半",
        "某报记者就此专访了局长王五。",
        "的后半句。",
    ]
    speakers = ("某报", "王五")
    lede = find_lede(parts, speakers, "某报", "王五", "局长")
    assert lede == 3
    assert join_breaks(place_lede(parts, lede, speakers), speakers) == [
        "某报记者就此专访了局长王五。",
        Heading(("小标题", "第二行")),
        "某报:问?",
        "王五:答到一半的后半句。",
    ]


def test_no_lede_without_its_signals() -> None:
    parts: list[Heading | str] = ["某报:问?", "王五:答。", "我们欢迎记者来采访。", "记者问我这个问题。"]
    assert find_lede(parts, ("某报", "王五"), "某报", "王五", "局长") is None


def test_a_lede_on_top_needs_no_name() -> None:
    parts: list[Heading | str] = ["本报记者近日专访了有关负责人。", "某报:问?"]
    assert find_lede(parts, ("某报", "王五"), "某报", "王五", "局长") == 0


def test_a_speaker_opens_a_new_paragraph_even_after_an_unfinished_one() -> None:
    assert join_breaks(["某报:问", "王五:答。"], ("某报", "王五")) == ["某报:问", "王五:答。"]


def test_header_without_byline_is_the_title() -> None:
    header, rest = split_header(["访谈标题", "副标题", "记者：问？", "张三：答。"])
    assert (header.title, header.subtitle, rest) == ("访谈标题", "副标题", ["记者：问？", "张三：答。"])


def test_a_dateline_and_two_outlets_in_the_header() -> None:
    lines = ["标题", "——专访局长张三", "齐鲁晚报", "齐鲁壹点记者 李四", "日期：2021-03-15", "张三:答。"]
    header, rest = split_header(lines)
    assert (header.outlet, header.extra, header.reporters) == ("齐鲁晚报", ["齐鲁壹点"], ["李四"])
    assert (header.date, header.date_text, rest) == (dt.date(2021, 3, 15), "日期：2021-03-15", ["张三:答。"])


def test_read_article_keeps_a_header_outlet_that_differs_from_the_questions() -> None:
    text = "标题\n——专访局长张三\n齐鲁晚报\n记者 李四\n齐鲁壹点:问?\n张三:答。"
    article = read_article(text)
    assert (article.outlet, article.header.extra) == ("齐鲁壹点", ["齐鲁晚报"])
    assert "# 原文开头另有「齐鲁晚报」" in import_article(text, today=dt.date(2021, 1, 1))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("强化党建引领 聚力改革攻坚", "强化党建引领 聚力改革攻坚"),
        ("7月,召开推进会", "7月,召开推进会"),
        ("明确:今年抓什么", "明确:今年抓什么"),
        ("说明: 有冒号和空格", '"说明: 有冒号和空格"'),
        ("#号开头", '"#号开头"'),
        ("10", '"10"'),
        ("yes", '"yes"'),
        ('带"引号"', '带"引号"'),
        ("", '""'),
    ],
)
def test_scalars_are_plain_when_yaml_reads_them_back(value: str, written: str) -> None:
    assert scalar(value) == written


def test_flow_scalars_quote_flow_marks() -> None:
    assert [scalar(v, flow=True) for v in ("%", "个,项", "张三")] == ['"%"', '"个,项"', "张三"]


# -- the forms articles really come in (issue 13) ----------------------------------


def meta_of(case: str) -> dict[str, Any]:
    return front_matter(CASES[case].imported())[0]


def blocks_of(case: str) -> list[Any]:
    meta, body = front_matter(CASES[case].imported())
    return parse_body(body, 1, meta["outlet"] or "", meta["interviewee"]["name"])


@pytest.mark.parametrize(
    ("case", "title", "column"),
    [
        ("shuili", "守牢防汛底线 护佑一方安澜", "【决胜攻坚·向人民报告】"),
        ("yibao", "管好百姓“救命钱”", "「决胜攻坚·向人民报告」"),
        ("jiaotong", "打通农村公路“最后一公里”", "决胜攻坚 · 向人民报告"),
    ],
)
def test_the_column_line_is_the_column_not_the_title(case: str, title: str, column: str) -> None:
    text = CASES[case].imported()
    meta = meta_of(case)
    assert (meta["title"], meta.get("subtitle")) == (title, None)
    assert f"# 原文开头一行是栏目名：{column}。" in text
    assert "向人民报告" not in "".join(re.findall(r"category: (.*)", text))


@pytest.mark.parametrize(
    "line",
    [
        "决胜攻坚·向人民报告",
        "【决胜攻坚·向人民报告】",
        "〖决胜攻坚•向人民报告〗",
        "  决胜攻坚 · 向人民报告 ",
        "【党建访谈录】",
    ],
)
def test_every_form_of_the_column_line(line: str) -> None:
    text = f"{line}\n访谈标题\n——专访局长张三\n记者 李四\n记者：今年怎么干？\n张三：年底前建成10个站点。\n"
    meta, _ = front_matter(import_article(text, today=dt.date(2021, 1, 1)))
    assert (meta["title"], meta.get("subtitle")) == ("访谈标题", None)
    assert "#     category: 访谈标题" in import_article(text, today=dt.date(2021, 1, 1))


def test_a_bracketed_line_further_down_is_no_column() -> None:
    header, _ = split_header(["访谈标题", "【副题】", "——专访局长张三", "张三:答。"])
    assert (header.title, header.subtitle, header.column) == ("访谈标题", "【副题】", "")


@pytest.mark.parametrize(
    ("line", "name", "position"),
    [
        ("省水利厅厅长 王一", "王一", "省水利厅厅长"),
        ("省医疗保障局党组书记、局长孙丽", "孙丽", "省医疗保障局党组书记、局长"),
        ("省交通运输厅党组书记 厅长 刘洋", "刘洋", "省交通运输厅党组书记 厅长"),
    ],
)
def test_the_interviewee_from_the_fang_line(line: str, name: str, position: str) -> None:
    assert split_interviewee(line, ["问", "答"]) == (name, position)


@pytest.mark.parametrize(
    ("case", "name", "position"),
    [
        ("shuili", "王一", "省水利厅厅长"),
        ("yibao", "孙丽", "省医疗保障局党组书记、局长"),
        ("jiaotong", "刘洋", "省交通运输厅党组书记、厅长"),
    ],
)
def test_the_fixtures_interviewee(case: str, name: str, position: str) -> None:
    assert meta_of(case)["interviewee"] == {"name": name, "position": position}


@pytest.mark.parametrize(
    ("line", "outlet", "reporters", "correspondents", "interns"),
    [
        ("□本报记者 李明 张华 实习生 赵小雨", "", ["李明", "张华"], [], ["赵小雨"]),
        ("■ 大众日报记者 周文 通讯员 吴凡", "大众日报", ["周文"], ["吴凡"], []),
        ("◆记者 郑凯 王芳", "", ["郑凯", "王芳"], [], []),
        ("○通讯员 何静", "", [], ["何静"], []),
        ("◇本报记者：李明 ●实习生 王五", "", ["李明"], [], ["王五"]),
    ],
)
def test_bylines_with_box_marks_and_interns(
    line: str, outlet: str, reporters: list[str], correspondents: list[str], interns: list[str]
) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.outlet, byline.reporters, byline.correspondents, byline.interns, byline.others) == (
        outlet,
        reporters,
        correspondents,
        interns,
        [],
    )


@pytest.mark.parametrize(
    ("case", "outlet", "reporters", "correspondents"),
    [
        ("shuili", None, ["李明", "张华"], ["陈刚"]),
        ("yibao", "大众日报", ["周文"], ["吴凡"]),
        ("jiaotong", "齐鲁晚报·齐鲁壹点", ["郑凯", "王芳"], ["何静"]),
    ],
)
def test_the_fixtures_byline(case: str, outlet: str | None, reporters: list[str], correspondents: list[str]) -> None:
    meta = meta_of(case)
    assert (meta["outlet"], meta["reporters"], meta["correspondents"]) == (outlet, reporters, correspondents)


def test_an_intern_is_kept_in_a_field_of_their_own() -> None:
    meta = meta_of("shuili")
    assert (meta["reporters"], meta["interns"]) == (["李明", "张华"], ["赵小雨"])


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("王一在大堤检查。 通讯员 王涛 摄", "王一在大堤检查。", "通讯员 王涛 摄"),
        ("王一在大堤检查。记者 李明 摄", "王一在大堤检查。", "记者 李明 摄"),
        ("群众办理医保业务。（资料图）", "群众办理医保业务。", "（资料图）"),
        ("新建的学校。（本报记者 李明 摄）", "新建的学校。", "（本报记者 李明 摄）"),
        ("新建的学校。 王涛/摄", "新建的学校。", "王涛/摄"),
        ("记者 李明 摄", "", "记者 李明 摄"),
        ("开展无人机航拍摄", "开展无人机航拍摄", ""),
    ],
)
def test_a_caption_and_its_credit(line: str, caption: str, credit: str) -> None:
    assert split_credit(line) == (caption, credit)


@pytest.mark.parametrize(
    ("case", "caption", "credit"),
    [
        ("shuili", "4月6日，王一（右二）在黄河大堤检查防汛物资储备情况。", "通讯员 王涛 摄"),
        ("yibao", "省医保局工作人员在政务服务大厅为群众办理医保业务。", "（资料图）"),
        ("jiaotong", "村民走上新修的农村公路。", "记者 李明 摄"),
    ],
)
def test_the_fixtures_caption_keeps_the_credit_apart(case: str, caption: str, credit: str) -> None:
    text = CASES[case].imported()
    assert front_matter(text)[0]["photo"] == {"caption": caption, "credit": credit}


@pytest.mark.parametrize(
    ("case", "headings"),
    [
        ("shuili", [["汛前准备要“早”"], ["隐患排查要“细”"], ["应急处置要“快”"]]),
        ("yibao", [["一、守好基金安全“生命线”"], ["二、让群众看病少花钱"], ["三、让群众办事少跑腿"]]),
        ("jiaotong", [["好路通到家门口", "群众出行更便捷"], ["管好养好", "路长制见实效"]]),
    ],
)
def test_headings_of_every_form(case: str, headings: list[list[str]]) -> None:
    assert [b.heading_lines for b in blocks_of(case) if b.kind is Kind.HEADING] == headings


def test_a_single_line_heading_is_flagged_for_the_editor() -> None:
    text = CASES["shuili"].imported()
    assert "# 待核对：正文中单独一行的「汛前准备要“早”」当作了小标题（## ）；如果是正文，请去掉「## 」。" in text
    assert "单独一行的「一、" not in CASES["yibao"].imported()  # numbered: sure


def test_a_short_paragraph_without_final_mark_is_flagged() -> None:
    out = import_article("标题\n\n记者：怎么看？\n\n张三：很好。\n\n结束语一行\n", today=dt.date(2021, 1, 1))
    assert "# 待核对：正文中「结束语一行」一段没有句末标点；如果是小标题，请在行首加上「## 」。" in out


@pytest.mark.parametrize(
    ("case", "questions", "answers"),
    [
        ("shuili", {"问："}, {"答："}),
        ("yibao", {"记者："}, {"**孙丽**："}),
        ("jiaotong", {"齐鲁晚报·齐鲁壹点："}, {"刘洋：", "刘洋:"}),
    ],
)
def test_speakers_of_every_form(case: str, questions: set[str], answers: set[str]) -> None:
    blocks = blocks_of(case)
    assert blocks[0].kind is Kind.LEDE or blocks[0].kind is Kind.HEADING
    assert {b.speaker for b in blocks if b.kind is Kind.QUESTION} == questions
    assert {b.speaker for b in blocks if b.kind is Kind.ANSWER and b.speaker} == answers
    assert [b.text for b in blocks if b.kind is Kind.TEXT] == []


# -- encodings, --date and --issue -------------------------------------------------


@ALL
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_the_article_is_read_in_utf8_or_gb18030(case: Case, encoding: str) -> None:
    assert decode_article(case.text.replace("\n", "\r\n").encode(encoding)).replace("\r\n", "\n") == case.text


def test_text_in_no_known_encoding_is_refused() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode_article(b"\xff\xfe\x00abc\x81")


def test_the_date_and_issue_given_are_written_and_give_the_year() -> None:
    case = CASES["yibao"]
    out = import_article(case.text, today=dt.date(2026, 11, 29), date=dt.date(2021, 3, 2), issue=12)
    assert "\nissue: 12\n" in out and "\ndate: 2021-03-02\n" in out and "待核对见报日期" not in out
    assert set(re.findall(r"deadline: (\d{4})", out)) == {"2021"} and "单位编号-2021-xxx" in out


def test_the_dateline_gives_the_year_not_the_day_of_the_import() -> None:
    out = CASES["shuili"].imported()  # imported in 2026, printed in 2021
    assert set(re.findall(r"deadline: (\d{4})", out)) == {"2021"} and "单位编号-2021-xxx" in out


def test_without_a_date_the_file_says_the_year_is_a_guess() -> None:
    out = import_article(CASES["yibao"].text, today=dt.date(2026, 11, 29))
    assert "# 待核对见报日期：原文没有写明，这里暂填导入当天" in out
    assert "# 下面候选承诺的时限和编号按 2026 年推算，改了日期要一并核对。\ndate: 2026-11-29" in out


def test_the_next_issue_is_written_to_be_checked() -> None:
    out = import_article(CASES["yibao"].text, today=dt.date(2021, 3, 2), next_issue=11)
    assert "# 待核对期数：按顺序已排到第 11 期，请核对（导入时可用 --issue 指定）。\nissue: 11\n" in out


# -- the command ---------------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with the bundled interviews (and what its mkdocs.yml names)."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for folder in ("interviews", "docs", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_the_command_reads_gbk_fills_the_next_issue_and_files_by_the_articles_year(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CASES["shuili"]
    article = site / "shandong-shuili.txt"
    article.write_bytes(case.text.replace("\n", "\r\n").encode("gbk"))
    assert main(["import", str(article), "--site", str(site)]) == 0
    written = (site / "interviews" / "2021" / "shandong-shuili.md").read_text(encoding="utf-8")
    corpus, _ = load_and_check(ROOT / "interviews", ROOT, dt.date(2020, 12, 31))
    issue = max(i.issue for i in corpus.interviews) + 1
    assert written.split("date:")[1] == import_article(case.text, next_issue=issue).split("date:")[1]
    assert f"\nissue: {issue}\n" in written


def test_the_command_takes_date_and_issue(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = site / "interviews" / "2021" / "yibao.md"
    args = ["import", str(CASES["yibao"].path), "-o", str(target), "--site", str(site)]
    assert main([*args, "--date", "2021-03-02", "--issue", "12"]) == 0
    written = target.read_text(encoding="utf-8")
    assert "\nissue: 12\n" in written and "\ndate: 2021-03-02\n" in written


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        (b"\xff\xfe\x00abc\x81", [], "既不是 UTF-8 编码，也不是 GB18030（GBK）编码的文字"),
        ("标题\n".encode(), ["--issue", "十"], "--issue 只写期数，是正整数，如 --issue 10；「十」不对。"),
    ],
)
def test_the_command_explains_a_bad_article_or_issue(
    site: Path, capsys: pytest.CaptureFixture[str], content: bytes, extra: list[str], message: str
) -> None:
    article = site / "bad.txt"
    article.write_bytes(content)
    assert main(["import", str(article), "-o", str(site / "x.md"), "--site", str(site), *extra]) != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and not (site / "x.md").exists()


# -- any text --------------------------------------------------------------------------

#: Pieces of the forms articles come in, to build arbitrary articles from.
FRAGMENTS = [
    "【决胜攻坚·向人民报告】", "决胜攻坚 · 向人民报告", "「栏目」", "标题", "守牢防汛底线\u3000护佑一方安澜",
    "——访省水利厅厅长 王一", "——专访局长张三", "□本报记者 李明 张华 实习生 赵小雨", "■ 大众日报记者 周文",
    "◆记者 郑凯", "○通讯员 何静", "通讯员 王涛 摄", "（资料图）", "图为调研。", "2021年4月8日", "汛前准备要“早”",
    "一、守好基金安全“生命线”", "问：", "答：", "记者：", "**王一**：", "王一:", "今年年底前建成10个站点。",
    "？", "。", "，", " ", "\u3000", "\n", "\n\n", "\r\n", "\ufeff", "摄", "记者", "访", "【", "】", "·",
]  # fmt: skip
#: Characters the import may leave out: spaces, and the layout words' own.
LAYOUT = set("——访专谈问对话记者通讯员本报实习生□■◇◆○●◎☆★:：") | {"\ufeff"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(FRAGMENTS)
        # Control characters are written escaped (「\u001b」), which YAML reads back.
        | st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=6),
        max_size=30,
    )
)
@example(["——访局长 王一", "\n", "——专访处长 张三"])
def test_any_text_imports_and_loses_no_character(pieces_: list[str]) -> None:
    text = "".join(pieces_)
    out = import_article(text, today=dt.date(2021, 1, 1))
    assert isinstance(frontmatter.loads(out).metadata, dict)
    before = Counter(c for c in text if not c.isspace() and c not in LAYOUT)
    after = Counter(c for c in out if not c.isspace())
    assert before - after == Counter()


def test_a_bound_on_the_target_is_a_comment_inside_the_candidate() -> None:
    text = CASES["yibao"].imported()
    (note,) = [line for line in text.split("\n") if line.startswith("#     # 待核对：") and "98%以上" in line]
    assert text.index(note) > text.index("#     target: {value: 98")
