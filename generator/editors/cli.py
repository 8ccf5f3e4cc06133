"""The editors' commands: ``python -m generator check | publish | new |
update | import``, each with its help in Chinese. This module runs the
command line: it reads the arguments, runs the command, and turns every
failure into a message in Chinese and an exit status."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from generator.editors.arguments import build_parser
from generator.editors.sitefolder import Refused, Site, SiteError
from generator.editors.terminal import refused_argument, say, tolerate_any_terminal
from generator.text.hidden import printable

# Each command imports its module when it runs: ``check`` starts without
# loading what only ``import`` or ``update`` use.


def _check(args: argparse.Namespace) -> int:
    from generator.editors.sitecommands import run_check

    return run_check(args)


def _publish(args: argparse.Namespace) -> int:
    from generator.editors.sitecommands import run_publish

    return run_publish(args)


def _new(args: argparse.Namespace) -> int:
    from generator.editors.filecommands import run_new

    return run_new(args)


def _update(args: argparse.Namespace) -> int:
    from generator.editors.updatecommand import run_update

    return run_update(args)


def _import(args: argparse.Namespace) -> int:
    from generator.editors.filecommands import run_import

    return run_import(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check,
    "publish": _publish,
    "new": _new,
    "update": _update,
    "import": _import,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. No input, however
    bad, ends in a traceback: each failure is said in Chinese."""
    tolerate_any_terminal()
    arguments = list(sys.argv[1:] if argv is None else argv)
    refusal = refused_argument(arguments)
    if refusal is not None:
        say(f"错误：{refusal}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(arguments)
    command = COMMANDS.get(args.command or "")
    if command is None:
        parser.print_help()
        return 2
    return _run(command, args)


def run() -> NoReturn:
    """``python -m generator`` and the console script: :func:`main`, then
    the process ends at once."""
    status = main()
    # Written and closed by now but the standard streams: ending without
    # freeing, object by object, all a command loaded saves the editor
    # more than half a second on a site of 1,000 interviews.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more can reach it
            stream.flush()
    os._exit(status)


def _run(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return command(args)
    except Refused as error:
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
