"""The files the site holds besides its pages: badges, QR codes, embeds,
redirects of old interview URLs. Engine-neutral: templated files are
described here and rendered by the plugin with the theme's templates.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno

from . import urls
from .badges import badge_svg
from .catalog import Catalog
from .site import Settings


@dataclass(frozen=True)
class Templated:
    """A file rendered from ``template`` with ``context``, written at ``path``."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def badge_files(catalog: Catalog, settings: Settings) -> dict[str, bytes]:
    """``badges/<id>.svg`` for every pledge."""
    return {urls.badge(e.id): badge_svg(e).encode() for e in catalog.entries}


def qr_svg(url: str, title: str) -> bytes:
    """A QR code of ``url`` as a small SVG, dark on white, with a quiet zone."""
    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, xmldecl=False, title=title, dark="#1f2328", light="#fff", nl=False)
    return out.getvalue()


def qr_files(catalog: Catalog, settings: Settings) -> dict[str, bytes]:
    """``pledges/<id>/qr.svg``: the permanent URL of every pledge, for print."""
    return {
        urls.qr_code(e.id): qr_svg(settings.url(urls.pledge(e.id)), f"扫码查看承诺进展：{e.pledge.text}")
        for e in catalog.entries
    }


def embeds(catalog: Catalog, settings: Settings) -> list[Templated]:
    """``embed/pledges/<id>/``: a tiny page for news sites' iframes."""
    return [
        Templated(
            urls.embed(e.id) + "index.html", "jn-embed.html", {"entry": e, "url": settings.url(urls.pledge(e.id))}
        )
        for e in catalog.entries
    ]


def redirects(catalog: Catalog, settings: Settings) -> list[Templated]:
    """A page at every former interview URL that sends readers to the new one."""
    return [
        Templated(
            urls.interview(alias) + "index.html",
            "jn-redirect.html",
            {"title": i.title, "url": settings.url(urls.interview(i.slug))},
        )
        for i in catalog.interviews
        for alias in i.aliases
    ]


def write_files(site_dir: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``site_dir``; a path that would land outside it
    is a bug, never written."""
    root = site_dir.resolve()
    for rel, data in sorted(files.items()):
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"refusing to write outside the site: {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
