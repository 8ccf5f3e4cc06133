"""A site folder as the editors' commands see it: its mkdocs.yml read as
``mkdocs build`` reads it, its content loaded and checked."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.content.check import load_and_check
from generator.content.ledger import LEDGER_FILE
from generator.content.links import Bounds
from generator.content.load import UNITS_FILE, WORDS_FILE
from generator.content.model import Corpus
from generator.content.problems import Problem, format_problems
from generator.engine.siteconfig import SiteConfigError, docs_problems, read_site_config
from generator.text.glyphs import CardError, find_font
from generator.views.asof import resolve_as_of


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


class Refused(SiteError):
    """The command stops on problems of the content, printed as check prints them."""

    def __init__(self, problems: list[Problem], why: str) -> None:
        super().__init__(f"{format_problems(problems)}\n{why}")


def open_site(site_dir: Path) -> Site:
    """Load and check the site in ``site_dir`` as its mkdocs.yml says (read
    as ``mkdocs build`` reads it)."""
    try:
        config = read_site_config(site_dir)
    except SiteConfigError as error:
        raise SiteError(str(error)) from None
    try:
        day = resolve_as_of(config.as_of)
    except ValueError as error:
        raise SiteError(str(error)) from None
    font = card_font(config.card_font, site_dir)
    corpus, problems = load_and_check(config.interviews, site_dir, day, config.cache, font)
    problems = sorted(problems + docs_problems(config.docs, site_dir))
    return Site(site_dir, config.interviews, day, corpus, problems, font, as_of_fixed=config.as_of is not None)


def card_font(configured: str | None, site_dir: Path) -> Path:
    """The font the build draws share cards with (option ``card_font``)."""
    try:
        return find_font(configured, site_dir)
    except CardError as error:
        raise SiteError(str(error)) from None


def problems_after_edit(site: Site, path: Path, text: str) -> list[Problem]:
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
