"""Nothing published is lost: on a copy of the bundled site, removing a
published pledge stops the build; withdrawing it keeps its page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .conftest import ROOT, build_site

INTERVIEW = "interviews/2020/shi-guangliang.md"
PLEDGE = "szjggw-2020-dangke"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the bundled site that a test may edit."""
    for name in ["mkdocs.yml", "docs", "interviews", "overrides", "fonts"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    return tmp_path


def edit(site: Path, change: str) -> None:
    path = site / INTERVIEW
    text = path.read_text(encoding="utf-8")
    block = re.search(rf"\n  - id: {PLEDGE}\n.*?(?=\n  - id: )", text, re.S)
    assert block is not None
    if change == "remove":
        text = text.replace(block.group(0), "")
    else:
        text = text.replace(
            block.group(0),
            block.group(0)
            + "\n      - date: 2020-08-15\n        status: withdrawn\n        note: 党课活动并入“七一”主题党日统一开展",
        )
    path.write_text(text, encoding="utf-8")


def test_the_ledger_lists_every_bundled_pledge() -> None:
    ledger = (ROOT / "interviews" / "published.txt").read_text(encoding="utf-8")
    interview = (ROOT / INTERVIEW).read_text(encoding="utf-8")
    assert set(re.findall(r"^(\S+) \S+$", ledger, re.M)) == set(re.findall(r"^  - id: (\S+)$", interview, re.M))


def test_removing_a_published_pledge_stops_the_build_naming_it(
    site: Path, tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    edit(site, "remove")
    with pytest.raises(Abort):
        build_site(site / "mkdocs.yml", tmp_path_factory.mktemp("out"))
    line = next(r.getMessage() for r in caplog.records if PLEDGE in r.getMessage())
    assert "interviews/published.txt:" in line
    assert f"已发布的承诺「{PLEDGE}」在访谈中找不到了（最后在 {INTERVIEW}）" in line


def test_withdrawing_a_pledge_keeps_its_page_and_says_so(site: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    edit(site, "withdraw")
    built = build_site(site / "mkdocs.yml", tmp_path_factory.mktemp("out"))
    notice = built.page(f"pledges/{PLEDGE}/").select_one(".jn-withdrawn")
    assert notice is not None
    assert "本承诺已于 2020年8月15日 撤回" in " ".join(notice.get_text().split())
    assert "党课活动并入“七一”主题党日统一开展" in notice.get_text()
