"""Publishing a build atomically: the site is built in a folder beside it
and replaces it only when the build succeeded, so that a failed build never
leaves a half-written site where readers (or a deploy step) would see it."""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path


class Staging:
    """The folder a build of ``site`` is written to before it replaces it."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.folder = site.with_name(site.name + ".building")
        self._old = site.with_name(site.name + ".old")

    def begin(self, keep: bool = False) -> Path:
        """The staging folder: empty, or with ``keep`` a copy of the site
        (times kept, so that a ``--dirty`` build rebuilds only what changed;
        a copy, not hard links: MkDocs rewrites files in place). What a
        crashed build left is removed first."""
        if self._old.exists() and not self.site.exists():
            os.replace(self._old, self.site)  # interrupted between the two renames of commit()
        shutil.rmtree(self.folder, ignore_errors=True)
        if keep and self.site.is_dir():
            shutil.copytree(self.site, self.folder, symlinks=True)
        else:
            self.folder.mkdir(parents=True)
        return self.folder

    def commit(self) -> None:
        """Put the staged build in place of the site."""
        shutil.rmtree(self._old, ignore_errors=True)
        if self.site.exists():
            os.replace(self.site, self._old)
        os.replace(self.folder, self.site)
        shutil.rmtree(self._old, ignore_errors=True)

    def abort(self) -> None:
        """Forget the staged build; the site stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)


def within(site_dir: Path, rel: str) -> Path:
    """Where the site file ``rel`` goes; a path that would land outside
    ``site_dir`` is a bug (the checker refuses such names) and is refused."""
    clean = posixpath.normpath(rel)
    if clean.startswith(("/", "../")) or clean == ".." or "\\" in rel:
        raise ValueError(f"refusing to write outside the site: {rel}")
    return site_dir / clean
