"""The editors' command line as argparse reads it: the commands, their
options and help, and every message about them, in Chinese."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import re
import sys
from typing import Any, NoReturn

from generator.content.model import STATUS_KEYS, Status

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


def build_parser() -> _Parser:
    """The parser of ``python -m generator`` and its five commands."""
    parser = _Parser(prog="python -m generator", description="践诺编辑工具：导入、检查、更新访谈和承诺。")
    commands = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)
    check_command = commands.add_parser(
        "check",
        help="检查全部访谈文件，列出每一处问题",
        description="读取全部访谈和单位名录，按全部规则检查；有问题时逐条列出"
        "「文件:行: 字段: 说明」并以状态码 1 退出，没有问题时给出一行统计。",
    )
    publish = commands.add_parser(
        "publish",
        help="把新承诺登记为已发布（interviews/published.txt），记录已发布承诺的现行版本（interviews/record.yml）",
        description="检查通过后，把尚未登记的承诺编号写入已发布名录 published.txt，"
        "并把每项已发布承诺的现行版本和新的更正记入 record.yml。"
        "登记过的承诺网址永久有效：以后不能删除，只能撤回；已发布的内容只能通过更正（corrections）改动。",
    )
    for command in (check_command, publish):
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
