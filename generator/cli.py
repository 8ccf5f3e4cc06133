"""The editors' commands: ``python -m generator check [SITE_DIR]``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import ledger
from .asof import resolve_as_of
from .check import load_and_check
from .model import Corpus
from .problems import Problem, format_problems

PLUGIN = "pledges"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="践诺编辑工具：检查访谈文件，登记已发布的承诺。",
        formatter_class=_Formatter,
        add_help=False,
    )
    _chinese_headings(parser)
    commands = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    check = commands.add_parser(
        "check",
        help="检查全部访谈文件，列出每一处问题",
        description="读取全部访谈和单位名录，按全部规则检查；有问题时逐条列出"
        "「文件:行: 字段: 说明」并以状态码 1 退出，没有问题时给出一行统计。",
        formatter_class=_Formatter,
        add_help=False,
    )
    publish = commands.add_parser(
        "publish",
        help="把新承诺登记为已发布（interviews/published.txt）",
        description="检查通过后，把尚未登记的承诺编号写入已发布名录 published.txt。"
        "登记过的承诺网址永久有效：以后不能删除，只能撤回。",
        formatter_class=_Formatter,
        add_help=False,
    )
    for command in (check, publish):
        _chinese_headings(command)
        command.add_argument(
            "site_dir", nargs="?", default=".", metavar="SITE_DIR", help="网站目录（含 mkdocs.yml），默认为当前目录"
        )
    return parser


def _chinese_headings(parser: argparse.ArgumentParser) -> None:
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")


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


class _Stop(Exception):
    """The command cannot run: a message for stderr and the exit status."""


def open_site(site_dir: Path) -> Site:
    """Load and check the site in ``site_dir`` as its mkdocs.yml says."""
    if not (site_dir / "mkdocs.yml").is_file():
        raise _Stop(f"{site_dir}: 找不到 mkdocs.yml：请在网站目录中运行，或把网站目录作为参数。")
    try:
        options = plugin_options(site_dir)
    except yaml.YAMLError as error:
        raise _Stop(f"mkdocs.yml: 无法读取（{error}）。") from None
    as_of = options.get("as_of")
    try:
        day = resolve_as_of(as_of if isinstance(as_of, dt.date) else None)
    except ValueError as error:
        raise _Stop(str(error)) from None
    folder = site_dir / str(options.get("interviews", "interviews"))
    corpus, problems = load_and_check(folder, site_dir, day)
    return Site(site_dir, folder, day, corpus, problems)


def check(site: Site) -> int:
    """Print every problem and return 1, or notes and a summary and return 0."""
    if site.problems:
        print(format_problems(site.problems))
        return 1
    new = ledger.unpublished(site.corpus)
    for pledge in new:
        print(
            f"{pledge.path}:{pledge.line_of('id')}: {pledge.field('id')}: "
            f"提示：承诺「{pledge.id}」尚未登记为已发布，发布网站前请运行 python -m generator publish。"
        )
    corpus = site.corpus
    pending = f"（{len(new)} 项尚未登记发布）" if new else ""
    print(
        f"检查通过：{len(corpus.interviews)} 篇访谈，{len(corpus.pledges())} 项承诺{pending}，"
        f"{len(corpus.units)} 个单位（数据截至 {site.as_of.isoformat()}）。"
    )
    return 0


def publish(site: Site) -> int:
    """Add the new pledge ids to the ledger (only when the check passes)."""
    if site.problems:
        print(format_problems(site.problems))
        print("内容检查未通过，没有登记：请先改正上面的问题。")
        return 1
    new = ledger.unpublished(site.corpus)
    path = site.interviews / ledger.LEDGER_FILE
    text = ledger.render(ledger.updated(site.corpus))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    for pledge in new:
        print(f"已登记：{pledge.id}（{pledge.path}）")
    print(
        f"登记完成：新增 {len(new)} 项，共 {len(site.corpus.pledges())} 项承诺已发布（{path.relative_to(site.folder)}）。"
    )
    return 0


COMMANDS = {"check": check, "publish": publish}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    command = COMMANDS.get(args.command or "")
    if command is None:
        _parser().print_help()
        return 2
    try:
        return command(open_site(Path(args.site_dir)))
    except _Stop as stop:
        print(stop, file=sys.stderr)
        return 2
