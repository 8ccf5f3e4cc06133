"""A check that passes means a build that passes.

Whatever the build would stop at (a character no page, feed or data file
can hold, a file name too long for the file system, a character the share
card's font lacks, a number no chart can draw) the check reports first, as
``path:line: field: message``. One property test writes sites from hostile
alphabets and builds, for real, every one the check accepts; the tests
after it pin each class at its line.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from fontTools import subset
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from generator.content import load as load_module
from generator.content.check import load_and_check
from generator.content.load import load
from generator.content.problems import Problem
from generator.editors.sitefolder import open_site, problems_after_edit
from generator.text.glyphs import DEFAULT_FONT

from .conftest import SITES, build_site, copy_site

AS_OF = dt.date(2021, 6, 10)

# -- The sites the property test writes --------------------------------------

#: What most texts are made of.
PLAIN = "承诺兑现测试省交通厅改造危桥年内完成座新线路开通候车亭张三日报记者abcXYZ0123 ，。、"
#: Characters no page, feed or data file can hold, or that deceive: controls
#: (YAML escapes), lone surrogates, line and paragraph separators, direction
#: controls, BOM, non-characters.
HARMFUL = [
    *"\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9b\x9f\r",
    *"\ud800\udbff\udc00\udfff",
    "\ud83d\ude00",
    *"\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff",
    *"\ufffe\uffff\ufdd0\U0001fffe\U0010ffff",
]
#: Characters that look as if they might break something: emoji and rare CJK
#: (fine on pages, not on cards), invisible joiners, private use, markup,
#: template and YAML punctuation.
STRANGE = [
    *"😀👍🏽🇨🇳❤️",
    *"\U0002a6d6\u9fa6\u9fcb\u9fff\U00020000\U00030000\U0002ebf0𠀀",
    *"\u200b\u200c\u200d\ufe0f\u2060\ue000\u00ad",
    *"<>&'\"{}[]#:|*`\\%$~!",
    *"\t\n　：，",
    "{{ 7*7 }}",
    "- ",
    "<script>alert(1)</script>",
]
#: YAML's named escapes, so that ``"\e"`` and ``"\0"`` are written too.
NAMED = {"\x00": "\\0", "\x07": "\\a", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\t": "\\t"}
URLS = [
    "https://example.org/news/weiqiao",
    "http://[::1",
    "http://[::1]/x",
    "https://gov.cn.example@evil.example/",
    "https://user:pw@example.org/",
    "https://gоv.cn/",
    "https://xn--gv-jmc.cn/",
    "https://аррӏе.com/",
    "https://政府.cn/通知",
    "https://example.org\\@evil.example/",
    "http://a:xx/",
    "http://a:99999/",
    "https://ex%61mple.org/",
    "https://example.org/a b",
    "https://example.org/\u202egpj.exe",
    "javascript:alert(1)",
    "//example.org/",
    "https://",
    'https://example.org/?q="><script>alert(1)</script>',
]
NUMBERS = [
    "120",
    "12.5",
    "0.001",
    ".inf",
    "-.inf",
    ".nan",
    "1" + "0" * 400,
    "0x" + "f" * 400,
    "010",
    "1_000",
    "99999999999999999",
]
IDS = st.one_of(
    st.sampled_from(["a", "x-1", "b" * 64]),
    st.integers(min_value=60, max_value=300).map(lambda n: "a" * n),
    st.sampled_from(["Upper", "a_b", "con", "index", "-a", "石"]),
)


def plain_text(size: int = 12) -> st.SearchStrategy[str]:
    return st.text(alphabet=PLAIN, min_size=1, max_size=size)


@st.composite
def odd_text(draw: st.DrawFn) -> str:
    """Plain text with a few odd characters in it."""
    parts = [draw(plain_text(6))]
    for odd in draw(st.lists(st.sampled_from(STRANGE) | st.sampled_from(HARMFUL), min_size=1, max_size=2)):
        parts += [odd, draw(plain_text(4))]
    return "".join(parts)


def quoted(value: str, escape_all: bool = False) -> str:
    """``value`` as a YAML double-quoted scalar: what is not printable (and
    with ``escape_all``, what is not ASCII) as an escape."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in NAMED:
            out.append(NAMED[ch])
        elif ch.isprintable() and (ch.isascii() or not escape_all):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


#: The texts of a draft (``name`` is the interviewee's, ``unit`` the target's).
TEXTS = [
    *("title", "subtitle", "outlet", "reporter", "correspondent", "name", "position", "caption", "summary"),
    *("text", "quote", "category", "deadline_note", "unit", "note", "source_title", "doc_no"),
    *("unit_name", "short_name"),
]


@dataclass(frozen=True)
class Draft:
    """One site: a unit and one interview with one pledge."""

    texts: dict[str, str]
    slug: str = "zhang-san"
    unit_id: str = "jiaotong"
    pledge_id: str = "jt-2020-weiqiao"
    alias: str | None = None
    url: str | None = "https://example.org/news/weiqiao"
    photo: str | None = None
    target: str = "120"
    value: str = "100"
    escape_all: bool = False

    def q(self, name: str) -> str:
        return quoted(self.texts[name], self.escape_all)

    def units(self) -> str:
        return f"- id: {quoted(self.unit_id)}\n  name: {self.q('unit_name')}\n  short_name: {self.q('short_name')}\n"

    def interview(self) -> str:
        t = self.texts
        photo = f"photo:\n  caption: {self.q('caption')}\n" + (f"  src: {quoted(self.photo)}\n" if self.photo else "")
        source = f"url: {quoted(self.url)}" if self.url else f"doc_no: {self.q('doc_no')}"
        head = f"""title: {self.q("title")}
subtitle: {self.q("subtitle")}
issue: 3
date: 2020-09-01
outlet: {self.q("outlet")}
reporters: [{self.q("reporter")}]
correspondents: [{self.q("correspondent")}]
unit: {quoted(self.unit_id)}
{f"aliases: [{quoted(self.alias)}]" if self.alias else ""}
interviewee:
  name: {self.q("name")}
  position: {self.q("position")}
{photo}summary: {self.q("summary")}
pledges:
  - id: {quoted(self.pledge_id)}
    text: {self.q("text")}
    quote: {self.q("quote")}
    category: {self.q("category")}
    deadline: 2020-12-31
    deadline_note: {self.q("deadline_note")}
    target: {{value: {self.target}, unit: {self.q("unit")}}}
    progress:
      - date: 2020-12-20
        status: partial
        value: {self.value}
        note: {self.q("note")}
        sources:
          - {{title: {self.q("source_title")}, {source}}}
"""
        body = f"{t['outlet']}：今年的重点是什么？\n\n{t['name']}：首先，{t['quote']}。\n"
        return f"---\n{head}---\n\n{body}"

    def write(self, site: Path) -> Path:
        """The site in folder ``site``: the small fixture's configuration
        with this unit and interview; the interview file's path."""
        copy_site(SITES / "small", site)
        folder = site / "interviews"
        shutil.rmtree(folder)
        (folder / "2020").mkdir(parents=True)
        (folder / "units.yml").write_text(self.units(), encoding="utf-8")
        path = folder / "2020" / f"{self.slug}.md"
        path.write_text(self.interview(), encoding="utf-8", errors="surrogatepass")
        return path


BASE = Draft(
    texts={
        "title": "修好每一条路",
        "subtitle": "副题",
        "outlet": "测试日报",
        "reporter": "甲记者",
        "correspondent": "丙通讯员",
        "name": "张三",
        "position": "测试省交通运输厅厅长",
        "caption": "张三在施工现场。",
        "summary": "年内改造危桥。",
        "text": "年内改造120座危桥",
        "quote": "年内完成120座危桥改造",
        "category": "桥梁安全",
        "deadline_note": "原文为年内",
        "unit": "座危桥",
        "note": "年内完成100座",
        "source_title": "危桥改造通报",
        "doc_no": "测交发〔2020〕8号",
        "unit_name": "测试省交通运输厅",
        "short_name": "交通厅",
    }
)


#: The places other than texts that a draft varies, and what they may hold.
URL_VALUES = st.one_of(st.sampled_from(URLS), st.builds("{}://{}{}/{}".format, *(st.text(max_size=8),) * 4))
PLACES_OF_DRAFT: dict[str, st.SearchStrategy[object]] = {
    "slug": st.sampled_from(["zhang-san", "z" * 64, "a" * 65, "b" * 240]),
    "unit_id": IDS,
    "pledge_id": IDS,
    "alias": st.none() | IDS,
    "url": st.none() | URL_VALUES,
    "photo": st.sampled_from(["images/zhang.jpg", "https://example.org/a.jpg"]) | URL_VALUES,
    "target": st.sampled_from(NUMBERS),
    "value": st.sampled_from(NUMBERS),
    "escape_all": st.just(True),
}


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """The base site with odd values in one or two places."""
    places = draw(st.sets(st.sampled_from([*TEXTS, *PLACES_OF_DRAFT]), min_size=1, max_size=2))
    texts = {name: draw(odd_text()) if name in places else text for name, text in BASE.texts.items()}
    changes = {name: draw(PLACES_OF_DRAFT[name]) for name in places if name in PLACES_OF_DRAFT}
    return replace(BASE, texts=texts, **changes)  # type: ignore[arg-type]


def located(problems: list[Problem], site: Path) -> None:
    """Every problem names an existing file, a line, a field, in Chinese."""
    for problem in problems:
        assert (site / problem.path).exists(), problem
        assert problem.line >= 1 and problem.field, problem
        assert re.search("[\u4e00-\u9fff]", problem.message), problem


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(draft=drafts())
@example(draft=BASE)
@example(draft=replace(BASE, texts={**BASE.texts, "title": "修好\x00每一条路\x1b"}))
@example(draft=replace(BASE, texts={**BASE.texts, "note": "年内\ud800完成"}))
@example(draft=replace(BASE, texts={**BASE.texts, "title": "修好每一条路😀\U0002a6d6"}))
@example(draft=replace(BASE, pledge_id="a" * 252))  # api/pledges/<id>.json: 257 bytes
@example(draft=replace(BASE, url="http://[::1"))
@example(draft=replace(BASE, target=".inf"))
def test_what_the_check_accepts_the_build_accepts(draft: Draft) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        draft.write(site)
        _, problems = load_and_check(site / "interviews", site, AS_OF)
        located(problems, site)
        event("refused by the check" if problems else "built")
        if problems:
            return
        built = build_site(site / "mkdocs.yml", Path(temporary) / "out")
        assert (built.out / "pledges" / draft.pledge_id / "card.png").is_file()


# -- Characters no field may hold ---------------------------------------------

#: (file, text to replace, what to write instead with {x}, line, field)
PLACES = [
    ("2020/zhang-san.md", "title: 修好每一条路 守好每一座桥", 'title: "修好{x}每一条路"', 2, "title"),
    ("2020/zhang-san.md", "[甲记者, 乙记者]", '[甲记者, "乙{x}记者"]', 7, "reporters"),
    ("2020/zhang-san.md", "[zhangsan-2020]", '[zhangsan-2020, "z{x}"]', 10, "aliases"),
    ("2020/zhang-san.md", "name: 张三", 'name: "张三{x}"', 12, "interviewee.name"),
    ("2020/zhang-san.md", "caption: 张三在施工现场检查桥梁加固。", 'caption: "张三{x}"', 15, "photo.caption"),
    ("2020/zhang-san.md", "quote: 年内完成120座危桥改造", 'quote: "年内完成{x}"', 20, "pledges[1].quote"),
    ("2020/zhang-san.md", "unit: 座危桥}", 'unit: "座{x}"}}', 23, "pledges[1].target.unit"),
    ("2020/zhang-san.md", "note: 已完成60座", 'note: "已完成{x}60座"', 28, "pledges[1].progress[1].note"),
    (
        "2020/zhang-san.md",
        "{title: 危桥改造通报,",
        '{{title: "危桥{x}通报",',
        34,
        "pledges[1].progress[2].sources[1].title",
    ),
    ("units.yml", "name: 测试省交通运输厅", 'name: "测试省{x}交通运输厅"', 2, "units[1].name"),
]
#: (as written in YAML, the code point the message names)
ESCAPES = [
    ("\\u0000", "U+0000"),
    ("\\u0001", "U+0001"),
    ("\\e", "U+001B"),
    ("\\x7f", "U+007F"),
    ("\\x9b", "U+009B"),
    ("\\r", "U+000D"),
    ("\\ud800", "U+D800"),
    ("\\ud83d\\ude00", "U+D83D"),
    ("\\L", "U+2028"),
    ("\\N", "U+0085"),
    ("\\u202e", "U+202E"),
    ("\\u2067", "U+2067"),
    ("\\u200f", "U+200F"),
    ("\\ufeff", "U+FEFF"),
    ("\\uffff", "U+FFFF"),
    ("\u202e", "U+202E"),  # raw in the file: as invisible, as deceptive
    ("\u2066", "U+2066"),
]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_site(SITES / "small", tmp_path / "site")


def put(site: Path, file: str, old: str, new: str) -> None:
    path = site / "interviews" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(site: Path) -> list[Problem]:
    _, problems = load_and_check(site / "interviews", site, AS_OF)
    located(problems, site)
    return problems


@pytest.mark.parametrize(("escape", "code"), ESCAPES)
@pytest.mark.parametrize(("file", "old", "new", "line", "field"), PLACES, ids=[p[4] for p in PLACES])
def test_a_character_no_page_can_hold_is_refused_in_every_text(
    small: Path, escape: str, code: str, file: str, old: str, new: str, line: int, field: str
) -> None:
    put(small, file, old, new.format(x=escape))
    mine = [p for p in problems_of(small) if (p.path, p.line, p.field) == (f"interviews/{file}", line, field)]
    assert mine, problems_of(small)
    assert any(code in p.message and "请" in p.message for p in mine), mine


def test_harmless_invisible_characters_stay_allowed(small: Path) -> None:
    """Zero-width space and joiner, variation selectors, soft hyphen, tab
    and line feed are in ordinary copied text: the pages and cards handle them."""
    put(
        small,
        "2020/zhang-san.md",
        "title: 修好每一条路 守好每一座桥",
        'title: "修好\\u200b每\\u200d一\\ufe0f条\\u00ad路\\t\\n"',
    )
    assert problems_of(small) == []


# -- Names too long for a file name ----------------------------------------


def put_long_name(site: Path, place: str, name: str) -> tuple[str, int, str]:
    """Write ``name`` in ``place``; where the check must point."""
    interview = "interviews/2020/zhang-san.md"
    if place == "pledge id":
        put(site, "2020/zhang-san.md", "id: jt-2020-zhanting", f"id: {name}")
        (site / "interviews/published.txt").write_text("", encoding="utf-8")
        return interview, 46, "pledges[3].id"
    if place == "alias":
        put(site, "2020/zhang-san.md", "[zhangsan-2020]", f"[{name}]")
        return interview, 10, "aliases"
    if place == "unit id":
        put(site, "units.yml", "id: shuili", f"id: {name}")
        put(site, "2021/li-si.md", "unit: shuili", f"unit: {name}")
        return "interviews/units.yml", 4, "id"
    (site / "interviews/2021/li-si.md").rename(site / f"interviews/2021/{name}.md")
    return f"interviews/2021/{name}.md", 1, "文件名"


@pytest.mark.parametrize("place", ["pledge id", "alias", "unit id", "file name"])
def test_a_name_too_long_for_a_file_is_refused(small: Path, tmp_path: Path, place: str) -> None:
    where = put_long_name(small, place, "a" * 250)
    problems = [p for p in problems_of(small) if (p.path, p.line, p.field) == where]
    assert problems and "最长 64 个字符" in problems[0].message, problems_of(small)
    assert "a" * 41 not in problems[0].message, "a long name is shown cut short"
    with pytest.raises(Abort):
        build_site(small / "mkdocs.yml", tmp_path / "out")


@pytest.mark.parametrize("place", ["pledge id", "alias", "unit id", "file name"])
def test_a_name_of_64_characters_is_fine(small: Path, place: str) -> None:
    put_long_name(small, place, "b" * 64)
    assert problems_of(small) == []


# -- Characters the share card's font lacks -----------------------------------

#: (text to replace, with, line, field): every text an editor writes that a card shows.
CARD_TEXTS = [
    ("interviews/2020/zhang-san.md", "title: 修好", "title: 😀修好", 2, "title"),
    ("interviews/2020/zhang-san.md", "outlet: 测试日报", "outlet: 测试日报\U0002a6d6", 6, "outlet"),
    ("interviews/2020/zhang-san.md", "name: 张三", "name: 张三\U00030000", 12, "interviewee.name"),
    ("interviews/2020/zhang-san.md", "position: 测试", "position: 👍🏽测试", 13, "interviewee.position"),
    ("interviews/2020/zhang-san.md", "text: 年内改造", "text: 🇨🇳年内改造", 19, "pledges[1].text"),
    ("interviews/2020/zhang-san.md", "category: 桥梁安全", "category: 桥梁安全\ue000", 21, "pledges[1].category"),
    ("interviews/2020/zhang-san.md", "unit: 座危桥}", "unit: 座危桥😀}", 23, "pledges[1].target.unit"),
    ("interviews/units.yml", "name: 测试省交通运输厅", "name: 测试省交通运输厅😀", 2, "name"),
]


@pytest.mark.parametrize(("file", "old", "new", "line", "field"), CARD_TEXTS, ids=[c[4] for c in CARD_TEXTS])
def test_a_character_the_card_font_lacks_is_reported_at_its_line(
    small: Path, file: str, old: str, new: str, line: int, field: str
) -> None:
    path = small / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = problems_of(small)
    assert [(p.path, p.line, p.field) for p in problems] == [(file, line, field)], problems
    assert "U+" in problems[0].message and DEFAULT_FONT.name in problems[0].message


def test_texts_no_card_shows_may_hold_any_character(small: Path) -> None:
    put(small, "2020/zhang-san.md", "note: 已完成60座", "note: 已完成60座😀\U0002a6d6")
    put(small, "2020/zhang-san.md", "summary: 年内", "summary: 👍🏽年内")
    assert problems_of(small) == []


def tiny_font(path: Path) -> Path:
    """A copy of the shipped font with a few characters only: no 桥."""
    options = subset.Options()
    options.layout_features = []
    with TTFont(DEFAULT_FONT, lazy=True) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="修好每一条路守 abc0123456789")
        subsetter.subset(font)
        font.save(path)
    return path


def test_the_check_uses_the_configured_card_font(small: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Every way in (the editors' check, the check of an edit, the build)
    holds the cards to the font the build draws them with."""
    tiny_font(small / "tiny.ttf")
    config = small / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - pledges:\n", "  - pledges:\n      card_font: tiny.ttf\n")
    )
    site = open_site(small)
    where = ("interviews/2020/zhang-san.md", 2, "title")
    title = [p for p in site.problems if (p.path, p.line, p.field) == where]
    assert title and "「桥」" in title[0].message and "tiny.ttf" in title[0].message, site.problems
    interview = small / "interviews/2020/zhang-san.md"
    edited = problems_after_edit(site, interview, interview.read_text(encoding="utf-8"))  # as `update` checks its edit
    assert [p for p in edited if (p.path, p.line, p.field) == where] == title
    with pytest.raises(Abort):
        build_site(config, tmp_path / "out")
    assert "内容检查未通过" in caplog.text and "「桥」" in caplog.text, "stopped by the check, not by the drawing"


# -- Numbers and dates the parsers choke on -----------------------------------

NUMBER_CASES = [
    ("{value: 120, unit: 座危桥}", "{value: .inf, unit: 座危桥}", 23, "pledges[1].target.value", "无穷大"),
    ("{value: 120, unit: 座危桥}", "{value: .nan, unit: 座危桥}", 23, "pledges[1].target.value", "非数"),
    ("{value: 120, unit: 座危桥}", "{value: 1" + "0" * 400 + ", unit: 座危桥}", 23, "pledges[1].target.value", "太大"),
    ("value: 60", "value: 0x" + "f" * 4000, 27, "pledges[1].progress[1].value", "太大"),
    ("issue: 3", "issue: 0" + "1" * 5000, 4, "issue", "太大"),
    ("issue: 3", 'issue: "' + "1" * 5000 + '"', 4, "issue", "应为整数"),
    ("date: 2020-09-01", "date: 0000年1月", 5, "date", "不是存在的日期"),
    ("title: 修好每一条路 守好每一座桥", "title: 0x" + "f" * 4000, 2, "title", "应为文字"),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "fragment"), NUMBER_CASES)
def test_numbers_past_what_a_page_can_show_are_refused(
    small: Path, old: str, new: str, line: int, field: str, fragment: str
) -> None:
    put(small, "2020/zhang-san.md", old, new)
    problems = [
        p for p in problems_of(small) if (p.path, p.line, p.field) == ("interviews/2020/zhang-san.md", line, field)
    ]
    assert problems and fragment in problems[0].message, problems_of(small)
    assert len(problems[0].message) < 400, "the number is shown cut short"


def test_files_read_in_worker_processes_read_as_in_this_one(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first run with many files reads them in worker processes, and keeps
    # them in the cache: the same interviews and problems, in the same order.
    folder = small / "interviews"
    source = (folder / "2020" / "zhang-san.md").read_text(encoding="utf-8")
    for i in range(6):
        (folder / "2020" / f"copy-{i}.md").write_text(
            source.replace("status:", "status :" * (i % 2), 1), encoding="utf-8"
        )
    (folder / "2021" / "broken.md").write_bytes(b"---\ntitle: [\xff\n")
    here = load(folder, small)
    monkeypatch.setattr(load_module, "PARSE_IN_WORKERS", 2)
    there = load(folder, small, tmp_path / "cache")
    again = load(folder, small, tmp_path / "cache")
    assert len(here[0].interviews) == 8 and here[1]
    assert there == here and again == here
