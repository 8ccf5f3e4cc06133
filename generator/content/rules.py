"""The rules over the whole corpus, beyond the shape of single fields.

Each rule is a function from the corpus to the problems it finds;
:func:`broken_rules` runs them all so that the editor sees every mistake at
once. The corpus is as written: a rule also looks at objects that could not
be read in full, but leaves alone the fields that could not be read (their
problem is reported, and :func:`was_read` tells them apart).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path

from generator.content.article import Block, Kind, find_quote, interview_blocks
from generator.content.corrections import correction_rules, interview_corrections
from generator.content.fields import label
from generator.content.ids import id_rule, shown_id, valid_id
from generator.content.ledger import missing
from generator.content.model import Corpus, Interview, Located, Pledge, Status
from generator.content.nearest import look_alike, nearest
from generator.content.problems import Problem
from generator.content.rulememo import RuleMemo
from generator.content.weburls import url_problem
from generator.text.glyphs import DEFAULT_FONT, CardError, coverage, describe, missing_chars

Rule = Callable[[Corpus, dt.date | None], Iterator[Problem]]
InterviewRule = Callable[[Interview, dt.date | None], Iterator[Problem]]


def broken_rules(
    corpus: Corpus, as_of: dt.date | None = None, font: Path | None = None, memo: RuleMemo | None = None
) -> list[Problem]:
    """Every problem the rules find, sorted by file and line; the share
    cards' texts are checked against ``font`` (default: the shipped font);
    with a ``memo``, an interview checked before as the same object is not
    checked alone again."""
    font = font or DEFAULT_FONT
    try:
        covered: frozenset[int] | None = coverage(font)
    except CardError:
        covered = None  # a font that cannot be read is the build's to report

    published = {entry.id for entry in corpus.published}

    def alone(interview: Interview) -> list[Problem]:
        found = [p for rule in INTERVIEW_RULES for p in rule(interview, as_of)]
        found.extend(interview_corrections(interview, corpus.record, published, as_of))
        if covered is not None:
            found.extend(card_glyphs(interview_card_texts(interview), font, covered))
        return found

    def depends(interview: Interview) -> tuple[object, ...]:
        # What the corrections are checked against: each pledge's record, and whether it was published.
        return tuple((corpus.record.get(p.id), p.id in published) for p in interview.pledges)

    found = [p for rule in CORPUS_RULES for p in rule(corpus, as_of)]
    if covered is not None:
        found.extend(card_glyphs(unit_card_texts(corpus), font, covered))
    memo = memo or RuleMemo()
    found.extend(memo.problems(corpus.interviews, (as_of, font, covered), alone, depends))
    return sorted(found)


def was_read(obj: Located, *names: str) -> bool:
    """Whether the fields ``names`` of ``obj`` were read as written."""
    return obj.unread.isdisjoint(names)


def unit_ids(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    for unit in corpus.units.values():
        if not valid_id(unit.id):
            yield Problem(unit.path, unit.line_of("id"), "id", f"单位编号「{shown_id(unit.id)}」{id_rule(unit.id)}。")


def interview_slugs(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    seen: dict[str, Interview] = {}
    for interview in corpus.interviews:
        if not valid_id(interview.slug):
            slug = interview.slug
            yield Problem(
                interview.path, 1, "文件名", f"文件名「{shown_id(slug)}」是访谈网址的一部分，{id_rule(slug)}。"
            )
        if interview.slug in seen:
            first = seen[interview.slug].path
            yield Problem(
                interview.path, 1, "文件名", f"文件名「{interview.slug}」与 {first} 重复：访谈网址会冲突，请改名。"
            )
        seen.setdefault(interview.slug, interview)


def interview_units(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    for interview in corpus.interviews:
        if was_read(interview, "unit") and interview.unit not in corpus.units:
            known = "、".join(sorted(corpus.units)) or "（名录为空）"
            yield Problem(
                interview.path,
                interview.line_of("unit"),
                "unit",
                f"单位「{interview.unit}」不在 units.yml 中：请先在名录里登记，或改用已有的编号：{known}。",
            )


def issue_numbers(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    seen: dict[int, Interview] = {}
    for interview in corpus.interviews:
        if not was_read(interview, "issue"):
            continue
        first = seen.setdefault(interview.issue, interview)
        if first is not interview:
            yield Problem(
                interview.path,
                interview.line_of("issue"),
                "issue",
                f"第 {interview.issue} 期已用于 {first.path}：请核对期数。",
            )


def pledge_ids(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    seen: dict[str, tuple[Interview, Pledge]] = {}
    for interview, pledge in corpus.pledges():
        if "id" in pledge.unread:
            continue
        field = pledge.field("id")
        line = pledge.line_of("id")
        if not valid_id(pledge.id):
            yield Problem(
                interview.path,
                line,
                field,
                f"承诺编号「{shown_id(pledge.id)}」是承诺的永久网址，{id_rule(pledge.id)}。",
            )
        if pledge.id in seen:
            other, first = seen[pledge.id]
            yield Problem(
                interview.path,
                line,
                field,
                f"承诺编号「{pledge.id}」已在 {other.path} 第 {first.line_of('id')} 行使用：编号全站唯一，请另取一个。",
            )
        seen.setdefault(pledge.id, (interview, pledge))


def deadlines(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        if pledge.deadline < interview.date and was_read(pledge, "deadline") and was_read(interview, "date"):
            yield Problem(
                interview.path,
                pledge.line_of("deadline"),
                pledge.field("deadline"),
                f"时限 {pledge.deadline.isoformat()} 早于访谈日期 {interview.date.isoformat()}：请核对。",
            )


def progress_dates(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        previous = interview.date if "date" not in interview.unread else dt.date.min
        first = True
        for update in pledge.progress:
            if "date" in update.unread:
                continue
            day = update.date
            found = []
            if first and day < previous:
                found.append(f"进展日期 {day} 早于访谈日期 {interview.date}：承诺作出之前不会有进展，请核对。")
            elif day < previous:
                found.append(f"进展日期 {day} 早于上一条（{previous}）：进展须按时间从早到晚排列。")
            if as_of is not None and day > as_of:
                found.append(f"进展日期 {day} 晚于数据截止日期 {as_of}：请核对日期。")
            # Where, only for a problem (40,000 updates at 1,000 interviews).
            for message in found:
                yield Problem(interview.path, update.line_of("date"), update.field("date"), message)
            previous = max(previous, day)
            first = False


def sources_required(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        for update in pledge.progress:
            if update.status.needs_source and not update.sources and was_read(update, "status", "sources"):
                yield Problem(
                    interview.path,
                    update.line_of("status"),
                    update.field("sources"),
                    f"状态为「{update.status.label}」的进展必须注明来源（sources：标题加网址或文号），以便公众核实。",
                )


def source_urls(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        for update in pledge.progress:
            for source in update.sources:
                if source.url is None or not was_read(source, "url"):
                    continue
                if problem := url_problem(source.url):
                    yield Problem(interview.path, source.line_of("url"), source.field("url"), problem)


def quotes(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    if not was_read(interview, "outlet", "interviewee"):
        return  # the body's speakers are told by these
    blocks = interview_blocks(interview)
    for pledge in interview.pledges:
        if "quote" not in pledge.unread and find_quote(blocks, pledge.quote) is None:
            yield Problem(
                interview.path,
                pledge.line_of("quote"),
                pledge.field("quote"),
                "原文引述在正文中找不到：quote 必须逐字摘自正文的同一段（标点、空格都要一致）。"
                + _nearest_passage(blocks, pledge.quote),
            )


def _nearest_passage(blocks: list[Block], quote: str) -> str:
    """Where the body says nearly what ``quote`` says, and the first
    character that differs: the editor's way to mend the quote."""
    paragraphs = [block.full_text if block.kind is not Kind.HEADING else "" for block in blocks]
    found = nearest(paragraphs, quote)
    if found is None:
        return "正文中没有与它相近的段落：请从正文中复制原话。"
    theirs = _shown_char(found.in_body, found.in_quote) if found.in_body else "段落结束"
    mine = _shown_char(found.in_quote, found.in_body) if found.in_quote else "引述结束"
    return (
        f"正文第 {blocks[found.index].line} 行那一段最接近：从第 {found.at + 1} 个字起不同，"
        f"quote 是{mine}，正文是{theirs}。请把 quote 改为正文的原文：{found.passage}"
    )


def _shown_char(char: str, other: str) -> str:
    """A character quoted, with its code point when it looks like ``other``."""
    if look_alike(char, other) or char.isspace():
        return f"「{char}」（U+{ord(char):04X}）"
    return f"「{char}」"


def values_need_target(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        for update in pledge.progress:
            if update.value is not None and pledge.target is None and was_read(pledge, "target"):
                yield Problem(
                    interview.path,
                    update.line_of("value"),
                    update.field("value"),
                    "进展写了数值（value），但承诺没有目标（target）：请给承诺加上 target（value 和 unit），或删去这个数值。",
                )


def targets(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    for pledge in interview.pledges:
        if pledge.target is not None and pledge.target.value <= 0 and was_read(pledge.target, "value"):
            yield Problem(
                interview.path,
                pledge.target.line_of("value"),
                pledge.target.field("value"),
                "目标数值必须大于 0。",
            )


def ledger(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    for entry in missing(corpus):
        file, pledge_id = shlex.quote(entry.file), shlex.quote(entry.id)
        yield Problem(
            entry.path,
            entry.line_of(),
            "published",
            f"已发布的承诺「{entry.id}」在访谈中找不到了（最后在 {entry.file}）：发布过的承诺网址必须永久有效，"
            f"不能删除或改编号。找回的办法：在网站目录运行 git log -S {pledge_id} -- {file}，"
            "列出的第一个提交就是删去或改动它的那一次，记下它的编号（commit 后面的一串字母数字）；"
            f"再运行 git show 提交编号^:{file}，就能看到改动之前的文件，"
            f"把这项承诺整段（从「- id: {entry.id}」到下一项之前）复制回 {entry.file} 的 pledges 里。"
            "如果这项承诺不再履行，不要删除，给它加一条状态为 withdrawn 的进展说明原因。",
        )


def successors(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    ids = {p.id for _, p in corpus.pledges()}
    for interview, pledge in corpus.pledges():
        if pledge.successor is None or "successor" in pledge.unread:
            continue
        line, field = pledge.line_of("successor"), pledge.field("successor")
        if pledge.successor == pledge.id:
            yield Problem(interview.path, line, field, "后续承诺不能是它自己：请填写替代它的另一项承诺的编号。")
        elif pledge.successor not in ids:
            yield Problem(interview.path, line, field, f"后续承诺「{pledge.successor}」不存在：请填写已有承诺的编号。")
        if pledge.status is not Status.WITHDRAWN and (pledge.latest is None or was_read(pledge.latest, "status")):
            yield Problem(
                interview.path,
                line,
                field,
                "只有已撤回的承诺才有后续承诺（successor）：请先加一条状态为 withdrawn 的进展说明原因，或删去 successor。",
            )


def aliases(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
    owners = {i.slug: i for i in corpus.interviews}
    for interview in corpus.interviews:
        if not was_read(interview, "aliases"):
            continue
        for alias in interview.aliases:
            line = interview.line_of("aliases")
            if not valid_id(alias):
                yield Problem(interview.path, line, "aliases", f"旧网址名「{shown_id(alias)}」{id_rule(alias)}。")
                continue
            owner = owners.setdefault(alias, interview)
            if owner is not interview or alias == interview.slug:
                what = "本访谈现在的文件名" if owner is interview else f"{owner.path} 的网址"
                yield Problem(interview.path, line, "aliases", f"旧网址名「{alias}」与{what}冲突：请删去它。")


_IMAGE = re.compile(r"[A-Za-z0-9_\-/.]+\.(?:jpe?g|png|webp|gif)", re.IGNORECASE)
#: A photo given by its web address rather than a file of the site.
_WEB = re.compile(r"https?://", re.IGNORECASE)


def photos(interview: Interview, as_of: dt.date | None) -> Iterator[Problem]:
    photo = interview.photo
    if photo is None or photo.src is None or not was_read(photo, "src"):
        return
    parts = photo.src.split("/")
    if _WEB.match(photo.src) and (problem := url_problem(photo.src)):
        yield Problem(interview.path, photo.line_of("src"), "photo.src", problem)
        return
    if _WEB.match(photo.src) or (_IMAGE.fullmatch(photo.src) and ".." not in parts and parts[0]):
        return
    yield Problem(
        interview.path,
        photo.line_of("src"),
        "photo.src",
        f"图片「{photo.src}」无效：请写 docs/ 下图片文件的相对路径（如 images/2020/shi.jpg，"
        "只用英文字母、数字、连字符），或以 http:// 或 https:// 开头的完整网址。",
    )


def unit_card_texts(corpus: Corpus) -> Iterator[tuple[Located, str, str, str]]:
    """Every text a unit's share card shows that an editor wrote: the
    object, the field's name in it, its full name for problems, and the
    text (see outputs.py: unit_card)."""
    for unit in corpus.units.values():
        yield unit, "name", "name", unit.name


def interview_card_texts(interview: Interview) -> Iterator[tuple[Located, str, str, str]]:
    """The same (:func:`unit_card_texts`) for the cards of ``interview`` and
    its pledges (outputs.py: interview_card, pledge_card)."""
    yield interview, "title", "title", interview.title
    yield interview, "outlet", "outlet", interview.outlet
    person = interview.interviewee
    yield person, "name", "interviewee.name", person.name
    yield person, "position", "interviewee.position", person.position
    for pledge in interview.pledges:
        yield pledge, "text", pledge.field("text"), pledge.text
        yield pledge, "category", pledge.field("category"), pledge.category
        if pledge.target is not None:
            yield pledge.target, "unit", pledge.target.field("unit"), pledge.target.unit


def card_glyphs(
    texts: Iterable[tuple[Located, str, str, str]], font: Path, covered: frozenset[int]
) -> Iterator[Problem]:
    """Every character of a card text that ``font`` (whose code points are
    ``covered``) cannot draw: the build would stop at it."""
    for obj, name, field, text in texts:
        if covered.issuperset(map(ord, text)) or not was_read(obj, name):
            continue
        lacking = missing_chars(text, [font])
        if lacking:
            yield Problem(
                obj.path,
                obj.line_of(name),
                field,
                f"{label(name)} 里有分享图字体 {font.name} 没有的字符：{describe(lacking)}。"
                "转发到微信、微博时显示的分享图画不出这些字，生成网站会失败：请删去表情符号，生僻字改用通行的写法，"
                "或在 mkdocs.yml 的 card_font 中换用含有这些字的字体。",
            )


def each_interview(rule: InterviewRule) -> Rule:
    """``rule`` over every interview of a corpus."""

    @wraps(rule)
    def over_corpus(corpus: Corpus, as_of: dt.date | None) -> Iterator[Problem]:
        for interview in corpus.interviews:
            yield from rule(interview, as_of)

    return over_corpus


#: The rules that look across interviews.
CORPUS_RULES: list[Rule] = [
    unit_ids,
    interview_slugs,
    interview_units,
    issue_numbers,
    pledge_ids,
    ledger,
    successors,
    aliases,
]
#: The rules that look at one interview alone (kept per interview by a
#: :class:`~generator.content.rulememo.RuleMemo`).
INTERVIEW_RULES: list[InterviewRule] = [
    deadlines,
    progress_dates,
    sources_required,
    source_urls,
    quotes,
    values_need_target,
    targets,
    photos,
]
#: Every rule, each over the whole corpus (:func:`broken_rules` checks the
#: corrections with the rules of one interview).
RULES: list[Rule] = [*CORPUS_RULES, *map(each_interview, INTERVIEW_RULES), correction_rules]
