"""The content model: units, interviews, pledges and their progress.

Plain typed data, no I/O. Every object remembers the file and the lines it
came from (``path`` and ``lines``) so that the checker can point at them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.content.record import Recorded


class Status(StrEnum):
    """A pledge's status, stored as a stable English key."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FULFILLED = "fulfilled"
    PARTIAL = "partial"
    DELAYED = "delayed"
    UNFULFILLED = "unfulfilled"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        """The Chinese label shown to readers."""
        return STATUS_INFO[self][0]

    @property
    def meaning(self) -> str:
        """What the status means, in Chinese, for readers and editors."""
        return STATUS_INFO[self][1]

    @property
    def is_final(self) -> bool:
        """A final status ends the pledge: it can no longer be overdue."""
        return self in FINAL_STATUSES

    @property
    def needs_source(self) -> bool:
        """Claims of success or failure must cite where they come from."""
        return self in SOURCED_STATUSES


STATUS_INFO: dict[Status, tuple[str, str]] = {
    Status.NOT_STARTED: ("未启动", "尚未报道任何行动。"),
    Status.IN_PROGRESS: ("推进中", "相关工作正在进行。"),
    Status.FULFILLED: ("已兑现", "按承诺完成，并有公开来源为证。"),
    Status.PARTIAL: ("部分兑现", "完成了一部分，或以缩减的形式完成，并有公开来源为证。"),
    Status.DELAYED: ("滞后", "落后于时限，或工作停滞。"),
    Status.UNFULFILLED: ("未兑现", "时限已过仍未完成，或已放弃，并有公开来源为证。"),
    Status.WITHDRAWN: ("已撤回", "承诺被替代或撤回；页面保留，说明原因并链接后续承诺。"),
}
#: The keys to write in a file, each with its label: for messages and help.
STATUS_KEYS = "、".join(f"{s.value}（{s.label}）" for s in Status)

FINAL_STATUSES = frozenset({Status.FULFILLED, Status.PARTIAL, Status.UNFULFILLED, Status.WITHDRAWN})
SOURCED_STATUSES = frozenset({Status.FULFILLED, Status.PARTIAL, Status.UNFULFILLED})


@dataclass
class Located:
    """Where an object was written: a file relative to the site, its place in
    the file's fields (``where``, e.g. ``pledges[2].progress[1]``) and the
    line of each of its fields (``lines[""]`` is the object itself)."""

    path: str = field(default="", kw_only=True, compare=False, repr=False)
    where: str = field(default="", kw_only=True, compare=False, repr=False)
    lines: dict[str, int] = field(default_factory=dict, kw_only=True, compare=False, repr=False)
    #: The fields that could not be read (their problems are reported): the
    #: rules leave them alone, and the site is built without the object.
    unread: frozenset[str] = field(default=frozenset(), kw_only=True, compare=False, repr=False)

    @property
    def complete(self) -> bool:
        """Every field was read as written."""
        return not self.unread

    def field(self, name: str) -> str:
        """The full name of field ``name`` of this object, for problems."""
        return f"{self.where}.{name}" if self.where else name

    def line_of(self, name: str = "") -> int:
        """The line of field ``name``, else of the object, else 1."""
        return self.lines.get(name) or self.lines.get("") or 1


@dataclass
class Unit(Located):
    """A department whose head is interviewed."""

    id: str
    name: str
    short_name: str


@dataclass
class Interviewee(Located):
    name: str
    position: str


@dataclass
class Photo(Located):
    caption: str
    src: str | None = None
    #: Who took it, as the paper credits it: 「通讯员 王涛 摄」.
    credit: str | None = None


@dataclass
class Source(Located):
    """Where an update's claim can be checked: a web page or a document."""

    title: str
    url: str | None = None
    doc_no: str | None = None


@dataclass
class Target(Located):
    """A quantity the pledge names, e.g. 44 个支部."""

    value: int | float
    unit: str


@dataclass
class Update(Located):
    """One dated entry of a pledge's progress."""

    date: dt.date
    status: Status
    note: str
    value: int | float | None = None
    sources: list[Source] = field(default_factory=list)


#: The fields of a pledge a correction may change, as ``corrections`` name them.
CORRECTABLE = ("text", "quote", "category", "deadline", "target", "progress")


@dataclass
class Correction(Located):
    """A dated, explained change to a published pledge (更正)."""

    date: dt.date
    note: str
    #: The fields it changed (of :data:`CORRECTABLE`).
    fields: list[str] = field(default_factory=list)


@dataclass
class Pledge(Located):
    """A public commitment made in an interview."""

    id: str
    text: str
    quote: str
    category: str
    deadline: dt.date
    target: Target | None = None
    deadline_note: str | None = None
    #: The pledge that replaces this one, when it is withdrawn.
    successor: str | None = None
    progress: list[Update] = field(default_factory=list)
    #: Changes made since it was published, oldest first.
    corrections: list[Correction] = field(default_factory=list)

    @property
    def status(self) -> Status:
        """The status of the latest update, or not started."""
        return self.progress[-1].status if self.progress else Status.NOT_STARTED

    @property
    def withdrawal(self) -> Update | None:
        """The update that withdrew the pledge (its note says why), if any."""
        return self.progress[-1] if self.status is Status.WITHDRAWN else None

    @property
    def latest(self) -> Update | None:
        return self.progress[-1] if self.progress else None

    @property
    def value(self) -> int | float | None:
        """The latest value reported toward the target, if any."""
        for update in reversed(self.progress):
            if update.value is not None:
                return update.value
        return None

    @property
    def share(self) -> float | None:
        """Progress toward the target as a fraction in [0, 1], if measurable."""
        if self.target is None or self.value is None or self.target.value <= 0:
            return None
        return max(0.0, min(1.0, self.value / self.target.value))

    def is_overdue(self, as_of: dt.date) -> bool:
        """Past its deadline on ``as_of`` without a final status."""
        return self.deadline < as_of and not self.status.is_final


@dataclass
class Interview(Located):
    """One published interview and the pledges made in it."""

    slug: str
    title: str
    issue: int
    date: dt.date
    outlet: str
    unit: str
    interviewee: Interviewee
    body: str
    body_line: int
    subtitle: str | None = None
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    interns: list[str] = field(default_factory=list)
    photo: Photo | None = None
    summary: str | None = None
    #: Former slugs: their URLs redirect to this interview.
    aliases: list[str] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)


@dataclass
class Published(Located):
    """A line of the ledger: a pledge id once published, and the file it
    was in when it was last published."""

    id: str
    file: str


@dataclass
class Corpus:
    """Everything the site is built from."""

    units: dict[str, Unit] = field(default_factory=dict)
    interviews: list[Interview] = field(default_factory=list)
    #: The ledger of published pledge ids (none if there is no ledger yet).
    published: list[Published] = field(default_factory=list)
    #: What each published pledge was when last published, by id (none
    #: before the first record).
    record: dict[str, Recorded] = field(default_factory=dict)
    #: The interview files whose pledges could not be read at all (not
    #: UTF-8, not YAML, no list of pledges): their ledger ids are not
    #: reported missing, their own problem is.
    unread_files: set[str] = field(default_factory=set)

    def pledges(self) -> list[tuple[Interview, Pledge]]:
        """Every pledge with the interview it was made in, in file order."""
        return [(i, p) for i in self.interviews for p in i.pledges]

    def usable(self) -> Corpus:
        """The corpus a site is built from: without the units, interviews,
        pledges and updates that could not be read in full (itself when
        every one was)."""
        if all(u.complete for u in self.units.values()) and all(map(_usable, self.interviews)):
            return self
        return replace(
            self,
            units={key: unit for key, unit in self.units.items() if unit.complete},
            interviews=[
                replace(
                    i,
                    pledges=[
                        replace(p, progress=[u for u in p.progress if u.complete]) for p in i.pledges if p.complete
                    ],
                )
                for i in self.interviews
                if i.complete
            ],
        )


def _usable(interview: Interview) -> bool:
    return interview.complete and all(p.complete and all(u.complete for u in p.progress) for p in interview.pledges)
