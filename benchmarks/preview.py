"""How soon the preview shows a change: `mkdocs serve` (as `make serve` runs
it) on a copy of a site, an interview's title saved, the interview page
fetched until it shows the new title. The figure is the time from the save
to that page: the watcher noticing the file, the rebuild, the page served.

``edit_rebuild_s`` does the same for an editor's edit: a progress entry
appended with ``python -m generator update``, the pledge page fetched until
it shows the entry.

    .venv/bin/python benchmarks/preview.py          # the bundled site
    .venv/bin/python benchmarks/preview.py SITE     # another site's folder
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import yaml
from edit import add_progress, first_pledge

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TITLE = re.compile(r"^title: *(.+)$", re.MULTILINE)
#: Added to the title and taken away again, save after save.
MARK = "预览计时"
#: Saves measured (after one not measured, which fills the card cache).
SAVES = 5
#: Seconds a step may take before the measurement gives up.
LIMIT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    """The page at ``url``, or "" while there is none."""
    try:
        with urllib.request.urlopen(url, timeout=LIMIT) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, mark: str, shown: bool, limit: float = LIMIT) -> float:
    """Seconds until the page at ``url`` shows ``mark`` (or, with ``shown``
    false, is served without it)."""
    start = time.monotonic()
    while True:
        page = fetch(url)
        if page and (mark in page) == shown:
            return time.monotonic() - start
        if time.monotonic() - start > limit:
            raise TimeoutError(f"{url}: {mark!r} not {'shown' if shown else 'gone'} within {limit:.0f} s")
        time.sleep(0.02)


@contextlib.contextmanager
def serving(site: Path, log: Path, strict: bool = True) -> Iterator[str]:
    """``mkdocs serve`` on ``site`` on a free port, as its URL; ``--strict``
    (as ``make serve``) if ``strict``, as the benchmark's own builds are not."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", *(["--strict"] if strict else [])]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=site, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(30)


def interview_page(site: Path) -> tuple[Path, str]:
    """The first interview file of ``site`` and its page's path."""
    found = sorted((site / "interviews").glob("*/*.md"))
    if not found:
        raise SystemExit(f"{site} has no interview")
    return found[0], f"/interviews/{found[0].stem}/"


@contextlib.contextmanager
def copy_of(site: Path) -> Iterator[Path]:
    """A temporary copy of what ``mkdocs serve`` reads of ``site`` (its card cache included)."""
    with tempfile.TemporaryDirectory(prefix="jn-preview-") as temp:
        copy = Path(temp) / "site"
        copy.mkdir()
        for name in ("mkdocs.yml", "docs", "interviews", "overrides", "fonts", ".cache"):
            if (site / name).is_dir():
                shutil.copytree(site / name, copy / name)
            elif (site / name).is_file():
                shutil.copy2(site / name, copy / name)
        yield copy


def preview_ms(site: Path) -> float:
    """The median milliseconds from saving a title change in one of
    ``site``'s interviews to its page showing it, in the preview of a copy
    of ``site`` (the site itself is not touched)."""
    with copy_of(site) as copy:
        interview, path = interview_page(copy)
        text = interview.read_text(encoding="utf-8")
        match = TITLE.search(text)
        if match is None:
            raise SystemExit(f"{interview} has no title")
        original = str(yaml.safe_load(match[0])["title"])
        with serving(copy, copy.parent / "serve.log") as url:
            wait_for(url + path, MARK, shown=False)
            times = []
            for save in range(SAVES + 1):
                shown = save % 2 == 0
                title = original + MARK if shown else original
                line = f"title: {json.dumps(title, ensure_ascii=False)}"  # a YAML string too
                interview.write_text(text[: match.start()] + line + text[match.end() :], encoding="utf-8")
                times.append(wait_for(url + path, MARK, shown))
                time.sleep(1.0)  # the cards are drawn after the page is shown
    return round(statistics.median(times[1:]) * 1000)


def edit_rebuild_s(site: Path, edits: int, *, copy: bool = True, start_limit: float = LIMIT) -> float:
    """The median seconds from an editor's edit (a progress entry appended to
    the site's first pledge with ``python -m generator update``) to the
    pledge page served with the entry, over ``edits`` edits after one not
    measured, in the preview of a copy of ``site`` (or of ``site`` itself,
    whose interview then keeps the entries, if not ``copy``).
    ``start_limit``: seconds the preview's first build may take."""
    with contextlib.ExitStack() as stack:
        served = stack.enter_context(copy_of(site)) if copy else site
        log = served.parent / "serve.log" if copy else served.parent / "logs" / "preview-edit.log"
        log.parent.mkdir(exist_ok=True)
        pledge = first_pledge(served)
        url = stack.enter_context(serving(served, log, strict=copy)) + f"/pledges/{pledge}/"
        wait_for(url, MARK, shown=False, limit=start_limit)
        times = []
        for number in range(edits + 1):
            note = f"{MARK}进展{number}{time.time_ns()}"
            add_progress(served, note, pledge)
            times.append(wait_for(url, note, shown=True, limit=max(LIMIT, start_limit)))
            time.sleep(1.0)  # the cards are drawn after the page is shown
    return round(statistics.median(times[1:]), 3)


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    print(f"preview_ms: {preview_ms(site)}")
    print(f"edit_rebuild_s: {edit_rebuild_s(site, 3)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
