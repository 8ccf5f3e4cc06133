"""Work done in steps: a generator that yields between its parts, so that
whoever runs it may stop there (the preview does, when an editor saves
again), and returns what it made when it is run to the end."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from typing import TypeVar

Made = TypeVar("Made")
Item = TypeVar("Item")
Result = TypeVar("Result")

#: Work that yields between its parts and returns ``Made``.
Steps = Generator[None, None, Made]


def run_through(steps: Steps[Made]) -> Made:
    """Do every step of ``steps``; what they made."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def each(function: Callable[[Item], Result], items: Iterable[Item]) -> Steps[list[Result]]:
    """``function`` of each of ``items``, in order, a step each."""
    done = []
    for item in items:
        done.append(function(item))
        yield
    return done
