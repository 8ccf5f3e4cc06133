"""The site's words in the segmenter's dictionary, for one build at a time.

jieba keeps one dictionary for the whole process (``jieba.dt``). Each build
puts the site's words in it (:func:`generator.views.searchwords.search_words`)
through the option Material's search plugin has for it,
``jieba_dict_user``: a file of the words, one a line, which the plugin
loads in its ``on_config``. The preview (``mkdocs serve``) builds again in
the same process after each save; so that a renamed unit's old words do not
stay, every entry a build changes is saved first and put back before the
next build changes them again (:func:`restore`).

Only this module (and, through its option, the search plugin) changes
jieba's dictionary; ``generator.views.wordbreak`` and the light pages only
read it. What they computed from it is keyed by :func:`words_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from generator.content.memo import digest
from generator.views import wordbreak

#: The file of the site's words, in the cache folder.
WORDS_FILE = "jieba-words.txt"
#: How jieba reads a line of a words file: word, then maybe a frequency and a tag.
_LINE = re.compile(r"^(.+?)( [0-9]+)?( [a-z]+)?$")
#: The whitespace jieba strips from a line (bytes.strip: ASCII only).
_ASCII_SPACE = " \t\n\r\x0b\x0c"


@dataclass
class _Saved:
    """What the build's words changed, as it was before."""

    entries: dict[str, int | None] = field(default_factory=dict)
    total: int = 0
    tags: dict[str, str] = field(default_factory=dict)
    forced: set[str] = field(default_factory=set)


@dataclass
class _State:
    saved: _Saved | None = None
    #: The words the file cannot carry, added directly.
    direct: list[str] = field(default_factory=list)
    key: str = ""


_state = _State()


def carried(word: str) -> bool:
    """Whether jieba reads ``word`` back as itself from a line of a words file."""
    if "\n" in word or word.startswith("\ufeff") or word != word.strip(_ASCII_SPACE):
        return False
    found = _LINE.match(word)
    return found is not None and found.group(0) == found.group(1)


def restore() -> None:
    """Put back every dictionary entry the last build changed, and forget
    what was computed from them (the line breaks of ``wordbreak``)."""
    saved, _state.saved = _state.saved, None
    _state.key, _state.direct = "", []
    wordbreak.words.cache_clear()
    wordbreak.with_breaks.cache_clear()
    if saved is None:
        return
    tokenizer = jieba.dt
    for key, value in saved.entries.items():
        if value is None:
            tokenizer.FREQ.pop(key, None)
        else:
            tokenizer.FREQ[key] = value
    tokenizer.total = saved.total
    tokenizer.user_word_tag_tab.clear()
    tokenizer.user_word_tag_tab.update(saved.tags)
    jieba.finalseg.Force_Split_Words.clear()
    jieba.finalseg.Force_Split_Words.update(saved.forced)


def prepare(words: list[str], cache: Path, theirs: str | None = None) -> Path:
    """Restore the dictionary (:func:`restore`), then write ``words`` (after
    the lines of ``theirs``, a words file the site names itself) to the
    words file in ``cache``, saving every entry loading it will change."""
    restore()
    lines = Path(theirs).read_text(encoding="utf-8").splitlines() if theirs else []
    lines += [word for word in words if carried(word)]
    text = "".join(f"{line}\n" for line in lines)
    path = cache / WORDS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    direct = [word for word in words if not carried(word)]
    changed = [found.group(1) for line in lines if (found := _LINE.match(line.strip(_ASCII_SPACE).lstrip("\ufeff")))]
    _save([*changed, *direct])
    _state.direct, _state.key = direct, digest("words", text, *direct)
    return path


def _save(words: list[str]) -> None:
    tokenizer = jieba.dt
    tokenizer.check_initialized()
    keys = {word[:end] for word in words for end in range(1, len(word) + 1)}
    _state.saved = _Saved(
        {key: tokenizer.FREQ.get(key) for key in keys},
        tokenizer.total,
        dict(tokenizer.user_word_tag_tab),
        set(jieba.finalseg.Force_Split_Words),
    )


def finish(path: Path, loaded: bool) -> list[str]:
    """Complete the dictionary once the search plugin has read its option:
    load the words file when it did not (``loaded``: it does so), add the
    words the file cannot carry; the words of the file missing from the
    dictionary (the search plugin did not load them) are returned."""
    if not loaded:
        jieba.load_userdict(str(path))
    for word in _state.direct:
        jieba.add_word(word)
    lines = path.read_text(encoding="utf-8").splitlines()
    words = [found.group(1) for line in lines if (found := _LINE.match(line.strip(_ASCII_SPACE).lstrip("\ufeff")))]
    return [word for word in words if word not in jieba.dt.FREQ]


def words_key() -> str:
    """A key for the words now in the dictionary: what was computed from
    the dictionary is valid while it is the same."""
    return _state.key
