"""The editors' commands: ``python -m generator check | publish | new |
update | import``, each with its help in Chinese."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import ledger
from .asof import today as _today
from .importer import import_article
from .model import STATUS_KEYS, Status
from .problems import format_problems
from .scaffold import default_slug, new_interview, next_issue
from .sitedir import Site, SiteError, check_edit, open_site
from .updates import NewUpdate, UpdateError, append_progress
from .validate import valid_id

SITE_HELP = "网站目录（含 mkdocs.yml），默认为当前目录"

# argparse's own messages, in Chinese.
_ERRORS = [
    (re.compile(r"the following arguments are required: (.*)"), "缺少必填的参数：{0}"),
    (
        re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)"),
        "参数 {0} 的值「{1}」无效，可选：{2}",
    ),
    (re.compile(r"argument (\S+): invalid (\w+) value: '(.*?)'"), "参数 {0} 的值「{2}」格式不对"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面要跟一个值"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}"),
    (re.compile(r"invalid choice: '(.*?)'"), "没有「{0}」这个命令"),
]


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese, errors included."""

    def __init__(self, **options: Any) -> None:
        super().__init__(formatter_class=_Formatter, add_help=False, **options)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in _ERRORS:
            if match := pattern.search(message):
                message = chinese.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


def _parser() -> _Parser:
    parser = _Parser(prog="python -m generator", description="践诺编辑工具：导入、检查、更新访谈和承诺。")
    commands = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)
    check = commands.add_parser(
        "check",
        help="检查全部访谈文件，列出每一处问题",
        description="读取全部访谈和单位名录，按全部规则检查；有问题时逐条列出"
        "「文件:行: 字段: 说明」并以状态码 1 退出，没有问题时给出一行统计。",
    )
    publish = commands.add_parser(
        "publish",
        help="把新承诺登记为已发布（interviews/published.txt）",
        description="检查通过后，把尚未登记的承诺编号写入已发布名录 published.txt。"
        "登记过的承诺网址永久有效：以后不能删除，只能撤回。",
    )
    for command in (check, publish):
        command.add_argument("site_dir", nargs="?", default=".", metavar="SITE_DIR", help=SITE_HELP)
    _new_parser(commands)
    _update_parser(commands)
    _import_parser(commands)
    return parser


def _new_parser(commands: Any) -> None:
    new = commands.add_parser(
        "new",
        help="新建一篇访谈文件（各字段都已列出并附中文说明）",
        description="在 interviews/<年份>/ 下新建访谈文件：期数接着已有的最大期数，日期为今天，"
        "每个字段都已列出并附中文说明。填好后运行 check 检查。",
    )
    new.add_argument("--unit", required=True, metavar="单位编号", help="单位编号，见 interviews/units.yml")
    new.add_argument("--slug", metavar="文件名", help="文件名（即访谈网址），默认为「单位编号-年份-期数」")
    new.add_argument("--date", type=_date, metavar="年-月-日", help="见报日期，默认为今天")
    new.add_argument("--site", default=".", metavar="SITE_DIR", help=SITE_HELP)


def _update_parser(commands: Any) -> None:
    update = commands.add_parser(
        "update",
        help="给一项承诺添加一条进展",
        description="在承诺所在的访谈文件中添加一条进展，文件的其余内容一字不改；"
        "添加前先检查，有问题就不写入并逐条列出。",
    )
    update.add_argument("pledge_id", metavar="承诺编号", help="例如 szjggw-2020-tuijinhui")
    update.add_argument(
        "--status", required=True, choices=[s.value for s in Status], metavar="状态", help=_status_help()
    )
    update.add_argument("--note", required=True, metavar="说明", help="这条进展的说明，例如「推进会召开」")
    update.add_argument("--value", type=_number, metavar="数值", help="已完成的数量（承诺有目标 target 时）")
    update.add_argument("--source-title", metavar="标题", help="来源的标题（已兑现、部分兑现、未兑现必须有来源）")
    update.add_argument("--source-url", metavar="网址", help="来源的网址，以 http:// 或 https:// 开头")
    update.add_argument("--date", type=_date, metavar="年-月-日", help="进展日期，默认为今天")
    update.add_argument("--site", default=".", metavar="SITE_DIR", help=SITE_HELP)


def _import_parser(commands: Any) -> None:
    article = commands.add_parser(
        "import",
        help="把报社系统导出的文章（纯文本）转成访谈文件",
        description="识别图片说明、标题、副标题、署名、导语、小标题和问答，接上被分页打断的段落，"
        "并把可能的承诺以注释形式列在前置元数据中，供编辑确认。",
    )
    article.add_argument("article", metavar="文章.txt", help="文章的纯文本文件")
    article.add_argument(
        "-o", "--output", metavar="文件", help="写入的访谈文件，默认为 interviews/<年份>/<文章文件名>.md"
    )
    article.add_argument("--unit", metavar="单位编号", help="单位编号，见 interviews/units.yml")
    article.add_argument("--force", action="store_true", help="覆盖已有的文件")
    article.add_argument("--site", default=".", metavar="SITE_DIR", help=SITE_HELP)


def _status_help() -> str:
    return f"新的状态：{STATUS_KEYS}"


def _number(text: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None
    return int(number) if number.is_integer() else number


# -- the commands ---------------------------------------------------------


def check(args: argparse.Namespace) -> int:
    """Print every problem and return 1, or notes and a summary and return 0."""
    site = open_site(Path(args.site_dir))
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


def publish(args: argparse.Namespace) -> int:
    """Add the new pledge ids to the ledger (only when the check passes)."""
    site = open_site(Path(args.site_dir))
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


def new(args: argparse.Namespace) -> int:
    """Write a new interview file from the scaffold."""
    site = open_site(Path(args.site))
    unit = site.corpus.units.get(args.unit)
    if unit is None:
        raise SiteError(f"单位「{args.unit}」不在 units.yml 中：{_suggest(args.unit, site.corpus.units)}")
    day = args.date or _today()
    issue = next_issue(site.corpus)
    slug = args.slug or default_slug(unit, day, issue)
    if not valid_id(slug):
        raise SiteError(f"文件名「{slug}」是访谈的网址，只能用小写英文字母、数字和连字符，例如 shi-guangliang。")
    path = site.interviews / str(day.year) / f"{slug}.md"
    if path.exists():
        raise SiteError(f"{path} 已经存在：请换一个文件名（--slug）。")
    outlets = [i.outlet for i in sorted(site.corpus.interviews, key=lambda i: (i.date, i.issue))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_interview(unit, day, issue, outlets[-1] if outlets else ""), encoding="utf-8")
    print(
        f"已新建 {path.relative_to(site.folder)}（第 {issue} 期）：请按注释填写各字段，然后运行 python -m generator check。"
    )
    return 0


def update(args: argparse.Namespace) -> int:
    """Append a progress entry, after checking the result."""
    site = open_site(Path(args.site))
    found = next(((i, p) for i, p in site.corpus.pledges() if p.id == args.pledge_id), None)
    if found is None:
        ids = {p.id: p for _, p in site.corpus.pledges()}
        raise SiteError(f"找不到承诺「{args.pledge_id}」。{_suggest(args.pledge_id, ids)}")
    interview, _ = found
    if args.source_url and not args.source_title:
        raise SiteError("有来源网址时也要写来源标题：--source-title。")
    entry = NewUpdate(
        args.date or _today(), Status(args.status), args.note, args.value, args.source_title, args.source_url
    )
    path = site.folder / interview.path
    try:
        text = append_progress(path.read_text(encoding="utf-8"), args.pledge_id, entry)
    except UpdateError as error:
        raise SiteError(f"{interview.path}: {error}") from None
    problems = check_edit(site, path, text)
    if problems:
        print(format_problems(problems))
        print("没有写入：加上这条进展后检查不通过，请按上面的说明改正参数或文件后重试。")
        return 1
    path.write_text(text, encoding="utf-8")
    print(
        f"已在 {interview.path} 中给「{args.pledge_id}」添加进展：{entry.date.isoformat()} {entry.status.label}。检查通过。"
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    """Turn a newspaper article into an interview file."""
    site = open_site(Path(args.site))
    source = Path(args.article)
    try:
        raw = source.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteError(f"无法读取 {source}（{error}）：文章须为 UTF-8 编码的纯文本。") from None
    today = _today()
    if args.output:
        path = Path(args.output)
    else:
        if not valid_id(source.stem):
            raise SiteError("请用 -o 指定访谈文件名，例如 -o interviews/2020/shi-guangliang.md（文件名即访谈网址）。")
        path = site.interviews / str(today.year) / f"{source.stem}.md"
    if path.exists() and not args.force:
        raise SiteError(f"{path} 已经存在：换一个文件名，或加 --force 覆盖。")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(import_article(raw, unit=args.unit, today=today), encoding="utf-8")
    print(
        f"已导入到 {path}：请核对前置元数据（期数、日期、单位），确认注释中的候选承诺，然后运行 python -m generator check。"
    )
    return 0


def _suggest(word: str, known: Any) -> str:
    close = difflib.get_close_matches(word, list(known), n=3)
    return f"是不是：{'、'.join(close)}？" if close else "请核对拼写。"


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": check,
    "publish": publish,
    "new": new,
    "update": update,
    "import": import_,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    command = COMMANDS.get(args.command or "")
    if command is None:
        parser.print_help()
        return 2
    try:
        return command(args)
    except SiteError as error:
        print(error, file=sys.stderr)
        return 2


__all__ = ["Site", "main"]
