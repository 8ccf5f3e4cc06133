"""Reliability: the same commit builds the same site, a failed build leaves
the last good one in place, nothing published ever loses its page, and
nothing is written outside the site."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.content import rules
from generator.content.check import load_and_check
from generator.outputs import cardcache
from generator.outputs.publishing import write_files

from .conftest import ROOT, SITES, BuiltSite, build_site, copy_site


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def small_copy(tmp_path: Path) -> Path:
    """An editable copy of the small site, its caches inside the copy."""
    return copy_site(SITES / "small", tmp_path / "site-src")


@pytest.fixture
def epoch() -> Iterator[None]:
    """A fixed SOURCE_DATE_EPOCH, as `make build` sets from the last commit."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1609459200"
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


def test_two_builds_of_the_same_commit_are_byte_identical(small_copy: Path, tmp_path: Path, epoch: None) -> None:
    first = build_site(small_copy / "mkdocs.yml", tmp_path / "one")
    shutil.rmtree(small_copy / ".cache")  # cards, QR codes and all drawn again
    second = build_site(small_copy / "mkdocs.yml", tmp_path / "two")
    one, two = tree_hashes(first.out), tree_hashes(second.out)
    assert any(name.endswith("card.png") for name in one), "the share cards are compared too"
    assert one == two


def test_a_build_with_a_broken_interview_leaves_the_last_good_site(small_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(small_copy / "mkdocs.yml", out)
    before = tree_hashes(out)
    interview = small_copy / "interviews/2020/zhang-san.md"
    interview.write_text(interview.read_text(encoding="utf-8").replace("issue: 3", "issue: 三"), encoding="utf-8")
    with pytest.raises(Abort):
        build_site(small_copy / "mkdocs.yml", out)
    assert tree_hashes(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site-src"], "no staging folder left behind"


def test_a_build_that_fails_late_leaves_the_last_good_site(
    small_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_site(small_copy / "mkdocs.yml", out)
    before = tree_hashes(out)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    # After every page is written: the share cards are the last step.
    monkeypatch.setattr(cardcache, "_write", broken)
    monkeypatch.setattr(cardcache, "_place", broken)
    shutil.rmtree(small_copy / ".cache")
    with pytest.raises(OSError, match="disk full"):
        build_site(small_copy / "mkdocs.yml", out)
    assert tree_hashes(out) == before
    assert not (tmp_path / "site.building").exists()


def test_every_published_pledge_has_its_page(real_site: BuiltSite) -> None:
    ledger = (ROOT / "interviews" / "published.txt").read_text(encoding="utf-8")
    published = re.findall(r"^([a-z0-9-]+) ", ledger, re.MULTILINE)
    assert len(published) >= 20
    missing = [i for i in published if not (real_site.out / "pledges" / i / "index.html").is_file()]
    assert missing == []


def test_nothing_is_written_outside_the_site(small_copy: Path, tmp_path: Path) -> None:
    sources = tree_hashes(small_copy)
    build_site(small_copy / "mkdocs.yml", tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site-src"]
    after = {k: v for k, v in tree_hashes(small_copy).items() if not k.startswith(".cache/")}
    assert after == sources, "the build changed nothing but its cache in the sources"


@pytest.mark.parametrize("rel", ["../x.html", "/tmp/x.html", "z/../../x.html", "..", "z\\..\\..\\x.html"])
def test_a_path_outside_the_site_is_never_written(tmp_path: Path, rel: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(ValueError, match="outside the site"):
        write_files(site, {"ok.html": b"ok", rel: b"escaped"})
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["site"], "not even the good file is written first"


BAD_NAMES = [
    "../escape",
    "/etc/passwd",
    "a/b",
    "..",
    "CON",
    "con",
    "nul",
    "com1",
    "Shi-Guangliang",
    "石光亮",
    "a b",
    "a_b",
]


def put_name(copy: Path, place: str, bad: str) -> tuple[str, int, str]:
    """Write ``bad`` as a name in ``place``; where the checker must point."""
    interview = copy / "interviews/2020/zhang-san.md"
    text = interview.read_text(encoding="utf-8")
    if place == "pledge id":
        pledge = f'  - id: "{bad}"\n    text: 新承诺\n    quote: 年内完成120座危桥改造\n'
        pledge += "    category: 桥梁安全\n    deadline: 2020-12-31\n"
        interview.write_text(text.replace("pledges:\n", "pledges:\n" + pledge, 1), encoding="utf-8")
        return "interviews/2020/zhang-san.md", 18, "pledges[1].id"
    if place == "alias":
        interview.write_text(text.replace("[zhangsan-2020]", f'[zhangsan-2020, "{bad}"]'), encoding="utf-8")
        return "interviews/2020/zhang-san.md", 10, "aliases"
    if place == "unit id":
        units = copy / "interviews/units.yml"
        units.write_text(units.read_text(encoding="utf-8") + f'- id: "{bad}"\n  name: 测试厅\n  short_name: 测试\n')
        return "interviews/units.yml", 7, "id"
    (copy / "interviews/2021/li-si.md").rename(copy / f"interviews/2021/{bad}.md")
    return f"interviews/2021/{bad}.md", 1, "文件名"


CASES = [(place, bad) for place in ("pledge id", "alias", "unit id") for bad in BAD_NAMES]
CASES += [("file name", bad) for bad in BAD_NAMES if "/" not in bad and bad != ".."]


@pytest.mark.parametrize(("place", "bad"), CASES)
def test_names_are_never_paths(small_copy: Path, tmp_path: Path, place: str, bad: str) -> None:
    where = put_name(small_copy, place, bad)
    _, problems = load_and_check(small_copy / "interviews", small_copy, dt.date(2021, 6, 10))
    assert where in [(p.path, p.line, p.field) for p in problems]
    out = tmp_path / "out"
    with pytest.raises(Abort):
        build_site(small_copy / "mkdocs.yml", out)
    assert not out.exists(), "nothing was written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site-src"], "nor beside the site"


def test_a_name_past_the_checker_is_still_not_written_outside(
    small_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a rule ever let a path through, the writers refuse it."""
    monkeypatch.setattr(rules, "valid_id", lambda value: True)
    put_name(small_copy, "pledge id", "../../escape")
    with pytest.raises(ValueError, match="outside the site"):
        build_site(small_copy / "mkdocs.yml", tmp_path / "out" / "site")
    assert list(tmp_path.rglob("escape*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site-src"]
    assert list((tmp_path / "out").iterdir()) == []
