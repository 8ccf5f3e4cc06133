"""The steps of a run added for issue 15 (each returns its figures, or none
with a warning when a tool it needs is missing): an editor's edit and the
build after it, the bytes a search downloads, the preview after an edit
(on the corpus and on the bundled site), the time of one share card.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cardtime
import edit
import preview
import searchsize
from measuring import KB, BenchError, Progress, measure

ROOT = Path(__file__).resolve().parent.parent


def edit_build(site: Path, logs: Path, timed: list[str], say: Progress) -> dict[str, Any]:
    """An editor's edit (a progress entry appended with ``generator update``)
    and the build after it: its time, the files of ``site/`` it wrote and removed."""
    try:
        change = edit.add_progress(site, "基准测试：编辑后的构建")
    except edit.EditError as error:
        raise BenchError(f"the edit failed: {error}") from None
    say(f"edit: a progress entry added to {change.pledge} ({change.seconds:.1f} s); mkdocs build")
    before = edit.snapshot(site / "site")
    build = measure([*timed, str(logs / "edit.json")], site, logs / "edit.log")
    written, removed = edit.written(before, edit.snapshot(site / "site"))
    say(f"edit: the build took {build.seconds:.1f} s, wrote {written:,} files of site/ and removed {removed:,}")
    return {
        "edit_build_s": round(build.seconds, 2),
        "edit_files_written": written,
        "edit_files_removed": removed,
        "edit_update_s": round(change.seconds, 2),
    }


def search_figures(site: Path, unit: str, say: Progress) -> dict[str, Any]:
    """``search_query_kb``: what a search for ``unit`` and 「党支部」 downloads from the built site."""
    say(f"search: site/ served, its home page in Chromium, 「{unit}」 then 「党支部」 searched")
    try:
        kb, sizes = searchsize.search_query_kb(site / "site", [unit, "党支部"])
    except Exception as error:  # no Chromium, no playwright, no search box: the other figures still count
        say(f"WARNING: the search was not measured: {type(error).__name__}: {error}")
        return {}
    say(f"search: {kb:,.0f} KB in {len(sizes)} requests")
    return {"search_query_kb": kb, "search_requests_kb": {url: round(b / KB, 1) for url, b in list(sizes.items())[:12]}}


def preview_figures(site: Path, say: Progress) -> dict[str, Any]:
    """``edit_rebuild_s``: ``mkdocs serve`` on the corpus, an edit, until the pledge page shows it."""
    say("preview: mkdocs serve on the corpus, a progress entry added with generator update (after one not counted)")
    try:
        seconds = preview.edit_rebuild_s(site, 1, copy=False, start_limit=1800.0)
    except (TimeoutError, edit.EditError) as error:
        say(f"WARNING: the preview was not measured: {error}")
        return {}
    say(f"preview: the pledge page showed the new entry {seconds:.2f} s after the edit")
    return {"edit_rebuild_s": seconds}


def card_figures(logs: Path, say: Progress) -> dict[str, Any]:
    """``card_ms``: one share card of the cold build's, drawn and encoded on one core."""
    kept = logs / "cold.cards.pickle"
    if not kept.is_file():
        say("WARNING: the cold build kept no cards: card_ms not measured")
        return {}
    say(f"cards: a sample of up to {cardtime.SAMPLE} of the cold build's cards drawn, one at a time")
    ms, how = cardtime.card_ms(kept)
    say(f"cards: {ms:.1f} ms a card ({how})")
    return {"card_ms": ms, "card_ms_by": how}


def measure_preview() -> float:
    """``preview_ms``: how soon `make serve` shows a saved change on the bundled site."""
    print("preview: mkdocs serve on a copy of the bundled site, an interview's title saved", flush=True)
    ms = preview.preview_ms(ROOT)
    print(f"preview: the page showed the change {ms:.0f} ms after the save", flush=True)
    return ms


def measure_bundled_edit() -> float:
    """``bundled.edit_rebuild_s``: how soon `make serve` shows an editor's edit on the bundled site."""
    print("preview: mkdocs serve on a copy of the bundled site, progress entries added with generator update")
    seconds = preview.edit_rebuild_s(ROOT, 3)
    print(f"preview: the pledge page showed the new entry {seconds:.2f} s after the edit", flush=True)
    return seconds
