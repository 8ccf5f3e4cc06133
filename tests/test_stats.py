"""The 数据看板's numbers (generator.views.stats) and the page built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

import pytest
from bs4 import Tag

from generator.content.check import load_and_check
from generator.content.model import Status, Target, Update
from generator.outputs.searchindex import read_search
from generator.views.catalog import Catalog, Entry
from generator.views.stats import (
    PACE_RULE,
    TOLERANCE_POINTS,
    Grade,
    by_unit,
    expected_share,
    grade,
    month_ends,
    over_time,
    pace,
    pace_row,
    status_on,
    summary,
    value_on,
)

from .conftest import SITES, BuiltSite

D = dt.date
AS_OF = D(2021, 6, 10)
NS, IP, F, P, W = Status.NOT_STARTED, Status.IN_PROGRESS, Status.FULFILLED, Status.PARTIAL, Status.WITHDRAWN


def catalog(as_of: dt.date = AS_OF) -> Catalog:
    site = SITES / "small"
    corpus, problems = load_and_check(site / "interviews", site)
    assert problems == []
    return Catalog(corpus, as_of)


def entry(pledge_id: str, as_of: dt.date = AS_OF) -> Entry:
    return catalog(as_of).by_id[pledge_id]


def counts(**by_status: int) -> dict[Status, int]:
    """Every status, the ones not named at zero."""
    return {s: by_status.get(s.value, 0) for s in Status}


START, DEADLINE = D(2021, 1, 1), D(2021, 1, 21)


def pledge_with(
    *,
    start: dt.date = START,
    deadline: dt.date = DEADLINE,
    target: int | float | None = 100,
    updates: tuple[tuple[dt.date, Status, int | float | None], ...] = (),
) -> Entry:
    """A fixture entry rewritten: interviewed on ``start``, due on
    ``deadline``, with ``target`` and ``updates`` (date, status, value)."""
    base = entry("jt-2020-weiqiao")
    progress = [Update(date=d, status=s, note="测试", value=v) for d, s, v in updates]
    pledge = replace(
        base.pledge,
        deadline=deadline,
        target=Target(target, "项") if target is not None else None,
        progress=progress,
    )
    return replace(base, pledge=pledge, interview=replace(base.interview, date=start))


# -- a pledge on a given day -----------------------------------------------------


def test_status_on_a_day_is_that_of_the_last_update_on_or_before_it() -> None:
    pledge = entry("jt-2020-weiqiao").pledge
    assert status_on(pledge, D(2020, 10, 14)) is NS
    assert status_on(pledge, D(2020, 10, 15)) is IP
    assert status_on(pledge, D(2020, 12, 19)) is IP
    assert status_on(pledge, D(2020, 12, 20)) is P
    assert status_on(pledge, D(2030, 1, 1)) is P
    assert status_on(entry("sl-2021-shuiku").pledge, AS_OF) is NS


def test_status_on_takes_the_later_of_two_updates_the_same_day() -> None:
    day = D(2021, 1, 5)
    pledge = pledge_with(updates=((day, IP, 10), (day, F, 100))).pledge
    assert status_on(pledge, day) is F
    assert value_on(pledge, day) == 100
    assert value_on(pledge, day - dt.timedelta(days=1)) is None


def test_value_on_skips_updates_without_a_value() -> None:
    pledge = pledge_with(updates=((D(2021, 1, 2), IP, 10), (D(2021, 1, 3), IP, None))).pledge
    assert value_on(pledge, D(2021, 1, 3)) == 10


# -- status by unit -------------------------------------------------------------------


def test_by_unit_counts_every_status_and_the_overdue() -> None:
    rows = by_unit(catalog())
    assert [r.unit.id for r in rows] == ["jiaotong", "shuili"]
    assert rows[0].counts == counts(in_progress=1, fulfilled=1, partial=1)
    assert rows[1].counts == counts(not_started=2, withdrawn=1)
    assert [list(r.counts) for r in rows] == [list(Status)] * 2
    assert [(r.total, r.overdue) for r in rows] == [(3, 1), (3, 1)]


def test_by_unit_leaves_out_units_without_pledges() -> None:
    cat = catalog()
    cat.corpus.units["empty"] = replace(cat.corpus.units["shuili"], id="empty", short_name="空")
    cat.__dict__.pop("units", None)  # the cached property, recomputed with the new unit
    assert [r.unit.id for r in by_unit(cat)] == ["jiaotong", "shuili"]


# -- status over time ----------------------------------------------------------------


def test_month_ends_run_from_the_first_month_to_the_as_of_date() -> None:
    assert month_ends(D(2020, 9, 1), D(2021, 1, 10)) == [
        D(2020, 9, 30),
        D(2020, 10, 31),
        D(2020, 11, 30),
        D(2020, 12, 31),
        D(2021, 1, 10),
    ]
    assert month_ends(D(2024, 1, 31), D(2024, 3, 31)) == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)]
    assert month_ends(D(2021, 6, 1), D(2021, 6, 1)) == [D(2021, 6, 1)]
    assert month_ends(D(2021, 6, 2), D(2021, 6, 1)) == []


def test_over_time_counts_pledges_made_by_each_month_end_as_they_stood() -> None:
    rows = over_time(catalog())
    assert [r.day for r in rows] == month_ends(D(2020, 9, 1), AS_OF)
    assert rows[-1].day == AS_OF and rows[-1].partial_month
    assert not rows[0].partial_month
    by_day = {r.day: r.counts for r in rows}
    # 2020-09-01: the transport interview's three pledges, none started.
    assert by_day[D(2020, 9, 30)] == counts(not_started=3)
    assert by_day[D(2020, 10, 31)] == counts(not_started=1, in_progress=1, fulfilled=1)
    assert by_day[D(2020, 11, 30)] == counts(in_progress=2, fulfilled=1)
    assert by_day[D(2020, 12, 31)] == counts(in_progress=1, fulfilled=1, partial=1)
    # 2021-01-10: the water interview adds three pledges not yet started.
    assert by_day[D(2021, 1, 31)] == counts(not_started=3, in_progress=1, fulfilled=1, partial=1)
    assert by_day[D(2021, 2, 28)] == by_day[D(2021, 1, 31)]
    # 2021-03-01: the pumping stations are withdrawn.
    assert by_day[D(2021, 3, 31)] == counts(not_started=2, in_progress=1, fulfilled=1, partial=1, withdrawn=1)
    assert by_day[AS_OF] == by_day[D(2021, 3, 31)]
    assert [r.total for r in rows] == [3, 3, 3, 3, 6, 6, 6, 6, 6, 6]


def test_over_time_last_point_matches_the_current_counts() -> None:
    cat = catalog()
    last = over_time(cat)[-1]
    assert last.counts == {s: sum(1 for e in cat.entries if e.status is s) for s in Status}


def test_over_time_with_the_as_of_date_before_any_interview() -> None:
    assert over_time(catalog(D(2020, 8, 1))) == []


# -- 序时进度 ----------------------------------------------------------------------------


def test_expected_share_is_the_time_elapsed_clamped() -> None:
    start, deadline = D(2021, 1, 1), D(2021, 1, 21)
    assert expected_share(start, deadline, D(2020, 12, 1)) == 0
    assert expected_share(start, deadline, start) == 0
    assert expected_share(start, deadline, D(2021, 1, 6)) == Fraction(1, 4)
    assert expected_share(start, deadline, deadline) == 1
    assert expected_share(start, deadline, D(2022, 1, 1)) == 1
    # A deadline on the day of the interview is due at once.
    assert expected_share(start, start, start) == 1
    assert expected_share(start, start, D(2020, 12, 31)) == 0


@pytest.mark.parametrize(
    ("gap", "expected"),
    [
        (Fraction(TOLERANCE_POINTS), Grade.ON_PACE),
        (Fraction(TOLERANCE_POINTS) + Fraction(1, 10**6), Grade.AHEAD),
        (Fraction(0), Grade.ON_PACE),
        (-Fraction(TOLERANCE_POINTS), Grade.ON_PACE),
        (-Fraction(TOLERANCE_POINTS) - Fraction(1, 10**6), Grade.BEHIND),
        (Fraction(-100), Grade.BEHIND),
        (Fraction(100), Grade.AHEAD),
    ],
)
def test_grade_at_the_tolerance_boundaries(gap: Fraction, expected: Grade) -> None:
    half = Fraction(1, 2)
    assert grade(half + gap / 100, half) is expected


def test_the_tolerance_is_five_points_and_the_rule_says_so() -> None:
    assert TOLERANCE_POINTS == 5
    assert "差超过 5 个百分点为超进度，低于 −5 个百分点为欠进度" in PACE_RULE
    assert "以上" not in PACE_RULE  # 以上 includes the number itself: ambiguous at the boundary
    assert "已兑现的承诺计为 100%" in PACE_RULE
    assert "已撤回的承诺不计" in PACE_RULE


@pytest.mark.parametrize(
    ("day", "value", "grade_", "actual"),
    [
        # Half the time gone (10 of 20 days): 50% expected.
        (D(2021, 1, 11), 55, Grade.ON_PACE, "55%"),  # +5 points exactly
        (D(2021, 1, 11), 56, Grade.AHEAD, "56%"),
        (D(2021, 1, 11), 45, Grade.ON_PACE, "45%"),  # -5 points exactly
        (D(2021, 1, 11), 44, Grade.BEHIND, "44%"),
        (D(2021, 1, 11), 250, Grade.AHEAD, "100%"),  # more than the target counts as 100%
    ],
)
def test_pace_row_grades_at_the_boundaries(day: dt.date, value: int, grade_: Grade, actual: str) -> None:
    row = pace_row(pledge_with(updates=((day, IP, value),)), day)
    assert row is not None
    assert (row.grade, row.actual_percent, row.expected_percent) == (grade_, actual, "50%")


def test_pace_row_is_exact_with_decimal_values() -> None:
    # 0.55 of 1 against 50%: exactly +5 points, which binary floats overshoot.
    assert 0.55 / 1 * 100 - 50 > 5
    day = D(2021, 1, 11)
    row = pace_row(pledge_with(target=1, updates=((day, IP, 0.55),)), day)
    assert row is not None and row.grade is Grade.ON_PACE
    assert row.gap_points == 5


def test_a_fulfilled_pledge_counts_as_done_whatever_its_value() -> None:
    day = D(2021, 1, 21)
    row = pace_row(pledge_with(updates=((D(2021, 1, 20), F, 90),)), day)
    assert row is not None
    assert (row.actual, row.done, row.grade, row.actual_percent) == (Fraction(1), 90, Grade.ON_PACE, "100%")
    no_value = pace_row(pledge_with(updates=((D(2021, 1, 20), F, None),)), day)
    assert no_value is not None and no_value.actual == 1 and no_value.done is None


def test_withdrawn_and_untargeted_pledges_are_left_out() -> None:
    day = D(2021, 1, 11)
    assert pace_row(pledge_with(updates=((D(2021, 1, 5), W, None),)), day) is None
    assert pace_row(pledge_with(target=None), day) is None
    # Withdrawn later than the day measured: still counted that day.
    assert pace_row(pledge_with(updates=((D(2021, 1, 15), W, None),)), day) is not None


def test_pace_uses_what_was_reported_by_the_as_of_date() -> None:
    pledge = pledge_with(updates=((D(2021, 1, 5), IP, 30), (D(2021, 1, 15), F, 100)))
    row = pace_row(pledge, D(2021, 1, 11))
    assert row is not None and (row.done, row.actual, row.grade) == (30, Fraction(3, 10), Grade.BEHIND)


def test_pace_on_the_small_site() -> None:
    rows = pace(catalog())
    # The furthest behind first; the withdrawn pledge and those without a target left out.
    assert [r.entry.id for r in rows] == ["sl-2021-hedao", "jt-2020-zhanting", "jt-2020-weiqiao"]
    hedao, zhanting, weiqiao = rows
    # 2021-01-10 to 2021-06-10 is 151 of the 171 days to 2021-06-30.
    assert hedao.expected == Fraction(151, 171) and hedao.actual == 0 and hedao.done is None
    assert (hedao.actual_percent, hedao.expected_percent) == ("0%", "88%")
    assert (zhanting.done, zhanting.actual_percent, zhanting.expected_percent) == (20, "40%", "100%")
    assert (weiqiao.done, weiqiao.actual_percent) == (100, "83%")
    assert {r.grade for r in rows} == {Grade.BEHIND}


def test_summary() -> None:
    s = summary(catalog())
    assert (s.total, s.kept, s.overdue, s.withdrawn, s.kept_percent) == (6, 1, 2, 1, "16%")


# -- the page ----------------------------------------------------------------------------


def cells(row: Tag) -> list[str]:
    return [" ".join(c.get_text().split()) for c in row.find_all(["th", "td"])]


@pytest.fixture(scope="module")
def page(small_site: BuiltSite) -> Tag:
    article = small_site.page("stats/").select_one("article.md-content__inner")
    assert article is not None
    return article


def test_the_page_exists_with_its_summary(small_site: BuiltSite, page: Tag) -> None:
    assert (small_site.out / "stats" / "index.html").is_file()
    assert page.h1 is not None and page.h1.get_text() == "数据看板"
    lead = " ".join(page.select_one(".jn-lead").get_text().split())  # type: ignore[union-attr]
    assert lead == "共 6 项承诺，已兑现 1 项，占 16%；已逾期 2 项；已撤回 1 项。数据截至 2021年6月10日。"


def test_three_figures_each_an_accessible_svg_with_a_caption(page: Tag) -> None:
    figures = page.select("figure.jn-chart")
    assert len(figures) == 3
    for figure in figures:
        svg = figure.select_one("svg")
        assert svg is not None
        assert (svg["role"], svg["width"]) == ("img", "100%")
        assert str(svg["viewbox"]).startswith("0 0 360 ")
        ids = str(svg["aria-labelledby"]).split()
        assert [figure.select_one(f"#{i}").name for i in ids] == ["title", "desc"]  # type: ignore[union-attr]
        assert figure.select_one("figcaption") is not None
        assert figure.select("script, foreignobject, [onload], [onclick]") == []
        # The table follows the chart.
        data = figure.find_next_sibling("div", class_="jn-stats__data")
        assert data is not None and data.select_one("table") is not None


def test_the_unit_table_matches_the_catalog(page: Tag) -> None:
    table = page.select_one("#table-units")
    assert table is not None
    # The key columns first (they fit a phone), then the other statuses.
    others = [s for s in Status if s is not Status.FULFILLED]
    head = cells(table.select_one("thead tr"))  # type: ignore[arg-type]
    assert head[1:] == ["总数", "已兑现", "已逾期"] + [s.label for s in others]
    rows = [cells(tr) for tr in table.select("tbody tr")]
    expected = [
        [r.unit.short_name, str(r.total), str(r.kept), str(r.overdue), *(str(r.counts[s]) for s in others)]
        for r in by_unit(catalog())
    ]
    assert rows == expected
    total = cells(table.select_one("tfoot tr"))  # type: ignore[arg-type]
    assert total == ["合计", "6", "1", "2", "2", "1", "1", "0", "0", "1"]
    assert [a["href"] for a in table.select("tbody a")] == ["../units/jiaotong/", "../units/shuili/"]


def test_the_monthly_table_matches_the_catalog(page: Tag) -> None:
    table = page.select_one("#table-time")
    assert table is not None
    rows = [cells(tr) for tr in table.select("tbody tr")]
    expected = [
        [f"{r.day.year}年{r.day.month}月{r.day.day}日", *(str(r.counts[s]) for s in Status), str(r.total)]
        for r in over_time(catalog())
    ]
    assert rows == expected
    assert rows[-1][0] == "2021年6月10日"


def test_the_pace_table_matches_the_catalog(page: Tag) -> None:
    table = page.select_one("#table-pace")
    assert table is not None
    rows = [cells(tr) for tr in table.select("tbody tr")]
    assert rows == [
        ["6月底前清理河道200公里", "2021年6月30日", "200 公里", "—", "0%", "88%", "欠进度"],
        ["年底前建成50座候车亭", "2020年12月31日", "50 座候车亭", "20", "40%", "100%", "欠进度"],
        ["年内改造120座危桥", "2020年12月31日", "120 座危桥", "100", "83%", "100%", "欠进度"],
    ]
    links = [a["href"] for a in table.select("tbody a")]
    assert links == ["../pledges/sl-2021-hedao/", "../pledges/jt-2020-zhanting/", "../pledges/jt-2020-weiqiao/"]
    assert PACE_RULE in " ".join(page.get_text().split())


def test_the_charts_draw_the_same_numbers(page: Tag) -> None:
    units = page.select_one("#chart-units")
    assert units is not None
    # A segment (a rect with a tooltip) per non-zero count.
    segments = [" ".join(t.get_text().split()) for t in units.select("rect > title")]
    assert segments == [
        "交通厅：推进中 1 项",
        "交通厅：已兑现 1 项",
        "交通厅：部分兑现 1 项",
        "水利厅：未启动 2 项",
        "水利厅：已撤回 1 项",
    ]
    pace_chart = page.select_one("#chart-pace")
    assert pace_chart is not None
    assert "实际 0%　序时 88%　欠进度" in pace_chart.get_text()


def test_the_page_is_in_the_navigation_but_not_in_search(small_site: BuiltSite) -> None:
    tabs = [a.get_text().strip() for a in small_site.page("stats/").select("a.md-tabs__link")]
    assert "数据看板" in tabs
    assert not [location for location in read_search(small_site.out) if location.startswith("stats/")]
