"""The mistakes editors really make, each caught on its line with its fix,
and the editor's guide (docs/guide.md) that explains every message.

The rule fixtures in ``tests/fixtures/rules/`` show each mistake in a whole
interview; here the raw-text checks (:mod:`generator.content.typos`) are tried on
small texts, including the legitimate ones they must leave alone.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import typomessages
from generator.content.fields import Fields
from generator.content.model import Status, Unit
from generator.content.problems import Problem
from generator.content.textfile import read_text
from generator.content.typos import find_typos, may_be_mistyped, repair
from generator.content.yamlread import parse_yaml
from generator.content.yamltree import WIDE_COLON_HINT, Node, YamlSyntaxError, parse
from generator.editors.scaffold import new_interview

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
#: The modules whose messages editors can see in ``check``'s output.
MESSAGE_MODULES = (
    "content/yamltree",
    "content/fields",
    "content/datehints",
    "content/load",
    "content/statuswords",
    "content/rules",
    "content/ids",
    "content/ledger",
    "content/corrections",
    "content/record",
    "content/typomessages",
    "content/textfile",
    "content/weburls",
    "content/links",
    "editors/updates",
)


def plain(text: str) -> object:
    """The YAML ``text`` as plain Python values."""
    root, problems = parse(text)
    assert problems == []

    def value(node: Node | None) -> object:
        assert node is not None
        if isinstance(node.children, dict):
            return {k: value(v) for k, v in node.children.items()}
        if isinstance(node.children, list):
            return [value(v) for v in node.children]
        return node.value

    return value(root)


# -- the raw-text checks -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "fragment", "fixed"),
    [
        # A full-width colon after a field name.
        ("a: 1\ndeadline：2020-07-31\n", 2, "冒号是全角的「：」", "deadline: 2020-07-31"),
        ("pledges:\n  - id：x\n", 2, "请改为 `- id: x`", "  - id: x"),
        ("progress：\n  - date: 2020-07-01\n", 1, "请改为 `progress:`", "progress:"),
        ("deadline ： 2020-07-31  # 注释\n", 1, "请改为 `deadline: 2020-07-31`", "deadline: 2020-07-31  # 注释"),
        ("t: {value：5, unit: 个}\n", 1, "冒号是全角的", "t: {value: 5, unit: 个}"),
        # Full-width commas between the items of a list, or between fields.
        ("reporters: [王红，李四]\n", 1, "「，」是全角的", "reporters: [王红, 李四]"),
        ("reporters: [王红、李四、张三]\n", 1, "「、」是全角的", "reporters: [王红, 李四, 张三]"),
        ('reporters: ["王红"，"李四"]\n', 1, "「，」是全角的", 'reporters: ["王红", "李四"]'),
        ("reporters: [王红，\n  李四]\n", 1, "「，」是全角的", "reporters: [王红, "),
        ("- {title: 甲，url: https://x.org}\n", 1, "字段之间的逗号", "- {title: 甲, url: https://x.org}"),
        # No space after the colon or the dash.
        ("status:fulfilled\n", 1, "「status:fulfilled」会被当成一整段文字", "status: fulfilled"),
        ("  - date:2020-07-01\n", 1, "请改为 `- date: 2020-07-01`", "  - date: 2020-07-01"),
        ("url:https://example.org/a\n", 1, "请改为 `url: https://example.org/a`", "url: https://example.org/a"),
        ("s: {title:甲, url: x}\n", 1, "冒号后面缺少空格", "s: {title: 甲, url: x}"),
        ("progress:\n  -date: 2020-07-01\n", 2, "「-date:」会被当成文字", "  - date: 2020-07-01"),
        ("reporters:\n  -王红\n", 2, "请改为 `- 王红`", "  - 王红"),
        ("progress:\n  － date: 2020-07-01\n", 2, "「－」不是半角连字符", "  - date: 2020-07-01"),
        # Tabs and full-width spaces.
        ("interviewee:\n\tname: 王\n", 2, "用制表符（Tab）缩进", "  name: 王"),
        ("pledges:\n  - id: x\n\ttext: y\n", 3, "改为 `    text: y`", "    text: y"),
        ("a:\n  b:\n    c: 1\n\td: 2\n", 4, "改为 `  d: 2`", "  d: 2"),
        ("issue:\t1\n", 1, "引号外面有制表符", "issue: 1"),
        ("note: 甲\t乙\n", 1, "引号外面有制表符", "note: 甲 乙"),
        ("interviewee:\n\u3000name: 王\n", 2, "行首是全角空格", "  name: 王"),
        ("outlet:\u3000日报\n", 1, "冒号后面的空格是全角的", "outlet: 日报"),
        ("a: 1\n\t\nb: 2\n", 2, "看起来是空行", ""),
        # Text that YAML would cut or refuse.
        ("subtitle: 谈: 三件实事\n", 1, '改为 `subtitle: "谈: 三件实事"`', 'subtitle: "谈: 三件实事"'),
        ("text: 完成 #3 号工程  # 注释\n", 1, '改为 `text: "完成 #3 号工程"`', 'text: "完成 #3 号工程"  # 注释'),
    ],
)
def test_each_typing_mistake_is_found_on_its_line_with_the_fixed_line(
    text: str, line: int, fragment: str, fixed: str
) -> None:
    findings = find_typos(text, 1)
    assert [f.line for f in findings] == [line], findings
    [finding] = findings
    assert finding.message.startswith(f"第 {line} 行")
    assert fragment in finding.message
    assert finding.fixed == fixed


def test_lines_are_file_lines() -> None:
    [finding] = find_typos("title: x\ndate：2020-07-01\n", first_line=2)
    assert finding.line == 3
    assert finding.message.startswith("第 3 行")


def test_several_mistakes_on_one_line_share_one_fixed_line() -> None:
    findings = find_typos("reporters：[王红，李四]\n")
    assert len(findings) == 2
    assert {f.fixed for f in findings} == {"reporters: [王红, 李四]"}
    assert all("`reporters: [王红, 李四]`" in f.message for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        # Chinese punctuation inside text values is text.
        "summary: 一是建桥，二是建校、三是配医生：全部年底完成。\n",
        "title: 演示来源：首批便民桥梁通行\n",
        "- {title: 演示来源：关于甲，乙的通知, url: 'https://example.org/a'}\n",
        "deadline_note: 原文未写明时限，按“今年”计至年底\n",
        "doc_no: 示例教发〔2020〕3号\n",
        'quote: "他说: 我们，一定办好"\n',
        'reporters: ["王红，李四"]\n',
        # URLs and times in values.
        "url: https://example.org/a?b=1#c\n",
        "sources:\n  - https://example.org/a\n",
        "note: 推进会于10:00召开\n",
        "note: 上午 10:00 召开\n",
        "note: 第#1号\n",
        "value: -1\n",
        # Comments, with anything in them.
        "# 访谈标题：两个短语之间用一个空格分开。\ntitle: x  # 注：y，z\n",
        "pledges: []\n#  - id: x\n#    deadline：2020\n#\tbad\n",
        # Block texts and quoted texts over several lines.
        "note: |\n  -第一\n  key:value\n  甲\t乙\nnext: 1\n",
        "note: >-\n  date：2020\n\n  x\nnext: 1\n",
        'note: "第一行\n  status:x 第二行"\nb: 1\n',
        "status : fulfilled\n",
        "",
    ],
)
def test_legitimate_text_is_left_alone(text: str) -> None:
    assert find_typos(text) == []


def real_front_matters() -> list[tuple[str, str]]:
    """The front matter of every interview in the repository, of a new file
    and of imported articles: the checks must find nothing in them."""
    found = []
    sources = [*sorted((ROOT / "interviews").rglob("*.md")), ROOT / "tests" / "fixtures" / "rules" / "valid.md"]
    for path in sources:
        found.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    unit = Unit("szjggw", "中共山东省委省直机关工作委员会", "省直机关工委")
    found.append(("new", new_interview(unit, dt.date(2020, 7, 1), 11, "齐鲁晚报·齐鲁壹点")))
    try:
        # Written alongside this module (python -m generator import).
        from generator.editors.importing.importer import import_article
    except ImportError:
        return found
    for article in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")):
        text = import_article(article.read_text(encoding="utf-8"), unit="szjggw", today=dt.date(2020, 7, 1))
        found.append((f"import {article.name}", text))
    return found


@pytest.mark.parametrize(("name", "text"), real_front_matters(), ids=lambda v: str(v)[:40])
def test_real_files_have_no_typing_mistake(name: str, text: str) -> None:
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    assert find_typos(head, 2) == []


def test_the_fixed_text_reads_as_meant() -> None:
    text = "status:fulfilled\nreporters: [王红，李四]\nprogress:\n  -date：2020-07-01\n\tnote: x\n"
    findings = find_typos(text)
    assert plain(repair(text, findings)) == {
        "status": "fulfilled",
        "reporters": ["王红", "李四"],
        "progress": [{"date": dt.date(2020, 7, 1), "note": "x"}],
    }


def test_yaml_problems_are_still_reported_after_a_typing_mistake() -> None:
    problems: list[Problem] = []
    root = parse_yaml("date：2020-07-01\na: 1\na: 2\n", 5, "x.md", problems)
    assert root is not None
    assert [(p.line, p.field) for p in problems] == [(5, "YAML"), (7, "YAML")]
    assert "重复出现" in problems[1].message


def test_a_mistake_yaml_cannot_get_past_is_explained_once() -> None:
    problems: list[Problem] = []
    # The fix for line 1 is right; line 3 is still broken: both are reported.
    root = parse_yaml('date：2020-07-01\na: 1\nb: "open\n', 1, "x.md", problems)
    assert root is None
    assert [p.line for p in problems] == [1, 3]


def test_a_wrong_fix_falls_back_to_the_text_as_written() -> None:
    # "see:x" continues the text of the line above: the check cannot know and
    # asks for a space, which YAML would refuse there; the text is then read
    # as written, so that nothing else is lost.
    problems: list[Problem] = []
    root = parse_yaml("note: 第一\n  see:x\nb: 1\n", 1, "x.md", problems)
    assert root is not None and isinstance(root.children, dict)
    assert root.children["note"].value == "第一 see:x"
    assert [p.line for p in problems] == [2]


def test_crlf_is_reported_once_and_the_file_still_read(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("---\r\ntitle: x\r\n---\r\n\r\n正文\r\n".encode())
    problems: list[Problem] = []
    assert read_text(path, "a.md", problems) == "---\ntitle: x\n---\n\n正文\n"
    assert [(p.line, p.field) for p in problems] == [(1, "文件")]
    assert "请把文件另存为 LF（Unix）换行" in problems[0].message


def test_crlf_from_the_second_line_on_is_reported_where_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: x\r\ndate: y\r\n")
    problems: list[Problem] = []
    assert read_text(path, "a.md", problems) == "---\ntitle: x\ndate: y\n"
    assert [p.line for p in problems] == [2]


def test_a_key_yaml_cannot_read_is_reported_on_its_own_line() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse("a: 1\n时限：2020-07-31\nb: 2\n", 1)
    assert caught.value.line == 2
    assert caught.value.message.endswith(WIDE_COLON_HINT)


def test_a_full_width_colon_in_text_is_not_blamed() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse('title: "演示来源：x\n', 1)
    assert WIDE_COLON_HINT not in caught.value.message


# -- values YAML reads as something else -------------------------------------


def read(text: str, reader: str, name: str) -> tuple[object, list[Problem]]:
    root, _ = parse(text)
    assert root is not None
    problems: list[Problem] = []
    fields = Fields(root, path="x.md", where="", known=[name], problems=problems)
    return getattr(fields, reader)(name), problems


@pytest.mark.parametrize(
    "written",
    [
        "2020年7月1日",
        "2020 年 7 月 1 日",
        "2020年07月01日",
        "2020年7月1号",
        "2020.7.1",
        "2020.07.01",
        "2020/7/1",
        "2020-7-1",
        "2020_7_1",
        "２０２０年７月１日",
        "二〇二〇年七月一日",
        "20200701",
    ],
)
def test_every_way_of_writing_a_date_gets_the_corrected_date(written: str) -> None:
    value, problems = read(f"deadline: {written}\n", "date", "deadline")
    assert value == dt.date.min
    [problem] = problems
    assert "请写成 2020-07-01" in problem.message
    assert "`deadline: 2020-07-01`" in problem.message


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("2020-07-01 10:00", "只写日期，不写时间：请写成 2020-07-01：`deadline: 2020-07-01`"),
        ("2020-07-01 10:00:00", "只写日期，不写时间：请写成 2020-07-01：`deadline: 2020-07-01`"),
        ("2020年7月1日10时", "只写日期，不写时间：请写成 2020-07-01"),
        ("2020年7月", "如果指这个月底，请写成 2020-07-31：`deadline: 2020-07-31`"),
        ("2020.02", "如果指这个月底，请写成 2020-02-29"),
        ("2020年13月", "不是存在的日期"),
        ("2020年2月30日", "「2020年2月30日」不是存在的日期"),
        ("7月1日", "没有写年份"),
        ("年底", "时限写当年的 12 月 31 日"),
        ("下半年", "实为文字「下半年」"),
    ],
)
def test_dates_that_cannot_be_corrected_say_why(written: str, fragment: str) -> None:
    _, problems = read(f"deadline: {written}\n", "date", "deadline")
    [problem] = problems
    assert fragment in problem.message


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        (
            "no",
            'YAML 把不加引号的「no」读成了真假值。如果就是要写「no」这几个字，请加英文引号："no"，即 `short_name: "no"`',
        ),
        ("yes", '请加英文引号："yes"'),
        ("off", '请加英文引号："off"'),
        ("2020", '读成了数字。如果就是要写「2020」这几个字，请加英文引号："2020"'),
        ("1.50", '请加英文引号："1.50"'),
        ("2020-07-01", '读成了日期。如果就是要写「2020-07-01」这几个字，请加英文引号："2020-07-01"'),
    ],
)
def test_unquoted_values_yaml_reads_as_something_else_say_how_to_quote(written: str, fragment: str) -> None:
    _, problems = read(f"short_name: {written}\n", "text", "short_name")
    [problem] = problems
    assert fragment in problem.message


@pytest.mark.parametrize(
    ("text", "reader", "name", "fragment"),
    [
        ('issue: "10"\n', "integer", "issue", "`issue: 10`"),
        ("issue: 第十期\n", "integer", "issue", "`issue: 10`"),
        ("issue: １０\n", "integer", "issue", "`issue: 10`"),
        ("value: 1,200\n", "number", "value", "`value: 1200`"),
        ("value: 12.5万\n", "number", "value", "`value: 12.5`"),
        ("issue: 010\n", "integer", "issue", "读成了 8。请去掉开头的 0：`issue: 10`"),
        ("value: 0044\n", "number", "value", "读成了 36。请去掉开头的 0：`value: 44`"),
        ("reporters: 王红，李四\n", "text_list", "reporters", "`reporters: [王红, 李四]`"),
        ("reporters: 王红、李四\n", "text_list", "reporters", "`reporters: [王红, 李四]`"),
        ("reporters:\n  - 王红, 李四\n  - 张三\n", "text_list", "reporters", "`reporters: [王红, 李四, 张三]`"),
    ],
)
def test_numbers_and_lists_written_like_text_say_how_to_write_them(
    text: str, reader: str, name: str, fragment: str
) -> None:
    _, problems = read(text, reader, name)
    [problem] = problems
    assert fragment in problem.message


def test_one_name_is_still_a_list_of_one() -> None:
    assert read("reporters: 王红\n", "text_list", "reporters") == (["王红"], [])
    assert read("reporters: 约翰·史密斯\n", "text_list", "reporters") == (["约翰·史密斯"], [])


def test_a_scalar_remembers_how_it_was_written() -> None:
    root, _ = parse("a: no\nb: 1.50\n")
    assert root is not None and isinstance(root.children, dict)
    assert (root.children["a"].value, root.children["a"].source) == (False, "no")
    assert (root.children["b"].value, root.children["b"].source) == (1.5, "1.50")


# -- the guide -----------------------------------------------------------------

_CJK = re.compile(r"[\u4e00-\u9fff]")
#: ``{n}``, ``{fixed}``: the placeholders of the typing mistakes' message templates.
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
_EDGES = " \t\n#`，。：；、（）「」,.:;()"


def _not_messages(tree: ast.Module) -> set[int]:
    """Strings in a module that are not messages: docstrings, regular
    expressions, dictionary keys (words the code recognises)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if isinstance(node.func.value, ast.Name) and node.func.value.id == "re":
                skip.update(id(arg) for arg in node.args)
        elif isinstance(node, ast.Dict):
            skip.update(id(key) for key in node.keys if key is not None)
    return skip


def message_phrases(module: str) -> list[tuple[int, str]]:
    """(line, phrase) for every message in ``generator/<module>.py`` (``module`` as a path): the
    longest Chinese run of its literal text, between its placeholders."""
    tree = ast.parse((ROOT / "generator" / f"{module}.py").read_text(encoding="utf-8"))
    skip = _not_messages(tree)
    inside = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            pieces = [p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip | inside:
            pieces = [node.value]
        else:
            continue
        runs = [run.strip(_EDGES) for piece in pieces for run in re.split(r"\{[a-z_]*\}|\n", piece)]
        runs = [run for run in runs if len(_CJK.findall(run)) >= 2]
        if runs:
            found.append((node.lineno, max(runs, key=len)))
    return found


def test_the_guide_explains_every_message_the_checker_prints() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    missing = [
        f"generator/{module}.py:{line}: {phrase}"
        for module in MESSAGE_MODULES
        for line, phrase in message_phrases(module)
        if phrase not in guide
    ]
    assert not missing, "docs/guide.md does not explain these messages:\n" + "\n".join(missing)


def test_the_phrases_are_found_in_the_messages_themselves() -> None:
    """The collection sees what the checker prints: a few known messages."""
    phrases = {phrase for module in MESSAGE_MODULES for _, phrase in message_phrases(module)}
    assert "原文引述在正文中找不到：quote 必须逐字摘自正文的同一段（标点、空格都要一致" in phrases
    assert "不是规定的日期格式：请写成" in phrases
    assert any("冒号是全角的「：」" in phrase for phrase in phrases)
    assert not any("时点" in phrase for phrase in phrases), "regular expressions are not messages"
    assert len(phrases) > 60


def test_the_guide_has_the_status_table_and_every_command() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    front_matter = yaml.safe_load(guide.split("---\n")[1])
    assert front_matter["title"] == "编辑指南"
    assert front_matter["search"]["boost"] < 1e-6, "the guide never ranks above a reader's page"
    assert "<!-- jn:statuses -->" in guide
    for command in (
        "python -m generator import 文章.txt",
        "python -m generator new --unit 单位编号",
        "python -m generator check",
        "python -m generator publish",
        "python -m generator update 承诺编号 --status",
        "make serve",
    ):
        assert command in guide, command
    for status in Status:
        assert f"`{status.value}`" in guide, status


def test_the_guide_lists_every_typo_template() -> None:
    """Each raw-text message, placeholders aside, is quoted in the guide."""
    guide = GUIDE.read_text(encoding="utf-8")
    templates = [v for k, v in vars(typomessages).items() if k.isupper() and isinstance(v, str) and "{n}" in v]
    assert len(templates) >= 10
    for template in templates:
        for run in _PLACEHOLDER.split(template):
            assert run.strip(_EDGES) in guide, run


#: What the typing mistakes are made of, and what may hide them.
_PIECES = st.sampled_from(
    [
        "\n",
        " ",
        "  ",
        "- ",
        "-",
        "key",
        ": ",
        ":",
        "：",
        "，",
        "、",
        ",",
        "[",
        "]",
        "{",
        "}",
        '"',
        "'",
        "甲",
        "#",
        "\t",
        "\u3000",
        "|",
    ]
)


@given(st.lists(_PIECES, max_size=30).map("".join))
@settings(max_examples=400, deadline=None)
def test_a_text_the_quick_look_passes_has_no_typing_mistake(text: str) -> None:
    # The quick look lets most files skip the line-by-line walk: whatever
    # the walk would find, the quick look must have suspected.
    if find_typos(text):
        assert may_be_mistyped(text)


def test_commas_in_closed_quotes_are_no_suspects_but_open_quotes_are() -> None:
    assert not may_be_mistyped('sources:\n  - {title: "来源：甲、乙，丙", url: "https://a.example/"}\n')
    assert not may_be_mistyped("names: ['甲、乙', \"丙，丁\"]\n")
    assert may_be_mistyped("names: [甲，乙]\n")
    assert may_be_mistyped('names: ["甲", 乙，丙]\n')
    assert may_be_mistyped('names: ["甲，乙]\n')
