"""An editor's edit, as the benchmark makes it: a progress entry appended to
one pledge of one interview with ``python -m generator update`` (the
editors' command), and what the edit leaves in ``site/``.

Used by ``steps.py`` (the build after an edit: ``edit_build_s``,
``edit_files_written``), ``run.py`` (``noop_files_written``) and
``preview.py`` (the preview's ``edit_rebuild_s``)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
AS_OF = re.compile(r"^\s*as_of:\s*(\d{4}-\d{2}-\d{2})\s*$", re.MULTILINE)
#: A file's identity as an upload tool sees it: a file rewritten, even with the same bytes, changes it.
Stamp = tuple[int, int, int]


class EditError(Exception):
    """The edit could not be made; the message says why."""


@dataclass(frozen=True)
class Edit:
    """A progress entry added: to which pledge, with which note, how long the command took."""

    pledge: str
    note: str
    seconds: float


def first_pledge(site: Path) -> str:
    """The id of the first pledge of the first interview of ``site``."""
    for path in sorted((site / "interviews").glob("*/*.md")):
        front = path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---")
        data = yaml.safe_load(front) or {}
        for pledge in data.get("pledges") or []:
            if isinstance(pledge, dict) and pledge.get("id"):
                return str(pledge["id"])
    raise EditError(f"{site} has no pledge")


def edit_date(site: Path) -> str:
    """The site's ``as_of`` date (no entry of the corpus is later), else today."""
    found = AS_OF.search((site / "mkdocs.yml").read_text(encoding="utf-8"))
    return found[1] if found else dt.date.today().isoformat()


def add_progress(site: Path, note: str, pledge: str | None = None) -> Edit:
    """Append a progress entry with ``note`` to ``pledge`` (by default the
    first of the site) with ``python -m generator update``."""
    pledge = pledge or first_pledge(site)
    command = [sys.executable, "-m", "generator", "update", pledge, "--status", "in_progress"]
    command += ["--note", note, "--date", edit_date(site), "--site", str(site)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=site, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise EditError(f"{' '.join(command)} exited with {done.returncode}: {done.stdout}{done.stderr}")
    return Edit(pledge, note, time.perf_counter() - start)


def snapshot(folder: Path) -> dict[str, Stamp]:
    """Every file under ``folder``: its path → (mtime_ns, inode, size)."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            stat = os.stat(path)
            found[os.path.relpath(path, folder)] = (stat.st_mtime_ns, stat.st_ino, stat.st_size)
    return found


def written(before: dict[str, Stamp], after: dict[str, Stamp]) -> tuple[int, int]:
    """(files written, files removed) between two snapshots: a file is
    written when it is new or its time, inode or size changed."""
    changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return changed, sum(1 for path in before if path not in after)
