"""How long a share card takes: drawing and encoding, on one core, without
the cache. ``card_ms`` is what the benchmark reports; run this file to
time the bundled site's cards and some 200 synthetic ones.

    python benchmarks/cards.py [--synthetic N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(path) for path in (HERE, ROOT) if str(path) not in sys.path]  # run as a script

from generator.content.check import load_and_check  # noqa: E402
from generator.outputs import sitefiles  # noqa: E402
from generator.outputs.cards import Card, draw  # noqa: E402
from generator.text.glyphs import DEFAULT_FONT  # noqa: E402
from generator.views.catalog import Catalog  # noqa: E402
from generator.views.siteview import Settings  # noqa: E402

#: The bundled site's settings, as in mkdocs.yml.
BUNDLED = Settings(
    "践诺｜决胜攻坚·向人民报告", "https://jiannuo.example.org/", "决胜攻坚·向人民报告", "", "", demo=True
)


def card_ms(cards: Sequence[Card], font: Path, warm: bool = True) -> float:
    """The median milliseconds to draw and encode one of ``cards`` in this
    process, without the card cache, in the process's CPU time (one core's
    work, the same on a busy machine).

    ``warm``: every card is drawn once before, untimed, so that each glyph
    is rasterised already, as in a build's worker after its first cards (it
    draws thousands; rasterising its few thousand glyphs adds a fraction of
    a millisecond a card). Else only the first card is, so that loading the
    font is not counted, and glyphs first seen count in their card's time."""
    if not cards:
        return 0.0
    for card in cards if warm else cards[:1]:
        draw(card, font)
    times = []
    for card in cards:
        start = time.process_time()
        draw(card, font)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def site_cards(interviews: Path, as_of: dt.date, settings: Settings = BUNDLED) -> list[Card]:
    """The share cards of the site whose interviews are in ``interviews``."""
    corpus, problems = load_and_check(interviews, interviews.parent, as_of)
    if problems:
        raise SystemExit(f"{interviews}: {problems[0]}")
    return sitefiles.cards(Catalog(corpus, as_of), settings)


def bundled_cards() -> list[Card]:
    """The bundled site's cards (its interviews, as of its mkdocs.yml)."""
    return site_cards(ROOT / "interviews", dt.date(2020, 12, 31))


def synthetic_cards(count: int = 200) -> list[Card]:
    """About ``count`` cards of a synthetic site (benchmarks/corpus.py):
    pledges of every status, interviews and units."""
    import corpus

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "site"
        corpus.write_site(max(1, count // 11), folder)
        return site_cards(folder / "interviews", corpus.AS_OF)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description="Time drawing share cards (one core, no cache).")
    parser.add_argument("--synthetic", type=int, default=200, help="how many synthetic cards")
    args = parser.parse_args()
    for name, cards in [("bundled", bundled_cards()), ("synthetic", synthetic_cards(args.synthetic))]:
        cold = card_ms(cards, DEFAULT_FONT, warm=False)  # glyphs new to this process count
        print(f"card_ms {name} ({len(cards)} cards): {card_ms(cards, DEFAULT_FONT):.1f} ({cold:.1f} as drawn first)")


if __name__ == "__main__":
    main()
