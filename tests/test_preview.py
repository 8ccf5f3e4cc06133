"""The preview (`make serve`): a broken interview never stops it; its problems
show in the browser (a page listing them before any good build, a banner
over the last good page after one) and go away when fixed; it draws no card
the build has drawn."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Generator, Iterator
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, expect

from generator.content.problems import Problem
from generator.engine.plugin import PledgesPlugin
from generator.engine.preview import (
    HEADING,
    Later,
    Preview,
    banner_injector,
    permanent_site_url,
    problem_page,
    settle_heap,
    step_name,
    with_banner,
)
from generator.outputs import cardcache

from .conftest import SITES, copy_site

INTERVIEW = Path("interviews/2021/li-si.md")
GOOD, BAD = "date: 2021-01-10", "date: 2021-13-10"
PREVIEW_URL = "http://127.0.0.1:8000/"


@contextlib.contextmanager
def previewing(site: Path, out: Path) -> Iterator[MkDocsConfig]:
    """``site``'s config as ``mkdocs serve`` loads it (its plugins are kept
    across rebuilds, and reset afterwards for the other tests)."""
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield config
    finally:
        config.plugins.on_shutdown()


def rebuild(site: Path, out: Path) -> None:
    """One rebuild of the preview (a fresh config, as ``mkdocs serve`` makes)."""
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.site_url = PREVIEW_URL
    build(config, serve_url=PREVIEW_URL)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_the_problem_page_and_banner_show_every_problem_escaped(field: str, message: str) -> None:
    problems = [Problem("interviews/a.md", 3, field, message), Problem("interviews/<b>.md", 1, "title", "<i>x</i>")]
    for html in (problem_page(problems), with_banner(b"<html><body class='x'><p>page</p></body>", problems).decode()):
        assert HEADING in html
        assert "<b>" not in html and "<i>" not in html
        assert "&lt;i&gt;x&lt;/i&gt;" in html and "interviews/&lt;b&gt;.md:1" in html
        assert "interviews/a.md:3" in html
        assert "<script" not in html


def test_the_banner_comes_first_in_the_body_and_only_with_problems() -> None:
    problems = [Problem("interviews/a.md", 3, "date", "日期不对")]
    page = b"<html><head></head><body data-x='1'><p>old page</p></body></html>"
    shown = with_banner(page, problems)
    assert shown.index(b"jn-preview") > shown.index(b"<body") and shown.index(b"jn-preview") < shown.index(b"old page")
    assert with_banner(page, []) == page
    preview = Preview(problems, built=True)
    inject = banner_injector(lambda html, epoch: html + b"<script>reload</script>", preview)
    assert b"\xe6\x97\xa5\xe6\x9c\x9f\xe4\xb8\x8d\xe5\xaf\xb9" in inject(page, 1)  # 日期不对
    preview.problems = []
    assert inject(page, 1) == page + b"<script>reload</script>"


def test_permanent_site_url_is_the_one_written_in_mkdocs_yml() -> None:
    assert permanent_site_url(str(SITES / "small" / "mkdocs.yml")) == "https://example.org/"
    assert permanent_site_url(None) is None


def test_the_preview_starts_on_a_broken_interview_and_lists_the_problems(tmp_path: Path) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    edit(site / INTERVIEW, GOOD, BAD)
    out = tmp_path / "out"
    with previewing(site, out) as config:
        config.site_url = PREVIEW_URL
        build(config, serve_url=PREVIEW_URL)  # raised Abort before: `make serve` did not start
        for page in ("index.html", "404.html"):
            html = (out / page).read_text(encoding="utf-8")
            assert HEADING in html
            assert "interviews/2021/li-si.md:4" in html and "2021-13-10" in html
        edit(site / INTERVIEW, BAD, GOOD)
        rebuild(site, out)
        assert HEADING not in (out / "index.html").read_text(encoding="utf-8")
        assert (out / "interviews" / "li-si" / "index.html").is_file()
        # After a good build a new mistake keeps it (the banner shows the problems).
        edit(site / INTERVIEW, GOOD, BAD)
        with pytest.raises(Abort):
            rebuild(site, out)
        assert (out / "interviews" / "li-si" / "index.html").is_file()


def test_the_build_still_stops_on_a_broken_interview(tmp_path: Path) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    edit(site / INTERVIEW, GOOD, BAD)
    with previewing(site, tmp_path / "preview"):
        pass  # a preview before this one must not make the build lenient
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    with pytest.raises(Abort):
        build(config)


def test_a_build_after_a_preview_is_staged_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin outlives the preview: a build run after it in the same
    process still replaces its site only when it succeeds."""
    site = copy_site(SITES / "small", tmp_path / "site")
    out = tmp_path / "out"
    build(load_config(str(site / "mkdocs.yml"), site_dir=str(out), strict=True))
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    with previewing(site, tmp_path / "preview") as config:
        config.site_url = PREVIEW_URL
        build(config, serve_url=PREVIEW_URL)

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cardcache, "_write", full_disk)
    monkeypatch.setattr(cardcache, "_place", full_disk)
    shutil.rmtree(site / ".cache")
    with pytest.raises(OSError, match="disk full"):
        build(load_config(str(site / "mkdocs.yml"), site_dir=str(out), strict=True))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def test_the_preview_reuses_the_cards_the_build_drew(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    build(load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "built"), strict=True))
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.pledges")
    caplog.clear()
    with previewing(site, tmp_path / "out") as config:
        config.site_url = PREVIEW_URL
        build(config, serve_url=PREVIEW_URL)
    drawn = [r.getMessage() for r in caplog.records if "分享图" in r.getMessage()]
    assert drawn and "新绘制 0 张" in drawn[0], drawn


PROGRESS = "    target: {value: 200, unit: 公里}\n"
NEW_ENTRY = (
    PROGRESS
    + "    progress:\n      - date: 2021-04-01\n        status: in_progress\n        value: 80\n        note: 清理工作已开工\n"
)


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_rebuild_renders_only_what_changed_and_gives_the_clean_site(tmp_path: Path) -> None:
    """Two builds of the preview, one interview changed between them: the
    second renders only the pages that show what changed, and its site is
    byte for byte the site a clean build of the changed content gives."""
    site = copy_site(SITES / "small", tmp_path / "site")
    with previewing(site, tmp_path / "out") as config:
        config.site_url = PREVIEW_URL
        build(config, serve_url=PREVIEW_URL)
        plugin = config.plugins["pledges"]
        assert isinstance(plugin, PledgesPlugin)
        first = set(plugin.pages.rendered)
        assert {"interviews/li-si.md", "units/jiaotong.md", "pledges/sl-2021-hedao.md"} <= first
        rebuild(site, tmp_path / "out")
        assert plugin.pages.rendered == []  # nothing changed: nothing rendered
        edit(site / INTERVIEW, PROGRESS, NEW_ENTRY)
        rebuild(site, tmp_path / "out")
        again = set(plugin.pages.rendered)
        plugin.later.wait()
        incremental = site_files(tmp_path / "out")
    # The interview's page, its pledges' and its unit's; none of the other interview's.
    pledges = {f"pledges/sl-2021-{name}.md" for name in ("shuiku", "hedao", "bengzhan")}
    # And the reports of the year still running: the year's and the unit's.
    assert again == {"interviews/li-si.md", "units/shuili.md", *pledges, "reports/2021.md", "reports/2021/shuili.md"}
    # Six pledges, two interviews, two units, and the reports of 2020 and 2021: theirs and their units'.
    assert len(first) == 15
    assert "清理工作已开工" in incremental["pledges/sl-2021-hedao/index.html"].decode()
    with previewing(site, tmp_path / "clean") as config:
        config.site_url = PREVIEW_URL
        build(config, serve_url=PREVIEW_URL)
        assert set(config.plugins["pledges"].pages.rendered) == first  # type: ignore[attr-defined]
    clean = site_files(tmp_path / "clean")
    assert incremental.keys() == clean.keys()
    assert [name for name in clean if incremental[name] != clean[name]] == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """``mkdocs serve`` (as `make serve` runs it) on ``site``, on a free port."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = (site / "serve.log").open("wb")
    process = subprocess.Popen(command, cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert process.poll() is None, (site / "serve.log").read_text(encoding="utf-8")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


@pytest.mark.browser
def test_an_editor_sees_the_problems_in_the_browser_until_fixed(tmp_path: Path, browser: Browser) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    edit(site / INTERVIEW, GOOD, BAD)
    with serving(site) as url:
        page = browser.new_page()
        page.goto(url + "/")
        problems = page.locator(".jn-preview")
        expect(problems).to_contain_text(HEADING)
        expect(problems).to_be_visible()
        expect(problems).to_contain_text("interviews/2021/li-si.md:4")

        edit(site / INTERVIEW, BAD, GOOD)  # the page reloads by itself
        expect(page.locator("header.md-header")).to_be_visible(timeout=20_000)
        expect(page.locator(".jn-preview")).to_have_count(0)

        page.goto(url + "/interviews/li-si/")
        edit(site / INTERVIEW, GOOD, BAD)
        banner = page.locator(".jn-preview")
        expect(banner).to_contain_text("2021-13-10", timeout=10_000)
        expect(banner).to_be_visible()
        expect(page.locator("h1")).to_contain_text("管好每一滴水")  # the last good page, under it

        edit(site / INTERVIEW, BAD, GOOD)
        expect(page.locator(".jn-preview")).to_have_count(0, timeout=10_000)
        expect(page.locator("h1")).to_contain_text("管好每一滴水")
        page.close()


def first_build(config: MkDocsConfig) -> PledgesPlugin:
    """The preview's first build, its background part done: its plugin."""
    config.site_url = PREVIEW_URL
    build(config, serve_url=PREVIEW_URL)
    plugin = config.plugins["pledges"]
    assert isinstance(plugin, PledgesPlugin)
    plugin.later.wait()
    return plugin


def clean_preview(site: Path, out: Path) -> dict[str, bytes]:
    """The files of a fresh preview's first build of ``site`` into ``out``."""
    with previewing(site, out) as config:
        first_build(config)
    return site_files(out)


def whole_rebuild_not_expected() -> None:
    pytest.fail("the preview rebuilt the whole site")


def test_a_saved_interview_rebuilds_its_pages_quickly_and_the_rest_follows(tmp_path: Path) -> None:
    """After a good build, saving an interview renders only the pages of what
    changed before the browser reloads; once the background part is done
    the served folder is byte for byte a clean build's."""
    site = copy_site(SITES / "small", tmp_path / "site")
    with previewing(site, tmp_path / "out") as config:
        plugin = first_build(config)
        edit(site / INTERVIEW, PROGRESS, NEW_ENTRY)
        plugin._rebuild(whole_rebuild_not_expected)
        quick = set(plugin.pages.rendered)
        shown = (tmp_path / "out/pledges/sl-2021-hedao/index.html").read_text(encoding="utf-8")
        plugin.later.wait()
        incremental = site_files(tmp_path / "out")
    pledges = {f"pledges/sl-2021-{name}.md" for name in ("shuiku", "hedao", "bengzhan")}
    assert quick == {"interviews/li-si.md", "units/shuili.md", *pledges}
    assert "清理工作已开工" in shown
    clean = clean_preview(site, tmp_path / "clean")
    assert incremental.keys() == clean.keys()
    assert [name for name in clean if incremental[name] != clean[name]] == []


def test_a_new_save_stops_the_background_work_between_its_steps() -> None:
    """The background part of a rebuild gives way to the next save: the step
    under way finishes, the steps after it are left to the next rebuild."""
    later = Later()
    started, done = threading.Event(), []

    def first() -> None:
        started.set()
        time.sleep(0.2)
        done.append("first")

    later.run(first, lambda: done.append("second"))
    assert started.wait(10)
    later.stop()
    assert done == ["first"]
    later.run(lambda: done.append("again"))
    later.wait()
    assert done == ["first", "again"]  # a stop holds for the job it stopped only


def test_a_new_save_stops_a_long_step_between_its_parts() -> None:
    """A step that yields gives way at its next yield: the part under way
    finishes, its later parts and the steps after it are left."""
    later = Later()
    started, done = threading.Event(), list[int | str]()

    def pages() -> Generator[None, None, None]:
        for page in range(100):
            started.set()
            time.sleep(0.02)
            done.append(page)
            yield
        done.append("finished")

    later.run(pages, lambda: done.append("next step"))
    assert started.wait(10)
    later.stop()
    assert 1 <= len(done) < 100
    assert done == list(range(len(done)))
    later.run(pages)
    later.wait()
    assert done[-1] == "finished"


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_after_a_full_build_the_preview_frees_cycles_and_freezes_what_it_keeps() -> None:
    """After a full build the preview collects what the build left and
    freezes the rest, which later full collections then leave alone."""
    kept = _Cycle()
    dropped = weakref.ref(_Cycle())  # unreachable at once, but alive until collected
    try:
        settle_heap()
        assert dropped() is None  # the cycle left behind was collected
        assert gc.get_freeze_count() > 0
        assert not any(obj is kept for obj in gc.get_objects())  # frozen: in no generation the collector walks
    finally:
        gc.unfreeze()
    assert any(obj is kept for obj in gc.get_objects())


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        (Path("docs/about.md"), "", "\n\n补充一句。\n"),  # not an interview
        (INTERVIEW, GOOD, BAD),  # a problem: the whole rebuild lists it
        (INTERVIEW, "  - id: sl-2021-bengzhan", "  - id: sl-2021-bengzhan2"),  # another page
    ],
)
def test_anything_but_a_good_edit_of_interviews_rebuilds_the_whole_site(
    tmp_path: Path, path: Path, old: str, new: str
) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    with previewing(site, tmp_path / "out") as config:
        plugin = first_build(config)
        if old:
            edit(site / path, old, new)
        else:
            with (site / path).open("a", encoding="utf-8") as file:
                file.write(new)
        whole: list[str] = []
        plugin._rebuild(lambda: whole.append("whole"))
        assert whole == ["whole"]


class _Unshowable:
    """An argument too large to be written into a log line (the search entries)."""

    def __repr__(self) -> str:
        raise AssertionError("a background step's arguments were formatted")


@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
def test_a_background_step_s_large_arguments_are_never_formatted(caplog: pytest.LogCaptureFixture, level: int) -> None:
    done: list[str] = []

    def part(entries: object, name: str) -> None:
        done.append(name)

    later = Later()
    with caplog.at_level(level, logger="mkdocs.plugins.pledges"):
        later.run(partial(part, _Unshowable(), "feeds"))
        later.wait()
    assert done == ["feeds"]
    assert step_name(partial(part, _Unshowable(), "feeds")) == "part('feeds')"
    assert any("part('feeds')" in m for m in caplog.messages) == (level == logging.DEBUG)
