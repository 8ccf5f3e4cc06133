"""The 数据看板's SVG charts: well-formed, accessible, escaped, deterministic."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from fractions import Fraction

import pytest

from generator.content.check import load_and_check
from generator.content.model import Status, Unit
from generator.text.width import text_width
from generator.views import palette
from generator.views.catalog import Catalog
from generator.views.charts import (
    FONT,
    WIDTH,
    esc,
    fit,
    measure,
    nice_step,
    pace_chart,
    stats_view,
    svg,
    time_chart,
    units_chart,
)
from generator.views.formats import decimal
from generator.views.stats import Grade, MonthRow, PaceRow, UnitRow, by_unit, month_ends, over_time, pace

from .conftest import SITES

NS = "{http://www.w3.org/2000/svg}"
D = dt.date


AS_OF = D(2021, 6, 10)


def catalog(as_of: dt.date = AS_OF) -> Catalog:
    site = SITES / "small"
    corpus, problems = load_and_check(site / "interviews", site)
    assert problems == []
    return Catalog(corpus, as_of)


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def segments(root: ET.Element) -> list[ET.Element]:
    """The data rects: those with a tooltip."""
    return [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]


def counts(**by_status: int) -> dict[Status, int]:
    return {s: by_status.get(s.value, 0) for s in Status}


def unit(short_name: str) -> Unit:
    return Unit(id="u", name=short_name, short_name=short_name)


def assert_accessible(root: ET.Element, ident: str) -> None:
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith(f"0 0 {WIDTH} ")
    assert root.get("aria-labelledby") == f"{ident}-title {ident}-desc"
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.get("id") == f"{ident}-title" and title.text
    assert desc is not None and desc.get("id") == f"{ident}-desc" and desc.text
    assert list(root)[:2] == [title, desc]
    assert not [e for e in root.iter() if e.tag in (f"{NS}script", f"{NS}foreignObject")]
    assert not [e for e in root.iter() for a in e.attrib if a.startswith("on")]


NUMBER = re.compile(r"-?\d+(\.\d{1,2})?")


def assert_tidy_numbers(root: ET.Element) -> None:
    """Coordinates without float noise: at most two decimals, never -0."""
    for element in root.iter():
        for name in ("x", "y", "width", "height"):
            value = element.get(name)
            if value is not None and value != "100%":
                assert NUMBER.fullmatch(value), (element.tag, name, value)
                assert value != "-0"


# -- helpers ---------------------------------------------------------------------


def test_decimal_has_no_float_noise() -> None:
    assert [decimal(v) for v in (0.1 + 0.2, 1 / 3, 2.0, -0.001, 12.5, 360)] == ["0.3", "0.33", "2", "0", "12.5", "360"]
    assert [decimal(v, grouping=True) for v in (10000, 1234.567, -0.0, 0)] == ["10,000", "1,234.57", "0", "0"]


def test_text_is_at_least_12_px_on_a_360_px_phone() -> None:
    # A 360 px phone leaves a 328 px column for the chart.
    assert FONT * 328 / WIDTH >= 12


def test_text_width_counts_chinese_as_one_em() -> None:
    assert measure("交通厅") == 3 * FONT
    assert measure("12") < 2 * FONT


def test_charts_count_ambiguous_marks_as_wide_and_badges_do_not() -> None:
    assert measure("交通…") == 3 * FONT
    assert text_width("交通·", 11) == text_width("交通a", 11) < 3 * 11
    assert text_width("交通·", 11, ambiguous_wide=True) == 3 * 11


def test_fit_cuts_long_labels_with_an_ellipsis() -> None:
    assert fit("交通厅", 100) == "交通厅"
    cut = fit("测试省人民政府国有资产监督管理委员会", 8 * FONT)
    assert cut.endswith("…") and measure(cut) <= 8 * FONT


def test_nice_step() -> None:
    assert [nice_step(n) for n in (0, 3, 4, 6, 22, 41, 100, 999)] == [1, 1, 1, 2, 10, 20, 50, 500]


def test_esc_escapes_markup_and_quotes() -> None:
    assert esc('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"


def test_svg_refuses_an_unsafe_id() -> None:
    with pytest.raises(ValueError):
        svg('x" onload="alert(1)', "t", "d", 10, [])


# -- 1. status by unit ----------------------------------------------------------------------


def test_units_chart_has_a_segment_per_non_zero_count() -> None:
    rows = by_unit(catalog())
    root = parse(units_chart(rows))
    assert_accessible(root, "chart-units")
    assert_tidy_numbers(root)
    drawn = segments(root)
    assert len(drawn) == sum(1 for r in rows for c in r.counts.values() if c) == 5
    fills = [r.get("fill") for r in drawn]
    order = (Status.IN_PROGRESS, Status.FULFILLED, Status.PARTIAL, Status.NOT_STARTED, Status.WITHDRAWN)
    assert fills == [palette.STATUS_COLOURS[s] for s in order]
    # Equal totals, equal lengths: each bar spans the whole width.
    assert sum(float(r.get("width", 0)) for r in drawn[:3]) == pytest.approx(WIDTH)
    # The legend names each status drawn, in words, not only in colour.
    labels = texts(root)
    for status in (Status.IN_PROGRESS, Status.FULFILLED, Status.PARTIAL, Status.NOT_STARTED, Status.WITHDRAWN):
        assert status.label in labels
    assert Status.DELAYED.label not in labels
    assert "交通厅" in labels and "3 项，逾期 1 项" in labels


def test_units_chart_bars_are_proportional_to_the_totals() -> None:
    rows = [UnitRow(unit("甲"), counts(fulfilled=4), 0), UnitRow(unit("乙"), counts(fulfilled=1, delayed=1), 1)]
    drawn = segments(parse(units_chart(rows)))
    assert [decimal(float(r.get("width", 0))) for r in drawn] == ["360", "90", "90"]


def test_units_chart_escapes_names() -> None:
    name = "<script>alert('x')</script>&amp;"
    markup = units_chart([UnitRow(unit(name), counts(in_progress=2), 0)])
    assert "<script>" not in markup
    root = parse(markup)
    assert name in texts(root)
    assert f"{name}：推进中 2 项" in [t.text for r in segments(root) if (t := r.find(f"{NS}title")) is not None]
    assert_accessible(root, "chart-units")


def test_units_chart_truncates_a_long_name() -> None:
    name = "测试省人民政府国有资产监督管理委员会办公厅机关服务中心党委"
    root = parse(units_chart([UnitRow(unit(name), counts(in_progress=1), 0)]))
    label = next(t for t in texts(root) if t.startswith("测试省"))
    assert label.endswith("…") and measure(label) + measure("1 项") + 10 <= WIDTH


def test_the_same_numbers_give_the_same_bytes() -> None:
    assert units_chart(by_unit(catalog())) == units_chart(by_unit(catalog()))
    assert time_chart(over_time(catalog())) == time_chart(over_time(catalog()))
    assert pace_chart(pace(catalog())) == pace_chart(pace(catalog()))


# -- 2. status over time ----------------------------------------------------------------------


def test_time_chart_has_a_column_per_month_and_a_segment_per_non_zero_count() -> None:
    rows = over_time(catalog())
    root = parse(time_chart(rows))
    assert_accessible(root, "chart-time")
    assert_tidy_numbers(root)
    assert len(segments(root)) == sum(1 for r in rows for c in r.counts.values() if c)
    tips = [t.text for r in segments(root) if (t := r.find(f"{NS}title")) is not None]
    assert tips[0] == "2020年9月30日：未启动 3 项"
    assert tips[-1] == "2021年6月10日：已撤回 1 项"
    desc = root.find(f"{NS}desc")
    assert desc is not None and "2021年6月10日（最后一柱为数据截至日）" in (desc.text or "")


def test_time_chart_stacks_to_the_total() -> None:
    rows = [MonthRow(D(2021, 1, 31), counts(not_started=1, fulfilled=3))]
    drawn = segments(parse(time_chart(rows)))
    heights = [float(r.get("height", 0)) for r in drawn]
    # Four pledges on an axis of 0–4 fill the 180-unit plot.
    assert sum(heights) == pytest.approx(180)
    assert heights == pytest.approx([45, 135])


def test_time_chart_thins_month_labels_so_they_never_overlap() -> None:
    days = month_ends(D(2018, 1, 1), D(2020, 12, 31))
    rows = [MonthRow(d, counts(in_progress=i + 1)) for i, d in enumerate(days)]
    root = parse(time_chart(rows))
    months = [t for t in root.iter(f"{NS}text") if (t.text or "").endswith("月")]
    assert 1 < len(months) < len(days)
    xs = [float(t.get("x", 0)) for t in months]
    assert all(b - a >= measure("12月") for a, b in itertools.pairwise(xs))
    years = [t.text for t in root.iter(f"{NS}text") if re.fullmatch(r"\d{4}", t.text or "")]
    assert years == ["2018", "2019", "2020"]


# -- 3. 序时进度 -------------------------------------------------------------------------------


def pace_rows(*items: tuple[str, Fraction, Fraction, Grade]) -> list[PaceRow]:
    base = catalog().by_id["jt-2020-weiqiao"]
    rows = []
    for text, actual, expected, grade in items:
        entry = replace(base, pledge=replace(base.pledge, text=text))
        rows.append(PaceRow(entry, None, actual, expected, grade))
    return rows


def test_pace_chart_draws_a_bar_and_a_marker_per_pledge() -> None:
    rows = pace(catalog())
    root = parse(pace_chart(rows))
    assert_accessible(root, "chart-pace")
    assert_tidy_numbers(root)
    tips = [t.text for r in segments(root) if (t := r.find(f"{NS}title")) is not None]
    # No bar for 0% actual; a marker for each pledge.
    assert tips == ["序时进度 88%", "实际进度 40%", "序时进度 100%", "实际进度 83%", "序时进度 100%"]
    labels = texts(root)
    for grade in Grade:
        assert grade.label in labels
    assert "实际 40%　序时 100%　欠进度" in labels


def test_pace_chart_marks_the_expected_share() -> None:
    rows = pace_rows(("甲", Fraction(3, 4), Fraction(1, 2), Grade.AHEAD))
    drawn = segments(parse(pace_chart(rows)))
    bar, marker = drawn
    assert (bar.get("width"), bar.get("fill")) == ("270", palette.STATUS_COLOURS[Status.FULFILLED])
    assert float(marker.get("x", 0)) + float(marker.get("width", 0)) / 2 == WIDTH / 2


def test_pace_chart_wraps_long_texts_on_two_lines_at_most_and_escapes_them() -> None:
    long = "<b>承诺</b>&" + "在全省范围内统筹推进" * 8
    root = parse(pace_chart(pace_rows((long, Fraction(0), Fraction(1), Grade.BEHIND))))
    lines = [t for t in texts(root) if t not in {g.label for g in Grade} | {"序时进度"} and "序时" not in t]
    assert len(lines) == 2
    assert lines[0].startswith("<b>承诺</b>&") and lines[1].endswith("…")
    assert all(measure(line) <= WIDTH for line in lines)


def test_stats_view_has_everything_the_template_needs() -> None:
    view = stats_view(catalog())
    for chart in ("units_chart", "time_chart", "pace_chart"):
        assert hasattr(view[chart], "__html__")
    assert view["summary"].total == 6
    assert view["pace_counts"] == {Grade.AHEAD: 0, Grade.ON_PACE: 0, Grade.BEHIND: 3}


def test_stats_view_without_any_pledge() -> None:
    empty = catalog(D(2020, 1, 1))
    empty.entries.clear()
    view = stats_view(empty)
    assert (view["units_chart"], view["time_chart"], view["pace_chart"]) == (None, None, None)
    assert view["summary"].kept_percent == "0%"
