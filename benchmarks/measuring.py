"""Running a step of the benchmark: a command timed, its memory and CPU time
measured, its output logged; the progress lines; the error that stops a run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
MB, KB = 1_000_000, 1_000
#: Build output worth showing while it runs.
ECHO = re.compile(r"pledges:|WARNING|ERROR|Error|Traceback|Documentation built")


class BenchError(Exception):
    """A step failed; the message says which and where its output is."""


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


class Progress:
    def __init__(self, n: int) -> None:
        self.n = n
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[N={self.n} +{time.perf_counter() - self.start:6.1f}s] {message}", flush=True)
