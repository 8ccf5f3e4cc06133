"""A site folder as the editors' commands see it: its mkdocs.yml read for
the plugin's options, its content loaded and checked."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.content.check import load_and_check
from generator.content.ledger import LEDGER_FILE
from generator.content.links import Bounds
from generator.content.load import UNITS_FILE
from generator.content.model import Corpus
from generator.content.problems import Problem
from generator.text.glyphs import CardError, find_font
from generator.text.hidden import printable
from generator.views.asof import resolve_as_of
from generator.views.searchwords import WORDS_FILE

PLUGIN = "pledges"
#: The plugin's defaults for ``interviews`` and ``cache_dir``.
DEFAULT_INTERVIEWS = "interviews"
DEFAULT_CACHE = ".cache/jiannuo"
#: MkDocs' default ``docs_dir``.
DEFAULT_DOCS = "docs"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the tags (!ENV, !!python/name) it may use."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config(site_dir: Path) -> dict[str, Any]:
    config = yaml.load((site_dir / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return config if isinstance(config, dict) else {}


def plugin_options(site_dir: Path) -> dict[str, Any]:
    """The ``pledges`` plugin's options in ``site_dir/mkdocs.yml``."""
    config = _config(site_dir)
    for item in config.get("plugins") or []:
        if item == PLUGIN:
            return {}
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


@dataclass
class Site:
    """A site folder, its content loaded and checked."""

    folder: Path
    interviews: Path
    as_of: dt.date
    corpus: Corpus
    problems: list[Problem]
    #: The share cards' font, which the check holds the cards' texts to.
    font: Path | None = None
    #: Whether ``as_of`` is fixed in mkdocs.yml (else it is today's date,
    #: or SOURCE_DATE_EPOCH's).
    as_of_fixed: bool = False


class SiteError(Exception):
    """The site cannot be opened; the message says why, in Chinese."""


def open_site(site_dir: Path) -> Site:
    """Load and check the site in ``site_dir`` as its mkdocs.yml says."""
    if not (site_dir / "mkdocs.yml").is_file():
        raise SiteError(f"{site_dir}: 找不到 mkdocs.yml：请在网站目录中运行，或把网站目录作为参数。")
    try:
        options = plugin_options(site_dir)
        docs = site_dir / str(_config(site_dir).get("docs_dir") or DEFAULT_DOCS)
    except yaml.YAMLError as error:
        raise SiteError(printable(f"mkdocs.yml: 无法读取（{error}）。")) from None
    as_of = options.get("as_of")
    try:
        day = resolve_as_of(as_of if isinstance(as_of, dt.date) else None)
    except ValueError as error:
        raise SiteError(str(error)) from None
    folder = site_dir / str(options.get("interviews", DEFAULT_INTERVIEWS))
    cache = site_dir / str(options.get("cache_dir", DEFAULT_CACHE))
    font = card_font(options, site_dir)
    corpus, problems = load_and_check(folder, site_dir, day, cache, font)
    problems = sorted(problems + docs_problems(docs, site_dir))
    return Site(site_dir, folder, day, corpus, problems, font, as_of_fixed=isinstance(as_of, dt.date))


def card_font(options: dict[str, Any], site_dir: Path) -> Path:
    """The font the build draws share cards with (option ``card_font``)."""
    configured = options.get("card_font")
    try:
        return find_font(configured if isinstance(configured, str) else None, site_dir)
    except CardError as error:
        raise SiteError(str(error)) from None


def docs_problems(docs: Path, base: Path) -> list[Problem]:
    """The links in MkDocs' own ``docs`` folder that leave the site folder
    (MkDocs follows every link there and would publish what it points to)."""
    return Bounds(docs, base).walk("", twice=True).problems


def check_edit(site: Site, path: Path, text: str) -> list[Problem]:
    """The problems the site would have if ``path`` held ``text``: checked
    on a copy, so that a bad edit never reaches the editor's files."""
    bounds = Bounds(site.interviews, site.folder)
    found = bounds.walk(".md")
    named = [site.interviews / name for name in (UNITS_FILE, LEDGER_FILE, WORDS_FILE)]
    refused = [p for p in map(bounds.refusal, named) if p is not None]
    # Only what loading the site reads is copied, links replaced by what
    # they point to: a link that leaves the site is reported, not copied.
    sources = found.files + [p for p in named[:2] if p.is_file() and bounds.refusal(p) is None]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / _inside_name(site)
        for source in sources:
            with contextlib.suppress(OSError):  # loading the copy says it is missing
                _put(folder / _under(source, site.interviews), source.read_bytes())
        _put(folder / _under(path, site.interviews), text.encode("utf-8"))
        _, problems = load_and_check(folder, Path(temporary), site.as_of, font=site.font)
    return sorted(set(problems + found.problems + refused))


def _inside_name(site: Site) -> str:
    """The interviews folder's name in the site folder (as problems name it)."""
    name = Bounds(site.interviews, site.folder).rel(site.interviews)
    return name if not Path(name).is_absolute() else site.interviews.name


def _under(path: Path, folder: Path) -> Path:
    return Path(os.path.abspath(path)).relative_to(os.path.abspath(folder))


def _put(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
