"""The editors' commands: ``python -m generator check | publish | new |
update | import``, each with its help in Chinese."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import ledger
from .asof import today as _today
from .hidden import SURROGATE, code_point, first_hidden, kind_of, printable, printable_lines
from .importer import import_article
from .links import Bounds
from .model import STATUS_KEYS, Interview, Status
from .problems import Problem, format_problems
from .scaffold import default_slug, new_interview, next_issue
from .sitedir import Site, SiteError, check_edit, open_site
from .textfile import decode
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
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(text)
    return int(number) if number.is_integer() else number


# -- the commands ---------------------------------------------------------


def say(text: str, file: TextIO | None = None) -> None:
    """Print a message whose editor text (paths, ids, values) is shown with
    its hidden characters escaped: nothing it holds can act on the terminal."""
    print(printable_lines(text), file=file or sys.stdout)


def check(args: argparse.Namespace) -> int:
    """Print every problem and return 1, or notes and a summary and return 0."""
    site = open_site(Path(args.site_dir))
    if site.problems:
        say(format_problems(site.problems))
        return 1
    new = ledger.unpublished(site.corpus)
    for pledge in new:
        say(
            f"{pledge.path}:{pledge.line_of('id')}: {pledge.field('id')}: "
            f"提示：承诺「{pledge.id}」尚未登记为已发布，发布网站前请运行 python -m generator publish。"
        )
    corpus = site.corpus
    pending = f"（{len(new)} 项尚未登记发布）" if new else ""
    say(
        f"检查通过：{len(corpus.interviews)} 篇访谈，{len(corpus.pledges())} 项承诺{pending}，"
        f"{len(corpus.units)} 个单位（数据截至 {site.as_of.isoformat()}）。"
    )
    return 0


def publish(args: argparse.Namespace) -> int:
    """Add the new pledge ids to the ledger (only when the check passes)."""
    site = open_site(Path(args.site_dir))
    if site.problems:
        say(format_problems(site.problems))
        say("内容检查未通过，没有登记：请先改正上面的问题。")
        return 1
    new = ledger.unpublished(site.corpus)
    path = site.interviews / ledger.LEDGER_FILE
    # The check passed, so the ledger, if there is one, is UTF-8 with LF line ends.
    previous = path.read_bytes().decode("utf-8") if path.is_file() else None
    text = ledger.render(ledger.updated(site.corpus), previous)
    if text != previous:
        write_atomically(path, text)
    for pledge in new:
        say(f"已登记：{pledge.id}（{pledge.path}）")
    say(
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
    _refuse_links_out(site, path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_interview(unit, day, issue, outlets[-1] if outlets else ""), encoding="utf-8")
    say(
        f"已新建 {path.relative_to(site.folder)}（第 {issue} 期）：请按注释填写各字段，然后运行 python -m generator check。"
    )
    return 0


def update(args: argparse.Namespace) -> int:
    """Append a progress entry, after checking the result."""
    site = open_site(Path(args.site))
    interview = _interview_of(site, args.pledge_id)
    if args.source_url and not args.source_title:
        raise SiteError("有来源网址时也要写来源标题：--source-title。")
    entry = NewUpdate(
        args.date or _today(), Status(args.status), args.note, args.value, args.source_title, args.source_url
    )
    path = site.folder / interview.path
    # Read as check reads it: a file check refuses (CRLF, BOM...) is not
    # edited, or the edit would silently rewrite what check complains about.
    problems: list[Problem] = []
    original = decode(path.read_bytes(), interview.path, problems)
    if original is None or problems:
        say(format_problems(problems))
        say("没有写入：这个访谈文件本身有上面的问题（check 也会报告），请先改正后重试。")
        return 1
    try:
        text = append_progress(original, args.pledge_id, entry)
    except UpdateError as error:
        raise SiteError(str(Problem(interview.path, error.line, "progress", str(error)))) from None
    problems = check_edit(site, path, text)
    if problems:
        say(format_problems(problems))
        say("没有写入：加上这条进展后检查不通过，请按上面的说明改正参数或文件后重试。")
        return 1
    write_atomically(path, text)
    say(
        f"已在 {interview.path} 中给「{args.pledge_id}」添加进展：{entry.date.isoformat()} {entry.status.label}。检查通过。"
    )
    return 0


def _refuse_links_out(site: Site, folder: Path) -> None:
    """Stop before writing into ``folder`` when it is a link that leaves the
    site folder: what the commands write stays in the repository."""
    refusal = Bounds(site.interviews, site.folder).refusal(folder) if folder.exists() else None
    if refusal is not None:
        raise SiteError(f"没有写入：{refusal}")


def _interview_of(site: Site, pledge_id: str) -> Interview:
    """The interview that holds pledge ``pledge_id``."""
    found = next((i for i, p in site.corpus.pledges() if p.id == pledge_id), None)
    if found is not None:
        return found
    ids = {p.id: p for _, p in site.corpus.pledges()}
    broken = (
        f"网站内容有 {len(site.problems)} 处问题，可能因此读不到这项承诺：请先运行 python -m generator check。"
        if site.problems
        else ""
    )
    raise SiteError(f"找不到承诺「{pledge_id}」。{_suggest(pledge_id, ids)}{broken}")


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
        _refuse_links_out(site, path.parent)
    if path.exists() and not args.force:
        raise SiteError(f"{path} 已经存在：换一个文件名，或加 --force 覆盖。")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(import_article(raw, unit=args.unit, today=today), encoding="utf-8")
    say(
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


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as they are) to ``path`` so that it
    holds either its old or its new text, never a part (disk full, crash)."""
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refused_argument(argv: Sequence[str]) -> str | None:
    """Why a command-line argument cannot be used, in Chinese: bytes that
    are not UTF-8 (Python keeps them as lone surrogates), control
    characters, bidi controls, line separators. ``None`` when all are fine."""
    for index, argument in enumerate(argv):
        option, value = _option_of(argument, argv[index - 1] if index else "")
        char = first_hidden(value)
        if char is None:
            continue
        where = f"{option} 的值「{printable(value)}」" if option else f"参数「{printable(value)}」"
        kind = kind_of(char)
        if kind == SURROGATE:
            return f"{where}不是有效的 UTF-8 文字：请把终端（或文件名）的编码设为 UTF-8 后重试。"
        return f"{option or where} 里有{kind.name} {code_point(char)}，请删去后重试。"
    return None


#: The options that take no value.
_FLAGS = ("-h", "--help", "--force")


def _option_of(argument: str, previous: str) -> tuple[str, str]:
    """The option an argument is the value of (``""`` for none), and the value."""
    if argument.startswith("--") and "=" in argument:
        option, value = argument.split("=", 1)
        return ("" if first_hidden(option) else option), value
    if previous.startswith("-") and "=" not in previous and previous not in _FLAGS and not first_hidden(previous):
        return previous, argument
    return "", argument


def _tolerate_any_terminal() -> None:
    """Print what a terminal cannot show as escapes rather than fail: a
    terminal that is not UTF-8 (``LANG=C``, ``PYTHONIOENCODING=ascii``)
    still gets every message."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. No input, however
    bad, ends in a traceback: each failure is said in Chinese."""
    _tolerate_any_terminal()
    arguments = list(sys.argv[1:] if argv is None else argv)
    refusal = refused_argument(arguments)
    if refusal is not None:
        say(f"错误：{refusal}", file=sys.stderr)
        return 2
    parser = _parser()
    args = parser.parse_args(arguments)
    command = COMMANDS.get(args.command or "")
    if command is None:
        parser.print_help()
        return 2
    return _run(command, args)


def _run(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return command(args)
    except SiteError as error:
        say(str(error), file=sys.stderr)
    except KeyboardInterrupt:
        say("已中断。", file=sys.stderr)
        return 130
    except UnicodeDecodeError as error:
        say(f"错误：读到的文件不是 UTF-8 编码（{error.reason}）：请用 UTF-8 编码保存后重试。", file=sys.stderr)
    except OSError as error:
        name = f" {printable(os.fsdecode(error.filename))}" if isinstance(error.filename, str | bytes) else ""
        say(
            f"错误：无法读写文件{name}（{error.strerror or type(error).__name__}）："
            "请检查文件和文件夹是否存在、是否有写入权限、磁盘是否已满。",
            file=sys.stderr,
        )
    except Exception as error:
        if os.environ.get("JIANNUO_DEBUG"):
            raise
        say(
            f"内部错误（{type(error).__name__}）：这是程序的缺陷，不是内容的问题。"
            "请把这条消息和所用的命令告诉维护者（设置环境变量 JIANNUO_DEBUG=1 可看到详细信息）。",
            file=sys.stderr,
        )
        return 3
    return 2


__all__ = ["Site", "main"]
