"""Load and check: the one entry point the build and the CLI share."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

from generator.content.load import load
from generator.content.model import Corpus
from generator.content.problems import Problem
from generator.content.rulememo import RuleMemo
from generator.content.rules import broken_rules


def load_and_check(
    interviews: Path,
    base: Path,
    as_of: dt.date | None = None,
    cache: Path | None = None,
    font: Path | None = None,
    memo: RuleMemo | None = None,
) -> tuple[Corpus, list[Problem]]:
    """The corpus under ``interviews`` (only what could be read in full) and
    every problem in it, sorted (with a ``cache`` folder, unchanged interviews
    are not parsed again, and with a ``memo`` not checked alone again; the
    share cards' texts are checked against the card ``font``, by default
    the shipped one)."""
    # The rules make many small objects while the whole corpus is alive:
    # the cyclic collector would walk the corpus again and again (nine
    # tenths of a rule's time in a preview that holds a large site).
    collecting = gc.isenabled()
    gc.disable()
    try:
        written, problems = load(interviews, base, cache)
        problems.extend(broken_rules(written, as_of, font, memo))
        return written.usable(), sorted(set(problems))
    finally:
        if collecting:
            gc.enable()
