"""The header of an article, before its body: title and subtitle, photo
caption and credits, the column's name, the 「——专访…」 line, the outlet,
the byline and the dateline; what fits no field is kept for the editor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.editors.importing.articlelines import HEADING_LONGEST, SENTENCE_MARKS, speaker_name

_DASH_LINE = re.compile(r"^[—–－\-─]{1,4}\s*(?:专访|访谈|访问|访|对话)\s*[:：]?\s*(?P<rest>\S.*)$")
_BYLINE_LABEL = re.compile(r"(?P<own>本报)?(?P<label>记者|通讯员|实习生|摄影|摄)\s*[:：]?")
_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_NAME_SEPARATORS = re.compile(r"[\s、，,/]+")
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_CAPTION = re.compile(r"^(?:图[为：:]|▲|△|【图】|[（(]图)|[（(][^（）()]*(?:摄|供图|资料)[^（）()]*[）)]$")
#: A photo's credit at the end of its caption, or on a line of its own:
#: 「（资料图）」, 「（新华社发）」, 「通讯员 王涛 摄」, 「本报记者 李明/摄」, 「王涛 摄」.
_CREDIT = re.compile(
    r"(?:[（(](?P<paren>[^（）()]{0,24}(?:摄|供图|资料图片?|资料照片|[^（）()\s]{2,8}发))[）)]"
    r"|(?:^|(?<=[\s。！!？?）)”]))(?P<labeled>(?:本报)?(?:摄影记者|特约摄影|记者|通讯员|实习生)\s*[:：]?\s*{names}\s*/?\s*(?:摄|供图))"
    r"|(?:^|(?<=\s))(?P<bare>{names}\s*/\s*摄|{names}\s+摄))$".replace(
        "{names}", r"[\u4e00-\u9fff·]{2,6}(?:[\s、][\u4e00-\u9fff·]{2,6})*"
    )
)
#: The marks some systems put before a byline (「□本报记者 张三」).
_NO_BOX_MARKS = str.maketrans("□■◇◆○●◎☆★", " " * 9)
#: A line that is nothing but the column's name, in brackets (「【栏目】」).
_BRACKETED = re.compile(r"^[【「『〖\[](?P<name>[^】」』〗\]]{2,20})[】」』〗\]]$")
#: The column this site is about; its name alone on a line is no title.
COLUMN = "决胜攻坚·向人民报告"
_MIDDLE_DOTS = re.compile("[·•・‧.．]")
#: Titles a position ends with, to split 「…局长王建国」 when no answer is
#: prefixed with the name (the answers say 「答：」).
_TITLES = re.compile(
    "书记|局长|厅长|部长|主任|市长|县长|区长|省长|镇长|乡长|主席|院长|校长|会长|社长|行长|所长|"
    "馆长|台长|处长|科长|总经理|董事长|检察长|负责人|委员|主委|政委|司令员"
)
#: The header is looked for in the first lines only, before the first long one.
_HEADER_LINES, _LONG_LINE = 15, 60


@dataclass
class Byline:
    """「齐鲁晚报记者 甲 乙 通讯员 丙」: the outlet before it (if any) and the names."""

    outlet: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    interns: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)


@dataclass
class Header:
    """What the article says before its body. ``interview`` is the
    「——专访…」 line without its dash and verb; ``extra`` is header text no
    field holds, kept for the editor."""

    title: str = ""
    subtitle: str = ""
    caption: str = ""
    credits: list[str] = field(default_factory=list)
    column: str = ""
    interview: str = ""
    outlet: str = ""
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    interns: list[str] = field(default_factory=list)
    date: dt.date | None = None
    date_text: str = ""
    extra: list[str] = field(default_factory=list)


def split_header(lines: list[str], column: str = COLUMN) -> tuple[Header, list[str]]:
    """The header read from the first lines, and the lines of the body.

    The header ends after its last sure line (「——专访…」, a byline, a date),
    and the photo captions right after it; with no sure line, after the
    first one or two short lines (the title).
    """
    header = Header()
    lines = take_column(header, lines, column)
    limit = header_limit(lines)
    sure = read_sure_lines(header, lines[:limit])
    end = max(sure) + 1 if sure else leading_titles(lines[:limit])
    while end < len(lines) and (is_caption(lines[end]) or is_credit(lines[end + 1 : end + 2])):
        end += 1
    outlet_line = find_outlet_line(lines, sure)
    outlets = [lines[outlet_line]] if outlet_line is not None else []
    add_bylines(header, outlets, [b for b in sure.values() if b is not None])
    fill_titles(header, [line for i, line in enumerate(lines[:end]) if i not in sure and i != outlet_line])
    return header, lines[end:]


def take_column(header: Header, lines: list[str], column: str) -> list[str]:
    """The lines without the column's name, which the first lines may hold
    alone (「【决胜攻坚·向人民报告】」, with or without marks): it is no title."""
    for index, line in enumerate(lines[:3]):
        if is_column(line, column, first=index == 0):
            header.column = line
            return [*lines[:index], *lines[index + 1 :]]
    return lines


def is_column(line: str, column: str, *, first: bool) -> bool:
    """The column's name, its marks, spaces and middle dot aside; any short
    bracketed line that opens the article is a column's name as well."""
    bare = _MIDDLE_DOTS.sub("·", "".join(line.split()))
    bracketed = _BRACKETED.match(bare)
    name = bracketed.group("name") if bracketed else bare
    if column and name == _MIDDLE_DOTS.sub("·", "".join(column.split())):
        return True
    return first and bracketed is not None and not SENTENCE_MARKS.intersection(name) and "图" not in name


def split_credit(line: str) -> tuple[str, str]:
    """A caption's text and the photo's credit at its end (「通讯员 王涛 摄」)."""
    match = _CREDIT.search(line)
    if match is None:
        return line, ""
    return line[: match.start()].rstrip(), match.group(0)


def is_caption(line: str) -> bool:
    """A photo caption: it says 图为, or ends with the photo's credit."""
    return bool(_CAPTION.match(line)) or bool(split_credit(line)[1])


def is_credit(lines: list[str]) -> bool:
    """The (only) line given is a photo's credit and nothing else."""
    return len(lines) == 1 and split_credit(lines[0])[0] == ""


def read_sure_lines(header: Header, lines: list[str]) -> dict[int, Byline | None]:
    """The 「——专访」 line, the bylines and the first dateline, read into
    ``header``; by index, with the byline read (``None`` for the others)."""
    sure: dict[int, Byline | None] = {}
    for index, line in enumerate(lines):
        if dash := _DASH_LINE.match(line):
            if header.interview:  # a second one: kept for the editor
                header.extra.append(line)
            else:
                header.interview = dash.group("rest")
            sure[index] = None
        elif byline := parse_byline(line):
            sure[index] = byline
        elif is_date_line(line) and not header.date_text:
            header.date, header.date_text = line_date(line), line
            sure[index] = None
    return sure


def add_bylines(header: Header, outlets: list[str], bylines: list[Byline]) -> None:
    """The names of the bylines, and the outlet: the outlet line, else the
    one a byline names; a second outlet is kept for the editor."""
    for byline in bylines:
        outlets.append(byline.outlet)
        header.reporters += byline.reporters
        header.correspondents += byline.correspondents
        header.interns += byline.interns
        header.extra += byline.others
    unique = list(dict.fromkeys(o for o in outlets if o))
    header.outlet = unique[0] if unique else ""
    header.extra += unique[1:]


def header_limit(lines: list[str]) -> int:
    """How far the header may reach: up to the first long line or the
    first line a speaker opens (「记者：甲」 or 「日期：…」 are no speakers)."""
    for index, line in enumerate(lines[:_HEADER_LINES]):
        if len(line) > _LONG_LINE or (speaker_name(line) and not is_header_line(line)):
            return index
    return min(len(lines), _HEADER_LINES)


def is_header_line(line: str) -> bool:
    """The 「——专访」 line, a byline or a dateline."""
    return bool(_DASH_LINE.match(line)) or parse_byline(line) is not None or is_date_line(line)


def leading_titles(lines: list[str]) -> int:
    """Without sure header lines: the caption lines and up to two short
    lines (title, subtitle) the article opens with."""
    titles = count = 0
    for line in lines:
        if is_caption(line):
            count += 1
        elif titles < 2 and len(line) <= HEADING_LONGEST * 2 and not line.endswith("。"):
            titles += 1
            count += 1
        else:
            break
    return count


def find_outlet_line(lines: list[str], sure: dict[int, Byline | None]) -> int | None:
    """The short line just above the first byline, below the 「——专访」
    line: the outlet's name (「齐鲁晚报·齐鲁壹点」)."""
    bylines = [i for i, b in sure.items() if b is not None]
    if not bylines:
        return None
    above = bylines[0] - 1
    dash = min((i for i in sure if _DASH_LINE.match(lines[i])), default=0)
    if above < 1 or above in sure or above < dash:
        return None
    line = lines[above]
    return above if len(line) <= HEADING_LONGEST and not SENTENCE_MARKS.intersection(line) else None


def parse_byline(line: str) -> Byline | None:
    """「记者 甲 乙」, 「本报记者：甲、乙 通讯员 丙」, 「某报记者 甲」; ``None``
    when the line is anything else (every name must look like a name)."""
    line = " ".join(line.translate(_NO_BOX_MARKS).split())
    labels = list(_BYLINE_LABEL.finditer(line))
    if not labels or len(line) > _LONG_LINE or split_credit(line)[0] == "":
        return None
    outlet = line[: labels[0].start()].strip()
    if SENTENCE_MARKS.intersection(outlet) or len(outlet) > HEADING_LONGEST:
        return None
    byline = Byline(outlet=outlet)
    for label, after in zip(labels, [*labels[1:], None], strict=True):
        names = [n for n in _NAME_SEPARATORS.split(line[label.end() : after.start() if after else None]) if n]
        if not names or not all(_PERSON.match(n) for n in names):
            return None
        if label.group("label") == "记者":
            byline.reporters += names
        elif label.group("label") == "通讯员":
            byline.correspondents += names
        elif label.group("label") == "实习生":
            byline.interns += names
        else:
            byline.others.append(f"{label.group('label')} {' '.join(names)}")
    return byline


def is_date_line(line: str) -> bool:
    """A short line with a full date and no sentence in it (a dateline)."""
    return bool(_DATE.search(line)) and len(line) <= 40 and not {"，", "。"}.intersection(line)


def line_date(line: str) -> dt.date | None:
    match = _DATE.search(line)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def fill_titles(header: Header, lines: list[str]) -> None:
    """Captions are the lines that end a sentence or say 图/摄; the others
    are the title and, joined, the subtitle."""
    captions = [line for line in lines if line.endswith("。") or is_caption(line)]
    titles = [line for line in lines if line not in captions]
    texts = []
    for caption in captions:
        text, credit = split_credit(caption)
        texts += [text] if text else []
        header.credits += [credit] if credit else []
    header.caption = " ".join(texts)
    header.title = titles[0] if titles else ""
    header.subtitle = " ".join(titles[1:])


def split_interviewee(line: str, speakers: list[str]) -> tuple[str, str]:
    """(name, position) from the 「——专访」 line: the name is the answers'
    speaker it ends with, else what follows the last title (局长, 书记...)."""
    for speaker in sorted(speakers, key=len, reverse=True):
        if len(line) > len(speaker) and line.endswith(speaker):
            return speaker, line[: -len(speaker)]
    position, _, last = line.rpartition(" ")
    if position and _PERSON.match(last):
        return last, position
    titles = [m for m in _TITLES.finditer(line) if 2 <= len(line) - m.end() <= 4]
    if titles and _PERSON.match(line[titles[-1].end() :]):
        cut = titles[-1].end()
        return line[cut:], line[:cut]
    return "", line
