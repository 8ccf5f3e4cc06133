"""YAML with the line of every value, and errors explained in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.content.yamltree import MAX_NODES, Node, YamlSyntaxError, parse


def tree(text: str, first_line: int = 1) -> Node:
    root, problems = parse(text, first_line)
    assert problems == []
    assert root is not None
    return root


def test_values_keep_their_lines() -> None:
    root = tree("a: 1\nb:\n  - x\n  - 2020-07-01\nc: {d: 是}\n", first_line=5)
    assert isinstance(root.children, dict)
    a, b, c = root.children["a"], root.children["b"], root.children["c"]
    assert (a.value, a.line, a.key_line) == (1, 5, 5)
    assert isinstance(b.children, list)
    assert [(n.value, n.line) for n in b.children] == [("x", 7), (dt.date(2020, 7, 1), 8)]
    assert b.key_line == 6
    assert isinstance(c.children, dict)
    assert c.children["d"].value == "是"


def test_empty_document() -> None:
    assert parse("", 1) == (None, [])


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\n\tb: 2\n", 2, "制表符"),
        ('a: "open\nb: 2\n', 1, "引号"),
        ("a:\n  b: 1\n c: 2\n", 3, "缩进"),
        ("a: 标题: 副标题\n", 1, "冒号"),
    ],
)
def test_syntax_errors_give_the_line_and_a_chinese_reason(text: str, line: int, fragment: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text, 1)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_duplicate_keys_are_reported_not_swallowed() -> None:
    root, problems = parse("a: 1\nb: 2\na: 3\n", 10)
    assert root is not None and isinstance(root.children, dict)
    assert root.children["a"].value == 1
    assert [(p.line, "第 10 行" in p.message) for p in problems] == [(12, True)]


def test_impossible_date_stays_text_for_the_field_reader() -> None:
    assert tree("d: 2020-02-30\n").children == {"d": Node("2020-02-30", 1, key_line=1)}


def test_alias_bomb_ends_in_an_error() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    with pytest.raises(YamlSyntaxError) as caught:
        parse("\n".join(lines), 1)
    assert "别名" in caught.value.message
    assert MAX_NODES < 10**8
