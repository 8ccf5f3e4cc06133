"""Symbolic links among the files the site reads.

A link whose target leaves the site folder (the folder of mkdocs.yml) is
refused: what it points to is not part of the repository and must not land
on a page or in the search index. A link that stays inside the site folder
is followed, for files and folders alike, but nothing is read twice: a link
to a file or folder already read is reported, and so are link loops.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.problems import Problem

FIELD = "文件"
NOT_REGULAR = "这不是普通文件（可能是管道或设备），不会读取：请换成普通的文本文件。"
LOOP = "这是一个符号链接，它最终指回了自己（循环链接），无法读取：请删除这个链接。"


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


@dataclass
class Found:
    """What a walk found: the files to read, in a stable order, and the
    links and entries it refused."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Bounds:
    """The folders a site may read from: the site folder ``base`` and, when
    mkdocs.yml names a ``folder`` outside it, that folder (a choice of the
    configuration, not a link)."""

    def __init__(self, folder: Path, base: Path) -> None:
        self.folder, self.base = folder, base
        self.real_base = os.path.realpath(base)
        self.roots = [self.real_base]
        if not _inside(os.path.abspath(folder), os.path.abspath(base)):
            self.roots.append(os.path.realpath(folder))
        self.where = self.rel(folder).rstrip("/") + "/"

    def rel(self, path: Path) -> str:
        """``path`` as problems name it: relative to the site folder."""
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.base)).as_posix()
        except ValueError:
            return path.as_posix()

    def _shown(self, real: str) -> str:
        return Path(os.path.relpath(real, self.real_base)).as_posix() if _inside(real, self.real_base) else real

    def refusal(self, path: Path) -> Problem | None:
        """Why the link ``path`` is not followed (``None``: it is not a link,
        or it stays in the site folder and its target exists)."""
        real = os.path.realpath(path)
        kind = "文件夹" if path.is_dir() else "文件"
        if not any(_inside(real, root) for root in self.roots):
            message = f"这是一个符号链接，指向网站文件夹以外的「{real}」，不会发布：请把{kind}本身放进 {self.where}。"
            return Problem(self.rel(path), 1, FIELD, message)
        if not path.is_symlink():
            return None
        try:
            os.stat(path)
        except OSError as error:
            if error.errno == errno.ELOOP:
                return Problem(self.rel(path), 1, FIELD, LOOP)
            message = f"这是一个符号链接，指向的「{self._shown(real)}」不存在：请删除这个链接，或把{kind}本身放进 {self.where}。"
            return Problem(self.rel(path), 1, FIELD, message)
        return None

    def walk(self, suffix: str, twice: bool = False) -> Found:
        """Every file under the folder whose name ends with ``suffix``; a
        link to what was read already is a problem unless ``twice``."""
        found = Found()
        top = self.refusal(self.folder)
        if top is not None or not self.folder.is_dir():
            found.problems += [top] if top else []
            return found
        walk = _Walk(self, suffix, found, twice)
        walk.run()
        found.files = walk.files()
        return found


class _Walk:
    """One walk: the real folders first, then the linked ones, each once."""

    def __init__(self, bounds: Bounds, suffix: str, found: Found, twice: bool) -> None:
        self.bounds, self.suffix, self.found, self.twice = bounds, suffix, found, twice
        self.seen_dirs = {os.path.realpath(bounds.folder): bounds.folder}
        self.links: list[Path] = []
        #: Each file read, by its real path: the path it is read as, and
        #: whether that path goes through a link.
        self.read: list[tuple[bool, Path, str]] = []

    def run(self) -> None:
        queue = [(self.bounds.folder, os.path.realpath(self.bounds.folder), False)]
        while queue or self.links:
            while queue:
                queue.extend(self._scan(*queue.pop()))
            links, self.links = sorted(self.links), []
            queue.extend(self._follow(links))

    def _follow(self, links: list[Path]) -> Iterator[tuple[Path, str, bool]]:
        for link in links:
            real = os.path.realpath(link)
            first = self.seen_dirs.setdefault(real, link)
            if first is not link:
                if self.twice:
                    continue
                message = f"这是一个符号链接，指向的文件夹「{self.bounds.rel(first)}」已经读过：请删除这个链接。"
                self.found.problems.append(Problem(self.bounds.rel(link), 1, FIELD, message))
                continue
            yield link, real, True

    def _scan(self, folder: Path, real: str, linked: bool) -> Iterator[tuple[Path, str, bool]]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            message = f"无法读取这个文件夹（{error.strerror}）。"
            self.found.problems.append(Problem(self.bounds.rel(folder), 1, FIELD, message))
            return
        for entry in entries:
            path = folder / entry.name
            if entry.is_symlink():
                self._link(path)
            elif entry.is_dir(follow_symlinks=False):
                sub = os.path.join(real, entry.name)
                if self.seen_dirs.setdefault(sub, path) is path:
                    yield path, sub, linked
            elif entry.name.endswith(self.suffix):
                self._file(path, entry.is_file(follow_symlinks=False), linked, os.path.join(real, entry.name))

    def _link(self, path: Path) -> None:
        problem = self.bounds.refusal(path)
        if problem is not None:
            self.found.problems.append(problem)
        elif path.is_dir():
            self.links.append(path)
        elif path.name.endswith(self.suffix):
            self._file(path, path.is_file(), True, os.path.realpath(path))

    def _file(self, path: Path, regular: bool, linked: bool, real: str) -> None:
        if not regular:
            self.found.problems.append(Problem(self.bounds.rel(path), 1, FIELD, NOT_REGULAR))
            return
        self.read.append((linked or path.is_symlink(), path, real))

    def files(self) -> list[Path]:
        """The files found, each real file once (a path without links first)."""
        order = sorted(self.read, key=lambda r: (r[0], self.bounds.rel(r[1])))
        first: dict[str, Path] = {}
        for _, path, real in order:
            kept = first.setdefault(real, path)
            if kept is not path and not self.twice:
                message = f"这是一个符号链接，指向的文件已经作为「{self.bounds.rel(kept)}」读过：请删除这个链接。"
                self.found.problems.append(Problem(self.bounds.rel(path), 1, FIELD, message))
        return sorted(first.values(), key=lambda p: p.relative_to(self.bounds.folder).as_posix())
