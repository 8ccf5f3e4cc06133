"""The bundled interview is the seed article, faithfully: nothing lost, nothing changed.

The seed (tests/fixtures/seed-article.txt) is the article as scraped: the lede
dropped into the middle of an answer and four paragraphs broken mid-sentence.
The interview file must hold every character of it, each line intact, with
the lede first and the broken paragraphs joined.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from generator.content.article import Kind, parse_body
from generator.content.check import load_and_check
from generator.content.model import Interview

from .conftest import FIXTURES, ROOT, BuiltSite

SEED = FIXTURES / "seed-article.txt"
SLUG = "shi-guangliang"


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def interview() -> Interview:
    corpus, problems = load_and_check(ROOT / "interviews", ROOT, dt.date(2020, 12, 31))
    assert problems == []
    return next(i for i in corpus.interviews if i.slug == SLUG)


def pieces(interview: Interview) -> list[str]:
    """Every piece of the original text the interview file holds, in print order."""
    person = interview.interviewee
    assert interview.photo is not None and interview.subtitle is not None
    out = [interview.photo.caption, interview.title, interview.subtitle, f"——专访{person.position}{person.name}"]
    out += [interview.outlet, "记者 " + " ".join(interview.reporters), "通讯员 " + " ".join(interview.correspondents)]
    for block in parse_body(interview.body, interview.body_line, interview.outlet, person.name):
        out += block.heading_lines if block.kind is Kind.HEADING else [block.full_text]
    return out


def test_every_character_of_the_seed_is_kept_and_none_added(interview: Interview) -> None:
    def chars(texts: list[str]) -> Counter[str]:
        return Counter(c for t in texts for c in t if not c.isspace())

    assert chars(pieces(interview)) == chars(seed_lines())


def test_every_line_of_the_seed_is_intact(interview: Interview) -> None:
    text = "\n".join(pieces(interview))
    missing = [line for line in seed_lines() if line not in text]
    assert missing == []


def test_the_lede_comes_first(interview: Interview) -> None:
    blocks = parse_body(interview.body, interview.body_line, interview.outlet, interview.interviewee.name)
    assert blocks[0].kind is Kind.LEDE
    assert blocks[0].text.startswith("今年是全面建成小康社会")
    assert not any(b.text.startswith("今年是全面建成小康社会") for b in blocks[1:])


@pytest.mark.parametrize(
    "joined",
    [
        "找准服务省委、省政府工作大局的切入点、结合点了吗?",
        "建立模范机关建设工作联席会议机制",
        "创新检查、督导、考核方式方法",
        "加强对第三批参与单位的工作督导",
    ],
)
def test_paragraphs_broken_mid_sentence_are_joined(interview: Interview, joined: str) -> None:
    blocks = parse_body(interview.body, interview.body_line, interview.outlet, interview.interviewee.name)
    assert sum(joined in b.full_text for b in blocks) == 1


def test_sections_questions_and_answers(interview: Interview) -> None:
    blocks = parse_body(interview.body, interview.body_line, interview.outlet, interview.interviewee.name)
    headings = [b.heading_lines for b in blocks if b.kind is Kind.HEADING]
    assert headings == [
        ["找准职责定位", "积极主动作为"],
        ["发挥表率作用", "建设模范机关"],
        ["锐意改革攻坚", "服务中心大局"],
        ["强化品牌意识", "讲好攻坚故事"],
    ]
    assert sum(b.kind is Kind.QUESTION for b in blocks) == 4
    assert all(b.speaker == "石光亮:" for b in blocks if b.kind is Kind.ANSWER and b.speaker)


def test_byline(interview: Interview) -> None:
    assert interview.outlet == "齐鲁晚报·齐鲁壹点"
    assert interview.reporters == ["修伟华", "王红", "李和晴"]
    assert interview.correspondents == ["王明杰", "段红岗"]


def test_pledges_cover_the_concrete_commitments(interview: Interview) -> None:
    quotes = {p.quote for p in interview.pledges}
    assert len(interview.pledges) > 15
    for must in [
        "7月,召开全省模范机关建设暨机关党建工作推进会",
        "年内完成15个省级竞赛项目",
        "确保机关的文件和会议数量比2019年只减不增",
    ]:
        assert must in quotes
    targets = {p.id: (p.target.value, p.target.unit) for p in interview.pledges if p.target}
    assert targets["szjggw-2020-houjin-zhibu"] == (44, "个支部")
    assert targets["szjggw-2020-laodong-jingsai"] == (15, "个省级竞赛项目")


def test_the_built_interview_page_holds_every_line(real_site: BuiltSite) -> None:
    page = real_site.page(f"interviews/{SLUG}/").select_one("article")
    assert page is not None
    text = page.get_text()
    assert [line for line in seed_lines() if line not in text] == []
