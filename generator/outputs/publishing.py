"""Publishing a build safely and sparingly: the site is built in a folder
beside it, and only when the build succeeded are the files whose bytes
changed moved into ``site/`` and the files no longer built removed from it.
A failed build never leaves a half-written site where readers (or a deploy
step) would see it, and a file that did not change keeps its modification
time and inode, so that a deploy tool (rsync, an object-storage sync) sends
only what changed."""

from __future__ import annotations

import hashlib
import os
import posixpath
import shutil
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from generator.content.steps import Steps, run_through
from generator.outputs.manifest import MANIFEST, Manifest, file_digest, stamp


class Published(NamedTuple):
    """What publishing did to ``site/``: files written (new or changed),
    removed, and left as they were."""

    written: int
    removed: int
    kept: int


class Tree(NamedTuple):
    """The files (anything but a folder: symbolic links too) and the folders
    under a root, as paths relative to it."""

    files: set[str]
    folders: set[str]


class Staging:
    """The folder a build of ``site`` is written to before it is published.

    ``cache`` is the plugin's cache folder, where the manifest of ``site`` is
    kept (:mod:`generator.outputs.manifest`); without one, each file of the
    site is read to be compared."""

    def __init__(self, site: Path, cache: Path | None = None) -> None:
        self.site = site
        self.folder = site.with_name(site.name + ".building")
        self.manifest = cache / MANIFEST if cache is not None else None
        #: The site's files this build produced as they are, so not staged.
        self.kept: set[str] = set()
        self._published: Manifest | None = None

    def published(self) -> Manifest:
        """The manifest of the site as last published."""
        if self._published is None:
            self._published = Manifest(self.manifest, self.site)
        return self._published

    def holds(self, rel: str, digest: str) -> bool:
        """Whether the site's file ``rel`` holds the bytes of ``digest``, as
        the manifest knows without reading it (untouched since published)."""
        seen = self.published().known.get(rel)
        if seen is None or seen[1] != digest:
            return False
        status = _status(self.site / rel)
        return status is not None and stat.S_ISREG(status.st_mode) and stamp(status) == seen[0]

    def holds_link(self, rel: str, source: Path) -> bool:
        """Whether the site's file ``rel`` is ``source`` itself (a hard link
        to it: a share card from the cache); if so, publishing keeps it."""
        ours, theirs = _status(self.site / rel), _status(source)
        if ours is None or theirs is None or (ours.st_dev, ours.st_ino) != (theirs.st_dev, theirs.st_ino):
            return False
        self.keep(rel)
        return True

    def keep(self, rel: str) -> None:
        """The build produced the site's file ``rel`` as it is: publishing keeps it."""
        self.kept.add(rel)

    def write(self, files: Mapping[str, bytes]) -> None:
        """Stage ``files``, but keep each the site holds already (:meth:`holds`),
        one at a time (``files`` may read each from disk when asked: :class:`FilesOnDisk`)."""
        made: set[Path] = set()
        for rel, data in files.items():
            if self.holds(rel, hashlib.sha256(data).hexdigest()):
                self.keep(rel)
            else:
                _write_file(self.folder, rel, data, made)

    def begin(self, keep: bool = False) -> Path:
        """The staging folder: empty, or with ``keep`` a copy of the site
        (times kept, so that a ``--dirty`` build rebuilds only what changed;
        a copy, not hard links: MkDocs rewrites files in place). What a
        crashed build left is removed first."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if keep and self.site.is_dir():
            shutil.copytree(self.site, self.folder, symlinks=True)
        else:
            self.folder.mkdir(parents=True)
        return self.folder

    def commit(self) -> Published:
        """Publish the staged build: move into the site the files that
        differ from its own, remove those it no longer has, then record the
        manifest and drop the staging folder.

        Interrupted halfway, the site is part old, part new: the next build
        puts it right, as the manifest (written last) is trusted only for a
        file of the same size, time and inode as it recorded."""
        manifest = self.published()
        if not self.site.is_dir() or self.site.is_symlink():
            return self._first(manifest)
        staged, site = _tree(self.folder), _tree(self.site)
        kept = self._keep(staged, site, manifest)
        removed = _clear_the_way(self.site, staged, site)
        for rel in sorted(staged.folders - site.folders):
            (self.site / rel).mkdir(exist_ok=True)
        written = 0
        for rel in sorted(staged.files):
            written += _publish(rel, self.folder / rel, self.site / rel, rel in site.files, manifest)
        for rel in sorted(site.files - staged.files - staged.folders - kept):  # those became folders: gone already
            if _status(self.site / rel) is not None:
                (self.site / rel).unlink()
                removed += 1
        for rel in sorted(site.folders - staged.folders, reverse=True):  # the deepest first
            if (self.site / rel).is_dir():
                (self.site / rel).rmdir()
        manifest.save()
        shutil.rmtree(self.folder, ignore_errors=True)
        return Published(written, removed, len(staged.files) - written + len(kept))

    def _keep(self, staged: Tree, site: Tree, manifest: Manifest) -> set[str]:
        """The kept files (those staged after all are published as staged),
        recorded as they are; their folders are the build's too."""
        kept = (self.kept & site.files) - staged.files
        for rel in kept:
            status = (self.site / rel).lstat()
            manifest.record(rel, status, manifest.digest(rel, self.site / rel, status))
            parent = posixpath.dirname(rel)
            while parent and parent not in staged.folders:
                staged.folders.add(parent)
                parent = posixpath.dirname(parent)
        return kept

    def _first(self, manifest: Manifest) -> Published:
        """No site yet (or not a folder): the staging folder becomes it."""
        if self.site.is_symlink() or self.site.exists():
            self.site.unlink()
        os.replace(self.folder, self.site)
        files = _tree(self.site).files
        for rel in files:
            path = self.site / rel
            status = path.lstat()
            if stat.S_ISREG(status.st_mode):
                manifest.record(rel, status, file_digest(path))
        manifest.save()
        return Published(len(files), 0, 0)

    def abort(self) -> None:
        """Forget the staged build; the site stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _tree(root: Path) -> Tree:
    """Every file and folder under ``root``; a link to a folder is a file."""
    tree = Tree(set(), set())
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(root / rel if rel else root) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    tree.folders.add(name)
                    pending.append(name)
                else:
                    tree.files.add(name)
    return tree


def _clear_the_way(site_dir: Path, staged: Tree, site: Tree) -> int:
    """Remove what stands where the build has a file of another kind: a
    file where it has a folder, a folder where it has a file. How many
    files that removed."""
    removed = 0
    for rel in sorted(site.files & staged.folders):
        (site_dir / rel).unlink()
        removed += 1
    for rel in sorted(site.folders & staged.files):
        if (site_dir / rel).is_dir():  # not inside a folder removed already
            removed += sum(1 for inside in site.files if inside.startswith(rel + "/"))
            shutil.rmtree(site_dir / rel)
    return removed


def _publish(rel: str, staged: Path, target: Path, present: bool, manifest: Manifest) -> int:
    """Move the staged file ``rel`` in place of the site's, unless they hold
    the same bytes; record it in ``manifest``. 1 if it was written, else 0."""
    status = staged.lstat()
    if not stat.S_ISREG(status.st_mode):  # a link, from a --dirty build's copy of the site
        os.replace(staged, target)
        return 1
    ours = _status(target) if present else None
    if ours is not None and stat.S_ISREG(ours.st_mode):
        if (ours.st_dev, ours.st_ino) == (status.st_dev, status.st_ino):  # a card linked from the cache
            manifest.record(rel, ours, manifest.digest(rel, target, ours))
            return 0
        if ours.st_size == status.st_size:
            digest = file_digest(staged)
            if manifest.digest(rel, target, ours) == digest:
                manifest.record(rel, ours, digest)
                return 0
            os.replace(staged, target)
            manifest.record(rel, status, digest)
            return 1
    os.replace(staged, target)
    manifest.record(rel, status, file_digest(target))
    return 1


def _status(path: Path) -> os.stat_result | None:
    """What ``path`` is (not following a link), if anything is there."""
    try:
        return path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None


def write_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``site_dir``; a path that would land outside it
    is a bug, never written. (The site is written afresh on every build:
    no file is ever half-written where a reader could see it.)"""
    names = sorted(files)
    for rel in names:
        within(site_dir, rel)  # refused before any is written
    made: set[Path] = set()
    for rel in names:
        _write_file(site_dir, rel, files[rel], made)


def _write_file(site_dir: Path, rel: str, data: bytes, made: set[Path]) -> None:
    """Write the site file ``rel``; ``made``: the folders made already."""
    target = within(site_dir, rel)
    if target.parent not in made:
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    target.write_bytes(data)


class FilesOnDisk(Mapping[str, bytes]):
    """Site files by path, each given as its bytes or as the file that holds
    them, read when asked for: a build hands on its reports' PDFs without
    holding them all."""

    def __init__(self, sources: Mapping[str, bytes | Path]) -> None:
        self.sources = dict(sources)

    def __getitem__(self, rel: str) -> bytes:
        source = self.sources[rel]
        return source.read_bytes() if isinstance(source, Path) else source

    def __iter__(self) -> Iterator[str]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)


def write_changed(site_dir: Path, files: Mapping[str, bytes], gone: Iterable[str] = ()) -> int:
    """Write those of ``files`` whose bytes ``site_dir`` does not hold
    already, remove the files ``gone``, and say how many were written (the
    preview's folder, which the browser reads while it changes)."""
    return run_through(changed_writes(site_dir, files, gone))


def changed_writes(site_dir: Path, files: Mapping[str, bytes], gone: Iterable[str] = ()) -> Steps[int]:
    """:func:`write_changed` in steps, a file at a time (comparing 10,000
    files with those on disk takes about a second)."""
    for rel in files:
        within(site_dir, rel)  # refused before any is written
    made: set[Path] = set()
    written = 0
    for rel in sorted(files):
        data = files[rel]
        try:
            same = within(site_dir, rel).read_bytes() == data
        except OSError:
            same = False
        if not same:
            _write_file(site_dir, rel, data, made)
            written += 1
        yield
    for rel in gone:
        within(site_dir, rel).unlink(missing_ok=True)
    return written


def within(site_dir: Path, rel: str) -> Path:
    """Where the site file ``rel`` goes; a path that would land outside
    ``site_dir`` is a bug (the checker refuses such names) and is refused."""
    clean = posixpath.normpath(rel)
    if clean.startswith(("/", "../")) or clean == ".." or "\\" in rel:
        raise ValueError(f"refusing to write outside the site: {rel}")
    return site_dir / clean
