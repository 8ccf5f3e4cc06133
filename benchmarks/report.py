"""The benchmark's report: the table it prints, and the results section of
``benchmarks/README.md`` (the table, a paragraph per run, the targets of
issue 15 next to the figures, where the time goes), from ``results.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent / "README.md"


class ReadmeError(Exception):
    """README.md has no results section to write."""


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

#: The second table: the figures of issue 15 (the second pass on performance).
SECOND_COLUMNS = [
    ("N", "N", "{}"),
    ("card_ms", "card_ms", "{:.1f}"),
    ("build_s", "build_s", "{:.1f}"),
    ("noop_rebuild_s", "noop_rebuild_s", "{:.1f}"),
    ("noop_full_s", "noop_full_s", "{:.1f}"),
    ("hugo_build_s", "hugo_build_s", "{:.2f}"),
    ("ratio_hugo_noop", "ratio_hugo_noop", "{:.1f}"),
    ("noop_files_written", "noop_files_written", "{:,}"),
    ("edit_build_s", "edit_build_s", "{:.1f}"),
    ("edit_files_written", "edit_files_written", "{:,}"),
    ("edit_rebuild_s", "edit_rebuild_s", "{:.2f}"),
    ("check_s", "check_s", "{:.2f}"),
    ("total_rss_mb", "total_rss_mb", "{:.0f}"),
    ("search_query_kb", "search_query_kb", "{:,.0f}"),
    ("reports_s", "reports_s", "{:.2f}"),
    ("noop_report_pdfs_drawn", "noop_report_pdfs_drawn", "{:,}"),
]


@dataclass(frozen=True)
class Target:
    """A target of issue 15: a figure (of a run, or of the bundled site) and its bound."""

    key: str
    text: str
    limit: float
    form: str
    at_most: bool = True
    bundled: bool = False

    def met(self, value: float) -> bool:
        return value <= self.limit if self.at_most else value >= self.limit


#: The targets of issue 15, at N = 1000 on the 2-core machine.
TARGETS = [
    Target("card_ms", "a share card, drawn and encoded, one core: ≤ 8 ms", 8, "{:.1f} ms"),
    Target("build_s", "cold build (every card drawn) ≤ 90 s", 90, "{:.1f} s"),
    Target("ratio_hugo_noop", "no-change rebuild ≤ 3 × Hugo's build of the same pages", 3, "{:.1f} ×"),
    Target("noop_files_written", "files the no-change rebuild writes = 0", 0, "{:,}"),
    Target("edit_rebuild_s", "preview: an edit shown ≤ 3 s", 3, "{:.2f} s"),
    Target("edit_rebuild_s", "preview, bundled site: an edit shown ≤ 1 s", 1, "{:.2f} s", bundled=True),
    Target("check_s", "`check` with nothing cached ≤ 1.5 s", 1.5, "{:.2f} s"),
    Target("total_rss_mb", "peak memory (the build and its workers) ≤ 1 GB", 1000, "{:,.0f} MB"),
    Target("search_query_kb", "a search downloads ≤ 500 KB", 500, "{:,.0f} KB"),
]


def table(runs: list[dict[str, Any]], markdown: bool, columns: list[tuple[str, str, str]] = COLUMNS) -> str:
    """The figures of ``runs`` in ``columns``: a Markdown table, or aligned text."""
    heads = [head for _, head, _ in columns]
    rows = [[form.format(run[key]) if key in run else "" for key, _, form in columns] for run in runs]
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
        f"{run['noop_rebuild_s']:.1f} s{' (the published site kept)' if run.get('noop_kept') else ''}; "
        f"with the inputs of the last publish forgotten, {run['noop_full_s']:.1f} s: our plugin "
        f"{run['noop_plugin_s']:.1f} s, MkDocs converting and rendering the pages {engine:.1f} s, MkDocs' other "
        f"steps and Python's start the rest. Peak memory: the build process {run['main_rss_mb']:.0f} MB, each card "
        f"worker up to {run['workers_rss_mb']:.0f} MB, all at once up to {run.get('total_rss_mb', 0):.0f} MB; "
        f"plain MkDocs {run['plain_peak_rss_mb']:.0f} MB, Hugo "
        f"{run['hugo_peak_rss_mb']:.0f} MB. Output: {run['files']:,} files, of which share cards "
        f"{run['cards_mb']:.0f} MB. Load average {run['load_avg_before']:.1f} before, {run['load_avg_after']:.1f} "
        f"after{' (the machine was busy)' if max(run['load_avg_before'], run['load_avg_after']) > 0.5 else ''}."
        + (" generator/ or overrides/ changed during this run." if run.get("code_changed_during_run") else "")
        + second_pass(run)
    )


def second_pass(run: dict[str, Any]) -> str:
    """The figures of issue 15 not in the tables, as sentences (none for older results)."""
    said = ""
    if "noop_files_written" in run:
        said += (
            f" The no-change rebuild wrote {run['noop_files_written']:,} files of `site/` and removed "
            f"{run['noop_files_removed']:,}."
        )
    if "edit_build_s" in run:
        said += (
            f" After an edit (a progress entry added with `generator update` in {run['edit_update_s']:.1f} s), "
            f"`mkdocs build` took {run['edit_build_s']:.1f} s, wrote {run['edit_files_written']:,} files and "
            f"removed {run['edit_files_removed']:,}."
        )
    if "search_requests_kb" in run:
        biggest = ", ".join(f"`{url}` {kb:,.1f} KB" for url, kb in list(run["search_requests_kb"].items())[:3])
        said += f" The search downloaded {run['search_query_kb']:,.0f} KB; the largest: {biggest}."
    if "card_ms" in run:
        said += f" A share card: {run['card_ms']:.1f} ms ({run['card_ms_by']})."
    return said


def targets(results: dict[str, Any]) -> list[str]:
    """The targets of issue 15 next to the largest run's figures (and the bundled site's)."""
    run, bundled = results["runs"][-1], results.get("bundled", {})
    lines = [
        f"**Targets** of issue 15, set for N = 1000 on a 2-core machine, next to this run's figures at N = {run['N']}:",
        "",
        "| target | key | figure | met? |",
        "|---|---|---:|---|",
    ]
    for target in TARGETS:
        value = (bundled if target.bundled else run).get(target.key)
        key = f"`bundled.{target.key}`" if target.bundled else f"`{target.key}`"
        if value is None:
            lines.append(f"| {target.text} | {key} | not measured | |")
        else:
            met = "yes" if target.met(value) else "no"
            lines.append(f"| {target.text} | {key} | {target.form.format(value)} | {met} |")
    return lines


def results_markdown(results: dict[str, Any]) -> str:
    m, runs = results["machine"], results["runs"]
    hugo = str(m["hugo"]).split("-")[0]
    parts = [
        f"Measured {m['date']} on commit {m['commit']}: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, "
        f"{m['os']}; Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}, Hugo {hugo}.",
        "",
        table(runs, markdown=True),
        "",
        table(runs, markdown=True, columns=SECOND_COLUMNS),
        "",
        *targets(results),
    ]
    for run in runs:
        parts += ["", summary(run)]
    if "preview_ms" in results:
        parts += [
            "",
            f"The preview (`make serve`, bundled site): a saved change to an interview showed in its page "
            f"{results['preview_ms']:.0f} ms after the save (`preview_ms`, the median of "
            "`benchmarks/preview.py`)."
            + (
                f" An editor's edit (a progress entry added with `python -m generator update`) showed in the "
                f"pledge page {results['bundled']['edit_rebuild_s']:.2f} s after the command wrote it "
                "(`bundled.edit_rebuild_s`, the median of three)."
                if "bundled" in results
                else ""
            ),
        ]
    last = runs[-1]
    parts += ["", f"Where the cold build's time goes at N = {last['N']} (our code):", ""]
    parts += breakdown(last["plugin_functions"], last["build_s"], 15)
    parts += [
        "",
        f"Where the whole no-change rebuild's time goes at N = {last['N']} (our code, then MkDocs per page):",
        "",
    ]
    parts += breakdown(last["noop_plugin_functions"], last["noop_full_s"], 10)
    parts += ["", *page_steps(last["noop_mkdocs_pages"], last["noop_full_s"], 8)]
    return "\n".join(parts)


def write_readme(results: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in text or end not in text:
        raise ReadmeError(f"{README} has no {start} … {end} section")
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    README.write_text(f"{head}{start}\n{results_markdown(results)}\n{end}{tail}", encoding="utf-8")
