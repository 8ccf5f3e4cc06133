"""Work spread over worker processes: interview files read with nothing
cached, share cards, QR codes and report PDFs drawn, each on its own, many
at a time.

Workers are spawned, not forked: forking a process that runs threads
(``mkdocs serve`` does) can deadlock. So a program that draws through them
must guard its entry point with ``if __name__ == "__main__"`` (console
scripts do), and ``function`` must be picklable (a module's function, or a
``functools.partial`` of one).
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many items, starting worker processes costs more than it saves.
POOL_THRESHOLD = 8


def in_workers(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | None = None,
    chunk: int | None = None,
    threshold: int = POOL_THRESHOLD,
) -> Generator[Result, None, None]:
    """``function`` of each of ``items``, in their order: in this process
    when they are fewer than ``threshold``, else on ``workers`` processes
    (all cores by default), handed a quarter of each one's share at a
    time, or ``chunk`` items if fewer. Closed early, the workers drop the
    chunks they have not begun."""
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < threshold:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            share = max(1, len(items) // (workers * 4))
            yield from pool.map(function, items, chunksize=min(share, chunk or share))
        finally:
            pool.shutdown(cancel_futures=True)
