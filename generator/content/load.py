"""Reading ``interviews/`` into the model, keeping the line of every field.

``load(folder, base)`` returns the corpus and every problem met on the way;
it never raises for bad content. Paths in problems are relative to ``base``
(the folder that holds mkdocs.yml).
"""

from __future__ import annotations

import gc
import pickle
from functools import partial
from pathlib import Path

from generator.content.fields import Fields
from generator.content.frontmatter import NoFrontMatter, UnclosedFrontMatter, find_front_matter
from generator.content.ledger import LEDGER_FILE, read_ledger
from generator.content.links import Bounds
from generator.content.loadcache import LoadCache, Read
from generator.content.model import (
    CORRECTABLE,
    Corpus,
    Correction,
    Interview,
    Interviewee,
    Located,
    Photo,
    Pledge,
    Source,
    Target,
    Unit,
    Update,
)
from generator.content.problems import Problem
from generator.content.record import RECORD_FILE, Recorded, parse_record
from generator.content.statuswords import read_status
from generator.content.textfile import decode, read_bytes, read_text, relative
from generator.content.workers import in_workers
from generator.content.yamlread import parse_yaml
from generator.content.yamltree import Node

UNITS_FILE = "units.yml"
#: The editors' own words for the Chinese search (:mod:`generator.views.searchwords`).
WORDS_FILE = "words.txt"

INTERVIEW_FIELDS = (
    "title",
    "subtitle",
    "issue",
    "date",
    "outlet",
    "reporters",
    "correspondents",
    "interns",
    "unit",
    "interviewee",
    "photo",
    "summary",
    "aliases",
    "pledges",
)
PLEDGE_FIELDS = (
    "id",
    "text",
    "quote",
    "category",
    "deadline",
    "deadline_note",
    "target",
    "successor",
    "progress",
    "corrections",
)
UPDATE_FIELDS = ("date", "status", "value", "note", "sources")
SOURCE_FIELDS = ("title", "url", "doc_no")
CORRECTION_FIELDS = ("date", "note", "fields")


def load(folder: Path, base: Path, cache: Path | None = None) -> tuple[Corpus, list[Problem]]:
    """Read the unit registry and every interview under ``folder``, as
    written: objects that could not be read in full are kept, with their
    ``unread`` fields (:meth:`Corpus.usable` leaves them out); with a
    ``cache`` folder, interviews unchanged since the last run are not parsed
    again (:mod:`.loadcache`)."""
    # Reading builds hundreds of thousands of small objects that all stay
    # alive: the cyclic garbage collector would walk them again and again
    # (a third of the time at 1,000 interviews) and find nothing to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(folder, base, LoadCache(cache))
    finally:
        if collecting:
            gc.enable()


def _load(folder: Path, base: Path, cache: LoadCache) -> tuple[Corpus, list[Problem]]:
    problems: list[Problem] = []
    corpus = Corpus()
    if (outside := Bounds(folder, base).refusal(folder)) is not None:
        return corpus, [outside]
    for unit in load_units(folder / UNITS_FILE, base, problems):
        if "id" in unit.unread:
            continue
        first = corpus.units.setdefault(unit.id, unit)
        if first is not unit:
            message = f"单位编号「{unit.id}」在第 {first.line_of('id')} 行已用过：每个单位的编号必须不同。"
            problems.append(Problem(unit.path, unit.line_of("id"), "id", message))
    paths = interview_files(folder, base, problems)
    for path, (refused, read) in zip(paths, read_interview_files(paths, base, cache), strict=True):
        problems.extend(refused)
        if read is None or read.interview is None or "pledges" in read.interview.unread:
            corpus.unread_files.add(relative(path, base))
        if read is None:
            continue
        problems.extend(read.problems)
        if read.interview is not None:
            corpus.interviews.append(read.interview)
    # Read by the search (words.txt) or here: neither may come from outside.
    names = (LEDGER_FILE, WORDS_FILE, RECORD_FILE)
    refused = [p for p in (Bounds(folder, base).refusal(folder / n) for n in names) if p]
    problems.extend(refused)
    if not any(p.path.endswith(LEDGER_FILE) for p in refused):
        corpus.published = read_ledger(folder / LEDGER_FILE, base, problems)
    if not any(p.path.endswith(RECORD_FILE) for p in refused):
        corpus.record = _record(folder / RECORD_FILE, base, problems, cache)
    cache.save()
    return corpus, problems


def _record(path: Path, base: Path, problems: list[Problem], cache: LoadCache) -> dict[str, Recorded]:
    """The record (:func:`~generator.content.record.read_record`), not parsed
    again while its bytes are unchanged: 10,000 published pledges take a
    second to parse."""
    if not path.is_file():
        return {}
    rel = relative(path, base)
    data = read_bytes(path, rel, problems)
    if data is None:
        return {}
    kept = cache.get(rel, data)
    if kept is None:
        found: list[Problem] = []
        text = decode(data, rel, found)
        read = (parse_record(text, rel, found) if text is not None else {}, found)
        kept = cache.put(rel, data, pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
    records, found = kept
    problems.extend(found)
    return dict(records)


#: Below this many files to parse, starting worker processes (each imports
#: the reading code) costs more than it saves.
PARSE_IN_WORKERS = 200


def read_interview_files(paths: list[Path], base: Path, cache: LoadCache) -> list[tuple[list[Problem], Read | None]]:
    """What reading each interview file gives (``None``: the file could not
    be read, the problems say why): from the cache when unchanged, the
    others parsed, in worker processes when they are many (a first run)."""
    files = [_file_bytes(path, base) for path in paths]
    reads = [
        None if data is None else cache.get(relative(path, base), data)
        for path, (_, data) in zip(paths, files, strict=True)
    ]
    missing = [i for i, (_, data) in enumerate(files) if data is not None and reads[i] is None]
    jobs = [(paths[i], files[i][1]) for i in missing]
    parsed = in_workers(partial(_parsed, base=base), jobs, chunk=25, threshold=PARSE_IN_WORKERS)
    for i, pickled in zip(missing, parsed, strict=True):
        data = files[i][1]
        assert data is not None
        reads[i] = cache.put(relative(paths[i], base), data, pickled)
    return [(refused, read) for (refused, _), read in zip(files, reads, strict=True)]


def _file_bytes(path: Path, base: Path) -> tuple[list[Problem], bytes | None]:
    """The bytes of an interview file, or why they cannot be read."""
    rel = relative(path, base)
    refused: list[Problem] = []
    data = read_bytes(path, rel, refused)
    if data is None:
        return refused, None
    if len(data) > MAX_FILE_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f} MB"
        message = f"文件太大（{size}）：一篇访谈不会超过 2 MB，请检查是否误粘贴了别的内容。"
        return [Problem(rel, 1, "文件", message)], None
    return [], data


def _parsed(job: tuple[Path, bytes], base: Path) -> bytes:
    """What reading one interview file's bytes gives, pickled: as the cache
    keeps it, and as a worker process hands it back."""
    path, data = job
    collecting = gc.isenabled()
    gc.disable()  # as in load(), for a worker process too
    try:
        found: list[Problem] = []
        text = decode(data, relative(path, base), found)
        interview = load_interview(text, path, base, found) if text is not None else None
        return pickle.dumps(Read(interview, found), protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        if collecting:
            gc.enable()


def interview_files(folder: Path, base: Path, problems: list[Problem]) -> list[Path]:
    """The interview files, in a stable order (README files are guides);
    links leaving the site folder, or to a file read already, are problems
    (:mod:`.links`)."""
    found = Bounds(folder, base).walk(".md")
    problems.extend(found.problems)
    return [p for p in found.files if p.name.lower() != "readme.md"]


#: Larger than any interview: a file this big is a mistake (or an attack).
MAX_FILE_BYTES = 2 * 1024 * 1024


# -- units ------------------------------------------------------------------


def load_units(path: Path, base: Path, problems: list[Problem]) -> list[Unit]:
    rel = relative(path, base)
    if (refused := Bounds(path.parent, base).refusal(path)) is not None:
        problems.append(refused)
        return []
    if not path.is_file():
        problems.append(
            Problem(
                rel,
                1,
                "文件",
                "找不到单位名录 units.yml：请在 interviews/ 下建立它，每个单位一项（id、name、short_name）。",
            )
        )
        return []
    text = read_text(path, rel, problems)
    root = parse_yaml(text, 1, rel, problems) if text is not None else None
    if root is None:
        return []
    if not isinstance(root.children, list):
        problems.append(Problem(rel, root.line, "units", "单位名录应为列表，每个单位一项，以「- id: 」开头。"))
        return []
    units = []
    for index, node in enumerate(root.children, 1):
        unit = read_unit(node, rel, f"units[{index}]", problems)
        if unit is not None:
            units.append(unit)
    return units


def read_unit(node: Node, rel: str, where: str, problems: list[Problem]) -> Unit | None:
    if not node.is_mapping:
        problems.append(Problem(rel, node.line, where, "每个单位应为一组字段：id、name、short_name。"))
        return None
    f = Fields(node, path=rel, where=where, known=("id", "name", "short_name"), problems=problems)
    unit = Unit(f.text("id"), f.text("name"), f.text("short_name"), path=rel, lines=f.lines)
    f.finish()
    mark(unit, f)
    return unit


# -- interviews -------------------------------------------------------------


def load_interview(text: str, path: Path, base: Path, problems: list[Problem]) -> Interview | None:
    """One interview file's ``text``, or ``None`` if it is too broken to use."""
    rel = relative(path, base)
    try:
        front = find_front_matter(text)
    except NoFrontMatter:
        problems.append(
            Problem(rel, 1, "文件", "文件开头缺少前置元数据：第一行应为「---」，元数据之后再用一行「---」结束。")
        )
        return None
    except UnclosedFrontMatter:
        problems.append(Problem(rel, 1, "文件", "前置元数据没有结束：请在元数据之后加一行「---」。"))
        return None
    # The opening "---" takes the blank lines right after it along: the
    # front matter then starts further down than line 1.
    root = parse_yaml(text[front.start : front.end], front.start_line, rel, problems)
    if root is None:
        return None
    if not root.is_mapping:
        problems.append(Problem(rel, root.line, "YAML", "前置元数据应为「字段: 值」的形式。"))
        return None
    return read_interview(root, path.stem, rel, text[front.body :], front.body_line, problems)


def read_interview(
    node: Node, slug: str, rel: str, body: str, body_line: int, problems: list[Problem]
) -> Interview | None:
    f = Fields(node, path=rel, where="", known=INTERVIEW_FIELDS, problems=problems)
    interview = Interview(
        slug=slug,
        title=f.text("title"),
        subtitle=f.optional_text("subtitle"),
        issue=f.integer("issue"),
        date=f.date("date"),
        outlet=f.text("outlet"),
        reporters=f.text_list("reporters"),
        correspondents=f.text_list("correspondents"),
        interns=f.text_list("interns"),
        unit=f.text("unit"),
        interviewee=read_interviewee(f, rel, problems),
        photo=read_photo(f, rel, problems),
        summary=f.optional_text("summary"),
        aliases=f.text_list("aliases"),
        body=body,
        body_line=body_line,
        path=rel,
        lines=f.lines,
    )
    # Objects that could not be read in full are kept, with the fields that
    # could not be read, so that the corpus rules still see the rest of them
    # and the editor gets every mistake in one go (Corpus.usable leaves them out).
    for index, item in enumerate(f.sequence("pledges"), 1):
        pledge = read_pledge(item, rel, f"pledges[{index}]", problems)
        if pledge is not None:
            interview.pledges.append(pledge)
    f.finish()
    mark(interview, f)
    return interview


def read_interviewee(parent: Fields, rel: str, problems: list[Problem]) -> Interviewee:
    node = parent.mapping("interviewee")
    if node is None:
        return Interviewee("", "")
    f = Fields(node, path=rel, where="interviewee", known=("name", "position"), problems=problems)
    person = Interviewee(f.text("name"), f.text("position"), path=rel, lines=f.lines)
    f.finish()
    adopt(parent, "interviewee", person, f)
    return person


def read_photo(parent: Fields, rel: str, problems: list[Problem]) -> Photo | None:
    node = parent.mapping("photo", required=False)
    if node is None:
        return None
    f = Fields(node, path=rel, where="photo", known=("caption", "src", "credit"), problems=problems)
    photo = Photo(f.text("caption"), f.optional_text("src"), f.optional_text("credit"), path=rel, lines=f.lines)
    f.finish()
    adopt(parent, "photo", photo, f)
    return photo


def mark(obj: Located, f: Fields) -> None:
    """Record on ``obj`` the fields ``f`` could not read."""
    if f.unread:
        obj.unread = frozenset(f.unread)


def adopt(parent: Fields, name: str, child: Located, f: Fields) -> None:
    """Record on ``child`` the fields ``f`` could not read, and on ``parent``
    that its field ``name`` could not be read in full if so."""
    mark(child, f)
    if f.unread:
        parent.unread.add(name)


def mapping_item(node: Node, rel: str, where: str, what: str, problems: list[Problem]) -> bool:
    if node.is_mapping:
        return True
    problems.append(Problem(rel, node.line, where, f"每项{what}应为一组字段（「- 字段: 值」），实为单独的值。"))
    return False


def read_pledge(node: Node, rel: str, where: str, problems: list[Problem]) -> Pledge | None:
    if not mapping_item(node, rel, where, "承诺", problems):
        return None
    f = Fields(node, path=rel, where=where, known=PLEDGE_FIELDS, problems=problems)
    pledge = Pledge(
        id=f.text("id"),
        text=f.text("text"),
        quote=f.text("quote"),
        category=f.text("category"),
        deadline=f.date("deadline"),
        deadline_note=f.optional_text("deadline_note"),
        target=read_target(f, rel, problems),
        successor=f.optional_text("successor"),
        path=rel,
        where=where,
        lines=f.lines,
    )
    for index, item in enumerate(f.sequence("progress"), 1):
        update = read_update(item, rel, f"{where}.progress[{index}]", problems)
        if update is not None:
            pledge.progress.append(update)
    for index, item in enumerate(f.sequence("corrections"), 1):
        correction = read_correction(item, rel, f"{where}.corrections[{index}]", problems)
        if correction is not None:
            pledge.corrections.append(correction)
    f.finish()
    mark(pledge, f)
    return pledge


def read_correction(node: Node, rel: str, where: str, problems: list[Problem]) -> Correction | None:
    if not mapping_item(node, rel, where, "更正", problems):
        return None
    f = Fields(node, path=rel, where=where, known=CORRECTION_FIELDS, problems=problems)
    correction = Correction(
        date=f.date("date"), note=f.text("note"), fields=f.text_list("fields"), path=rel, where=where, lines=f.lines
    )
    if not correction.fields and f.ok:
        f.report(
            "fields",
            node.line,
            f"请在 fields 里写明这次更正改了哪些字段，例如 [quote]；可写 {'、'.join(CORRECTABLE)}。",
        )
    for name in correction.fields:
        if name not in CORRECTABLE:
            f.report(
                "fields",
                correction.line_of("fields"),
                f"「{name}」不是可以更正的字段：fields 里可写 {'、'.join(CORRECTABLE)}（改了哪项写哪项）。",
            )
    f.finish()
    mark(correction, f)
    return correction


def read_target(parent: Fields, rel: str, problems: list[Problem]) -> Target | None:
    node = parent.mapping("target", required=False)
    if node is None:
        return None
    f = Fields(node, path=rel, where=parent.field("target"), known=("value", "unit"), problems=problems)
    target = Target(f.number("value") or 0, f.text("unit"), path=rel, where=parent.field("target"), lines=f.lines)
    f.finish()
    adopt(parent, "target", target, f)
    return target


def read_update(node: Node, rel: str, where: str, problems: list[Problem]) -> Update | None:
    if not mapping_item(node, rel, where, "进展", problems):
        return None
    f = Fields(node, path=rel, where=where, known=UPDATE_FIELDS, problems=problems)
    update = Update(
        date=f.date("date"),
        status=read_status(f),
        note=f.text("note"),
        value=f.number("value", required=False),
        path=rel,
        where=where,
        lines=f.lines,
    )
    for index, item in enumerate(f.sequence("sources"), 1):
        source = read_source(item, rel, f"{where}.sources[{index}]", problems)
        if source is not None:
            update.sources.append(source)
        if source is None or not source.complete:
            f.unread.add("sources")
    f.finish()
    mark(update, f)
    return update


def read_source(node: Node, rel: str, where: str, problems: list[Problem]) -> Source | None:
    if not mapping_item(node, rel, where, "来源", problems):
        return None
    f = Fields(node, path=rel, where=where, known=SOURCE_FIELDS, problems=problems)
    source = Source(
        f.text("title"), f.optional_text("url"), f.optional_text("doc_no"), path=rel, where=where, lines=f.lines
    )
    if source.url is None and source.doc_no is None and f.ok:
        f.report("url", node.line, "来源须注明网址（url）或文号（doc_no），至少其一。")
    f.finish()
    mark(source, f)
    return source
