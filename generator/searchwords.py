"""Words Chinese search must keep whole: unit names and short names,
categories, and the editors' own list (``interviews/words.txt``, one word
per line). The segmenter (jieba) would otherwise cut 「省直机关工委」 into
「省直机关 / 工委」, and a reader searching the short name would find nothing.
"""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog

WORDS_FILE = "words.txt"


def search_words(catalog: Catalog, folder: Path) -> list[str]:
    """Every word to add to the segmenter's dictionary, each once, in a stable order."""
    words: list[str] = []
    for unit in catalog.units:
        words += [unit.name, unit.short_name]
    words += [e.pledge.category for e in catalog.entries]
    path = folder / WORDS_FILE
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        words += [line.split("#", 1)[0].strip() for line in lines]
    return [w for w in dict.fromkeys(words) if w and not w.isspace()]
