"""Golden files: the rendered content of a pledge page and an interview page.

A deliberate change to the templates or the article renderer is accepted by
running ``UPDATE_GOLDEN=1 make test`` and reviewing the diff of tests/golden/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import BuiltSite

GOLDEN = Path(__file__).resolve().parent / "golden"


def rendered(site: BuiltSite, url: str) -> str:
    """The page's main content, re-serialised so whitespace is stable."""
    article = site.page(url).select_one("article.md-content__inner")
    assert article is not None
    return article.prettify()


@pytest.mark.parametrize(
    ("url", "golden"),
    [
        ("pledges/jt-2020-weiqiao/", "pledge-jt-2020-weiqiao.html"),
        ("pledges/sl-2021-shuiku/", "pledge-sl-2021-shuiku.html"),
        ("interviews/zhang-san/", "interview-zhang-san.html"),
    ],
)
def test_page_matches_golden(small_site: BuiltSite, url: str, golden: str) -> None:
    actual = rendered(small_site, url)
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")
