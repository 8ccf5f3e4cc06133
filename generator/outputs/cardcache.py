"""Drawing many share cards, each once: a cache named by a hash of
everything that makes up a card (its fields, the fonts' bytes,
the fingerprint of the drawing code, and the versions of Pillow and of the
libraries that shape, rasterise and compress), and a pool of worker processes for
the cards not drawn before.

Workers are spawned, so a program that calls :func:`card_steps` must guard
its entry point with ``if __name__ == "__main__"`` (console scripts do).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Generator, Sequence
from dataclasses import asdict, dataclass
from functools import cache, partial
from itertools import repeat
from pathlib import Path

import PIL
from PIL import features

from generator.content.fingerprint import fingerprint
from generator.content.steps import Steps
from generator.content.workers import in_workers
from generator.outputs.cards import Card, draw, layout_engine, require_card_glyphs
from generator.outputs.publishing import within
from generator.text.glyphs import CardError

#: The module that draws a card: its fingerprint is part of every key.
DRAWING = "generator.outputs.cards"


@dataclass(frozen=True)
class CardStats:
    """What :func:`card_steps` did: cards drawn and cards copied from the cache."""

    drawn: int
    cached: int


@cache
def _engine() -> dict[str, str | None]:
    """Versions of everything that changes the bytes of a drawn card."""
    libraries = ("freetype2", "raqm", "harfbuzz", "fribidi", "zlib", "zlib_ng")
    versions = {name: features.version(name) for name in libraries}
    return {"pillow": PIL.__version__, "layout": layout_engine().name, **versions}


def font_digest(path: Path) -> str:
    """The SHA-256 of a font file's bytes."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise CardError(f"无法读取字体 {path}（{error}）。") from error
    return digest.hexdigest()


def cache_key(card: Card, font_digests: Sequence[str]) -> str:
    """The name of ``card`` in the cache: a hash of its fields, the fonts
    (their digests, the main font first), the renderer and its libraries."""
    inputs = {
        "card": asdict(card),
        "fonts": list(font_digests),
        "renderer": fingerprint(DRAWING),
        "engine": _engine(),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write atomically: readers see the old file or the new, never half.
    Readable by all, like every file of the site (a web server must read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _place(cached: Path, path: Path) -> None:
    """Put a cached card at ``path``: a hard link where the file system
    allows it (no copy of thousands of images on every build), else a copy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if _same_file(cached, path):
        return  # there already (renaming a link over its own file would leave the link)
    link = path.with_name(f".{path.name}.link")
    try:
        link.unlink(missing_ok=True)
        os.chmod(cached, 0o644)
        os.link(cached, link)
        os.replace(link, path)
    except OSError:
        link.unlink(missing_ok=True)
        _write(path, cached.read_bytes())


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samestat(one.stat(), other.stat())
    except OSError:
        return False


#: Cards handed to a worker at a time: a few tenths of a second of work,
#: so that stopping the drawing (:func:`card_steps`) waits for little.
CARDS_PER_CHUNK = 40


def _draw_all(
    cards: Sequence[Card], font: Path, fallbacks: Sequence[Path], workers: int | None
) -> Generator[tuple[Card, bytes], None, None]:
    """Draw ``cards``: inline when there are few, else in worker processes
    (closed early, those not begun are dropped)."""
    drawing = partial(draw, font=font, fallbacks=tuple(fallbacks))
    with contextlib.closing(in_workers(drawing, cards, workers, chunk=CARDS_PER_CHUNK)) as drawn:
        yield from zip(cards, drawn, strict=True)


def card_steps(
    cards: Sequence[Card],
    font: Path,
    cache_dir: Path,
    out_dir: Path,
    *,
    fallbacks: Sequence[Path] = (),
    workers: int | None = None,
    kept: Callable[[str, Path], bool] | None = None,
) -> Steps[CardStats]:
    """Write every card to ``out_dir / card.path``: taken from ``cache_dir``
    when drawn before with the same inputs, else drawn (on ``workers``
    processes, all cores by default) and kept in the cache. A card for
    which ``kept(path, cached)`` is true is not written (the published site
    has it already). In steps, a yield after each card drawn or written
    (:func:`~generator.content.steps.run_through` runs them all): stopped
    there, the cards drawn so far are in the cache, the workers' cards not
    begun are dropped."""
    digests = [font_digest(path) for path in (font, *fallbacks)]
    keys = {card: cache_key(card, digests) for card in cards}
    targets = [within(out_dir, card.path) for card in cards]
    missing = [card for card in dict.fromkeys(cards) if not (cache_dir / f"{keys[card]}.png").is_file()]
    problems = [str(error) for error in map(_problem, missing, repeat(font), repeat(fallbacks)) if error]
    if problems:  # all of them at once, before drawing any
        raise CardError("\n".join(problems))
    with contextlib.closing(_draw_all(missing, font, fallbacks, workers)) as drawn:
        for card, png in drawn:
            _write(cache_dir / f"{keys[card]}.png", png)
            yield
    for card, target in zip(cards, targets, strict=True):
        cached = cache_dir / f"{keys[card]}.png"
        if kept is None or not kept(card.path, cached):
            _place(cached, target)
            yield
    return CardStats(drawn=len(missing), cached=len(cards) - len(missing))


def _problem(card: Card, font: Path, fallbacks: Sequence[Path]) -> CardError | None:
    """Why ``card`` cannot be drawn, if it cannot."""
    try:
        require_card_glyphs(card, font, fallbacks)
    except CardError as error:
        return error
    return None
