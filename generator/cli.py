"""The editors' commands: ``python -m generator check [SITE_DIR]``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .asof import resolve_as_of
from .check import load_and_check
from .problems import format_problems

PLUGIN = "pledges"


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "用法：")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="践诺编辑工具：检查访谈文件。",
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
    _chinese_headings(check)
    check.add_argument(
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


def check(site_dir: Path) -> int:
    """Print every problem and return 1, or a summary and return 0."""
    if not (site_dir / "mkdocs.yml").is_file():
        print(f"{site_dir}: 找不到 mkdocs.yml：请在网站目录中运行，或把网站目录作为参数。", file=sys.stderr)
        return 2
    try:
        options = plugin_options(site_dir)
    except yaml.YAMLError as error:
        print(f"mkdocs.yml: 无法读取（{error}）。", file=sys.stderr)
        return 2
    as_of = options.get("as_of")
    try:
        day = resolve_as_of(as_of if isinstance(as_of, dt.date) else None)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    folder = site_dir / str(options.get("interviews", "interviews"))
    corpus, problems = load_and_check(folder, site_dir, day)
    if problems:
        print(format_problems(problems))
        return 1
    pledges = sum(len(i.pledges) for i in corpus.interviews)
    print(
        f"检查通过：{len(corpus.interviews)} 篇访谈，{pledges} 项承诺，{len(corpus.units)} 个单位（数据截至 {day.isoformat()}）。"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "check":
        return check(Path(args.site_dir))
    _parser().print_help()
    return 2
