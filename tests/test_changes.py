"""What an edit changes (generator/views/changes.py): the preview renders
again only those pages, so every other page must come out the same."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from generator.content.check import load_and_check
from generator.content.model import Corpus, Interview, Pledge, Status, Update
from generator.engine.pagememo import Digester
from generator.views.catalog import Catalog
from generator.views.changes import changes, same_pages
from generator.views.pagespecs import PageSpec, build_pages, list_pages, pages_of, report_specs
from generator.views.reports import year_reports
from generator.views.siteview import Contact, Settings

from .conftest import SITES

AS_OF = dt.date(2021, 8, 31)
SETTINGS = Settings(
    site_name="践诺",
    site_url="https://jiannuo.example.org/",
    column="决胜攻坚·向人民报告",
    publisher="报社",
    icp="",
    demo=False,
    contact=Contact("desk@example.org", "", ""),
    stale_days=90,
)


def small() -> Corpus:
    site = SITES / "small"
    corpus, problems = load_and_check(site / "interviews", site)
    assert problems == []
    return corpus


def with_pledge(corpus: Corpus, pledge_id: str, change: Callable[[Pledge], Pledge]) -> Corpus:
    """``corpus`` with one pledge changed."""
    return replace(
        corpus,
        interviews=[
            replace(i, pledges=[change(p) if p.id == pledge_id else p for p in i.pledges]) for i in corpus.interviews
        ],
    )


def with_interview(corpus: Corpus, slug: str, change: Callable[[Interview], Interview]) -> Corpus:
    return replace(corpus, interviews=[change(i) if i.slug == slug else i for i in corpus.interviews])


def progressed(pledge: Pledge) -> Pledge:
    update = Update(date=dt.date(2021, 4, 1), status=Status.IN_PROGRESS, value=80, note="清理工作已开工")
    return replace(pledge, progress=[*pledge.progress, update])


EDITS: dict[str, Callable[[Corpus], Corpus]] = {
    "progress": lambda c: with_pledge(c, "sl-2021-hedao", progressed),
    "text": lambda c: with_pledge(c, "jt-2020-weiqiao", lambda p: replace(p, text=p.text + "（更正）")),
    "deadline": lambda c: with_pledge(c, "jt-2020-xinxian", lambda p: replace(p, deadline=dt.date(2021, 3, 1))),
    "title": lambda c: with_interview(c, "zhang-san", lambda i: replace(i, title=i.title + "！")),
    "unit": lambda c: with_interview(c, "li-si", lambda i: replace(i, unit="jiaotong")),
    # The changed pledge is the successor of a pledge in another interview.
    "successor elsewhere": lambda c: with_pledge(c, "sl-2021-hedao", progressed),
}


def keys(catalog: Catalog) -> dict[str, bytes]:
    """Each generated page's data, hashed as the page keys hash it."""
    return {spec.src_uri: Digester()((spec,)) for spec in build_pages(catalog, SETTINGS)}


def sources(specs: list[PageSpec]) -> set[str]:
    return {spec.src_uri for spec in specs}


@pytest.mark.parametrize("edit", EDITS)
def test_every_page_outside_the_changes_comes_out_the_same(edit: str) -> None:
    """The pages of what changed, and the lists, are made again; every other
    page's data is equal in both catalogs (so its HTML is too)."""
    corpus = small()
    if edit == "successor elsewhere":
        corpus = with_pledge(corpus, "jt-2020-zhanting", lambda p: replace(p, successor="sl-2021-hedao"))
    before, after = Catalog(corpus, AS_OF), Catalog(EDITS[edit](corpus), AS_OF)
    # A unit that loses its only interview loses its year-end reports: other pages, the whole rebuild.
    assert same_pages(before, after) == (edit != "unit")
    found = changes(before, after)
    # The lists and the reports are made again after the pages of what changed.
    again = list_pages(after) + report_specs(year_reports(after), SETTINGS)
    remade = sources(pages_of(after, SETTINGS, found.interviews, found.entries, found.units) + again)
    old, new = keys(before), keys(after)
    assert [uri for uri in new if uri not in remade and old.get(uri) != new[uri]] == []
    assert [uri for uri in new if uri in remade and old[uri] != new[uri]]  # the edit shows somewhere


def test_a_progress_entry_changes_its_interview_its_pledges_and_its_unit() -> None:
    corpus = small()
    found = changes(Catalog(corpus, AS_OF), Catalog(EDITS["progress"](corpus), AS_OF))
    assert [i.slug for i in found.interviews] == ["li-si"]
    assert [e.id for e in found.entries] == ["sl-2021-shuiku", "sl-2021-hedao", "sl-2021-bengzhan"]
    assert [u.id for u in found.units] == ["shuili"]


def test_an_interview_that_moves_changes_both_units() -> None:
    corpus = small()
    found = changes(Catalog(corpus, AS_OF), Catalog(EDITS["unit"](corpus), AS_OF))
    assert {u.id for u in found.units} == {"shuili", "jiaotong"}


def test_other_pages_or_another_date_are_not_the_same_pages() -> None:
    corpus = small()
    catalog = Catalog(corpus, AS_OF)
    assert not same_pages(catalog, Catalog(corpus, AS_OF + dt.timedelta(days=1)))
    fewer = with_interview(corpus, "li-si", lambda i: replace(i, pledges=i.pledges[:-1]))
    assert not same_pages(catalog, Catalog(fewer, AS_OF))
    renamed = with_pledge(corpus, "sl-2021-shuiku", lambda p: replace(p, id="sl-2021-shuiku2"))
    assert not same_pages(catalog, Catalog(renamed, AS_OF))


def test_a_pledge_changes_with_its_successor_in_another_interview() -> None:
    corpus = with_pledge(small(), "jt-2020-zhanting", lambda p: replace(p, successor="sl-2021-hedao"))
    found = changes(Catalog(corpus, AS_OF), Catalog(EDITS["successor elsewhere"](corpus), AS_OF))
    assert "jt-2020-zhanting" in [e.id for e in found.entries]
    assert [i.slug for i in found.interviews] == ["li-si"]
