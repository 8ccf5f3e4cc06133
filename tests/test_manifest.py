"""Publishing writes only what changed: a file of ``site/`` whose bytes are
the same keeps its modification time and inode (an upload tool sends only
what changed), a file no longer built is removed, a file edited by hand is
put back, and a publishing stopped halfway is put right by the next build."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from generator.engine import plugin, unchanged
from generator.outputs.manifest import MANIFEST
from generator.outputs.publishing import Published, Staging
from generator.text.glyphs import CardError

from .test_dirty import build_small_site, files_seen, run_build
from .test_reliability import tree_hashes


def publish(site: Path, files: dict[str, bytes], cache: Path | None = None) -> Published:
    """Stage ``files`` as a build would write them, then publish them into ``site``."""
    staging = Staging(site, cache if cache is not None else site.parent / "cache")
    folder = staging.begin()
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return staging.commit()


def contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """The files new or written again between the two states."""
    return {rel for rel, seen in after.items() if before.get(rel) != seen}


FIRST = {"a.html": b"A", "d/b.html": b"B", "d/e/c.txt": b"C", "x": b"X", "y/z.txt": b"Z"}


def test_only_the_files_that_changed_are_moved_in(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert publish(site, FIRST) == Published(written=5, removed=0, kept=0)
    seen = files_seen(site)
    # b.html changed, c.txt is gone (and its folder with it), x is now a
    # folder and y a file, new.txt is new.
    second = {"a.html": b"A", "d/b.html": b"B2", "x/inner.txt": b"I", "y": b"Y", "new.txt": b"N"}
    assert publish(site, second) == Published(written=4, removed=3, kept=1)
    assert contents(site) == second
    assert written(seen, files_seen(site)) == {"d/b.html", "x/inner.txt", "y", "new.txt"}
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()) == ["d", "x"]
    assert sorted(os.listdir(tmp_path)) == ["cache", "site"], "no staging folder left behind"


def test_publishing_the_same_files_again_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(site, FIRST)
    seen = files_seen(site)
    assert publish(site, FIRST) == Published(written=0, removed=0, kept=5)
    assert files_seen(site) == seen


def test_a_file_edited_by_hand_is_put_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(site, FIRST)
    (site / "a.html").write_bytes(b"H")  # the same size: only its bytes tell
    (site / "d/b.html").unlink()
    (site / "d/stray.html").write_bytes(b"S")
    assert publish(site, FIRST) == Published(written=2, removed=1, kept=3)
    assert contents(site) == FIRST


def test_the_manifest_is_not_trusted_for_a_file_replaced_since(tmp_path: Path) -> None:
    """A publishing stopped halfway leaves new files under the old manifest:
    a file of the recorded size but another inode and time is read again."""
    site = tmp_path / "site"
    publish(site, FIRST)
    (tmp_path / "moved").write_bytes(b"Q")
    os.replace(tmp_path / "moved", site / "a.html")
    publish(site, FIRST)
    assert contents(site) == FIRST


def test_a_publishing_stopped_halfway_is_put_right(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    publish(site, FIRST)
    replace, moves = os.replace, []

    def stopped(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        moves.append(target)
        if len(moves) > 1:
            raise OSError("power cut")
        replace(source, target)

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(OSError, match="power cut"):
        publish(site, {rel: data + b"2" for rel, data in FIRST.items()})
    monkeypatch.undo()
    assert contents(site) == {**FIRST, "a.html": b"A2"}
    publish(site, FIRST)
    assert contents(site) == FIRST


@pytest.mark.parametrize("manifest", ["missing", "broken", "of another folder"])
def test_without_a_manifest_for_the_site_only_time_is_lost(tmp_path: Path, manifest: str) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    publish(site, FIRST)
    if manifest == "missing":
        (cache / MANIFEST).unlink()
    elif manifest == "broken":
        (cache / MANIFEST).write_text("{", encoding="utf-8")
    else:
        publish(tmp_path / "other", FIRST, cache)
    seen = files_seen(site)
    assert publish(site, {**FIRST, "a.html": b"H"}) == Published(written=1, removed=0, kept=4)
    assert written(seen, files_seen(site)) == {"a.html"}
    assert json.loads((cache / MANIFEST).read_text(encoding="utf-8"))["site"] == str(site)


# Built sites: the small fixture site, built and then built again in place.


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site built, then built again: its manifest is of its site/."""
    folder = build_small_site(tmp_path_factory.mktemp("built"))
    run_build(folder / "src/mkdocs.yml", folder / "site", dirty=False)
    return folder


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the built site and its sources, built once in place (so
    that its manifest is its own)."""
    folder = tmp_path / "w"
    shutil.copytree(built, folder)
    run_build(folder / "src/mkdocs.yml", folder / "site", dirty=False)
    return folder


def rebuild(copy: Path) -> set[str]:
    """Build ``copy`` again; the files of its site/ that were written."""
    seen = files_seen(copy / "site")
    run_build(copy / "src/mkdocs.yml", copy / "site", dirty=False)
    assert sorted(os.listdir(copy)) == ["overrides", "site", "src"]
    return written(seen, files_seen(copy / "site"))


def clean_build(copy: Path, out: Path) -> dict[str, str]:
    """The site of ``copy`` built afresh into ``out``."""
    run_build(copy / "src/mkdocs.yml", out, dirty=False)
    return tree_hashes(out)


KEPT = "pledges: 网站的全部输入与上次发布时相同，site/ 也未被改动：保留已发布的网站，不再生成。"


def test_a_rebuild_with_nothing_changed_keeps_the_published_site(copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        assert rebuild(copy) == set()
    assert KEPT in caplog.messages
    assert not any("生成的页面" in message or "网站文件写入" in message for message in caplog.messages)


def test_a_rebuild_with_nothing_changed_writes_nothing(copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The whole rebuild, when it runs (the inputs of the last publish forgotten)."""
    unchanged.forget(copy / "src/.cache/jiannuo")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        assert rebuild(copy) == set()
    assert KEPT not in caplog.messages
    assert any("网站文件写入 0 个，删除 0 个" in message for message in caplog.messages)
    # Not one generated page rendered again: each is in site/ as published.
    assert "pledges: 生成的页面新写 0 个，沿用已发布的 15 个" in caplog.messages


def test_an_edit_to_one_interview_rewrites_only_what_shows_it(
    copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A progress note of one pledge: its page, the feeds and data that carry
    notes; not its card, badge or embed, nor any other pledge's files. Only
    the pages of its interview are rendered: the interview, its three
    pledges and its unit; the other interview's five are kept."""
    interview = copy / "src/interviews/2020/zhang-san.md"
    text = interview.read_text(encoding="utf-8")
    assert text.count("note: 已完成60座") == 1
    interview.write_text(text.replace("note: 已完成60座", "note: 已完成60座（核实）"), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        changed = rebuild(copy)
    assert "pledges: 生成的页面新写 5 个，沿用已发布的 10 个" in caplog.messages
    assert changed == {
        "index.html",  # the latest progress
        "pledges/jt-2020-weiqiao/index.html",
        "api/pledges.json",
        "api/pledges/jt-2020-weiqiao.json",
        "feed.xml",
        "units/jiaotong/feed.xml",
    }
    assert tree_hashes(copy / "site") == clean_build(copy, tmp_path / "clean")


def _change_docs(copy: Path) -> None:
    page = copy / "src/docs/data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")


def _change_template(copy: Path) -> None:
    template = copy / "overrides/main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _change_config(copy: Path) -> None:
    config = copy / "src/mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# 注\n", encoding="utf-8")


def _change_site(copy: Path) -> None:
    (copy / "site/feed.xml").unlink()


def _forget(copy: Path) -> None:
    unchanged.forget(copy / "src/.cache/jiannuo")


@pytest.mark.parametrize("change", [_change_docs, _change_template, _change_config, _change_site, _forget])
def test_a_rebuild_after_any_change_does_its_work(
    copy: Path, caplog: pytest.LogCaptureFixture, change: Callable[[Path], None]
) -> None:
    assert (copy / "src/.cache/jiannuo" / unchanged.KEY_FILE).is_file()
    change(copy)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        rebuild(copy)
    assert KEPT not in caplog.messages
    assert any("网站文件写入" in message for message in caplog.messages)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        assert rebuild(copy) == set()
    assert KEPT in caplog.messages


def test_another_date_or_environment_builds_again(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, roots = {"site_url": "https://a.example/"}, [copy / "src/interviews"]
    key = unchanged.inputs_key(roots, config, dt.date(2021, 6, 30))
    assert unchanged.inputs_key(roots, config, dt.date(2021, 6, 30)) == key
    assert unchanged.inputs_key(roots, config, dt.date(2021, 7, 1)) != key
    assert unchanged.inputs_key(roots, {"site_url": "https://b.example/"}, dt.date(2021, 6, 30)) != key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert unchanged.inputs_key(roots, config, dt.date(2021, 6, 30)) != key


def test_a_publish_stopped_halfway_is_never_taken_for_the_last(
    copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    page = copy / "src/docs/data.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(before + "\n补记。\n", encoding="utf-8")

    def stopped(self: Staging) -> Published:
        raise OSError("stopped")

    with monkeypatch.context() as patched:
        patched.setattr(Staging, "commit", stopped)
        with pytest.raises(OSError):
            run_build(copy / "src/mkdocs.yml", copy / "site", dirty=False)
    assert unchanged.recorded(copy / "src/.cache/jiannuo") is None
    # The inputs of the last whole publish again: built, not kept.
    page.write_text(before, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pledges"):
        rebuild(copy)
    assert KEPT not in caplog.messages


def test_a_staged_file_the_site_holds_already_is_kept_not_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(site, FIRST)
    seen = files_seen(site)
    staging = Staging(site, tmp_path / "cache")
    staging.begin()
    staging.write({"a.html": b"A", "d/b.html": b"B2", "new.txt": b"N"})
    assert staging.kept == {"a.html"}
    assert not (staging.folder / "a.html").exists()
    assert staging.commit() == Published(written=2, removed=3, kept=1)
    assert contents(site) == {"a.html": b"A", "d/b.html": b"B2", "new.txt": b"N"}
    assert files_seen(site)["a.html"] == seen["a.html"]
    # Edited since it was published: the site no longer holds what it held.
    (site / "a.html").write_bytes(b"A!")
    staging = Staging(site, tmp_path / "cache")
    staging.begin()
    staging.write({"a.html": b"A", "d/b.html": b"B2", "new.txt": b"N"})
    assert staging.kept == {"d/b.html", "new.txt"}
    staging.commit()
    assert contents(site) == {"a.html": b"A", "d/b.html": b"B2", "new.txt": b"N"}


def test_a_removed_pledge_leaves_no_file_behind(copy: Path, tmp_path: Path) -> None:
    """A pledge not yet published (not in the ledger) taken out again."""
    interview = copy / "src/interviews/2021/li-si.md"
    text = interview.read_text(encoding="utf-8")
    added = "  - id: sl-2021-xinzeng\n    text: 年内新增节水灌溉面积10万亩\n    quote: 年内新增节水灌溉面积10万亩\n    category: 水利安全\n    deadline: 2021-12-31\n"
    edited = text.replace("  - id: sl-2021-hedao\n", added + "  - id: sl-2021-hedao\n")
    interview.write_text(edited.replace("抗旱泵站。", "抗旱泵站。年内新增节水灌溉面积10万亩。"), "utf-8")
    rebuild(copy)
    own = {rel for rel in tree_hashes(copy / "site") if "sl-2021-xinzeng" in rel}
    assert "pledges/sl-2021-xinzeng/index.html" in own and "pledges/sl-2021-xinzeng/card.png" in own
    interview.write_text(text, encoding="utf-8")
    gone = rebuild(copy)
    assert not {"pledges/jt-2020-weiqiao/index.html", "pledges/jt-2020-weiqiao/card.png"} & gone, "others untouched"
    assert not any("sl-2021-xinzeng" in rel for rel in tree_hashes(copy / "site"))
    assert not (copy / "site/pledges/sl-2021-xinzeng").exists(), "its folder goes too"
    assert tree_hashes(copy / "site") == clean_build(copy, tmp_path / "clean")


def test_a_site_edited_by_hand_is_put_back(copy: Path) -> None:
    site = copy / "site"
    before = tree_hashes(site)
    page = site / "pledges/sl-2021-hedao/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("河道", "河流"), encoding="utf-8")
    (site / "feed.xml").unlink()
    (site / "pledges/stray.html").write_text("手工放的", encoding="utf-8")
    assert rebuild(copy) == {"pledges/sl-2021-hedao/index.html", "feed.xml"}
    assert tree_hashes(site) == before


def test_a_card_the_site_links_already_is_kept_not_linked_again(tmp_path: Path) -> None:
    """A share card in site/ is a hard link to the card cache: the same file
    is kept; a copy with the same bytes is not the cache's card."""
    cached = tmp_path / "cache" / "k.png"
    cached.parent.mkdir()
    cached.write_bytes(b"PNG")
    site = tmp_path / "site"
    publish(site, {"p/card.png": b"PNG", "q/card.png": b"PNG"})
    (site / "p" / "card.png").unlink()
    os.link(cached, site / "p" / "card.png")
    staging = Staging(site, tmp_path / "cache")
    staging.begin()
    assert staging.holds_link("p/card.png", cached)
    assert not staging.holds_link("q/card.png", cached)
    assert not staging.holds_link("r/card.png", cached)
    assert staging.kept == {"p/card.png"}
    assert staging.commit() == Published(written=0, removed=1, kept=1)
    assert contents(site) == {"p/card.png": b"PNG"}
    assert (site / "p" / "card.png").stat().st_ino == cached.stat().st_ino


def test_a_card_that_cannot_be_drawn_fails_the_build_and_leaves_the_site(
    copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A card that fails, the last thing a build draws, fails the build with
    its message, and the published site stays as it was."""
    before = tree_hashes(copy / "site")
    page = copy / "src/docs/data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")

    def unreadable(*args: object, **kwargs: object) -> None:
        raise CardError("无法读取字体 gone.ttf。")

    monkeypatch.setattr(plugin, "draw_cards", unreadable)
    with pytest.raises(Abort):
        run_build(copy / "src/mkdocs.yml", copy / "site", dirty=False)
    assert "pledges: 无法读取字体 gone.ttf。" in caplog.messages
    assert tree_hashes(copy / "site") == before
    assert sorted(os.listdir(copy)) == ["overrides", "site", "src"]
