"""Work spread over worker processes: results in order, and work given up
when the caller stops (the preview, on a new save)."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path

from generator.content.steps import Steps, run_through
from generator.content.workers import in_workers


def mark(item: int, folder: Path) -> int:
    """A worker's task: leave a file named after ``item``, a moment's work."""
    (folder / str(item)).touch()
    time.sleep(0.01)
    return item * item


def test_results_come_in_the_order_of_the_items(tmp_path: Path) -> None:
    assert list(in_workers(partial(mark, folder=tmp_path), range(40), workers=2, chunk=3)) == [i * i for i in range(40)]
    assert len(list(tmp_path.iterdir())) == 40


def test_closed_early_the_workers_drop_the_items_not_begun(tmp_path: Path) -> None:
    results = in_workers(partial(mark, folder=tmp_path), range(400), workers=2, chunk=1)
    assert next(results) == 0
    results.close()
    # The items under way or queued for a worker are done; not the others.
    assert 1 <= len(list(tmp_path.iterdir())) < 40


def test_steps_run_through_return_what_they_made() -> None:
    def counting() -> Steps[str]:
        for _ in range(3):
            yield
        return "made"

    assert run_through(counting()) == "made"
