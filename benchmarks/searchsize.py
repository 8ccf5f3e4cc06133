"""What a reader downloads to search: ``search_query_kb``.

The built site served over HTTP (``http.server`` in a thread), its home page
opened in Chromium (Debian's, driven by playwright, as the tests do), the
page left to settle; then, from the moment the search box gets the focus,
every request is recorded while a unit's name and then 「党支部」 are typed
in it, until the network has been quiet for a while after each. Material
loads its search worker and whole index as the page loads, before any
search: the requests of the page load whose path names the search
(``search``, ``pagefind``) count too. The figure is the sum of the bytes of
those responses: the index (Material's ``search/search_index.json``, or
Pagefind's entry, chunks and fragments under ``/pagefind/``), and the
scripts, workers and styles the search loaded.

    .venv/bin/python benchmarks/searchsize.py SITE_DIR "单位名称"
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The search box: Material's, then a search field of any other kind (Pagefind's).
#: A request of the page load that is the search's (Material's worker and index, Pagefind's files).
SEARCH_PATH = re.compile(r"search|pagefind", re.IGNORECASE)
BOXES = ("input.md-search__input", "input[type=search]", ".pagefind-ui__search-input", "input[name=query]")
#: Seconds without a request in flight after which the search is taken as done.
QUIET = 1.5
#: Seconds a query may take at most.
LIMIT = 60.0
KB = 1_000


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served on a free local port, as its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass
class Traffic:
    """The requests seen while recording: their URLs and response sizes."""

    recording: bool = False
    in_flight: int = 0
    last: float = field(default_factory=time.monotonic)
    sizes: dict[str, int] = field(default_factory=dict)

    def started(self, request: Any) -> None:
        self.in_flight += 1
        self.last = time.monotonic()

    def ended(self, request: Any) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last = time.monotonic()
        if not (self.recording or SEARCH_PATH.search(urlsplit(request.url).path)) or request.failure:
            return
        response = request.response()
        if response is None:
            return
        try:
            size = len(response.body())
        except Exception:  # a body the browser did not keep (a redirect); its size as sent
            size = max(0, request.sizes().get("responseBodySize", 0))
        self.sizes[request.url] = self.sizes.get(request.url, 0) + size

    def settle(self, page: Any) -> None:
        """Wait until no request has been in flight for :data:`QUIET` seconds."""
        start = time.monotonic()
        while self.in_flight or time.monotonic() - self.last < QUIET:
            if time.monotonic() - start > LIMIT:
                raise TimeoutError(f"the search still loads after {LIMIT:.0f} s")
            page.wait_for_timeout(100)


def search_box(page: Any) -> Any:
    """The first visible search field of the page."""
    for selector in BOXES:
        box = page.locator(selector).first
        if box.count() and box.is_visible():
            return box
    raise LookupError(f"no visible search field ({', '.join(BOXES)}) on {page.url}")


def search_requests(site: Path, queries: list[str]) -> dict[str, int]:
    """The bytes of every response the search made for ``queries``, by URL."""
    from playwright.sync_api import sync_playwright

    traffic = Traffic()
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.on("request", traffic.started)
        context.on("requestfinished", traffic.ended)
        context.on("requestfailed", traffic.ended)
        page = context.new_page()
        page.goto(url + "/", wait_until="networkidle")
        traffic.settle(page)
        traffic.recording = True
        box = search_box(page)
        box.click()
        for query in queries:
            box.fill("")
            box.press_sequentially(query, delay=50)
            # Quiet is counted from the last key: a search may wait for the
            # typing to pause before it asks for anything.
            traffic.last = time.monotonic()
            traffic.settle(page)
        browser.close()
    return {address.removeprefix(url): size for address, size in traffic.sizes.items()}


def search_query_kb(site: Path, queries: list[str]) -> tuple[float, dict[str, int]]:
    """``search_query_kb``: the KB the search downloaded for ``queries``, and the requests."""
    sizes = search_requests(site, queries)
    return round(sum(sizes.values()) / KB, 1), dict(sorted(sizes.items(), key=lambda item: -item[1]))


def main() -> int:
    site, unit = Path(sys.argv[1]), sys.argv[2]
    kb, sizes = search_query_kb(site, [unit, "党支部"])
    for address, size in sizes.items():
        print(f"{size / KB:10.1f} KB  {address}")
    print(f"search_query_kb: {kb}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
