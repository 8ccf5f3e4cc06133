"""Shared helpers: build a fixture site into a temporary folder and read it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITES = FIXTURES / "sites"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass
class BuiltSite:
    """A site built into ``out``, with the warnings the build logged."""

    out: Path
    warnings: list[str] = field(default_factory=list)

    def page(self, url: str) -> BeautifulSoup:
        """The parsed HTML of ``url`` (a site path like ``pledges/x/``)."""
        path = self.out / url.strip("/") / "index.html" if not url.endswith(".html") else self.out / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, url: str) -> str:
        return (self.out / url.strip("/") / "index.html").read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def build_site(config_file: Path, out: Path) -> BuiltSite:
    """Build ``config_file``'s site into ``out`` in strict mode; collect warnings."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(out), strict=True)
        build(config)
    finally:
        logger.removeHandler(handler)
    return BuiltSite(out, handler.records)


def copy_site(source: Path, copy: Path) -> Path:
    """An editable copy of the fixture site ``source`` (without its caches)."""
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".cache"))
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("../../../../overrides", str(ROOT / "overrides")), encoding="utf-8")
    return copy


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The small fixture site, built once per test session."""
    site = build_site(SITES / "small" / "mkdocs.yml", tmp_path_factory.mktemp("small"))
    assert site.warnings == []
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The bundled site (the seed interview), built once per test session."""
    site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real"))
    assert site.warnings == []
    return site


@pytest.fixture
def artifacts() -> Iterator[Path]:
    """Where tests leave screenshots for people to look at."""
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(exist_ok=True)
    yield folder


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, kind: type[http.server.SimpleHTTPRequestHandler] = _Quiet) -> Iterator[str]:
    """``folder`` served on a free local port (by a handler of ``kind``), as its base URL."""
    handler = functools.partial(kind, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(real_site: BuiltSite) -> Iterator[str]:
    """The bundled site served on a free local port."""
    with serve(real_site.out) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by playwright (it downloads no browser of its own)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run) or set CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
