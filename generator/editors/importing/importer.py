"""An article as the newspaper's system gives it, turned into an interview file.

The article is plain text: a header (photo caption, title, subtitle, the
「——专访…」 line, the outlet and the byline, perhaps a date), then the body:
section headings on short lines, the lede, the outlet's questions and the
interviewee's answers. The layout's accidents are undone: a lede that landed
inside an answer goes back to the top, and paragraphs that a page break cut
mid-sentence are joined again.

No sentence is dropped or changed: every character of the article ends up in
a field or in the body, and header text that fits no field is kept in a
comment for the editor. Only the layout words (「——专访」, 「记者」,
「通讯员」, 「本报」) are left out, the site writes them back. What the article
does not say (issue, unit, summary) is left empty with a Chinese comment, so
that the checker points at it until the editor has filled it in.
"""

from __future__ import annotations

import datetime as dt

from generator.content.article import parse_body
from generator.editors.importing.articlehead import COLUMN
from generator.editors.importing.articleread import read_article
from generator.editors.importing.candidates import find_candidates
from generator.editors.importing.interviewfile import Options, render_body, render_front_matter
from generator.views.asof import today as china_today


def import_article(
    text: str,
    *,
    unit: str | None = None,
    today: dt.date | None = None,
    date: dt.date | None = None,
    issue: int | None = None,
    next_issue: int | None = None,
    column: str = COLUMN,
) -> str:
    """The interview file for the article ``text``: front matter with the
    facts found, the pledge candidates commented out, and the body.

    ``date`` and ``issue`` are the editor's (``--date``, ``--issue``);
    ``next_issue`` is the issue after the last one, written to be checked.
    Deadlines and ids take the year of ``date``, else of the article's
    dateline, else of ``today`` (and the file says the date is a guess).
    """
    today = today or china_today()
    article = read_article(text, column)
    options = Options(unit, date, issue, next_issue)
    body = render_body(article.body)
    year = (date or article.header.date or today).year
    found = find_candidates(parse_body(body, 1, article.outlet, article.name), year)
    return "---\n" + render_front_matter(article, options, today, found) + "---\n\n" + body


def decode_article(raw: bytes) -> str:
    """The text of an article file: UTF-8 (with or without a BOM), else
    GB18030 (which GBK is part of), both read strictly so that no character
    is guessed. Raises ``UnicodeDecodeError`` when it is neither."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def publication_date(text: str) -> dt.date | None:
    """The date the article's header gives, if any."""
    return read_article(text).header.date
