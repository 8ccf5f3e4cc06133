"""The site's search index, cut so that a query loads only what it needs.

The theme's own index is one file holding every page's text; a reader's
browser downloads all of it before the first result (18 MB for a thousand
interviews). Here the index is an inverted one, in small files under
``search/``:

- ``meta.json``: how many pages, which shard files exist, the boosts that
  are not 1 and the separator between words;
- ``shards/g<n>.json``: every word that starts with one of a group of
  characters, with the pages that have it and a score for each (BM25 over
  the page's words, a title weighing more); the words starting with a
  character that has more than :data:`SHARD_LIMIT` bytes of them are cut
  by their next characters into ``shards/<c>-<d>….json`` (code points in
  hex), and the best pages of each prefix cut in ``shards/<c>…-top.json``,
  for a query of that prefix alone;
- ``pages/<n>.json``: the location, title and first words of
  :data:`CHUNK` pages, fetched only for the results shown.

A query (see ``overrides/assets/javascripts/workers/jn-search.js``) loads
the meta, the shards of the characters its words start with and the pages
of its best results. Words of one Chinese character are not indexed (a
query for 「党」 finds the words starting with it), and the words the
segmenter finds inside long words (「工委」 in 「省直机关工委」) are indexed
with less weight, so that part of a unit's name finds it.
"""

from __future__ import annotations

import json
import math
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import jieba

from generator.content.fingerprint import fingerprint
from generator.content.memo import Memo, digest
from generator.views.wordbreak import HAN, TAG

FOLDER = "search"
META = f"{FOLDER}/meta.json"
VERSION = 1
#: The largest shard, in bytes, before it is cut by the words' second character.
SHARD_LIMIT = 16_000
#: The pages a query lists at most (``SHOWN`` in the worker): a query of a
#: prefix whose words were cut into many files gets these from one file.
TOP = 100
#: Pages per file of titles and first words.
CHUNK = 8
#: Characters of a page's text shown under its title in the results.
SNIPPET = 90
#: How much a word in the title counts against the same word in the text.
TITLE_WEIGHT = 3.0
#: How much a word found inside a longer word counts.
PART_WEIGHT = 0.5
#: BM25's saturation and length normalisation.
K1, B = 1.2, 0.75
#: Scores are stored as integers: hundredths.
SCALE = 100
#: Marks between words that the theme's segmented texts carry.
INVISIBLE = re.compile("[\u200b\u2060]")
#: Letters, digits and characters in a row (the worker cuts a query the same way).
WORD = re.compile(r"\w+")


@dataclass
class SearchPage:
    """A page as the search sees it: its words, and what a result shows."""

    location: str
    title: str
    snippet: str
    boost: float = 1.0
    title_words: list[str] = field(default_factory=list)
    text_words: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)


def plain(html: str) -> str:
    """The visible text of ``html``, without the marks between words."""
    return " ".join(INVISIBLE.sub("", unescape(TAG.sub(" ", html))).split())


def words(html: str, separator: re.Pattern[str]) -> list[str]:
    """The words of ``html`` (as segmented, between ``separator``; a
    punctuation mark ends a word too), lower case, leaving out words of one
    character."""
    text = unescape(TAG.sub(" ", html)).replace("\u2060", "").lower()
    return [word for piece in separator.split(text) for word in WORD.findall(piece) if len(word) > 1]


def search_pages(
    docs: Iterable[Mapping[str, Any]], separator: re.Pattern[str], memo: Memo | None = None, salt: str = ""
) -> list[SearchPage]:
    """The pages of the theme's index entries (a page's sections, ``page/#id``,
    are merged into it), sorted by location. A page whose entries are those
    of a page read before is taken from ``memo`` (``salt``: what else its
    words depend on, the segmenter's dictionary)."""
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for doc in docs:
        grouped[str(doc["location"]).partition("#")[0]].append(doc)
    known: dict[str, list[str]] = {}
    code = fingerprint(__name__) if memo is not None else ""
    pages = []
    for location in sorted(grouped):
        entries = grouped[location]
        if memo is None:
            pages.append(_page(location, entries, separator, known))
            continue
        key = digest("page", code, salt, separator.pattern, json.dumps(entries, ensure_ascii=False, sort_keys=True))
        kept = memo.get(key)
        page = pickle.loads(kept) if kept is not None else _page(location, entries, separator, known)
        if kept is None:
            memo.put(key, pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
        pages.append(page)
    return pages


def _page(
    location: str, entries: list[Mapping[str, Any]], separator: re.Pattern[str], known: dict[str, list[str]]
) -> SearchPage:
    """The page at ``location`` of its entries (the page's own first, then its sections)."""
    page = SearchPage(location, plain(entries[0]["title"]), "")
    texts: list[str] = []
    for doc in entries:
        if "#" not in str(doc["location"]):
            page.title = plain(doc["title"])
            page.boost = float(doc.get("boost", 1.0))
            page.title_words = words(doc["title"], separator)
            texts.insert(0, doc["text"])
        else:
            texts.append(doc["text"])
    page.text_words = [w for text in texts for w in words(text, separator)]
    # A pledge's text is its title: the result shows it once.
    page.snippet = plain(" ".join(texts)).removeprefix(page.title).strip()[:SNIPPET]
    page.parts = word_parts([*page.title_words, *page.text_words], known)
    return page


def word_parts(found: list[str], known: dict[str, list[str]]) -> list[str]:
    """The words the segmenter finds inside each Chinese word of three
    characters or more (its search mode), each once, leaving out those
    already among ``found`` (``known``: the parts of each word, as found so far)."""
    present = set(found)
    parts: dict[str, None] = {}
    for word in dict.fromkeys(found):
        if len(word) >= 3 and HAN.fullmatch(word):
            if word not in known:
                known[word] = [p for p in jieba.cut_for_search(word) if len(p) > 1 and p != word]
            parts.update(dict.fromkeys(p for p in known[word] if p not in present))
    return list(parts)


def scores(pages: list[SearchPage]) -> dict[str, dict[int, int]]:
    """Each word's pages and their scores (hundredths, at least 1)."""
    counts = [
        (Counter(page.title_words), Counter(page.text_words) + _weighted(page.parts), len(page.text_words))
        for page in pages
    ]
    frequency: Counter[str] = Counter()
    for title, text, _ in counts:
        frequency.update(title.keys() | text.keys())
    average = max(1.0, sum(length for *_, length in counts) / max(1, len(counts)))
    found: dict[str, dict[int, int]] = defaultdict(dict)
    for number, (title, text, length) in enumerate(counts):
        norm = K1 * (1 - B + B * length / average)
        for word in title.keys() | text.keys():
            df = frequency[word]
            idf = math.log(1 + (len(pages) - df + 0.5) / (df + 0.5))
            tf, tt = text.get(word, 0.0), title.get(word, 0)
            score = tf * (K1 + 1) / (tf + norm) + TITLE_WEIGHT * tt * (K1 + 1) / (tt + K1)
            found[word][number] = max(1, round(idf * score * SCALE))
    return found


def _weighted(parts: list[str]) -> Counter[str]:
    return Counter({part: PART_WEIGHT * count for part, count in Counter(parts).items()})


def postings(pages: dict[int, int]) -> list[int]:
    """A word's pages as ``[page, score, …]``, each page number after the
    first given as the step from the one before (smaller numbers)."""
    flat: list[int] = []
    last = 0
    for number in sorted(pages):
        flat += [number - last, pages[number]]
        last = number
    return flat


def decoded(flat: list[int]) -> Iterator[tuple[int, int]]:
    """A word's pages and scores, from :func:`postings`."""
    number = 0
    for step, score in zip(flat[0::2], flat[1::2], strict=True):
        number += step
        yield number, score


def compact(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON, keys sorted (the same bytes for the same index)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def shard_files(found: dict[str, dict[int, int]]) -> tuple[dict[str, bytes], list[str], dict[str, str]]:
    """The shard files; the groups of first characters whose words share a
    file (``shards/g<n>.json``, up to :data:`SHARD_LIMIT` bytes, in order);
    and how the first characters with more words were cut: for each prefix
    cut, the next characters of its words (a leading space when the prefix
    is itself a word), each prefix in its own file."""
    by_first: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(found):
        by_first[word[0]][word] = postings(found[word])
    files: dict[str, bytes] = {}
    split: dict[str, str] = {}
    groups: list[str] = []
    group: dict[str, list[int]] = {}
    size = 0
    for first, shard in sorted(by_first.items()):
        length = len(compact(shard))
        if length > SHARD_LIMIT:
            _cut(first, shard, files, split)
            continue
        if group and size + length > SHARD_LIMIT:
            files[f"{FOLDER}/shards/g{len(groups) - 1}.json"] = compact(group)
            group, size = {}, 0
        if not group:
            groups.append("")
        groups[-1] += first
        group.update(shard)
        size += length
    if group:
        files[f"{FOLDER}/shards/g{len(groups) - 1}.json"] = compact(group)
    return files, groups, split


def _best(shard: dict[str, list[int]]) -> dict[int, int]:
    """The :data:`TOP` best pages of the words of ``shard``, each with the
    score of its best word: what a query of the shard's prefix alone lists."""
    pages: dict[int, int] = {}
    for flat in shard.values():
        for number, score in decoded(flat):
            pages[number] = max(score, pages.get(number, 0))
    ranked = sorted(pages.items(), key=lambda item: (-item[1], item[0]))[:TOP]
    return dict(ranked)


def shard_path(prefix: str) -> str:
    """The file of the words starting with ``prefix`` (its characters' code points in hex)."""
    return f"{FOLDER}/shards/{'-'.join(f'{ord(c):x}' for c in prefix)}.json"


def _cut(prefix: str, shard: dict[str, list[int]], files: dict[str, bytes], split: dict[str, str]) -> None:
    """Write ``shard`` (the words starting with ``prefix``) as one file, or
    cut by the words' next character while it is larger than :data:`SHARD_LIMIT`."""
    whole = compact(shard)
    if len(whole) <= SHARD_LIMIT or all(len(word) == len(prefix) for word in shard):
        files[shard_path(prefix)] = whole
        return
    by_next: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, flat in shard.items():
        by_next[word[len(prefix) : len(prefix) + 1]][word] = flat
    files[shard_path(prefix).replace(".json", "-top.json")] = compact(postings(_best(shard)))
    itself = by_next.pop("", None)
    if itself is not None:
        files[shard_path(prefix)] = compact(itself)
    split[prefix] = (" " if itself is not None else "") + "".join(sorted(by_next))
    for following, part in sorted(by_next.items()):
        _cut(prefix + following, part, files, split)


def search_files(
    docs: Iterable[Mapping[str, Any]], separator: str, memo: Memo | None = None, salt: str = ""
) -> dict[str, bytes]:
    """Every file of the index (by path under the site) for the theme's
    index entries ``docs``, whose words are between ``separator`` (the
    words of each page kept in ``memo``: :func:`search_pages`)."""
    pages = search_pages(docs, re.compile(separator), memo, salt)
    files, groups, split = shard_files(scores(pages))
    for start in range(0, len(pages), CHUNK):
        chunk = [[p.location, p.title, p.snippet] for p in pages[start : start + CHUNK]]
        files[f"{FOLDER}/pages/{start // CHUNK}.json"] = compact(chunk)
    boosts = {str(n): p.boost for n, p in enumerate(pages) if p.boost != 1.0}
    meta = {
        "version": VERSION,
        "pages": len(pages),
        "chunk": CHUNK,
        "separator": separator,
        "groups": groups,
        "split": split,
        "boost": boosts,
    }
    files[META] = compact(meta)
    return files


@dataclass(frozen=True)
class FoundPage:
    """A page as read back from the index: what a result shows, and its words."""

    location: str
    title: str
    snippet: str
    words: frozenset[str]


def read_search(site: Path) -> dict[str, FoundPage]:
    """The pages of the index built into ``site``, by location, each with
    every word it is found by."""
    meta = json.loads((site / META).read_text(encoding="utf-8"))
    shown: list[list[str]] = []
    for number in range(math.ceil(meta["pages"] / meta["chunk"])):
        shown += json.loads((site / FOLDER / "pages" / f"{number}.json").read_text(encoding="utf-8"))
    found: dict[int, set[str]] = defaultdict(set)
    for path in sorted((site / FOLDER / "shards").glob("*.json")):
        if path.name.endswith("-top.json"):
            continue
        for word, flat in json.loads(path.read_text(encoding="utf-8")).items():
            for number, _ in decoded(flat):
                found[number].add(word)
    return {
        location: FoundPage(location, title, snippet, frozenset(found[n]))
        for n, (location, title, snippet) in enumerate(shown)
    }
