"""Where the front matter is in an interview file's text.

The front matter is found as :mod:`frontmatter` (python-frontmatter) finds it
when the site is built: it starts with a line of three or more dashes at the
very start of the file, and ends at the next such line. The checker and the
editor that appends progress entries both look for it here, so that they
never disagree with the site about where it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontmatter.default_handlers import YAMLHandler

#: A line of dashes. The trailing ``\s*`` may run over blank lines: the
#: opening line takes the blank lines right after it along.
_BOUNDARY = YAMLHandler.FM_BOUNDARY


class FrontMatterError(ValueError):
    """The text has no front matter that the site could read."""


class NoFrontMatter(FrontMatterError):
    """The text does not start with a line of dashes."""


class UnclosedFrontMatter(FrontMatterError):
    """The opening line of dashes has no closing one after it."""


@dataclass(frozen=True)
class FrontMatter:
    """The place of the front matter in a text: the YAML is
    ``text[start:end]``, the body ``text[body:]``; ``start_line`` and
    ``body_line`` are the file lines where each begins."""

    start: int
    end: int
    body: int
    start_line: int
    body_line: int


def find_front_matter(text: str) -> FrontMatter:
    """Where the front matter of ``text`` is. Raises :class:`NoFrontMatter`
    or :class:`UnclosedFrontMatter` when the site would find none."""
    opening = _BOUNDARY.match(text)
    if opening is None:
        raise NoFrontMatter
    closing = _BOUNDARY.search(text, opening.end())
    if closing is None:
        raise UnclosedFrontMatter
    return FrontMatter(
        start=opening.end(),
        end=closing.start(),
        body=closing.end(),
        start_line=text.count("\n", 0, opening.end()) + 1,
        body_line=text.count("\n", 0, closing.end()) + 1,
    )
