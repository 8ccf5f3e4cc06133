"""The timed build, run in a child process by ``run.py --timed-build CONFIG
TIMINGS``: ``mkdocs build -f CONFIG`` in this process with timers around our
plugin's code and MkDocs' page steps, memory sampled, written to the JSON
file TIMINGS; the cards the plugin was given kept beside it (``cardtime``).
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import resource
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import cardtime

MB = 1_000_000

F = TypeVar("F", bound=Callable[..., Any])


class Timers:
    """Wall time spent in wrapped functions. ``total`` counts only the
    outermost wrapped call on the stack, so nested wrapped calls are not
    counted twice; ``by_name`` is inclusive, per function."""

    def __init__(self) -> None:
        self.total = 0.0
        self.depth = 0
        self.active: dict[str, int] = {}
        self.by_name: dict[str, list[float]] = {}

    def wrap(self, name: str, function: F) -> F:
        if inspect.isgeneratorfunction(function):
            return self._wrap_steps(name, function)

        @functools.wraps(function)  # keeps MkDocs' event priority (an attribute of the function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            self.active[name] = self.active.get(name, 0) + 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self.depth -= 1
                self.active[name] -= 1
                if self.depth == 0:
                    self.total += elapsed
                stat = self.by_name.setdefault(name, [0.0, 0])
                stat[1] += 1
                if not self.active[name]:  # a recursive call is inside its caller's time
                    stat[0] += elapsed

        return timed  # type: ignore[return-value]

    def _wrap_steps(self, name: str, function: F) -> F:
        """A generator function, each of its steps (from one yield to the next) timed as a call."""
        resume = self.wrap(name, next)

        @functools.wraps(function)
        def steps(*args: Any, **kwargs: Any) -> Any:
            parts = function(*args, **kwargs)
            while True:
                try:
                    made = resume(parts)
                except StopIteration as done:
                    return done.value
                yield made

        return steps  # type: ignore[return-value]

    def wrap_class(self, cls: type) -> None:
        """Every method and property ``cls`` defines (not inherited, no dunders)."""
        for name, value in list(vars(cls).items()):
            label = f"{cls.__name__}.{name}"
            if name.startswith("__"):
                continue
            if isinstance(value, functools.cached_property):
                wrapped = functools.cached_property(self.wrap(label, value.func))
                wrapped.__set_name__(cls, name)
                setattr(cls, name, wrapped)
            elif isinstance(value, property) and value.fget is not None:
                setattr(cls, name, property(self.wrap(label, value.fget), value.fset, value.fdel, value.__doc__))
            elif inspect.isfunction(value):
                setattr(cls, name, self.wrap(label, value))

    def wrap_functions(self, module: ModuleType, own: bool = False) -> None:
        """The functions ``module`` defines (``own``) or takes from our package."""
        for name, value in list(vars(module).items()):
            if not inspect.isfunction(value):
                continue
            source = value.__module__ or ""
            if (source == module.__name__) if own else (source.startswith("generator.") or source == "generator"):
                setattr(module, name, self.wrap(f"{source.removeprefix('generator.')}.{name}", value))


#: The modules whose objects the templates see (``jn``, ``view`` and what they hold).
TEMPLATE_MODULES = ("content.model", "views.catalog", "views.siteview", "views.stats", "views.charts")


def instrument() -> Timers:
    """Timers around all of our code that MkDocs and the templates call:
    the plugin's methods (its events), the functions the plugin calls
    (a breakdown of the events), the template filters, and the methods
    and properties of the objects the templates see."""
    import importlib

    import jieba

    from generator.engine import outputfiles
    from generator.engine import plugin as plugin_module
    from generator.views import formats

    timers = Timers()
    timers.wrap_class(plugin_module.PledgesPlugin)
    timers.wrap_functions(plugin_module)
    jieba.add_word = timers.wrap("jieba.add_word", jieba.add_word)  # our plugin's search words
    timers.wrap_functions(formats, own=True)
    timers.wrap_functions(outputfiles, own=True)  # its parts: the reports among them
    for name in TEMPLATE_MODULES:
        module = importlib.import_module(f"generator.{name}")
        for value in list(vars(module).values()):
            if inspect.isclass(value) and value.__module__ == module.__name__:
                timers.wrap_class(value)
    return timers


def instrument_engine() -> dict[str, list[float]]:
    """Timers around MkDocs' two steps for each page, by the page's template:
    ``markdown`` (Markdown to HTML, with the plugins' page_markdown and
    page_content events) and ``render`` (the theme's template, with the
    plugins' page_context and post_page events: the search plugin indexes
    the page there). Not our code, except for our small page events."""
    from mkdocs.commands import build as mkdocs_build

    by_step: dict[str, list[float]] = {}

    def timed(step: str, function: F) -> F:
        @functools.wraps(function)
        def wrapper(page: Any, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(page, *args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                stat = by_step.setdefault(f"{step} {page.meta.get('template') or 'main.html'}", [0.0, 0])
                stat[0] += elapsed
                stat[1] += 1

        return wrapper  # type: ignore[return-value]

    mkdocs_build._populate_page = timed("markdown", mkdocs_build._populate_page)
    mkdocs_build._build_page = timed("render", mkdocs_build._build_page)
    return by_step


class MemorySampler:
    """Samples, every ``interval`` seconds, this process's resident memory and
    that of its child processes (the card workers) from /proc: their sum at
    its largest, and the largest peak (VmHWM) of a child.

    Needed because a child's ``ru_maxrss`` is no measure of the child: Linux
    counts in it the parent's memory at the time of the fork before the
    child's exec, so every worker of a 700 MB build reports 700 MB."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_total_kb = 0
        self.peak_child_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    @staticmethod
    def status_kb(pid: int | str, field: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            pass
        return 0

    @staticmethod
    def children(pid: int) -> list[str]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # pid (comm) state ppid …: the name may hold spaces and parentheses.
                if int(stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(stat.parent.name)
            except (OSError, ValueError, IndexError):
                continue
        return found

    def sample(self) -> None:
        me = os.getpid()
        total = self.status_kb(me, "VmRSS")
        for child in self.children(me):
            total += self.status_kb(child, "VmRSS")
            self.peak_child_kb = max(self.peak_child_kb, self.status_kb(child, "VmHWM"))
        self.peak_total_kb = max(self.peak_total_kb, total)

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> MemorySampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def timed_build(config_file: Path, timings: Path) -> None:
    """``mkdocs build -f CONFIG`` in this process, our code timed."""
    from mkdocs.__main__ import cli

    from generator.engine import plugin as plugin_module

    timers = instrument()
    engine = instrument_engine()
    cardtime.keep_cards(plugin_module, timings.with_suffix(".cards.pickle"))
    memory = MemorySampler()
    start = time.perf_counter()
    try:
        with memory:
            cli.main(["build", "-f", str(config_file)], prog_name="mkdocs")
    finally:
        functions = {name: {"s": round(s, 4), "calls": int(n)} for name, (s, n) in timers.by_name.items()}
        events = sum(v[0] for k, v in timers.by_name.items() if k.startswith("PledgesPlugin.on_"))
        report = {
            "build_in_process_s": time.perf_counter() - start,
            "plugin_s": timers.total,
            "plugin_events_s": events,
            "plugin_templates_s": timers.total - events,
            "main_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB,
            "workers_rss_mb": memory.peak_child_kb * 1024 / MB,
            "total_rss_mb": memory.peak_total_kb * 1024 / MB,
            "functions": dict(sorted(functions.items(), key=lambda item: -item[1]["s"])),
            "mkdocs_pages": {
                step: {"s": round(s, 3), "pages": int(n)}
                for step, (s, n) in sorted(engine.items(), key=lambda item: -item[1][0])
            },
        }
        timings.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
