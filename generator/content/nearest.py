"""The passage of an article nearest to a quote that is not in it, and the
first character where they differ: what an editor needs to mend the quote.

The work is bounded so that a check stays linear in the body's length:
paragraphs are ranked by the two-character pieces they share with the quote
(one pass over each), the quote is placed in the best paragraph by its
longest prefix or suffix found there (a few substring searches), and only a
window the quote's size is aligned character by character.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import Match

#: Only this much of a quote is aligned: quotes are a sentence or two.
MAX_QUOTE = 200
#: How far a passage may be longer than the quote (characters it lacks).
SLACK = 40
#: The marks that end a clause.
_ENDS = frozenset("。！？；：，、,.;:!? ")


@dataclass(frozen=True)
class Nearest:
    """The passage of paragraph ``index`` nearest to the quote; where the
    first difference is (``at``: its index in the quote) and the two
    characters there (``""``: none, the text ends)."""

    index: int
    passage: str
    at: int
    in_quote: str
    in_body: str


def nearest(paragraphs: Sequence[str], quote: str) -> Nearest | None:
    """The passage of ``paragraphs`` nearest to ``quote``, or ``None`` when
    no paragraph shares two characters in a row with it."""
    quote = quote[:MAX_QUOTE]
    pieces = _bigrams(quote)
    if not pieces:
        return None
    scores = [len(pieces & _bigrams(text)) if text else 0 for text in paragraphs]
    best = max(range(len(paragraphs)), key=scores.__getitem__, default=-1)
    if best < 0 or scores[best] == 0:
        return None
    text = paragraphs[best]
    start = _anchor(text, quote)
    window = text[start : start + len(quote) + SLACK]
    return _align(best, window, quote)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _anchor(text: str, quote: str) -> int:
    """Where in ``text`` the quote's passage starts, about: after its
    longest prefix found there, else before its longest suffix."""
    prefix = _longest(lambda n: quote[:n] in text, len(quote))
    if prefix >= 2:
        return text.find(quote[:prefix])
    suffix = _longest(lambda n: quote[len(quote) - n :] in text, len(quote))
    if suffix >= 2:
        return max(0, text.find(quote[len(quote) - suffix :]) + suffix - len(quote) - SLACK // 2)
    return 0


def _longest(found: Callable[[int], bool], most: int) -> int:
    """The largest ``n <= most`` with ``found(n)`` (which holds for all
    smaller ``n`` when it holds for ``n``), by bisection."""
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if found(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _align(index: int, window: str, quote: str) -> Nearest | None:
    """The passage of ``window`` that lines up with ``quote``: from the body
    character facing the quote's first one to the one facing its last."""
    matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
    run = _closest_run([block for block in matcher.get_matching_blocks() if block.size], len(quote))
    if run is None:
        return None
    changes, first, last = run
    begin = max(0, first.b - first.a)
    end = min(len(window), last.b + len(quote) - last.a)
    # A quote with a word too many is not mended by the mark ending the clause before.
    while begin < first.b and window[begin] in _ENDS:
        begin += 1
    while end > last.b + last.size and window[end - 1] in _ENDS:
        end -= 1
    begin, end = _same_length(window, quote, (begin, end), changes)
    passage = window[begin:end]
    at = next(
        (i for i, (mine, theirs) in enumerate(zip(quote, passage, strict=False)) if mine != theirs),
        min(len(quote), len(passage)),
    )
    in_quote = quote[at] if at < len(quote) else ""
    in_body = passage[at] if at < len(passage) else ""
    return Nearest(index, passage, at, in_quote, in_body)


def _same_length(window: str, quote: str, span: tuple[int, int], changes: int) -> tuple[int, int]:
    """The passage the quote's length at either end of ``span`` when it has
    no more characters to change than ``span`` has: a repeated character is
    matched at its first place, which can make a quote with a character
    changed look like one with a character too many."""
    starts = {begin for begin in (span[0], span[1] - len(quote)) if 0 <= begin <= len(window) - len(quote)}
    differing = {begin: sum(a != b for a, b in zip(window[begin:], quote, strict=False)) for begin in starts}
    best = min(sorted(differing), key=differing.__getitem__, default=None)
    if best is None or differing[best] > changes:
        return span
    return best, best + len(quote)


def _closest_run(blocks: list[Match], quote: int) -> tuple[int, Match, Match] | None:
    """The consecutive matching blocks that leave the fewest characters to
    change, with that count (an edit distance's upper bound): a character
    matched far from the others (a quote of repeated characters) must not
    stretch the passage to it."""
    if not blocks:
        return None
    # Between two blocks, the longer side's characters are the ones to change.
    gaps = [0]
    for before, after in itertools.pairwise(blocks):
        gaps.append(gaps[-1] + max(after.a - before.a - before.size, after.b - before.b - before.size))

    # The count splits into a part of the first block and one of the last: one pass
    # keeps the best first block so far; on a tie, the longer run.
    best_first, best = 0, None
    for last, block in enumerate(blocks):
        if block.a - gaps[last] < blocks[best_first].a - gaps[best_first]:
            best_first = last
        changes = blocks[best_first].a - gaps[best_first] + gaps[last] + quote - block.a - block.size
        if best is None or changes <= best[0]:
            best = (changes, blocks[best_first], block)
    return best


def look_alike(first: str, second: str) -> bool:
    """Whether two characters are easily taken for one another: the same
    after width folding (「，」 and 「,」), or both punctuation or spaces."""
    if not first or not second:
        return False
    if unicodedata.normalize("NFKC", first) == unicodedata.normalize("NFKC", second):
        return True
    return all(unicodedata.category(char)[0] in "PZ" or char.isspace() for char in (first, second))
