"""The problems each interview's own rules found, kept between the checks
of one process: the preview checks the whole site on every save, and all
but the saved interview are as they were."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from generator.content.model import Interview
from generator.content.problems import Problem


class RuleMemo:
    """The problems found in each interview by the rules that look at it
    alone (and at what it depends on: a published pledge's record), for
    one setting of those rules (the as-of date, the card font).

    An interview is known by its object: the load cache hands out an
    unchanged file's interview as the object read before, and nothing
    changes an interview once read. Only the interviews of the last check
    are kept.
    """

    def __init__(self) -> None:
        self.setting: tuple[Hashable, ...] | None = None
        self.kept: dict[int, _Kept] = {}

    def problems(
        self,
        interviews: Iterable[Interview],
        setting: tuple[Hashable, ...],
        check: Callable[[Interview], list[Problem]],
        depends: Callable[[Interview], tuple[object, ...]] = lambda _: (),
    ) -> list[Problem]:
        """What ``check`` finds in each of ``interviews``, checking only
        those not checked before with the same ``setting`` and the same
        objects (or equal values) that it ``depends`` on."""
        before = self.kept if self.setting is not None and same(self.setting, setting) else {}
        kept: dict[int, _Kept] = {}
        found: list[Problem] = []
        for interview in interviews:
            on = depends(interview)
            entry = before.get(id(interview))
            if entry is None or entry.interview is not interview or not same(entry.depends, on):
                entry = _Kept(interview, on, check(interview))
            kept[id(interview)] = entry
            found.extend(entry.problems)
        self.setting, self.kept = setting, kept
        return found


@dataclass(frozen=True)
class _Kept:
    interview: Interview
    depends: tuple[object, ...]
    problems: list[Problem]


def same(one: tuple[object, ...], other: tuple[object, ...]) -> bool:
    """Whether two tuples hold the same objects or equal values (a font's
    code points are found the same object without comparing them one by one)."""
    return len(one) == len(other) and all(a is b or a == b for a, b in zip(one, other, strict=True))
