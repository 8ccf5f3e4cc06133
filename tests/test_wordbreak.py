"""Where Chinese lines may break (generator/views/wordbreak.py): between words,
never inside a date, a number with its unit, a name or a short quoted
term; and the text itself never changes — whatever an editor wrote."""

from __future__ import annotations

import html
import re

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.views.wordbreak import keep_together, keep_together_html, may_break, with_breaks, words

jieba.add_word("中共山东省委省直机关工作委员会")

TAGS = re.compile(r"<[^>]*>")


def text_of(markup: str) -> str:
    """What a reader sees of ``markup``."""
    return html.unescape(TAGS.sub("", markup))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("中共山东省委省直机关工作委员会", ["中共山东省委", "省直机关", "工作", "委员会"]),
        ("44个后进支部年底前全部达标", ["44个", "后进", "支部", "年底", "前", "全部", "达标"]),
        ("把整改“回头看”情况纳入考核", ["把", "整改", "“回头看”", "情况", "纳入", "考核"]),
        ("2020年6月30日前完成", ["2020年6月30日前", "完成"]),
        ("制定下发《责任清单》", ["制定", "下发", "《责任", "清单》"]),
    ],
)
def test_words(text: str, pieces: list[str]) -> None:
    assert list(words(text)) == pieces


@pytest.mark.parametrize(
    ("before", "after", "allowed"),
    [
        ("支", "部", True),
        ("4", "个", False),
        ("年", "6", False),
        ("a", "b", False),
        ("（", "党", False),
        ("党", "，", False),
    ],
)
def test_may_break(before: str, after: str, allowed: bool) -> None:
    assert may_break(before, after) is allowed


def test_with_breaks_marks_the_boundaries_and_escapes() -> None:
    assert with_breaks("省直机关<b>") == '<span class="jn-words">省直机关<wbr>&lt;<wbr>b<wbr>&gt;</span>'


def test_keep_together_wraps_dates_quantities_and_names() -> None:
    assert keep_together("石光亮说7月9日完成44个，占30%", ("石光亮",)) == (
        '<span class="jn-nowrap">石光亮</span>说<span class="jn-nowrap">7月9日</span>完成'
        '<span class="jn-nowrap">44个</span>，占<span class="jn-nowrap">30%</span>'
    )


def test_keep_together_html_leaves_code_and_attributes_alone() -> None:
    page = '<p title="5个">共5个</p><pre><code>2020年7月1日</code></pre><p>7月31日</p>'
    assert keep_together_html(page) == (
        '<p title="5个">共<span class="jn-nowrap">5个</span></p><pre><code>2020年7月1日</code></pre>'
        '<p><span class="jn-nowrap">7月31日</span></p>'
    )


EDITOR_TEXT = st.text(
    alphabet=st.sampled_from(list("省直机关工委党支部年月日个项0123456789 “”‘’「」《》（）,，。<>&\"'%％-"))
    | st.characters(),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(EDITOR_TEXT)
def test_word_breaking_never_changes_the_text(text: str) -> None:
    assert "".join(words(text)) == text
    assert text_of(with_breaks(text)) == text


@settings(max_examples=300, deadline=None)
@given(EDITOR_TEXT, st.lists(st.text(min_size=1, max_size=4), max_size=2))
def test_keeping_together_never_changes_the_text(text: str, names: list[str]) -> None:
    assert text_of(keep_together(text, tuple(names))) == text


@settings(max_examples=200, deadline=None)
@given(EDITOR_TEXT)
def test_a_page_keeps_its_text(text: str) -> None:
    page = f"<p>{html.escape(text)}</p>"
    assert text_of(keep_together_html(page)) == text
