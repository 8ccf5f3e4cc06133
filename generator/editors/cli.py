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
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from generator.content import ledger
from generator.content.links import Bounds
from generator.content.load import UNITS_FILE
from generator.content.model import STATUS_KEYS, Interview, Published, Status, Unit
from generator.content.problems import Problem, format_problems
from generator.content.rules import id_rule, valid_id
from generator.content.textfile import decode
from generator.editors.importer import decode_article, import_article, publication_date
from generator.editors.scaffold import default_slug, new_interview, next_issue
from generator.editors.sitefolder import Site, SiteError, check_edit, open_site
from generator.editors.updates import NewUpdate, UpdateError, append_progress
from generator.text.hidden import SURROGATE, code_point, first_hidden, kind_of, printable, printable_lines
from generator.views.asof import today as _today

SITE_HELP = "网站目录（含 mkdocs.yml），默认为当前目录"

# argparse's own messages, in Chinese, each with what to do.
_HELP_HINT = "（运行时加 -h 可看到每个参数的写法）"
_ERRORS = [
    (re.compile(r"the following arguments are required: (.*)"), "缺少必填的参数：{0}，请补上后重试" + _HELP_HINT),
    (
        re.compile(r"argument 命令: invalid choice: '(.*?)'"),
        "没有「{0}」这个命令：可用的命令有 check、publish、new、update、import",
    ),
    (
        re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)"),
        "参数 {0} 的值「{1}」无效，可选：{2}",
    ),
    # The value functions below explain themselves: their text is kept.
    (re.compile(r"argument (\S+): (--\S+ (?:要写成|只写).*)"), "{1}"),
    (re.compile(r"argument (\S+): invalid (\w+) value: '(.*?)'"), "参数 {0} 的值「{2}」格式不对" + _HELP_HINT),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面要跟一个值，用空格隔开"),
    (re.compile(r"argument (\S+): ignored explicit argument '(.*?)'"), "参数 {0} 不带值：请删去「={1}」"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "参数 {0} 不完整，可能是 {1}：请写全参数名"),
    (re.compile(r"unrecognized arguments: (.*)"), "无法识别的参数：{0}，请核对拼写" + _HELP_HINT),
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
        return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _no_date(text)
    except ValueError:
        return _no_date(text)


def _no_date(text: str) -> NoReturn:
    raise argparse.ArgumentTypeError(
        f"--date 要写成 2020-08-01 这样的「年-月-日」（四位年份，月和日各两位，用半角连字符），「{text}」不对。"
    )


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
    update.add_argument("--status", required=True, type=_status, metavar="状态", help=_status_help())
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
    article.add_argument("--date", type=_date, metavar="年-月-日", help="见报日期；不写时取原文的日期，没有就暂填今天")
    article.add_argument("--issue", metavar="期数", help="栏目期数（正整数）；不写时按顺序排到下一期，请核对")
    article.add_argument("--force", action="store_true", help="覆盖已有的文件")
    article.add_argument("--site", default=".", metavar="SITE_DIR", help=SITE_HELP)


def _status_help() -> str:
    return f"新的状态，写英文或中文都可以：{STATUS_KEYS}"


def _status(text: str) -> Status:
    """A status given as its key (``in_progress``) or its label (推进中)."""
    word = text.strip()
    for status in Status:
        if word in (status.value, status.label):
            return status
    raise argparse.ArgumentTypeError(f"--status 要写成这些状态之一：{STATUS_KEYS}；「{text}」不是其中之一。")


def _number(text: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", text):
        raise argparse.ArgumentTypeError(
            f"--value 只写数字，如 60 或 12.5（不带单位、逗号或汉字），「{text}」不是数字。"
        )
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
    path = site.interviews / ledger.LEDGER_FILE
    # The check passed, so the ledger, if there is one, is UTF-8 with LF line ends.
    previous = path.read_bytes().decode("utf-8") if path.is_file() else None
    entries = ledger.updated(site.corpus)
    text = ledger.render(entries, previous)
    name = path.relative_to(site.folder)
    if text == previous:
        say(f"没有变化：{name} 已是最新，共 {len(entries)} 项承诺已发布。")
        return 0
    write_atomically(path, text)
    for line in publish_changes(site.corpus.published, entries, previous, text):
        say(line)
    say(f"登记完成：{name} 共 {len(entries)} 项承诺已发布。")
    return 0


def publish_changes(
    before: Sequence[Published], after: Sequence[Published], previous: str | None, text: str
) -> list[str]:
    """What publishing changed in the ledger, one line each: the ids added,
    the ids whose file changed, and every other line written anew."""
    if previous is None:
        return [f"新建已发布名录：{len(after)} 项"] + [f"已登记：{e.id}（{e.file}）" for e in after]
    old = {entry.id: entry.file for entry in before}
    lines = [f"已登记：{e.id}（{e.file}）" for e in after if e.id not in old]
    moved = [e for e in after if e.id in old and old[e.id] != e.file]
    lines.extend(f"改了所在文件：{e.id}：{old[e.id]} → {e.file}" for e in moved)
    touched = {e.id for e in after if old.get(e.id) != e.file}
    kept = Counter(previous.split("\n"))
    for row in text.split("\n"):
        if kept[row] > 0:
            kept[row] -= 1
        elif row.split(" ", 1)[0] not in touched:
            lines.append(f"改写了一行：{row}")
    return lines or ["按编号重新排列了各行，内容不变"]


def new(args: argparse.Namespace) -> int:
    """Write a new interview file from the scaffold."""
    site = open_site(Path(args.site))
    unit = require_unit(site, args.unit)
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


def require_unit(site: Site, unit_id: str) -> Unit:
    """The registered unit ``unit_id``, else a :class:`SiteError` that says
    how to register it (the lines to add to units.yml)."""
    unit = site.corpus.units.get(unit_id)
    if unit is not None:
        return unit
    units = Bounds(site.interviews, site.folder).rel(site.interviews / UNITS_FILE)
    shown, rule = (unit_id, "") if valid_id(unit_id) else ("单位编号", f"（单位编号{id_rule(unit_id)}）")
    raise SiteError(
        f"单位「{unit_id}」不在 {units} 中：{_suggest(unit_id, site.corpus.units)}"
        f"如果是新单位，请先在 {units} 的末尾加上下面三行{rule}，名称按实际填写，保存后重试：\n"
        f"- id: {shown}\n  name: 单位全称\n  short_name: 简称"
    )


def update(args: argparse.Namespace) -> int:
    """Append a progress entry, after checking the result."""
    site = open_site(Path(args.site))
    interview = _interview_of(site, args.pledge_id)
    if args.source_url and not args.source_title:
        raise SiteError("有来源网址时也要写来源标题：--source-title。")
    day = args.date or _today()
    if day > site.as_of:
        raise SiteError(_after_as_of(site, day, given=args.date is not None))
    entry = NewUpdate(day, args.status, args.note, args.value, args.source_title, args.source_url)
    path = site.folder / interview.path
    # Read as check reads it: a file check refuses (CRLF, BOM...) is not
    # edited, or the edit would silently rewrite what check complains about.
    problems: list[Problem] = []
    original = decode(path.read_bytes(), interview.path, problems)
    problems = sorted(set(problems) | {p for p in site.problems if p.path == interview.path})
    if original is None or problems:
        return _refuse(problems, "没有写入：这个访谈文件本身有上面的问题（check 也会报告），请先改正后重试。")
    try:
        text = append_progress(original, args.pledge_id, entry)
    except UpdateError as error:
        raise SiteError(str(Problem(interview.path, error.line, "progress", str(error)))) from None
    blocking, elsewhere = _edit_problems(site, interview.path, check_edit(site, path, text))
    if blocking:
        _warn_elsewhere(elsewhere)
        return _refuse(blocking, "没有写入：加上这条进展后检查不通过，请按上面的说明改正参数或文件后重试。")
    write_atomically(path, text)
    _warn_elsewhere(elsewhere)
    passed = "这个文件检查通过。" if elsewhere else "检查通过。"
    say(
        f"已在 {interview.path} 中给「{args.pledge_id}」添加进展：{entry.date.isoformat()} {entry.status.label}。{passed}"
    )
    return 0


def _refuse(problems: list[Problem], why: str) -> int:
    say(format_problems(problems))
    say(why)
    return 1


def _edit_problems(site: Site, edited: str, problems: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The problems that stop an edit of the file ``edited`` (those in it,
    and those the edit brings elsewhere), and the others: a mistake in
    another interview, there before, does not stop the update of a sound one."""
    before = set(site.problems)
    blocking = [p for p in problems if p.path == edited or p not in before]
    return blocking, [p for p in problems if p not in blocking]


def _warn_elsewhere(problems: list[Problem]) -> None:
    if problems:
        say(f"提示：其他文件有 {len(problems)} 处问题，不影响这次更新，但发布前要改正（check 会列出）：")
        say("\n".join(f"  {problem}" for problem in problems))


def _after_as_of(site: Site, day: dt.date, given: bool) -> str:
    """Why an entry dated ``day`` (after the data's date) is not written, and how to go on."""
    as_of = site.as_of.isoformat()
    which = f"--date {day.isoformat()} " if given else f"没有写 --date，进展日期就用今天 {day.isoformat()}，它"
    if site.as_of_fixed:
        fix = f"或者把 mkdocs.yml 里 pledges 插件的「as_of: {as_of}」改成 {day.isoformat()} 或更晚的日期（删去这一行则总用今天）"
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        fix = "或者去掉环境变量 SOURCE_DATE_EPOCH（它定下了截止日期），让截止日期为今天"
    else:
        fix = "进展不能记在今天之后"
    return (
        f"没有写入：{which}晚于网站的数据截止日期 {as_of}。请用 --date 写明进展的实际日期"
        f"（不晚于 {as_of}，例如 --date {as_of}），{fix}，然后重试。"
    )


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
    unread = _unread_holder(site, pledge_id)
    if unread:
        raise _Refused(unread, "没有写入：承诺所在的访谈文件有上面的问题，读不出这项承诺，请先改正后重试。")
    broken = (
        f"网站内容有 {len(site.problems)} 处问题，可能因此读不到这项承诺：请先运行 python -m generator check。"
        if site.problems
        else ""
    )
    raise SiteError(f"找不到承诺「{pledge_id}」。{_suggest(pledge_id, ids)}{broken}")


def _unread_holder(site: Site, pledge_id: str) -> list[Problem]:
    """The problems of the interview files that have problems and hold
    ``pledge_id`` in their text: the pledge is there, but cannot be read."""
    written = re.compile(rf"^[ \t-]*id:[ \t]*([\"']?){re.escape(pledge_id)}\1[ \t]*(#.*)?$", re.MULTILINE)
    found: list[Problem] = []
    bounds = Bounds(site.interviews, site.folder)
    for name in sorted({p.path for p in site.problems if p.path.endswith(".md")}):
        if bounds.refusal(site.folder / name) is not None:
            continue  # a link out of the site is reported, never read
        try:
            text = (site.folder / name).read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if written.search(text):
            found.extend(p for p in site.problems if p.path == name)
    return found


class _Refused(SiteError):
    """The command stops on problems of the content, printed as check prints them."""

    def __init__(self, problems: list[Problem], why: str) -> None:
        super().__init__(f"{format_problems(problems)}\n{why}")


def import_(args: argparse.Namespace) -> int:
    """Turn a newspaper article into an interview file."""
    if args.issue is not None and not re.fullmatch(r"[1-9]\d{0,5}", args.issue):
        raise SiteError(f"--issue 只写期数，是正整数，如 --issue 10；「{args.issue}」不对。")
    site = open_site(Path(args.site))
    if args.unit:
        require_unit(site, args.unit)
    source = Path(args.article)
    try:
        raw = decode_article(source.read_bytes())
    except FileNotFoundError:
        raise SiteError(f"找不到文章 {source}：请核对文件名和路径。") from None
    except OSError:
        raise SiteError(f"无法读取文章 {source}：请确认它是一个能打开的文件。") from None
    except UnicodeDecodeError:
        raise SiteError(
            f"无法读取 {source}：它既不是 UTF-8 编码，也不是 GB18030（GBK）编码的文字。"
            "请在编辑器中把它另存为「UTF-8」编码的纯文本（.txt）后再导入。"
        ) from None
    today = _today()
    day = args.date or publication_date(raw) or today
    if args.output:
        path = Path(args.output)
    else:
        if not valid_id(source.stem):
            raise SiteError("请用 -o 指定访谈文件名，例如 -o interviews/2020/shi-guangliang.md（文件名即访谈网址）。")
        path = site.interviews / str(day.year) / f"{source.stem}.md"
        _refuse_links_out(site, path.parent)
    if path.exists() and not args.force:
        raise SiteError(f"{path} 已经存在：换一个文件名，或加 --force 覆盖。")
    path.parent.mkdir(parents=True, exist_ok=True)
    issue = int(args.issue) if args.issue is not None else None
    text = import_article(
        raw, unit=args.unit, today=today, date=args.date, issue=issue, next_issue=next_issue(site.corpus)
    )
    path.write_text(text, encoding="utf-8")
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
    except _Refused as error:
        say(str(error))
        return 1
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
