"""The preview (``mkdocs serve``): content problems shown in the browser.

A broken interview does not stop the preview. Before any good build there
is nothing to show, so the preview serves a page listing the problems; after
one, the last good site stays and every page it serves carries a banner with
the problems. Both go away by themselves: the preview rebuilds on each save
and the browser reloads. (``mkdocs build`` still fails on any problem.)
"""

from __future__ import annotations

import gc
import logging
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.exceptions import Abort, PluginError

from generator.content.problems import Problem, format_problems
from generator.content.steps import Steps
from generator.engine.mkdocsinternals import read_config_file
from generator.text.glyphs import CardError
from generator.text.hidden import printable, printable_lines

#: The heading of the problem page and of the banner.
HEADING = "访谈文件有问题，改正后页面会自动刷新"
#: Under the banner's heading: what the page below it is.
STALE_NOTE = "网站没有更新：下面仍是上一次成功构建的版本。请按下列问题修改并保存。"
#: Under the problem page's heading.
EMPTY_NOTE = "网站还没有构建成功过，请按下列问题修改并保存，页面会自动显示网站。"

log = logging.getLogger("mkdocs.plugins.pledges")

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_STYLE = (
    "font:16px/1.6 system-ui,sans-serif;background:#fff4e5;color:#3d2600;"
    "border-bottom:3px solid #b35900;padding:12px 16px;position:relative;z-index:10000"
)


@dataclass
class Preview:
    """What the preview knows across rebuilds."""

    #: The content problems of the last check ([] when it passed).
    problems: list[Problem] = field(default_factory=list)
    #: A good build is in the served folder.
    built: bool = False


def stop_or_list(preview: Preview | None, problems: list[Problem]) -> None:
    """Stop a build at ``problems``; in the preview, keep the last good build
    (its pages get a banner), or, before one, go on to list the problems."""
    text = "内容检查未通过：\n" + format_problems(problems)
    if preview is None or preview.built:
        raise PluginError(text)
    # Not logged to MkDocs: --strict would count it and stop the preview.
    sys.stderr.write(text + "\n预览页面列出了这些问题，改正并保存后会自动显示网站。\n")


def problem_items(problems: list[Problem]) -> str:
    """The problems as an HTML list: file and line, field, message, escaped."""
    items = "".join(
        f'<li><code class="jn-preview__where">{escape(printable(f"{p.path}:{p.line}"))}</code> '
        f'<strong class="jn-preview__field">{escape(printable(p.field))}</strong>：'
        f'<span class="jn-preview__message">{escape(printable(p.message))}</span></li>'
        for p in sorted(problems)
    )
    return f'<ol class="jn-preview__problems">{items}</ol><p>共发现 {len(problems)} 处问题。</p>'


def banner(problems: list[Problem]) -> str:
    """The banner shown over the last good page while ``problems`` stand."""
    return (
        f'<div class="jn-preview" role="alert" style="{_STYLE}"><h2 style="margin:0 0 .3em;font-size:1.2em">'
        f"{HEADING}</h2><p style='margin:0'>{STALE_NOTE}</p>{problem_items(problems)}</div>"
    )


def problem_page(problems: list[Problem]) -> str:
    """A whole page listing ``problems``, for a preview with no good build yet."""
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{HEADING}</title></head>"
        f'<body style="margin:0"><main class="jn-preview" role="alert" style="{_STYLE}">'
        f"<h1 style='margin:0 0 .3em;font-size:1.4em'>{HEADING}</h1><p>{EMPTY_NOTE}</p>"
        f"{problem_items(problems)}</main></body></html>\n"
    )


def with_banner(html: bytes, problems: list[Problem]) -> bytes:
    """``html`` with the problems' banner first in its body (unchanged when none)."""
    if not problems:
        return html
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + banner(problems).encode() + html[at:]


def banner_injector(inject: Callable[[bytes, int], bytes], preview: Preview) -> Callable[[bytes, int], bytes]:
    """Wrap the preview server's HTML injection (its livereload script) so
    that every page it serves also shows the current problems."""

    def both(content: bytes, epoch: int) -> bytes:
        problems = preview.problems if preview.built else []
        return inject(with_banner(content, problems), epoch)

    return both


def permanent_site_url(config_file: str | None) -> str | None:
    """The ``site_url`` written in ``config_file`` (``mkdocs serve`` replaces
    the loaded one with its local address, which must not reach permanent
    links or the share cards: those would differ from the build's)."""
    if not config_file:
        return None
    raw = read_config_file(Path(config_file))
    value = raw.get("site_url") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else None


class TemplateCache(BytecodeCache):
    """Compiled templates kept in memory across the preview's rebuilds
    (MkDocs makes a new Jinja environment for each; Jinja checks each
    template's source before using its cached code)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def settle_heap() -> None:
    """Collect what a full build left behind, then freeze what is alive
    (``gc.freeze``): the collector no longer walks it. The preview keeps a
    large site between saves; at N = 1000 a full collection walked it for
    0.7-1.4 s, about once a save, and held up the next save whatever the
    size of the steps. What the saves make stays the collector's; what is
    frozen and later dropped is freed as usual, or, in a cycle, at the next
    full build."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


#: A background step: a function, or a generator function that yields
#: between its parts (a new save stops it at the next yield).
Step = Callable[[], None] | Callable[[], Steps[None]]


class Later:
    """Work the preview does after the browser has reloaded (the share cards,
    which no preview page shows, the search index, the pages about the
    whole column): one job at a time, in steps, each job finished or
    stopped before the next rebuild."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.stopping = threading.Event()

    def run(self, *steps: Step) -> None:
        """Start doing ``steps``, in turn, once the previous job is done."""
        self.wait()
        self.thread = threading.Thread(target=self._do, args=(steps,), name="jn-preview-later", daemon=True)
        self.thread.start()

    def _do(self, steps: tuple[Step, ...]) -> None:
        for step in steps:
            if self.stopping.is_set():
                return
            start = time.perf_counter()
            done, longest = _logged(step, self.stopping)
            # Formatted only when asked for: a step's arguments may be the whole search index.
            took = time.perf_counter() - start
            log.debug("pledges: 预览后台步骤 %s 用时 %.2f 秒（最长一段 %.2f 秒）", StepName(step), took, longest)
            if not done:
                return

    def wait(self) -> None:
        """Return once the last job is done."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None

    def stop(self) -> None:
        """Return once the last job is done or, between two of its steps
        (or two parts of a step that yields), given up (a new save: the
        next rebuild does it again)."""
        self.stopping.set()
        self.wait()
        self.stopping.clear()


def step_name(step: Callable[..., object]) -> str:
    """A step's name for the log: its function's, with its arguments that are
    names or numbers (a part's name), never the others (the search entries)."""
    if isinstance(step, partial):
        shown = ", ".join(repr(arg) for arg in step.args if isinstance(arg, str | int))
        return f"{step_name(step.func)}({shown})"
    return str(getattr(step, "__name__", type(step).__name__))


@dataclass(frozen=True)
class StepName:
    """:func:`step_name`, made only when the log line is written."""

    step: Callable[..., object]

    def __str__(self) -> str:
        return step_name(self.step)


def _logged(step: Step, stopping: threading.Event) -> tuple[bool, float]:
    """Do ``step`` and say whether it went well (not when ``stopping`` stopped
    it between two of its parts), and the longest time it ran without
    giving way; a card that cannot be drawn is told as the build tells it."""
    longest = 0.0
    try:
        start = time.perf_counter()
        parts = step()
        if parts is None:
            return True, time.perf_counter() - start
        for _ in parts:
            now = time.perf_counter()
            longest, start = max(longest, now - start), now
            if stopping.is_set():
                parts.close()
                return False, longest
        return True, max(longest, time.perf_counter() - start)
    except CardError as error:
        log.error(printable_lines(f"pledges: {error}"))
    except OSError:
        pass  # the preview stopped and removed its folder while the job ran
    except Exception as error:  # a thread's error would reach the editor as a traceback
        log.error(
            printable_lines(
                f"pledges: 预览的后台更新没有做完（{type(error).__name__}: {error}）：列表页、开放数据、搜索或分享图"
                "可能还是旧的；刚改的页面不受影响，保存任一文件后会重做。"
            )
        )
    return False, longest


def keep_serving(builder: Callable[[], None]) -> Callable[[], None]:
    """The preview's rebuild, for editors: a content error has been listed
    with its lines; say that the last good build stays (the check runs
    before site/ is emptied) instead of printing a Python traceback."""

    def rebuild() -> None:
        try:
            builder()
        except Abort:
            log.error(
                "网站没有更新：请按上面列出的问题修改并保存，预览会自动重新构建；在此之前仍显示上一次成功构建的版本。"
            )

    return rebuild
