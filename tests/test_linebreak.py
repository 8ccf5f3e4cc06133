"""Chinese line breaking: the 禁则 rules, whole Latin words, the ellipsis, graphemes."""

from __future__ import annotations

import unicodedata

import pytest

from generator.text.linebreak import ELLIPSIS, NO_END, NO_START, graphemes, normalize, segments, wrap


def cells(text: str) -> float:
    """A monospace measure: wide characters take two cells, others one."""
    return sum(2 if unicodedata.east_asian_width(g[0]) in "WF" else 1 for g in graphemes(text))


def count(text: str) -> float:
    """Every grapheme is one unit wide."""
    return len(graphemes(text))


@pytest.mark.parametrize("mark", sorted(NO_START))
def test_no_line_starts_with_a_closing_mark(mark: str) -> None:
    text = f"一二三{mark}四五六七八九"
    for width in range(2, 9):
        lines = wrap(text, width, count)
        assert "".join(lines) == text
        assert not any(line.startswith(mark) for line in lines), (width, lines)


@pytest.mark.parametrize("mark", sorted(NO_END))
def test_no_line_ends_with_an_opening_mark(mark: str) -> None:
    text = f"一二{mark}三四五六七八九"
    for width in range(2, 9):
        lines = wrap(text, width, count)
        assert "".join(lines) == text
        assert not any(line.endswith(mark) for line in lines), (width, lines)


def test_the_closing_mark_takes_the_character_before_it_along() -> None:
    assert wrap("一二三。四五", 3, count) == ["一二", "三。四", "五"]


def test_no_break_inside_doubled_dashes_and_ellipses() -> None:
    for text in ("一二——三四五", "一二……三四五"):
        for width in range(3, 6):  # narrower, 二…… itself must be cut
            assert sum(line.count(text[2:4]) for line in wrap(text, width, count)) == 1


@pytest.mark.parametrize("word", ["2019", "COVID-19", "44", "3.5%", "example.org/x"])
def test_latin_words_and_numbers_are_never_split(word: str) -> None:
    text = f"截至{word}年底全部{word}达标"
    for width in range(len(word) + 2, 30):
        lines = wrap(text, width, cells)
        assert "".join(lines) == text
        assert sum(line.count(word) for line in lines) == 2, (width, lines)


def test_breaks_between_a_number_and_a_chinese_character() -> None:
    assert segments("完成15个项目") == ["完", "成", "15", "个", "项", "目"]


def test_spaces_break_and_vanish_at_line_ends() -> None:
    assert wrap("hello world foo", 11, count) == ["hello world", "foo"]
    assert wrap("  强化党建引领 \n 聚力改革攻坚 ", 14, cells) == ["强化党建引领", "聚力改革攻坚"]


def test_a_word_wider_than_the_line_is_cut_by_grapheme() -> None:
    lines = wrap("网址 jiannuo.example.org/pledges/abc 可查", 10, cells)
    assert all(cells(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == "网址jiannuo.example.org/pledges/abc可查"


def test_every_line_fits() -> None:
    text = "年内完成15个“十强”产业省级劳动竞赛项目，44个后进支部年底前全部达到标准党支部以上水平。"
    for width in range(4, 60):
        assert all(cells(line) <= width for line in wrap(text, width, cells))


def test_overflow_ends_with_an_ellipsis() -> None:
    text = "打造一批示范样板党支部，选树一批“党建红旗手”，培树一批党性教育基地和党员教育示范点"
    lines = wrap(text, 20, cells, max_lines=2)
    assert len(lines) == 2
    assert lines[-1].endswith(ELLIPSIS)
    assert all(cells(line) <= 20 for line in lines)
    assert text.startswith(lines[0] + lines[1][:-1])


def test_text_that_fits_gets_no_ellipsis() -> None:
    text = "机关的文件和会议数量比2019年只减不增"
    assert wrap(text, 40, cells, max_lines=1) == [text]


def test_no_opening_mark_or_pause_before_the_ellipsis() -> None:
    assert wrap("一二三四「五六七八九", 5, count, max_lines=1) == ["一二三四…"]
    assert wrap("一二三，四五六七八", 5, count, max_lines=1) == ["一二三…"]
    text = "对党组（党委）理论中心组学习全覆盖列席巡听，并做出“效果评价”"
    for width in range(3, 40):
        for line in wrap(text, width, cells, max_lines=1):
            assert line.endswith(ELLIPSIS) or line == text
            assert line[:-1][-1:] not in NO_END | set("，、；：")


def test_the_ellipsis_cuts_between_words_when_it_can() -> None:
    assert wrap("Fulfilled on time with sources", 14, count, max_lines=1) == ["Fulfilled on…"]


def test_balanced_lines_are_about_equally_long() -> None:
    text = "年内完成15个“十强”产业省级劳动竞赛项目"
    greedy = wrap(text, 32, cells)
    balanced = wrap(text, 32, cells, balance=True)
    assert len(balanced) == len(greedy) == 2
    assert "".join(balanced) == text
    assert abs(cells(balanced[0]) - cells(balanced[1])) < abs(cells(greedy[0]) - cells(greedy[1]))


def test_empty_text_has_no_lines() -> None:
    assert wrap(" \n ", 10, count) == []


# --- Graphemes -----------------------------------------------------------------

FAMILY = "👨\u200d👩\u200d👧"
FLAG = "🇨🇳"
E_ACUTE = "e\u0301"
HEART = "❤\ufe0f"
SURROGATES = "\ud83d\ude00"  # 😀 as a UTF-16 pair, as bad decoding leaves it


def test_graphemes_keep_marks_sequences_flags_and_pairs_whole() -> None:
    text = f"a{E_ACUTE}{FAMILY}{FLAG}🇯🇵{HEART}👍🏽{SURROGATES}中"
    assert graphemes(text) == ["a", E_ACUTE, FAMILY, FLAG, "🇯🇵", HEART, "👍🏽", SURROGATES, "中"]


def test_normalize_joins_surrogate_pairs_and_collapses_space() -> None:
    assert normalize(f" a{SURROGATES}\n\tb \ud800 ") == "a😀 b \ud800"


@pytest.mark.parametrize("cluster", [E_ACUTE, FAMILY, FLAG, HEART, "👍🏽", "\u0915\u094d\u0937"])
def test_wrapping_and_shortening_never_split_a_grapheme(cluster: str) -> None:
    text = f"承诺{cluster}兑现{cluster}{cluster}情况{cluster}公开{cluster}"
    whole = set(graphemes(text)) | {ELLIPSIS}
    for width in range(1, 16):
        for max_lines in (None, 1, 2):
            for line in wrap(text, width, count, max_lines=max_lines):
                assert set(graphemes(line)) <= whole, (width, max_lines, line)


def test_a_long_word_is_cut_inside_rather_than_dropped() -> None:
    assert wrap("网址 jiannuo.example.org/pledges/x", 12, cells, max_lines=1) == ["网址 jiannu…"]
