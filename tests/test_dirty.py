"""A failed build leaves site/ as it was, in every mode: a full build, a
``--dirty`` one, with ``--strict``, whether it fails on the content, on a
template, late in the last step, or is interrupted (Ctrl-C)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import TemplateError
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.outputs import cardcache

from .conftest import ROOT, SITES, copy_site
from .test_reliability import tree_hashes


def run_build(config_file: Path, out: Path, *, dirty: bool, strict: bool = False, command: str = "build") -> None:
    """As ``mkdocs build [--dirty] [--strict]`` runs a build."""
    config = load_config(str(config_file), site_dir=str(out), strict=strict)
    config.plugins.on_startup(command=command, dirty=dirty)  # type: ignore[arg-type]
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    assert config.site_dir == str(out), "a deploy after the build takes site/, not the staging folder"


def build_small_site(folder: Path) -> Path:
    """The small site (its own copy of the theme overrides) in ``folder/src``,
    built into ``folder/site``."""
    source = copy_site(SITES / "small", folder / "src")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = source / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(str(ROOT / "overrides"), "../overrides"), "utf-8")
    run_build(config, folder / "site", dirty=False)
    return folder


def files_seen(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` and its inode and modification time: what
    tells a file left alone from one written again, even with the same bytes."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site built once."""
    return build_small_site(tmp_path_factory.mktemp("built"))


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the built site and its sources (times kept), edited: a
    docs page and a pledge changed, so that a new build rewrites both."""
    folder = tmp_path / "w"
    shutil.copytree(built, folder)
    page = folder / "src/docs/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    interview = folder / "src/interviews/2020/zhang-san.md"
    text = interview.read_text(encoding="utf-8")
    interview.write_text(text.replace("text: 年内改造120座危桥\n", "text: 年内改造120座危桥（已修订）\n"), "utf-8")
    return folder


Expected = tuple[type[BaseException], str]


def broken_interview(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Expected:
    interview = folder / "src/interviews/2021/li-si.md"
    interview.write_text(interview.read_text(encoding="utf-8").replace("issue: 4", "issue: 四"), "utf-8")
    return Abort, "BuildError"


def broken_template(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Expected:
    """A page late in the docs (after index.md) with a template that fails."""
    (folder / "overrides/broken.html").write_text("{{ page.title | no_such_filter }}", encoding="utf-8")
    (folder / "src/docs/zz.md").write_text("---\ntemplate: broken.html\n---\n\n# 末页\n", encoding="utf-8")
    return TemplateError, "no_such_filter"


def disk_full(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Expected:
    """The last step (the share cards) fails, every page written."""
    fail(folder, monkeypatch, OSError("disk full"))
    return OSError, "disk full"


def interrupted(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Expected:
    """Ctrl-C in the last step: no error to MkDocs, which skips on_build_error."""
    fail(folder, monkeypatch, KeyboardInterrupt())
    return KeyboardInterrupt, "^$"


def fail(folder: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(cardcache, "_write", broken)
    monkeypatch.setattr(cardcache, "_place", broken)
    shutil.rmtree(folder / "src/.cache/jiannuo/cards")


def strict_warning(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Expected:
    """A warning, which ``--strict`` fails only after the last plugin event."""
    page = folder / "src/docs/data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[不存在](no-such-page.md)\n", encoding="utf-8")
    return Abort, "strict mode"


FAILURES: list[Callable[[Path, pytest.MonkeyPatch], Expected]] = [
    broken_interview,
    broken_template,
    disk_full,
    interrupted,
    strict_warning,
]


@pytest.mark.parametrize("dirty", [False, True], ids=["clean", "dirty"])
@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_build_leaves_the_site_as_it_was(
    copy: Path, monkeypatch: pytest.MonkeyPatch, failure: Callable[[Path, pytest.MonkeyPatch], Expected], dirty: bool
) -> None:
    before, seen = tree_hashes(copy / "site"), files_seen(copy / "site")
    error, match = failure(copy, monkeypatch)
    with pytest.raises(error, match=match):
        run_build(copy / "src/mkdocs.yml", copy / "site", dirty=dirty, strict=True)
    assert tree_hashes(copy / "site") == before
    assert files_seen(copy / "site") == seen, "not a file of site/ written again"
    assert sorted(os.listdir(copy)) == ["overrides", "site", "src"], "no staging folder left behind"


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_a_dirty_build_rebuilds_only_what_changed(copy: Path, command: str) -> None:
    site = copy / "site"
    before = tree_hashes(site)
    seen = files_seen(site)
    run_build(copy / "src/mkdocs.yml", site, dirty=True, command=command)
    after = tree_hashes(site)
    assert after["index.html"] != before["index.html"]
    assert after["pledges/jt-2020-weiqiao/index.html"] != before["pledges/jt-2020-weiqiao/index.html"]
    assert files_seen(site)["data/index.html"] == seen["data/index.html"], "an unchanged page is not rebuilt"
    assert sorted(os.listdir(copy)) == ["overrides", "site", "src"]


def test_a_build_interrupted_while_publishing_is_put_right_by_the_next(
    built: Path, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after some changed files were moved into site/: the site is
    part old, part new, until the next build, which puts every file right."""
    site = copy / "site"
    before = tree_hashes(site)
    moves = 0

    def stopped(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        nonlocal moves
        if Path(target).is_relative_to(site):
            moves += 1
            if moves > 2:
                raise OSError("power cut")
        replace(source, target)

    replace = os.replace
    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(OSError, match="power cut"):
        run_build(copy / "src/mkdocs.yml", site, dirty=False)
    monkeypatch.undo()
    assert tree_hashes(site) != before, "the build stopped with some new files in site/"
    for edited in ["docs/index.md", "interviews/2020/zhang-san.md"]:  # back as they were
        shutil.copy2(built / "src" / edited, copy / "src" / edited)
    run_build(copy / "src/mkdocs.yml", site, dirty=False)
    assert tree_hashes(site) == before
    assert sorted(os.listdir(copy)) == ["overrides", "site", "src"]
