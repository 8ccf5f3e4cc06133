"""How the commands write into the site folder: whole files or nothing,
and never through a link that leaves the site."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.content.links import Bounds
from generator.editors.sitefolder import Site, SiteError


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, line ends as they are) to ``path`` so that it
    holds either its old or its new text, never a part (disk full, crash)."""
    target = path.resolve()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(text.encode("utf-8"))
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_links_out(site: Site, folder: Path) -> None:
    """Stop before writing into ``folder`` when it is a link that leaves the
    site folder: what the commands write stays in the repository."""
    refusal = Bounds(site.interviews, site.folder).refusal(folder) if folder.exists() else None
    if refusal is not None:
        raise SiteError(f"没有写入：{refusal}")
