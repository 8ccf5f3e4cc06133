"""Pledge candidates: which clauses of the answers look like commitments, and
the deadline, target and category guessed for each.

On the seed, the candidates must cover every pledge the bundled interview
lists (recall), without burying them in noise (precision).
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.article import parse_body
from generator.candidates import (
    NO_DEADLINE,
    Candidate,
    Target,
    chinese_number,
    clauses,
    find_candidates,
    guess_deadline,
    guess_target,
    is_candidate,
    number,
    split_dated,
)
from generator.check import load_and_check
from generator.importer import read_article, render_body
from generator.model import Interview

from .conftest import FIXTURES, ROOT

SEED = FIXTURES / "seed-article.txt"


# -- clauses -------------------------------------------------------------------


def test_clauses_cut_at_full_stops_and_semicolons_and_drop_questions() -> None:
    text = "年内完成15个项目;8月,召开座谈会。这个难点怎么办?首先,把顶层设计做实。"
    assert clauses(text) == ["年内完成15个项目", "8月,召开座谈会", "把顶层设计做实"]


def test_an_unfinished_last_clause_is_kept() -> None:
    assert clauses("年内完成15个项目;年底前召开总结会") == ["年内完成15个项目", "年底前召开总结会"]


def test_clauses_do_not_cut_inside_quotes_or_brackets() -> None:
    text = "大家一致认为,“机关党建的春天来了!”组织开展《意见。细则》学习。"
    assert clauses(text) == ["大家一致认为,“机关党建的春天来了!”组织开展《意见。细则》学习"]


def test_clauses_drop_enumerators_but_stay_verbatim() -> None:
    text = "一是坚持过程与结果并重;第二,聚焦作风;比如,对中心组学习全覆盖列席巡听。"
    found = clauses(text)
    assert found == ["坚持过程与结果并重", "聚焦作风", "对中心组学习全覆盖列席巡听"]
    assert all(clause in text for clause in found)


def test_a_clause_listing_dated_actions_is_cut_before_each_date() -> None:
    assert split_dated("7月,召开推进会,再动员,8月,召开座谈会,11月,集中调研") == [
        "7月,召开推进会,再动员",
        "8月,召开座谈会",
        "11月,集中调研",
    ]


def test_a_date_that_is_the_deadline_of_the_clause_does_not_cut_it() -> None:
    sentence = "今年，新建中小学20所，9月1日前全部投入使用"
    assert split_dated(sentence) == [sentence]
    assert split_dated("建立联席会议机制,7月,召开推进会") == ["建立联席会议机制,7月,召开推进会"]


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
    ],
)
def test_the_past_what_others_do_and_plain_statements_are_no_candidates(clause: str) -> None:
    assert not is_candidate(clause)


# -- deadlines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "deadline", "note"),
    [
        ("7月,召开推进会", dt.date(2020, 7, 31), None),
        ("11月,集中调研,为年终评价做好准备", dt.date(2020, 11, 30), None),
        ("确保年底前全部达到标准", dt.date(2020, 12, 31), None),
        ("年内完成15个项目", dt.date(2020, 12, 31), None),
        ("今年模范机关建设抓什么", dt.date(2020, 12, 31), None),
        ("6月底前实现全覆盖", dt.date(2020, 6, 30), None),
        ("今年，新建中小学20所，9月1日前全部投入使用", dt.date(2020, 9, 1), None),
        ("上半年出台评价办法", dt.date(2020, 6, 30), None),
        ("三季度完成验收", dt.date(2020, 9, 30), None),
        ("2022年底前建成", dt.date(2022, 12, 31), None),
        ("2021年3月启动", dt.date(2021, 3, 31), None),
        ("明年全面推开", dt.date(2021, 12, 31), "原文为“明年”，按明年年底计"),
        ("明年3月底前建成", dt.date(2021, 3, 31), None),
        ("2月30日前完成", dt.date(2020, 2, 29), "原文日期「2月30日前」不存在，按当月月底计"),
        ("举办经验交流会", dt.date(2020, 12, 31), NO_DEADLINE),
    ],
)
def test_deadline_is_the_end_of_the_nearest_time_named(clause: str, deadline: dt.date, note: str | None) -> None:
    assert guess_deadline(clause, 2020) == (deadline, note)


# -- targets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "target"),
    [
        ("对44个后进支部,有针对性地制定整改措施", Target(44, "个后进支部")),
        ("年内完成15个省级竞赛项目,营造比学赶超的氛围", Target(15, "个省级竞赛项目")),
        ("每年至少两次专题研究意识形态工作", Target(2, "次专题研究")),
        ("新增学位2.4万个", Target(24000, "个")),
        ("持证上岗率达到95%", Target(95, "%")),
        ("招聘新教师1.5千名", None),
        ("一项一项督促、一件一件落地", None),
        ("加强对第三批参与单位的工作督导,及时对前两批开展“回头看”", None),
        ("确保机关的文件和会议数量比2019年只减不增", None),
        ("打造一批示范样板党支部", None),
    ],
)
def test_target_is_the_first_number_with_a_measure_word(clause: str, target: Target | None) -> None:
    assert guess_target(clause) == target


def test_numbers_arabic_and_chinese() -> None:
    assert [number(t) for t in ("44", "1.5", "3万", "两", "十二", "一")] == [44, 1.5, 30000, 2, 12, None]
    assert [chinese_number(t) for t in ("三十", "四十五", "一百二十", "两千", "三三")] == [30, 45, 120, 2000, None]


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
        Candidate("7月,召开推进会", "稳中求进 狠抓落实", dt.date(2020, 7, 31)),
        Candidate("年底前完成10个项目", "稳中求进 狠抓落实", dt.date(2020, 12, 31), None, Target(10, "个项目")),
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
