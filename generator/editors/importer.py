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
import json
import re
from collections import Counter
from dataclasses import dataclass, field

import yaml

from generator.content.article import QUESTION_SPEAKERS, join_lines, parse_body, speaker_of
from generator.editors.candidates import NUMBERED, Candidate, find_candidates
from generator.views.asof import today as china_today

#: What a finished sentence (or a paragraph that introduces a list) ends with,
#: once closing quotes and brackets are set aside.
_FINAL = "。？！?!…；;：:"
_CLOSING = '”’"」』）)】》'
_SENTENCE_MARKS = frozenset("，。；：？！,;:?!…")
_QUESTION_MARKS = ("？", "?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DASH_LINE = re.compile(r"^[—–－\-─]{1,4}\s*(?:专访|访谈|访问|访|对话)\s*[:：]?\s*(?P<rest>\S.*)$")
_SPEAKER = re.compile(
    r"^(?:\*\*(?P<bold>[^*:：\s]{1,16})(?:\*\*[:：]|[:：]\*\*)"
    r"|(?P<plain>[^\s*:：,，。、；;？?！!“”\"（()）《》]{1,16})[:：])"
)
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
_INTERVIEW_WORDS = re.compile("专访|采访|就此|访谈|对话|走进|做客")
#: Titles a position ends with, to split 「…局长王建国」 when no answer is
#: prefixed with the name (the answers say 「答：」).
_TITLES = re.compile(
    "书记|局长|厅长|部长|主任|市长|县长|区长|省长|镇长|乡长|主席|院长|校长|会长|社长|行长|所长|"
    "馆长|台长|处长|科长|总经理|董事长|检察长|负责人|委员|主委|政委|司令员"
)
#: The header is looked for in the first lines only, before the first long one.
_HEADER_LINES, _LONG_LINE = 15, 60
_HEADING_LONGEST = 20
_TODO = "待填"


@dataclass(frozen=True)
class Heading:
    """A section heading: its short lines, written ``## 第一行 第二行``."""

    lines: tuple[str, ...]


Part = Heading | str


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


@dataclass
class Article:
    """The article read: its header, who speaks, and the body in order."""

    header: Header
    outlet: str
    name: str
    position: str
    body: list[Part]


# -- reading ------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """What the editor says on the command line: the unit, the day of
    publication, the issue (or the next free one, to be checked)."""

    unit: str | None = None
    date: dt.date | None = None
    issue: int | None = None
    next_issue: int | None = None


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


def read_article(text: str, column: str = COLUMN) -> Article:
    """The article's header, speakers and body, with the layout undone."""
    lines = clean_lines(text)
    header, rest = split_header(lines, column)
    parts = body_parts(rest)
    speakers = speaker_names(rest)
    name, position = split_interviewee(header.interview, speakers)
    outlet = question_outlet(parts, name) or header.outlet
    if not header.interview:
        name = next((s for s in speakers if s not in (outlet, *QUESTION_SPEAKERS, "答")), "")
    if header.outlet and header.outlet != outlet:
        header.extra.insert(0, header.outlet)
    known = tuple(dict.fromkeys(s for s in (outlet, *QUESTION_SPEAKERS, name, "答") if s))
    parts = join_breaks(place_lede(parts, find_lede(parts, known, outlet, name, position), known), known)
    return Article(header, outlet, name, position, parts)


def clean_lines(text: str) -> list[str]:
    """The non-blank lines, each stripped and with its inner runs of spaces
    (full-width ones too) made one space; any line ending and a BOM accepted."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def speaker_name(line: str) -> str:
    """The name in a leading 「name:」, 「**name:**」 or 「**name**:」, if any."""
    match = _SPEAKER.match(line)
    return (match.group("bold") or match.group("plain")) if match else ""


def speaker_names(lines: list[str]) -> list[str]:
    """Every name that opens a line, most used first (then first used)."""
    counts = Counter(name for line in lines if (name := speaker_name(line)))
    return [name for name, _ in counts.most_common()]


# -- header -------------------------------------------------------------------


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
    return first and bracketed is not None and not _SENTENCE_MARKS.intersection(name) and "图" not in name


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
        elif titles < 2 and len(line) <= _HEADING_LONGEST * 2 and not line.endswith("。"):
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
    return above if len(line) <= _HEADING_LONGEST and not _SENTENCE_MARKS.intersection(line) else None


def parse_byline(line: str) -> Byline | None:
    """「记者 甲 乙」, 「本报记者：甲、乙 通讯员 丙」, 「某报记者 甲」; ``None``
    when the line is anything else (every name must look like a name)."""
    line = " ".join(line.translate(_NO_BOX_MARKS).split())
    labels = list(_BYLINE_LABEL.finditer(line))
    if not labels or len(line) > _LONG_LINE or split_credit(line)[0] == "":
        return None
    outlet = line[: labels[0].start()].strip()
    if _SENTENCE_MARKS.intersection(outlet) or len(outlet) > _HEADING_LONGEST:
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


def question_outlet(parts: list[Part], name: str) -> str:
    """The name that opens the questions (paragraphs asking something),
    unless it is a generic one (记者, 问): it is the outlet as written."""
    askers = Counter(
        who
        for part in parts
        if isinstance(part, str)
        and (who := speaker_name(part))
        and who not in (name, "答")
        and any(m in part for m in _QUESTION_MARKS)
    )
    if not askers:
        return ""
    asker = askers.most_common(1)[0][0]
    return "" if asker in QUESTION_SPEAKERS else asker


# -- body ---------------------------------------------------------------------


def body_parts(lines: list[str]) -> list[Part]:
    """Headings and paragraphs, one paragraph a line."""
    parts: list[Part] = []
    index = 0
    while index < len(lines):
        size = heading_size(lines, index, parts[-1] if parts else None)
        if size:
            parts.append(Heading(tuple(lines[index : index + size])))
            index += size
        else:
            parts.append(lines[index])
            index += 1
    return parts


def heading_size(lines: list[str], index: int, previous: Part | None) -> int:
    """How many lines from ``index`` make a heading: two or three short lines
    without sentence marks, or one (「一、…」, 「汛前准备要“早”」) before a
    paragraph. Never after an unfinished paragraph (a page break's fragment)
    or at the very end."""
    if isinstance(previous, str) and not ends_sentence(previous):
        return 0
    run = 0
    while index + run < len(lines) and heading_like(lines[index + run]):
        run += 1
    if index + run >= len(lines):
        return 0
    return run if 1 <= run <= 3 else 0


def heading_like(line: str) -> bool:
    return (
        2 <= len(line) <= _HEADING_LONGEST
        and not _SENTENCE_MARKS.intersection(line)
        and bool(_CJK.search(line))
        and not speaker_name(line)
    )


def ends_sentence(text: str) -> bool:
    """Ends with a sentence's final mark, before any closing quote or bracket."""
    core = text.rstrip(_CLOSING)
    return bool(core) and core[-1] in _FINAL


def find_lede(parts: list[Part], speakers: tuple[str, ...], outlet: str, name: str, position: str) -> int | None:
    """The paragraph that introduces the interview: no speaker opens it, it
    names the outlet's 记者 (2 points) and an interview (专访, 采访, 就此: 2),
    the interviewee's name and position (1 each), and it opens the body or
    interrupts a paragraph cut mid-sentence (1). At least 5 points: 「欢迎
    记者采访」 in an answer is no lede. The best one, the first if tied."""
    best, best_score = None, 4
    for index, part in enumerate(parts):
        if isinstance(part, Heading) or speaker_of(part, speakers):
            continue
        score = 2 * ("记者" in part or bool(outlet and outlet in part)) + 2 * bool(_INTERVIEW_WORDS.search(part))
        score += bool(name and name in part) + bool(position and position in part)
        score += index == 0 or interrupts(parts, index, speakers)
        if score > best_score:
            best, best_score = index, score
    return best


def interrupts(parts: list[Part], index: int, speakers: tuple[str, ...]) -> bool:
    """The paragraph at ``index`` sits inside another, cut mid-sentence
    around it: the layout dropped it there."""
    before = parts[index - 1] if index > 0 else None
    after = parts[index + 1] if index + 1 < len(parts) else None
    return (
        isinstance(before, str)
        and not ends_sentence(before)
        and isinstance(after, str)
        and not speaker_of(after, speakers)
    )


def place_lede(parts: list[Part], lede: int | None, speakers: tuple[str, ...]) -> list[Part]:
    """The lede moved before the first heading, question or answer."""
    if lede is None:
        return parts
    top = 0
    while top < lede and isinstance(parts[top], str) and not speaker_of(str(parts[top]), speakers):
        top += 1
    moved = [*parts[:lede], *parts[lede + 1 :]]
    moved.insert(top, parts[lede])
    return moved


def join_breaks(parts: list[Part], speakers: tuple[str, ...]) -> list[Part]:
    """Each paragraph that does not end a sentence joined with the next,
    unless a speaker opens the next one."""
    out: list[Part] = []
    for part in parts:
        previous = out[-1] if out else None
        if (
            isinstance(part, str)
            and isinstance(previous, str)
            and not ends_sentence(previous)
            and not speaker_of(part, speakers)
        ):
            out[-1] = join_lines([previous, part])
        else:
            out.append(part)
    return out


# -- writing ------------------------------------------------------------------


def render_body(parts: list[Part]) -> str:
    """The body as Markdown: paragraphs and ``## `` headings, blank-line separated."""
    chunks = ["## " + " ".join(p.lines) if isinstance(p, Heading) else p for p in parts]
    return "\n\n".join(chunks) + "\n"


def render_front_matter(article: Article, options: Options, today: dt.date, found: list[Candidate]) -> str:
    """The YAML between the ``---`` lines, comments included."""
    header = article.header
    lines = column_lines(header.column)
    lines += field_line("title", header.title, "标题：原文开头没有找到，请填写。")
    if header.subtitle:
        lines.append(f"subtitle: {scalar(header.subtitle)}")
    lines += issue_lines(options)
    lines += date_lines(header, options.date, today)
    lines += field_line("outlet", article.outlet, "媒体：原文没有写明，请填写，写法要和正文中提问段落开头的名称一致。")
    lines.append(f"reporters: {flow_list(header.reporters)}")
    lines.append(f"correspondents: {flow_list(header.correspondents)}")
    if header.interns:
        lines.append(f"interns: {flow_list(header.interns)}")
    lines += unit_lines(options.unit)
    lines += ["interviewee:"] + ["  " + line for line in interviewee_lines(article)]
    lines += photo_lines(header)
    lines += [f"# 原文开头另有「{extra}」，没有对应的字段：请核对后删去这一行。" for extra in header.extra]
    lines += body_notes(article.body)
    lines += ["# 摘要（可不填）：一两句话概括本期访谈的主要承诺。", "summary:", "pledges: []"]
    year = (options.date or header.date or today).year
    lines += candidate_lines(found, article.header.title, options.unit, year)
    return "\n".join(lines) + "\n"


def column_lines(column: str) -> list[str]:
    """The column's name the article opens with, which no field holds."""
    if not column:
        return []
    return [f"# 原文开头一行是栏目名：{column}。它不是标题，网站会自动写上栏目名，不必填写。"]


def issue_lines(options: Options) -> list[str]:
    """The issue given, the next free one to check, or an empty field."""
    if options.issue is not None:
        return [f"issue: {options.issue}"]
    if options.next_issue is not None:
        return [
            f"# 待核对期数：按顺序已排到第 {options.next_issue} 期，请核对（导入时可用 --issue 指定）。",
            f"issue: {options.next_issue}",
        ]
    return [f"# {_TODO}期数：原文没有写明，请填写本期是栏目的第几期（整数，如 10）。", "issue:"]


def photo_lines(header: Header) -> list[str]:
    """The caption, and the photo's credit apart from it (no field holds it)."""
    if not header.caption and not header.credits:
        return []
    lines = ["photo:", f"  caption: {scalar(header.caption)}"]
    if header.credits:
        lines.append(f"  credit: {scalar(' '.join(header.credits))}")
    return lines


def body_notes(parts: list[Part]) -> list[str]:
    """Where the body's reading is a guess: a heading of a single line that
    is not numbered, a paragraph left without a sentence's final mark."""
    notes = []
    for part in parts:
        if isinstance(part, Heading) and len(part.lines) == 1 and not NUMBERED.match(part.lines[0]):
            notes.append(
                f"# 待核对：正文中单独一行的「{part.lines[0]}」当作了小标题（## ）；如果是正文，请去掉「## 」。"
            )
        elif isinstance(part, str) and not ends_sentence(part) and len(part) <= _HEADING_LONGEST:
            notes.append(f"# 待核对：正文中「{part}」一段没有句末标点；如果是小标题，请在行首加上「## 」。")
    return notes


def field_line(key: str, value: str, todo: str) -> list[str]:
    """``key: value``, or the empty field under a comment saying what to fill."""
    return [f"{key}: {scalar(value)}"] if value else [f"# {_TODO}{todo}", f"{key}:"]


def interviewee_lines(article: Article) -> list[str]:
    """Name and position; without a 「——专访」 line the name is the answers'
    speaker, to be checked."""
    if not article.header.interview:
        note = [f"# 待核对：原文没有「——专访」一行，姓名取自回答开头的「{article.name}」。"] if article.name else []
        todo = "姓名：原文没有「——专访」一行，请填写，写法要和回答段落开头的名字一致。"
        return [
            *note,
            *field_line("name", article.name, todo),
            *field_line("position", "", "职务：请填写见报时的全称。"),
        ]
    return [
        *field_line("name", article.name, "姓名：没能从「——专访」一行分出姓名，请填写并从职务中删去。"),
        *field_line("position", article.position, "职务：请填写见报时的全称。"),
    ]


def date_lines(header: Header, date: dt.date | None, today: dt.date) -> list[str]:
    """The date given with --date, else the article's, else today's (to be checked)."""
    if date is not None:
        return [f"date: {date.isoformat()}"]
    if header.date is not None:
        return [f"# 待核对见报日期：取自原文「{header.date_text}」。", f"date: {header.date.isoformat()}"]
    extra = [f"# 原文另有「{header.date_text}」，不是有效的日期。"] if header.date_text else []
    return [
        *extra,
        "# 待核对见报日期：原文没有写明，这里暂填导入当天，请改为见报日期（年-月-日，导入时可用 --date 指定）；",
        f"# 下面候选承诺的时限和编号按 {today.year} 年推算，改了日期要一并核对。",
        f"date: {today.isoformat()}",
    ]


def unit_lines(unit: str | None) -> list[str]:
    if unit:
        return [f"unit: {scalar(unit)}"]
    return [
        f"# {_TODO}单位编号：interviews/units.yml 里每个单位一项，填该单位「id:」后面的编号（如 szjggw）；",
        "# 名录里还没有这个单位，就先在那里登记（id、name、short_name）。",
        "unit:",
    ]


def candidate_lines(found: list[Candidate], title: str, unit: str | None, year: int) -> list[str]:
    """The candidates as a commented-out list of pledges, with how to use it."""
    if not found:
        return ["# 正文中没有找到候选承诺：如有承诺，请按 quote（原文引述）、deadline（时限）等字段逐项填写。"]
    example = f"{unit or '单位编号'}-{year}-xxx"
    lines = [
        f"# 以下是从回答中自动找出的 {len(found)} 条候选承诺，按正文顺序。收录一条时：把上面的「pledges: []」改成",
        "# 「pledges:」，去掉这一条每行开头的「# 」，填写 id（全站唯一的永久网址，如 "
        + example
        + "）和 text（一句话概括），",
        "# 再核对 quote 的范围、deadline（时限）、target（目标）和 category（类别）。不是承诺的，整条删去。",
    ]
    for candidate in found:
        lines += ["#", *("# " + line for line in pledge_yaml(candidate, title))]
    return lines


def pledge_yaml(candidate: Candidate, fallback_category: str) -> list[str]:
    """One candidate as the YAML of a pledge, ``id`` and ``text`` left empty."""
    category = candidate.category or fallback_category
    lines = [
        "  - id:",
        "    text:",
        f"    quote: {scalar(candidate.quote)}",
        f"    category: {scalar(category)}" if category else "    category:",
        f"    deadline: {candidate.deadline.isoformat()}",
    ]
    if candidate.deadline_note:
        lines.append(f"    deadline_note: {scalar(candidate.deadline_note)}")
    if candidate.target is not None:
        target = candidate.target
        lines.append(f"    target: {{value: {target.value}, unit: {scalar(target.unit, flow=True)}}}")
    if candidate.target_note:
        lines.append(f"    # 待核对：{candidate.target_note}。")
    return lines


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v, flow=True) for v in values) + "]"


def scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when YAML reads it back unchanged,
    else double-quoted (JSON's string syntax is valid YAML)."""
    if value and value == value.strip() and not (flow and set(value) & set(",[]{}:#")):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)
