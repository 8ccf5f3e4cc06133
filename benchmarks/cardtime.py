"""``card_ms``: how long one share card takes, drawing and encoding, on one core.

The cold build (``run.py --timed-build``) keeps the cards it was given and
their font in a pickle beside its timings (:func:`keep_cards`); the figure
is measured on an even sample of them (pledges, interviews and units in
their proportions), in this process, by ``benchmarks/cards.py``'s
``card_ms(cards, font)``.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cards import card_ms as measured

#: Cards measured at most: 45 ms each today, a quarter of a minute.
SAMPLE = 300


def keep_cards(module: Any, pickle_path: Path) -> None:
    """Make ``module.draw_cards(cards, font, …)`` (the plugin's) also keep its
    cards and font; nothing if the plugin has no such function (then
    ``card_ms`` is not measured, the build is not disturbed)."""
    original: Callable[..., Any] | None = getattr(module, "draw_cards", None)
    if original is None:
        return

    @functools.wraps(original)
    def keeping(*args: Any, **kwargs: Any) -> Any:
        cards = args[0] if args else kwargs.get("cards")
        font = args[1] if len(args) > 1 else kwargs.get("font")
        if cards is not None and isinstance(font, Path):
            pickle_path.write_bytes(pickle.dumps((list(cards), font)))
        return original(*args, **kwargs)

    module.draw_cards = keeping


def sample(cards: Sequence[Any], size: int = SAMPLE) -> list[Any]:
    """``size`` cards evenly spread over ``cards`` (all of them if fewer)."""
    if len(cards) <= size:
        return list(cards)
    return [cards[i * len(cards) // size] for i in range(size)]


def card_ms(pickle_path: Path) -> tuple[float, str]:
    """``card_ms`` for the cards kept in ``pickle_path``, and what measured it."""
    cards, font = pickle.loads(pickle_path.read_bytes())
    if not cards:
        return 0.0, "no cards"
    chosen = sample(cards)
    return round(float(measured(chosen, font)), 2), "benchmarks/cards.py"
