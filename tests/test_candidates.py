"""Pledge candidates: which clauses of the answers look like commitments, and
the deadline, target and category guessed for each.

On the seed, the candidates must cover every pledge the bundled interview
lists (recall), without burying them in noise (precision).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.content.article import Block, Kind, parse_body
from generator.content.check import load_and_check
from generator.content.model import Interview
from generator.editors.importing import deadlines
from generator.editors.importing.articleread import read_article
from generator.editors.importing.candidates import Candidate, find_candidates
from generator.editors.importing.clauses import clauses, is_candidate
from generator.editors.importing.deadlines import NO_DEADLINE, guess_deadline
from generator.editors.importing.interviewfile import render_body
from generator.editors.importing.targets import Target, guess_target
from generator.text.numerals import chinese_number, number

from .conftest import FIXTURES, ROOT

SEED = FIXTURES / "seed-article.txt"
YEAR = 2020


def answer(text: str, year: int = YEAR) -> list[Candidate]:
    """The candidates of one answer paragraph."""
    return find_candidates([Block(Kind.ANSWER, text, 1, "a1")], year)


# -- clauses -------------------------------------------------------------------


def test_clauses_cut_at_full_stops_and_semicolons_and_drop_questions() -> None:
    text = "年内完成15个项目;8月,召开座谈会。这个难点怎么办?首先,把顶层设计做实。"
    assert clauses(text) == ["年内完成15个项目", "8月,召开座谈会", "把顶层设计做实"]


def test_an_unfinished_last_clause_is_kept() -> None:
    assert clauses("年内完成15个项目;年底前召开总结会") == ["年内完成15个项目", "年底前召开总结会"]


def test_clauses_do_not_cut_inside_quotes_or_brackets() -> None:
    text = "大家一致认为,“机关党建的春天到来!”组织开展《意见。细则》学习。"
    assert clauses(text) == ["大家一致认为,“机关党建的春天到来!”组织开展《意见。细则》学习"]


def test_clauses_drop_enumerators_but_stay_verbatim() -> None:
    text = "一是坚持过程与结果并重;第二,聚焦作风;比如,对中心组学习全覆盖列席巡听。"
    found = clauses(text)
    assert found == ["坚持过程与结果并重", "聚焦作风", "对中心组学习全覆盖列席巡听"]
    assert all(clause in text for clause in found)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("第三季度，出台农村公路养护管理办法。", "第三季度，出台农村公路养护管理办法"),
        ("第一批示范县年底前完成验收。", "第一批示范县年底前完成验收"),
        ("同时加强督导，确保年底前全部达标。", "同时加强督导，确保年底前全部达标"),
        ("首先，第三季度启动试点。", "第三季度启动试点"),
    ],
)
def test_a_word_that_only_looks_like_an_enumerator_is_kept(text: str, quote: str) -> None:
    """「第三」 of 「第三季度」 is no enumerator: the quote keeps it."""
    assert [c.quote for c in answer(text)] == [quote]


def test_a_lead_in_before_a_colon_is_no_part_of_the_dated_commitment() -> None:
    text = "今年，我们把工作往前赶：5月底前完成全省120座小型水库除险加固主体工程。"
    assert [(c.quote, c.deadline) for c in answer(text)] == [
        ("5月底前完成全省120座小型水库除险加固主体工程", dt.date(2020, 5, 31))
    ]


def test_a_clause_listing_dated_actions_is_cut_before_each_date() -> None:
    assert clauses("7月,召开推进会,再动员,8月,召开座谈会,11月,集中调研") == [
        "7月,召开推进会,再动员",
        "8月,召开座谈会",
        "11月,集中调研",
    ]


def test_a_date_that_is_the_deadline_of_the_clause_does_not_cut_it() -> None:
    sentence = "今年，新建中小学20所，9月1日前全部投入使用"
    assert clauses(sentence) == [sentence]
    assert clauses("建立联席会议机制,7月,召开推进会") == ["建立联席会议机制,7月,召开推进会"]


# -- which clauses ---------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "7月,召开全省模范机关建设暨机关党建工作推进会",
        "年内完成15个省级竞赛项目",
        "打造一批示范样板党支部",
        "确保机关的文件和会议数量比2019年只减不增",
        "对党组(党委)理论中心组学习,不仅要全覆盖列席巡听",
    ],
)
def test_times_quantities_and_commitment_verbs_make_candidates(clause: str) -> None:
    assert is_candidate(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "去年8月29日,省委召开全省党的建设暨机关党的建设工作会议",
        "省直机关工委从4月底到6月初,开展了密集调研",
        "有的组织党员下沉社区,开展志愿服务",
        "也是今年省直机关工委重中之重的工作",
        "今年是“十四五”开局之年",
        "针对解决基层党组织建设不平衡问题",
        "这都需要我们认真研究",
        "年底",
        "据气象部门预测，今年汛期我省降雨偏多",
    ],
)
def test_the_past_what_others_do_and_plain_statements_are_no_candidates(clause: str) -> None:
    assert not is_candidate(clause)


# -- past facts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("截至6月底，全省累计改造危桥80座，年底前完成120座。", ["年底前完成120座"]),
        ("截至目前，全市累计建成养老服务站36个。", []),
        ("去年，全市新增学位3万个，部分片区入学压力依然较大。", []),
        ("我们已经完成了56座危桥改造。", []),
        ("全省已建成农村公路1.2万公里。", []),
        ("近两年，中央先后出台十几个重要文件，为机关党建提供了遵循。", []),
        ("在去年完成80座的基础上，今年再改造120座危桥。", ["今年再改造120座危桥"]),
        ("到2022年底，累计建成农村公路5000公里。", ["到2022年底，累计建成农村公路5000公里"]),
        ("省直机关工委从4月底到6月初，开展了密集调研。", []),
    ],
)
def test_past_facts_are_no_candidates_and_give_no_targets(text: str, quotes: list[str]) -> None:
    """截至…, 累计…, 去年…, 已经…, 先后… are background, not commitments;
    a plan's 「到2022年底累计…」 stays one."""
    assert [c.quote for c in answer(text)] == quotes


def test_the_target_comes_from_the_commitment_not_from_the_fact_beside_it() -> None:
    (found,) = answer("截至6月底，全省累计改造危桥80座，年底前完成120座危桥改造。")
    assert found.target == Target(120, "座危桥")


# -- deadlines -------------------------------------------------------------------

JUNE_30 = "按当月最后一天计"
YEAR_END = "按见报当年12月31日计"


@pytest.mark.parametrize(
    ("clause", "deadline", "note"),
    [
        ("7月,召开推进会", dt.date(2020, 7, 31), "原文为“7月”，按当月最后一天计"),
        ("11月,集中调研,为年终评价做好准备", dt.date(2020, 11, 30), "原文为“11月”，按当月最后一天计"),
        ("6月底前实现全覆盖", dt.date(2020, 6, 30), "原文为“6月底前”，按当月最后一天计"),
        ("十月底前完成验收", dt.date(2020, 10, 31), "原文为“十月底前”，按当月最后一天计"),
        ("十二月份召开总结会", dt.date(2020, 12, 31), "原文为“十二月份”，按当月最后一天计"),
        ("9月1日前全部投入使用", dt.date(2020, 9, 1), "原文为“9月1日前”，按所写当日计"),
        ("6月15日前更新预警平台", dt.date(2020, 6, 15), "原文为“6月15日前”，按所写当日计"),
        ("3月上旬启动", dt.date(2020, 3, 10), "原文为“3月上旬”，按上旬最后一天（10日）计"),
        ("2月30日前完成", dt.date(2020, 2, 29), "原文为“2月30日前”，所写日期不存在，按当月月底计"),
        ("确保年底前全部达到标准", dt.date(2020, 12, 31), "原文为“年底前”，按见报当年12月31日计"),
        ("年内完成15个项目", dt.date(2020, 12, 31), "原文为“年内”，按见报当年12月31日计"),
        ("今年新建农村公路560公里", dt.date(2020, 12, 31), "原文为“今年”，按见报当年12月31日计"),
        ("今年，新建中小学20所，9月1日前全部投入使用", dt.date(2020, 9, 1), "原文为“9月1日前”，按所写当日计"),
        ("上半年出台评价办法", dt.date(2020, 6, 30), "原文为“上半年”，按上半年最后一天（6月30日）计"),
        ("下半年开展集采", dt.date(2020, 12, 31), "原文为“下半年”，按下半年最后一天（12月31日）计"),
        ("第一季度完成招标", dt.date(2020, 3, 31), "原文为“第一季度”，按该季度最后一天计"),
        ("二季度开工", dt.date(2020, 6, 30), "原文为“二季度”，按该季度最后一天计"),
        ("三季度完成验收", dt.date(2020, 9, 30), "原文为“三季度”，按该季度最后一天计"),
        ("第四季度全面推开", dt.date(2020, 12, 31), "原文为“第四季度”，按该季度最后一天计"),
        ("6月至8月开展大检查", dt.date(2020, 8, 31), "原文为“6月至8月”，按所写期间最后一个月的月底计"),
        ("7—9月集中整治", dt.date(2020, 9, 30), "原文为“7—9月”，按所写期间最后一个月的月底计"),
        ("2021年底前建成", dt.date(2021, 12, 31), "原文为“2021年底前”，按该年12月31日计"),
        ("二〇二一年底前建成", dt.date(2021, 12, 31), "原文为“二〇二一年底前”，按该年12月31日计"),
        ("到2022年底全部完成", dt.date(2022, 12, 31), "原文为“到2022年底”，按该年12月31日计"),
        ("2021年3月启动", dt.date(2021, 3, 31), "原文为“2021年3月”，按当月最后一天计"),
        (
            "从2020年到2022年，实施农村供水保障工程",
            dt.date(2022, 12, 31),
            "原文为“从2020年到2022年”，按所写期间最后一年的年底计",
        ),
        ("2020—2022年实施提升工程", dt.date(2022, 12, 31), "原文为“2020—2022年”，按所写期间最后一年的年底计"),
        (
            "实施农村人居环境整治三年行动",
            dt.date(2022, 12, 31),
            "原文为“三年行动”，从见报当年起算，按第3年（2022年）年底计",
        ),
        ("明年全面推开", dt.date(2021, 12, 31), "原文为“明年”，按明年年底计"),
        ("明年3月底前建成", dt.date(2021, 3, 31), "原文为“明年3月底前”，按当月最后一天计"),
        ("明年上半年建成", dt.date(2021, 6, 30), "原文为“明年上半年”，按上半年最后一天（6月30日）计"),
        ("确保比2019年只减不增", dt.date(2020, 12, 31), NO_DEADLINE),
        ("举办经验交流会", dt.date(2020, 12, 31), NO_DEADLINE),
    ],
)
def test_deadline_is_the_end_of_the_nearest_time_named_with_its_rule(clause: str, deadline: dt.date, note: str) -> None:
    assert guess_deadline(clause, YEAR) == (deadline, note)


@pytest.mark.parametrize("words", ["汛前", "汛期前", "主汛期前", "入汛前"])
def test_the_eve_of_the_flood_season_is_a_named_rule(words: str) -> None:
    month, day = deadlines.FLOOD_SEASON_EVE
    deadline, note = guess_deadline(f"{words}完成36座病险水库除险加固", YEAR)
    assert deadline == dt.date(YEAR, month, day)
    assert note == f"原文为“{words}”，按汛期开始前计至{month}月{day}日（各地入汛日期不同，请核对）"


def test_the_flood_season_rule_is_one_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deadlines, "FLOOD_SEASON_EVE", (4, 30))
    assert guess_deadline("汛前完成河道清淤", YEAR)[0] == dt.date(YEAR, 4, 30)


def test_the_articles_year_is_the_year_of_every_deadline() -> None:
    (found,) = answer("年底前，新建农村公路560公里。", year=2023)
    assert found.deadline == dt.date(2023, 12, 31)
    assert guess_deadline("三年行动", 2023)[0] == dt.date(2025, 12, 31)


def test_li_zheng_is_kept_and_flagged_as_soft() -> None:
    (found,) = answer("力争年内实现98%以上的行政村通客车。")
    assert found.quote == "力争年内实现98%以上的行政村通客车"
    assert found.deadline == dt.date(2020, 12, 31)
    assert found.deadline_note == "原文为“年内”，按见报当年12月31日计；原文为“力争”，是努力目标，不是硬性承诺"


# -- two commitments in one sentence -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "6月底前完成120座危桥改造，年底前新建农村公路560公里。",
            [
                ("6月底前完成120座危桥改造", dt.date(2020, 6, 30), Target(120, "座危桥")),
                ("年底前新建农村公路560公里", dt.date(2020, 12, 31), Target(560, "公里")),
            ],
        ),
        (
            "全面推行“路长制”，6月底前三级路长全部到位，年内培训基层养护人员3000人次。",
            [
                ("全面推行“路长制”，6月底前三级路长全部到位", dt.date(2020, 6, 30), None),
                ("年内培训基层养护人员3000人次", dt.date(2020, 12, 31), Target(3000, "人次")),
            ],
        ),
        (
            "年内培训养老护理员5000人次，护理员持证上岗率达到95%。",
            [
                ("年内培训养老护理员5000人次", dt.date(2020, 12, 31), Target(5000, "人次")),
                ("护理员持证上岗率达到95%", dt.date(2020, 12, 31), Target(95, "%")),
            ],
        ),
        (
            "今年，全市新建中小学20所，新增学位2.4万个，9月1日前全部投入使用。",
            [
                ("今年，全市新建中小学20所", dt.date(2020, 9, 1), Target(20, "所")),
                ("新增学位2.4万个，9月1日前全部投入使用", dt.date(2020, 9, 1), Target(2.4, "万个")),
            ],
        ),
        (
            "今年，全省新改建农村公路8000公里，9月底前完成全部危桥改造。",
            [
                ("今年，全省新改建农村公路8000公里", dt.date(2020, 12, 31), Target(8000, "公里")),
                ("9月底前完成全部危桥改造", dt.date(2020, 9, 30), None),
            ],
        ),
        (
            "6月，召开推进会；年底前，建成覆盖全省的指挥系统，总投资300亿元。",
            [
                ("6月，召开推进会", dt.date(2020, 6, 30), None),
                ("年底前，建成覆盖全省的指挥系统，总投资300亿元", dt.date(2020, 12, 31), Target(300, "亿元")),
            ],
        ),
    ],
)
def test_a_sentence_with_two_commitments_gives_two_candidates(
    text: str, expected: list[tuple[str, dt.date, Target | None]]
) -> None:
    assert [(c.quote, c.deadline, c.target) for c in answer(text)] == expected


def test_a_borrowed_deadline_says_where_it_was_read() -> None:
    first, second = answer("年内培训养老护理员5000人次，护理员持证上岗率达到95%。")
    assert first.deadline_note == "原文为“年内”，按见报当年12月31日计"
    assert second.deadline_note == "原文为“年内”（见同一句前文），按见报当年12月31日计"
    first, _ = answer("今年，全市新建中小学20所，新增学位2.4万个，9月1日前全部投入使用。")
    assert first.deadline_note == "原文为“9月1日前”（见同一句后文），按所写当日计"


# -- targets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "target"),
    [
        ("对44个后进支部,有针对性地制定整改措施", Target(44, "个后进支部")),
        ("年内完成15个省级竞赛项目,营造比学赶超的氛围", Target(15, "个省级竞赛项目")),
        ("每年至少两次专题研究意识形态工作", Target(2, "次专题研究")),
        ("6月底前完成120座危桥改造", Target(120, "座危桥")),
        ("更新全部36个县的山洪灾害预警平台", Target(36, "个县")),
        ("年底前新建农村公路560公里", Target(560, "公里")),
        ("全省98%以上的医保服务事项网上可办", Target(98, "%")),
        ("持证上岗率达到95%", Target(95, "%")),
        ("三年投入300亿元", Target(300, "亿元")),
        ("新增集采药品50种", Target(50, "种")),
        ("完成1.2万户农村危房改造", Target(1.2, "万户农村危房")),
        ("新增学位2.4万个", Target(2.4, "万个")),
        ("招聘新教师1200余名", Target(1200, "名")),
        ("年底前新建农村公路560公里，2021年底前建成", Target(560, "公里")),
        ("招聘新教师1.5千名", None),
        ("一项一项督促、一件一件落地", None),
        ("加强对第三批参与单位的工作督导,及时对前两批开展“回头看”", None),
        ("确保机关的文件和会议数量比2019年只减不增", None),
        ("运用好监督执纪“四种形态”", None),
        ("打造一批示范样板党支部", None),
        ("从2020年到2022年实施三年行动", None),
    ],
)
def test_target_is_the_first_number_with_its_measure_word_as_written(clause: str, target: Target | None) -> None:
    assert guess_target(clause) == target


@pytest.mark.parametrize(
    ("text", "note"),
    [
        (
            "全省98%以上的医保服务事项网上可办。",
            "目标原文为“98%以上”，是下限：target 只记数值 98，请在 text 里写明“98%以上”",
        ),
        ("每年交流比例不低于10%。", "目标原文为“不低于10%”，是下限：target 只记数值 10，请在 text 里写明“不低于10%”"),
        (
            "年内新建养老服务站不少于36个。",
            "目标原文为“不少于36个”，是下限：target 只记数值 36，请在 text 里写明“不少于36个”",
        ),
        (
            "年内培训超过5000人次。",
            "目标原文为“超过5000人次”，是下限：target 只记数值 5000，请在 text 里写明“超过5000人次”",
        ),
        ("招聘新教师1200余名。", "目标原文为“1200余名”，是约数：target 只记数值 1200，请在 text 里写明“1200余名”"),
        ("年内新建农村公路560公里。", None),
    ],
)
def test_a_bound_on_the_target_is_noted(text: str, note: str | None) -> None:
    (found,) = answer(text)
    assert found.target_note == note


def test_numbers_arabic_and_chinese() -> None:
    assert [number(t) for t in ("44", "1.5", "3万", "两", "十二", "一")] == [44, 1.5, 30000, 2, 12, None]
    assert [chinese_number(t) for t in ("三十", "四十五", "一百二十", "两千", "三三")] == [30, 45, 120, 2000, None]


# -- properties --------------------------------------------------------------------

BOUNDARY = "。；;！!？?，,、：:"
#: Openers the finder strips, one or several in a row (「一是」, 「一是二是」).
ENUMERATOR = re.compile(rf"(?:^|[{BOUNDARY}])\s*(?:[一二三四五六七八九十]+[是要])+$")
PIECES = [
    *"，。；、：！？ 一二三四五六七八九十〇两年月日底前内上下半季度第至到从今明后汛期已了去截累计先全部均都以上不少于超过余万亿%“”《》",
    "2019",
    "2020",
    "2023",
    "2025",
    "12",
    "6",
    "30",
    "1.2",
    "120",
    "560",
    "完成",
    "新建",
    "召开",
    "建成",
    "座",
    "个",
    "公里",
    "亿元",
    "户",
    "种",
    "力争",
    "确保",
    "三年行动",
    "汛前",
    "年底前",
    "截至",
    "累计",
    "已经",
    "一是",
    "第三",
    "同时",
]
TIMES = [
    "{m}月底前",
    "{m}月{d}日前",
    "年内",
    "年底前",
    "今年",
    "上半年",
    "下半年",
    "第{q}季度",
    "{q}季度",
    "{m}月至{m2}月",
    "{y}年底前",
    "到{y}年底",
    "从{y0}年到{y}年",
    "三年行动",
    "明年",
    "汛期前",
    "汛前",
    "十月底前",
]
ACTS = ["完成{n}座危桥改造", "新建农村公路{n}公里", "出台养老服务办法", "投入{n}亿元", "新增集采药品{n}种"]


def on_boundary(text: str, quote: str) -> bool:
    """The quote is somewhere in the text as whole clauses."""
    for match in re.finditer(re.escape(quote), text):
        before, after = text[: match.start()].rstrip(), text[match.end() :].lstrip()
        starts = not before or before[-1] in BOUNDARY or bool(ENUMERATOR.search(before))
        if starts and (not after or after[0] in BOUNDARY):
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.integers(2000, 2040))
@example("一是一是一，，，完成", 2000)
def test_any_answer_gives_whole_clause_quotes_and_valid_deadlines(text: str, year: int) -> None:
    for found in answer(text, year):
        assert found.quote in text and on_boundary(text, found.quote), found.quote
        assert year <= found.deadline.year <= year + deadlines.HORIZON
        assert found.deadline_note


@st.composite
def pledges(draw: st.DrawFn) -> str:
    """Sentences in officials' style, every named year within five years."""
    year = YEAR + draw(st.integers(0, 5))
    first = YEAR + draw(st.integers(0, 5))
    values = {
        "m": draw(st.integers(1, 12)),
        "m2": draw(st.integers(1, 12)),
        "d": draw(st.integers(1, 28)),
        "q": draw(st.sampled_from("一二三四")),
        "y": year,
        "y0": min(first, year),
        "n": draw(st.integers(2, 999)),
    }
    clauses_ = [
        draw(st.sampled_from(TIMES)).format(**values) + draw(st.sampled_from(["", "，"])) + draw(st.sampled_from(ACTS))
        for _ in range(draw(st.integers(1, 3)))
    ]
    return "，".join(c.format(**values) for c in clauses_) + draw(st.sampled_from(["。", "；", ""]))


@settings(max_examples=200, deadline=None)
@given(pledges())
def test_deadlines_of_officials_sentences_are_within_five_years(text: str) -> None:
    found = answer(text)
    assert found
    for candidate in found:
        assert YEAR <= candidate.deadline.year <= YEAR + 5, (text, candidate)
        assert on_boundary(text, candidate.quote)


# -- over a body -------------------------------------------------------------------

BODY = """\
记者就此专访了局长王五,今年年底前完成10个项目。

## 稳中求进 狠抓落实

某报:年底前能完成多少个项目?

王五:7月,召开推进会;年底前完成10个项目。去年召开了座谈会。

## （二）加快发展 再上台阶

建立工作机制,推动落实。
"""


def test_candidates_come_from_answers_only_with_their_heading_as_category() -> None:
    found = find_candidates(parse_body(BODY, 1, "某报", "王五"), 2020)
    assert found == [
        Candidate("7月,召开推进会", "稳中求进 狠抓落实", dt.date(2020, 7, 31), "原文为“7月”，按当月最后一天计"),
        Candidate(
            "年底前完成10个项目",
            "稳中求进 狠抓落实",
            dt.date(2020, 12, 31),
            "原文为“年底前”，按见报当年12月31日计",
            Target(10, "个项目"),
        ),
        Candidate("建立工作机制,推动落实", "加快发展 再上台阶", dt.date(2020, 12, 31), NO_DEADLINE),
    ]


# -- the seed ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Interview:
    corpus, problems = load_and_check(ROOT / "interviews", ROOT, dt.date(2020, 12, 31))
    assert problems == []
    return next(i for i in corpus.interviews if i.slug == "shi-guangliang")


@pytest.fixture(scope="module")
def seed_candidates() -> list[Candidate]:
    article = read_article(SEED.read_text(encoding="utf-8"))
    return find_candidates(parse_body(render_body(article.body), 1, article.outlet, article.name), 2020)


def matching(quote: str, found: list[Candidate]) -> list[Candidate]:
    return [c for c in found if quote in c.quote or c.quote in quote]


def test_every_pledge_of_the_bundled_interview_is_a_candidate(
    bundled: Interview, seed_candidates: list[Candidate]
) -> None:
    missed = [p.quote for p in bundled.pledges if not matching(p.quote, seed_candidates)]
    assert missed == []


def test_few_candidates_are_noise(bundled: Interview, seed_candidates: list[Candidate]) -> None:
    useful = {id(c) for p in bundled.pledges for c in matching(p.quote, seed_candidates)}
    # 23 candidates, 20 of them holding the 22 listed pledges (two share a clause).
    assert len(seed_candidates) <= 25
    assert len(useful) >= 20


def test_guessed_deadlines_and_targets_agree_with_the_editors(
    bundled: Interview, seed_candidates: list[Candidate]
) -> None:
    for pledge in bundled.pledges:
        candidate = matching(pledge.quote, seed_candidates)[0]
        assert candidate.deadline == pledge.deadline, pledge.id
        if candidate.target is not None and pledge.target is not None:
            assert candidate.target.value == pledge.target.value, pledge.id


def test_candidate_quotes_are_verbatim_from_one_paragraph(seed_candidates: list[Candidate]) -> None:
    article = read_article(SEED.read_text(encoding="utf-8"))
    paragraphs = [p for p in article.body if isinstance(p, str)]
    assert all(sum(c.quote in p for p in paragraphs) == 1 for c in seed_candidates)
