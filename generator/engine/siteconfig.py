"""A site's mkdocs.yml read by MkDocs' own loader, as ``mkdocs build`` reads
it (``!ENV``, ``INHERIT``, defaults and validation alike), reduced to what
the editors' commands need; and the check of the ``docs_dir`` it names,
which the build and the commands both run.

Loading a config validates the plugins' options but runs none of their
events: nothing is written (no staging folder, no cache). Ours and
Material's search plugin are not even imported: classes that have their
options and nothing else stand in for them (:mod:`generator.engine.pluginoptions`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.content.links import Bounds
from generator.content.problems import Problem
from generator.engine.config import PledgesConfig
from generator.engine.pluginoptions import options_only
from generator.text.hidden import printable

CONFIG_FILE = "mkdocs.yml"
PLUGIN = "pledges"


@dataclass(frozen=True)
class SiteConfig:
    """What mkdocs.yml says of the site, paths under the site folder as given."""

    folder: Path
    docs: Path
    interviews: Path
    #: The ``as_of`` option (``None``: SOURCE_DATE_EPOCH's day, else today).
    as_of: dt.date | None
    cache: Path
    #: The ``card_font`` option, relative to mkdocs.yml (``None``: the shipped font).
    card_font: str | None
    site_url: str
    demo: bool


class SiteConfigError(Exception):
    """mkdocs.yml cannot be read, or MkDocs refuses it; the message says
    why in Chinese, naming the file."""


def read_site_config(site_dir: Path) -> SiteConfig:
    """The configuration of the site in ``site_dir``, as MkDocs validates it."""
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        raise SiteConfigError(f"{site_dir}: 找不到 {CONFIG_FILE}：请在网站目录中运行，或把网站目录作为参数。")
    config = _load(path)
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise SiteConfigError(f"{CONFIG_FILE}: plugins: 没有启用 {PLUGIN} 插件：请在 plugins 下加上「- {PLUGIN}」。")
    options: PledgesConfig = plugin.config
    return SiteConfig(
        folder=site_dir,
        docs=_in_site(site_dir, config.docs_dir),
        interviews=_in_site(site_dir, options.interviews),
        as_of=options.as_of,
        cache=site_dir / options.cache_dir,
        card_font=options.card_font,
        site_url=str(config.site_url or ""),
        demo=options.demo,
    )


def docs_problems(docs: Path, base: Path) -> list[Problem]:
    """The links in MkDocs' own ``docs`` folder that leave the site folder
    (MkDocs follows every link there and would publish what it points to)."""
    return Bounds(docs, base).walk("", twice=True).problems


def _load(path: Path) -> MkDocsConfig:
    """``load_config``, its errors said in Chinese; its log kept quiet."""
    with _quiet_mkdocs() as errors, options_only():
        try:
            return load_config(config_file=str(path))
        except MkDocsException as error:
            cause = error.__context__
            if isinstance(cause, yaml.YAMLError):
                raise SiteConfigError(printable(f"{CONFIG_FILE}: 无法读取（{cause}）。")) from None
            details = errors or [str(error)]
        except ValueError as error:  # a value YAML reads but Python refuses: `as_of: 2020-13-01`
            raise SiteConfigError(printable(f"{CONFIG_FILE}: 无法读取（{error}）。")) from None
    raise SiteConfigError(printable("\n".join(_explain(detail) for detail in details)))


#: MkDocs' wording of an option's error: the option, and what is wrong.
_OPTION = re.compile(r"Config value '(?P<name>[^']*)': (?:Plugin '(?P<plugin>[^']*)' option '(?P<option>[^']*)': )?")
_FIX = "请改正后重试（mkdocs build 也会因此停止）。"
_NO_PATH = re.compile(r"The path '(?P<path>.*)' isn't an existing (?P<kind>directory|file)\.")


def _explain(detail: str) -> str:
    """One of MkDocs' configuration errors as ``mkdocs.yml: option: message``."""
    option = _OPTION.match(detail)
    if option is None:
        return f"{CONFIG_FILE}: 设置有误（{detail}）。{_FIX}"
    field = f"{option['plugin']}.{option['option']}" if option["plugin"] else option["name"]
    reason = detail[option.end() :]
    if missing := _NO_PATH.fullmatch(reason):
        kind = "文件夹" if missing["kind"] == "directory" else "文件"
        reason = f"找不到{kind}「{missing['path']}」"
    elif not re.search(r"[\u4e00-\u9fff]", reason):  # MkDocs' own words, in English
        reason = f"设置有误（{reason}）"
    return f"{CONFIG_FILE}: {field}: {reason}。{_FIX}"


@contextmanager
def _quiet_mkdocs() -> Iterator[list[str]]:
    """Collect the errors MkDocs logs while loading (its warnings, which do
    not stop a build, are not the commands' business); print none of them."""
    errors: list[str] = []
    handler = _Collect(errors)
    logger = logging.getLogger("mkdocs")
    propagate, logger.propagate = logger.propagate, False
    logger.addHandler(handler)
    try:
        yield errors
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collect(logging.Handler):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.errors = errors

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage())


def _in_site(folder: Path, absolute: str) -> Path:
    """``absolute`` (as MkDocs makes option paths) under ``folder`` as the
    commands were given it, so that their messages name paths as before."""
    inside = os.path.relpath(absolute, os.path.abspath(folder))
    return Path(absolute) if inside == ".." or inside.startswith(".." + os.sep) else folder / inside
