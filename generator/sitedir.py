"""A site folder as the editors' commands see it: its mkdocs.yml read for
the plugin's options, its content loaded and checked."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .asof import resolve_as_of
from .check import load_and_check
from .model import Corpus
from .problems import Problem

PLUGIN = "pledges"
#: The plugin's defaults for ``interviews`` and ``cache_dir``.
DEFAULT_INTERVIEWS = "interviews"
DEFAULT_CACHE = ".cache/jiannuo"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring the tags (!ENV, !!python/name) it may use."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def plugin_options(site_dir: Path) -> dict[str, Any]:
    """The ``pledges`` plugin's options in ``site_dir/mkdocs.yml``."""
    config = yaml.load((site_dir / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
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


class SiteError(Exception):
    """The site cannot be opened; the message says why, in Chinese."""


def open_site(site_dir: Path) -> Site:
    """Load and check the site in ``site_dir`` as its mkdocs.yml says."""
    if not (site_dir / "mkdocs.yml").is_file():
        raise SiteError(f"{site_dir}: 找不到 mkdocs.yml：请在网站目录中运行，或把网站目录作为参数。")
    try:
        options = plugin_options(site_dir)
    except yaml.YAMLError as error:
        raise SiteError(f"mkdocs.yml: 无法读取（{error}）。") from None
    as_of = options.get("as_of")
    try:
        day = resolve_as_of(as_of if isinstance(as_of, dt.date) else None)
    except ValueError as error:
        raise SiteError(str(error)) from None
    folder = site_dir / str(options.get("interviews", DEFAULT_INTERVIEWS))
    cache = site_dir / str(options.get("cache_dir", DEFAULT_CACHE))
    corpus, problems = load_and_check(folder, site_dir, day, cache)
    return Site(site_dir, folder, day, corpus, problems)


def check_edit(site: Site, path: Path, text: str) -> list[Problem]:
    """The problems the site would have if ``path`` held ``text``: checked
    on a copy, so that a bad edit never reaches the editor's files."""
    interviews = site.interviews.resolve().relative_to(site.folder.resolve())
    with tempfile.TemporaryDirectory() as temporary:
        base = Path(temporary)
        shutil.copytree(site.interviews, base / interviews)
        target = base / path.resolve().relative_to(site.folder.resolve())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        _, problems = load_and_check(base / interviews, base, site.as_of)
    return problems
