"""The values ``import`` and ``update`` write into front matter read back as
themselves: texts after ``key: `` and inside ``[...]`` or ``{...}``, numbers."""

from __future__ import annotations

import math

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.editors.yamlwrite import number, scalar

LOADERS = (yaml.SafeLoader, yaml.CSafeLoader)
#: Any text a file can hold, YAML's marks and white space more often than chance gives them.
TEXTS = st.text(st.characters(codec="utf-8") | st.sampled_from(list("-?:#,%@`!&*|>'\"[]{} .~\t\n01yn")))


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
@example("%")
@example("-")
@example("0?")
@example("---")
@example("a\x85b")
@example("\x7f")
@example("个,项")
@example("? x")
@example("a\u200bb")
def test_every_string_written_reads_back_as_itself(text: str) -> None:
    plain, flow = scalar(text), scalar(text, flow=True)
    for loader in LOADERS:
        assert yaml.load(f"k: {plain}", Loader=loader) == {"k": text}
        assert yaml.load(f"k: [{flow}, {flow}]", Loader=loader) == {"k": [text, text]}
        assert yaml.load(f"k: {{value: 1, unit: {flow}}}", Loader=loader) == {"k": {"value": 1, "unit": text}}


@settings(max_examples=500, deadline=None)
@given(st.integers(-(10**15), 10**15) | st.floats(allow_nan=False, allow_infinity=False))
@example(1e-05)
@example(3e16)
def test_every_number_written_reads_back_as_itself(value: int | float) -> None:
    for loader in LOADERS:
        assert yaml.load(f"k: {number(value)}", Loader=loader) == {"k": value}
        assert yaml.load(f"k: {{value: {number(value)}}}", Loader=loader) == {"k": {"value": value}}


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_number_yaml_cannot_read_back_is_refused(value: float) -> None:
    with pytest.raises(ValueError):
        number(value)
