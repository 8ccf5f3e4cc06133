"""Valid output, and every internal link and anchor resolves, on both built sites.

The Nu HTML Checker (``vnu.jar``, which ``make test`` installs into ``.tools/``
with npm, pinned in the Makefile; it runs on Java) checks every HTML page and
every SVG file of each site in one run of the JVM: every page kind, pledge
pages rendered through the light path (:mod:`generator.engine.lightpages`), the
embeds, the redirects of former interview URLs, the badges and QR codes. The
only errors allowed are listed in :data:`KNOWN`, each with its reason.

Then every ``href``, ``src`` and ``cite`` of every page that points into the
site must name a file that exists and, with a ``#fragment``, an element of
that page with that id: links between pages, the theme's assets, canonical
links, each pledge's link to the paragraph of the interview that holds its
quote, and the addresses the site publishes elsewhere (search index, sitemap,
feeds, open data). Sources of progress entries (``.jn-sources``, ``sources``
in the data) are links to other sites, even when they share the site's host,
as the small fixture site's ``https://example.org/news/...`` do.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from generator.outputs.searchindex import read_search

from .conftest import ROOT, SITES, BuiltSite

VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_TIMEOUT = 600

#: The pages and files of each page kind that must be among those checked
#: (every HTML and SVG file of the site is checked; these must exist).
KINDS = {
    "small": [
        "index.html",
        "interviews/index.html",
        "interviews/zhang-san/index.html",
        "interviews/zhangsan-2020/index.html",  # redirect of a former URL
        "pledges/index.html",
        "pledges/jt-2020-weiqiao/index.html",
        "pledges/sl-2021-bengzhan/index.html",  # withdrawn
        "units/index.html",
        "units/jiaotong/index.html",
        "stats/index.html",
        "data/index.html",
        "404.html",
        "embed/pledges/jt-2020-weiqiao/index.html",
        "badges/jt-2020-weiqiao.svg",
        "pledges/jt-2020-weiqiao/qr.svg",
    ],
    "real": [
        "index.html",
        "interviews/index.html",
        "interviews/shi-guangliang/index.html",
        "pledges/index.html",
        "pledges/szjggw-2020-tuijinhui/index.html",
        "units/index.html",
        "units/szjggw/index.html",
        "stats/index.html",
        "data/index.html",
        "about/index.html",
        "methodology/index.html",
        "corrections/index.html",
        "guide/index.html",
        "reports/2020/index.html",
        "reports/2020/szjggw/index.html",
        "404.html",
        "embed/pledges/szjggw-2020-tuijinhui/index.html",
        "badges/szjggw-2020-tuijinhui.svg",
        "pledges/szjggw-2020-tuijinhui/qr.svg",
    ],
}

CONFIGS = {"small": SITES / "small" / "mkdocs.yml", "real": ROOT / "mkdocs.yml"}


# -- the Nu HTML Checker ---------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """An error the checker reports that is allowed, and why."""

    message: str
    why: str
    #: Where: a regular expression the page's path must match (all pages if empty)...
    page: str = ""
    #: ...and a text the checker's extract of the markup must hold.
    extract: str = ""
    sites: tuple[str, ...] = ("small", "real")

    def allows(self, site: str, error: dict[str, Any], page: str) -> bool:
        return (
            site in self.sites
            and error.get("message") == self.message
            and re.fullmatch(self.page or ".*", page) is not None
            and self.extract in str(error.get("extract", ""))
        )


KNOWN = [
    # The known theme error. Material's base.html (unmodified) gives its two
    # checkbox toggles, of the drawer and of the search (<input
    # class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">),
    # autocomplete="off", so that the browser does not restore them checked
    # (a drawer or a search left open) on going back to a page. HTML allows
    # autocomplete on text-like inputs only. base.html is the theme's whole
    # page: not worth copying, and keeping in step, to drop one attribute.
    Known(
        message="Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
        "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
        extract='class="md-toggle"',
        why="Material's own checkbox toggles (base.html)",
    ),
]


def vnu(files: list[Path]) -> list[dict[str, Any]]:
    """The checker's errors over ``files`` (.svg files checked as SVG), in one run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java not found: the Nu HTML Checker needs a Java 17 or later runtime "
            "(Debian: apt-get install default-jre-headless, as .ci/run does)"
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The Nu HTML Checker is not installed ({VNU_JAR.relative_to(ROOT)} is missing): "
            "run make test, which installs it with npm (the Makefile's VNU_VERSION)"
        )
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--also-check-svg", "--stdout"]
    run = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, encoding="utf-8", timeout=VNU_TIMEOUT
    )
    if run.returncode not in (0, 1):
        pytest.fail(f"the Nu HTML Checker failed ({run.returncode}):\n{run.stderr}{run.stdout}")
    messages: list[dict[str, Any]] = json.loads(run.stdout)["messages"]
    return [m for m in messages if m.get("type") != "info"]


@dataclass
class Checked:
    """One site after the checker: its files and the errors reported on them."""

    name: str
    site: BuiltSite
    files: list[str]
    errors: list[tuple[str, dict[str, Any]]]


@pytest.fixture(scope="module", params=["small", "real"])
def checked(request: pytest.FixtureRequest) -> Checked:
    """Every HTML and SVG file of the site, checked in one run of the JVM."""
    site: BuiltSite = request.getfixturevalue(f"{request.param}_site")
    paths = sorted(p for p in site.out.rglob("*") if p.suffix in (".html", ".svg") and p.is_file())
    errors = []
    for error in vnu(paths):
        url = str(error.get("url", ""))
        page = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else None
        name = page.relative_to(site.out).as_posix() if page and page.is_relative_to(site.out) else url
        errors.append((name, error))
    return Checked(request.param, site, [p.relative_to(site.out).as_posix() for p in paths], errors)


def describe(page: str, error: dict[str, Any]) -> str:
    extract = " ".join(str(error.get("extract", "")).split())
    return f"{page}:{error.get('lastLine', '?')}: {error.get('message')} [{extract}]"


@pytest.mark.vnu
def test_every_page_kind_is_checked(checked: Checked) -> None:
    missing = [k for k in KINDS[checked.name] if k not in checked.files]
    assert not missing, f"not built, so not checked: {missing}"
    if checked.name == "small":
        assert checked.site.page("pledges/sl-2021-bengzhan/").select(".jn-withdrawn"), "a withdrawn pledge"
        assert checked.site.page("interviews/zhangsan-2020/").select("meta[http-equiv=refresh]"), "a redirect"


@pytest.mark.vnu
def test_pages_and_svg_files_are_valid(checked: Checked) -> None:
    unexpected = [(p, e) for p, e in checked.errors if not any(k.allows(checked.name, e, p) for k in KNOWN)]
    assert not unexpected, f"{len(unexpected)} errors of the Nu HTML Checker:\n" + "\n".join(
        describe(p, e) for p, e in unexpected
    )
    stale = [
        k.why
        for k in KNOWN
        if checked.name in k.sites and not any(k.allows(checked.name, e, p) for p, e in checked.errors)
    ]
    assert not stale, f"allowed errors that no longer occur (remove them from KNOWN): {stale}"


# -- links and anchors ----------------------------------------------------------------

#: The elements and attributes whose URLs must resolve.
LINKS = {
    "a": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "blockquote": ("cite",),
    "q": ("cite",),
}
#: Links to other sites' pages, whatever their host: progress entries' sources.
#: Sources of progress (pledge pages, reports): pages elsewhere, not checked here.
SOURCES = (".jn-sources", ".jn-report__source")


@dataclass
class Page:
    """An HTML file of the site: the ids it holds, the URLs it links to."""

    soup: BeautifulSoup

    @cached_property
    def ids(self) -> set[str]:
        found = {str(t["id"]) for t in self.soup.find_all(id=True)}
        return found | {str(t["name"]) for t in self.soup.find_all("a", attrs={"name": True})}

    def links(self) -> Iterator[tuple[Tag, str, str]]:
        """Every (element, attribute, URL) of :data:`LINKS`, but sources'."""
        sources = {id(a) for a in self.soup.select(", ".join(f"{s} a" for s in SOURCES))}
        for tag in self.soup.find_all(list(LINKS)):
            if id(tag) in sources:
                continue
            for attribute in LINKS[tag.name]:
                value = tag.get(attribute)
                if value is None:
                    continue
                urls = [str(value)]
                if attribute == "srcset":
                    urls = [c.split()[0] for c in str(value).split(",") if c.strip()]
                for url in urls:
                    yield tag, attribute, url


@dataclass
class Site:
    """A built site and its address: resolves the URLs that point into it."""

    out: Path
    url: str
    pages: dict[Path, Page] = field(default_factory=dict)

    def page(self, path: Path) -> Page:
        if path not in self.pages:
            self.pages[path] = Page(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        return self.pages[path]

    def address(self, path: Path) -> str:
        """The URL the site serves ``path`` at (a folder's index.html at the folder)."""
        rel = path.relative_to(self.out).as_posix()
        return self.url + rel.removesuffix("index.html")

    def file(self, url: str) -> tuple[Path, str] | None:
        """The file an absolute ``url`` names in the site and its fragment
        (None: not an address of the site)."""
        target, home = urlsplit(url), urlsplit(self.url)
        if (target.scheme, target.netloc) != (home.scheme, home.netloc) or not target.path.startswith(home.path):
            return None
        rel = unquote(target.path[len(home.path) :])
        path = self.out / rel
        if rel == "" or rel.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path, unquote(target.fragment)

    def problem(self, url: str, base: str) -> str | None:
        """What is wrong with ``url`` found at the address ``base``; None if it
        resolves, or is no concern of the site (another host, mailto:...)."""
        parts = urlsplit(url)
        if (parts.scheme and parts.scheme not in ("http", "https")) or url in ("", "#"):
            return None
        found = self.file(urljoin(base, url))
        if found is None:
            relative = not parts.scheme and not parts.netloc
            return "outside the site" if relative else None
        path, fragment = found
        if not path.is_file():
            return f"no file {path.relative_to(self.out).as_posix()}"
        if not fragment:
            return None
        if path.suffix != ".html":
            return f"a fragment of a {path.suffix} file"
        if fragment not in self.page(path).ids:
            return f"no #{fragment} in {path.relative_to(self.out).as_posix()}"
        return None


def site_url(name: str) -> str:
    url = str(yaml.safe_load(CONFIGS[name].read_text(encoding="utf-8"))["site_url"])
    return url if url.endswith("/") else url + "/"


@pytest.fixture(scope="module", params=["small", "real"])
def site(request: pytest.FixtureRequest) -> Site:
    built: BuiltSite = request.getfixturevalue(f"{request.param}_site")
    return Site(built.out, site_url(request.param))


@dataclass(frozen=True)
class Link:
    """A URL found in the site: in which file, by what, and the address it is relative to."""

    where: str
    what: str
    url: str
    base: str


def broken(site: Site, links: Iterable[Link]) -> list[str]:
    """``where: what → url: problem`` for every link that does not resolve."""
    problems = ((link, site.problem(link.url, link.base)) for link in links)
    return [f"{link.where}: {link.what} → {link.url}: {problem}" for link, problem in problems if problem]


def report(problems: list[str]) -> str:
    return f"{len(problems)} broken links:\n" + "\n".join(problems)


def page_links(site: Site, path: Path) -> list[Link]:
    where, base = path.relative_to(site.out).as_posix(), site.address(path)
    return [Link(where, f"<{tag.name} {attr}>", url, base) for tag, attr, url in site.page(path).links()]


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    links = [link for path in sorted(site.out.rglob("*.html")) for link in page_links(site, path)]
    problems = broken(site, links)
    assert not problems, report(problems)
    internal = [link for link in links if site.file(urljoin(link.base, link.url)) is not None]
    assert len(internal) > 20 * len(list(site.out.rglob("*.html"))), "the walk saw the links of every page"
    assert any("#" in link.url for link in internal), "and fragments"


def test_each_quote_link_lands_on_the_paragraph_that_holds_the_quote(site: Site) -> None:
    pledges = sorted(site.out.glob("pledges/*/index.html"))
    assert pledges
    wrong = []
    for path in pledges:
        where, base = path.relative_to(site.out).as_posix(), site.address(path)
        soup = site.page(path).soup
        links, quotes = soup.select("a.jn-source-quote__link"), soup.select(".jn-source-quote blockquote")
        if len(links) != 1 or len(quotes) != 1:
            wrong.append(f"{where}: {len(links)} quote links, {len(quotes)} quotes")
            continue
        href, quote = str(links[0]["href"]), " ".join(quotes[0].get_text().split())
        problem = site.problem(href, base)
        found = site.file(urljoin(base, href))
        if problem or found is None:
            wrong.append(f"{where}: {href}: {problem or 'outside the site'}")
            continue
        target, fragment = found
        paragraph = site.page(target).soup.find(id=fragment) if fragment else None
        if not isinstance(paragraph, Tag) or paragraph.name != "p":
            wrong.append(f"{where}: {href} is not a paragraph")
        elif quote not in " ".join(paragraph.get_text().split()):
            wrong.append(f"{where}: {href} does not hold「{quote}」")
        if quotes[0].get("cite") != href:
            wrong.append(f"{where}: the blockquote cites {quotes[0].get('cite')}, the link is {href}")
    assert not wrong, "\n".join(wrong)


def test_search_index_locations_resolve(site: Site) -> None:
    links = [Link("search/pages/", "location", location, site.url) for location in read_search(site.out)]
    assert links
    problems = broken(site, links)
    assert not problems, report(problems)


def absolute_urls(data: Any, key: str = "") -> Iterator[str]:
    """Every string in ``data`` that is an absolute URL, but those under ``sources``."""
    if key == "sources":
        return
    if isinstance(data, dict):
        for k, v in data.items():
            yield from absolute_urls(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from absolute_urls(v, key)
    elif isinstance(data, str) and re.match(r"https?://", data):
        yield data


def test_published_addresses_resolve(site: Site) -> None:
    """The site's own addresses in its sitemap, its feeds and its open data."""
    links = []
    for path in [site.out / "sitemap.xml", *sorted(site.out.rglob("feed.xml"))]:
        where, text = path.relative_to(site.out).as_posix(), path.read_text(encoding="utf-8")
        urls = re.findall(r"<loc>([^<]+)</loc>", text) + re.findall(r'<link\b[^>]*\bhref="([^"]+)"', text)
        links += [Link(where, "address", html.unescape(u), site.url) for u in urls]
    for path in sorted((site.out / "api").rglob("*.json")):
        where, data = path.relative_to(site.out).as_posix(), json.loads(path.read_text(encoding="utf-8"))
        links += [Link(where, "url", u, site.url) for u in absolute_urls(data)]
    own = [link for link in links if site.file(link.url) is not None]
    assert len(own) > 10
    problems = broken(site, own)
    assert not problems, report(problems)


# -- the walker itself ----------------------------------------------------------------


def test_the_walker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here">x</p><a name="old"></a>'
        '<a href="../b/">missing page</a> <a href="#nowhere">missing anchor</a> <a href="#here">ok</a>'
        '<a href="./#old">ok by name</a> <a href="https://site.test/a/#here">ok, absolute</a>'
        '<a href="https://other.test/b/">other host</a> <a href="mailto:x@site.test">mail</a> <a href="#">top</a>'
        '<ul class="jn-sources"><li><a href="https://site.test/news/1">a source</a></li></ul>'
        '<img src="../logo.png" srcset="../logo.png 1x, ../logo@2x.png 2x" alt="">'
        '<blockquote cite="../a/#gone"><p>q</p></blockquote>',
        encoding="utf-8",
    )
    (tmp_path / "logo.png").write_bytes(b"")
    site = Site(tmp_path, "https://site.test/")
    problems = broken(site, page_links(site, tmp_path / "a" / "index.html"))
    assert problems == [
        "a/index.html: <a href> → ../b/: no file b/index.html",
        "a/index.html: <a href> → #nowhere: no #nowhere in a/index.html",
        "a/index.html: <img srcset> → ../logo@2x.png: no file logo@2x.png",
        "a/index.html: <blockquote cite> → ../a/#gone: no #gone in a/index.html",
    ]
