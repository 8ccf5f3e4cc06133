"""Words Chinese search must keep whole: unit names and short names,
categories, the status labels and 「已逾期」, and the editors' own list
(``interviews/words.txt``, one word per line). The segmenter (jieba) would
otherwise cut 「已兑现」 into 「已 / 兑现」, and a reader searching it would
find every page with a word starting with 「已」. The parts of a whole word
(「工委」 in 「省直机关工委」) are indexed too: see
:mod:`generator.outputs.searchindex`.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.load import WORDS_FILE
from generator.content.model import Status
from generator.views.catalog import Catalog

#: What a pledge page says of a pledge past its deadline.
OVERDUE_WORD = "已逾期"


def search_words(catalog: Catalog, folder: Path) -> list[str]:
    """Every word to add to the segmenter's dictionary, each once, in a stable order."""
    words: list[str] = []
    for unit in catalog.units:
        words += [unit.name, unit.short_name]
    words += [e.pledge.category for e in catalog.entries]
    words += [s.label for s in Status] + [OVERDUE_WORD]
    path = folder / WORDS_FILE
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        words += [line.split("#", 1)[0].strip() for line in lines]
    return [w for w in dict.fromkeys(words) if w and not w.isspace()]
