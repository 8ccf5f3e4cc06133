"""Reading an interview body into blocks, and writing it back as marked-up HTML."""

from __future__ import annotations

import datetime as dt

from generator.content.article import Kind, find_quote, parse_body, split_paragraphs
from generator.content.model import Interview, Interviewee, Pledge, Unit
from generator.views.catalog import Entry
from generator.views.pagespecs import article_markdown, mark_quotes

BODY = """
导语第一段，
接着写在下一行。

## 第一行 第二行

某报:第一个问题?

王五:第一段回答。

回答的第二段。

**记者**:用粗体写的问题?

答:简短的回答,with English words
split over lines.
"""


def blocks() -> list[tuple[Kind, str, int, str, str]]:
    return [(b.kind, b.anchor, b.line, b.speaker, b.text) for b in parse_body(BODY, 10, "某报", "王五")]


def test_blocks_kinds_anchors_lines_and_speakers() -> None:
    assert blocks() == [
        (Kind.LEDE, "p1", 11, "", "导语第一段，接着写在下一行。"),
        (Kind.HEADING, "s1", 14, "", "第一行 第二行"),
        (Kind.QUESTION, "p2", 16, "某报:", "第一个问题?"),
        (Kind.ANSWER, "p3", 18, "王五:", "第一段回答。"),
        (Kind.ANSWER, "p4", 20, "", "回答的第二段。"),
        (Kind.QUESTION, "p5", 22, "**记者**:", "用粗体写的问题?"),
        (Kind.ANSWER, "p6", 24, "答:", "简短的回答,with English words split over lines."),
    ]


def test_full_width_colon_is_a_speaker_too() -> None:
    [block] = parse_body("王五：回答。", 1, "某报", "王五")
    assert (block.kind, block.speaker) == (Kind.ANSWER, "王五：")


def test_split_paragraphs_ignores_whitespace_only_lines() -> None:
    assert split_paragraphs("一\n   \n二\n\n\n三", 1) == [(1, "一"), (3, "二"), (6, "三")]


def test_find_quote_only_within_one_paragraph() -> None:
    found = parse_body(BODY, 1, "某报", "王五")
    assert find_quote(found, "第一段回答") is not None
    assert find_quote(found, "第一段回答。回答的第二段") is None
    assert find_quote(found, "第一行") is None, "headings are not quotable"


def entry(pledge_id: str, quote: str) -> Entry:
    person = Interviewee("王五", "厅长")
    interview = Interview("x", "题", 1, dt.date(2020, 1, 1), "某报", "u", person, "", 1)
    pledge = Pledge(pledge_id, "承诺", quote, "类", dt.date(2020, 12, 31))
    return Entry(pledge, interview, Unit("u", "单位", "单"), "p1", overdue=False)


def test_mark_quotes_escapes_text_and_links_each_quote() -> None:
    html = mark_quotes("甲<b>乙&丙丁", [entry("a-1", "乙&丙")])
    assert html == (
        '甲&lt;b&gt;<mark class="jn-quote" id="quote-a-1">'
        '<a href="../../pledges/a-1/" title="查看这项承诺的进展">乙&amp;丙</a></mark>丁'
    )


def test_overlapping_quotes_mark_only_the_first() -> None:
    html = mark_quotes("一二三四五", [entry("b", "三四"), entry("a", "二三")])
    assert html.count("<mark") == 1
    assert 'id="quote-a"' in html


def test_article_markdown_keeps_headings_as_markdown_with_ids() -> None:
    markdown = article_markdown(parse_body("## 甲 乙\n\n王五:<script>x</script>", 1, "某报", "王五"), [])
    heading, paragraph = markdown.strip().split("\n\n")
    assert heading == '## <span class="jn-heading-line">甲</span> <span class="jn-heading-line">乙</span> {#s1}'
    assert paragraph == (
        '<p id="p1" class="jn-para jn-para--answer"><span class="jn-speaker">王五:</span>'
        "&lt;script&gt;x&lt;/script&gt;</p>"
    )
