"""``update`` never loses a word: the file it writes parses to the data it
held before plus the new entry, or it writes nothing and says why; its
arguments and its output never end in a traceback."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.model import Status
from generator.content.yamltree import parse
from generator.editors import cli, updatecommand
from generator.editors.files import write_atomically
from generator.editors.updates import NewUpdate, UpdateError, append_progress
from generator.editors.yamlwrite import scalar
from generator.text.hidden import first_hidden

from .conftest import SITES, copy_site

ENTRY = NewUpdate(dt.date(2021, 5, 20), Status.IN_PROGRESS, "推进中")
ENTRY_DATA = {"date": dt.date(2021, 5, 20), "status": "in_progress", "note": "推进中"}


def front(text: str) -> Any:
    """The front matter's data, read by PyYAML itself (not by the code under test)."""
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n")


def with_entry(data: Any, pledge_id: str, entry: dict[str, Any]) -> Any:
    pledge = next(p for p in data["pledges"] if p["id"] == pledge_id)
    pledge["progress"] = [*(pledge.get("progress") or []), entry]
    return data


def assert_only_added(before: str, after: str, rows: set[str]) -> None:
    """``after`` is ``before`` with the entry's ``rows`` added as lines (and
    at most the ``[]`` or ``~`` of an empty ``progress`` removed from its
    line); no other byte changed."""
    old, new = before.split("\n"), after.split("\n")
    prefix = 0
    while prefix < len(old) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(old) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    removed, added = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
    if removed:
        assert len(removed) == 1 and re.fullmatch(r" *progress: *(\[\]|~|null).*", removed[0]), removed
        assert added[0].rstrip(" ") == re.sub(r"\[\]|~|null", "", removed[0], count=1).rstrip(" "), added[0]
        added = added[1:]
    assert added and {row.strip() for row in added} <= rows | {"progress:"}, added


# -- the reported cases -------------------------------------------------------

BLOCK = """---
title: 题
pledges:
  - id: a
    text: 甲
    FIELD: HEADER
      第一行

      # 第二行不是注释
      #第三行
TRAILER  - id: b
    text: 乙
---
正文
"""


@pytest.mark.parametrize("field", ["deadline_note", "text", "successor"])
@pytest.mark.parametrize("header", ["|", "|-", "|+", ">", ">-", "|2", "|2-", ">+"])
@pytest.mark.parametrize("trailer", ["", "\n", "\n\n", "    # 真正的注释\n", "      \n"])
def test_an_entry_after_a_block_scalar_keeps_its_last_lines(field: str, header: str, trailer: str) -> None:
    text = BLOCK.replace("FIELD", field).replace("HEADER", header).replace("TRAILER", trailer)
    after = append_progress(text, "a", ENTRY)
    assert front(after) == with_entry(front(text), "a", ENTRY_DATA)
    assert "# 第二行不是注释" in front(after)["pledges"][0][field]


def test_update_keeps_the_hash_lines_of_a_block_note_on_the_site(tmp_path: Path) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    path = site / "interviews/2020/zhang-san.md"
    text = path.read_text(encoding="utf-8")
    note = "        note: |-\n          20座建成\n          # 其中 5 座在郊区\n"
    path.write_text(text.replace("        note: 20座建成\n", note), encoding="utf-8")
    result = cli_run("update", "jt-2020-zhanting", "--status", "in_progress", "--value", "30", "--note", "30座建成",
                     "--date", "2021-05-20", "--site", str(site))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    corpus, problems = load_and_check(site / "interviews", site, dt.date(2021, 6, 10))
    assert problems == []
    pledge = next(p for _, p in corpus.pledges() if p.id == "jt-2020-zhanting")
    assert [u.note for u in pledge.progress] == ["20座建成\n# 其中 5 座在郊区", "30座建成"]


@pytest.mark.parametrize(
    ("progress", "rest"),
    [
        ("progress: []", ""),
        ("progress: []  # 还没有", ""),
        ("progress: ~", "    category: 类\n"),
        ("progress:", "    category: 类\n"),
        ("progress: null", ""),
    ],
)
def test_an_empty_progress_gets_the_entry(progress: str, rest: str) -> None:
    text = f"---\npledges:\n  - id: a\n    {progress}\n{rest}  - id: b\n---\n正文\n"
    after = append_progress(text, "a", ENTRY)
    assert front(after) == with_entry(front(text), "a", ENTRY_DATA)
    assert_only_added(text, after, entry_rows(ENTRY))
    if "#" in progress:
        assert "# 还没有" in after


@pytest.mark.parametrize(
    "pledges",
    [
        "  - {id: a, text: 甲}\n",
        "  - id: a\n    progress: [{date: 2020-01-01, status: in_progress, note: 始}]\n",
    ],
)
def test_flow_style_is_refused_with_a_message(pledges: str) -> None:
    with pytest.raises(UpdateError, match="方括号、花括号"):
        append_progress(f"---\npledges:\n{pledges}---\n", "a", ENTRY)


def test_what_cannot_be_proved_is_refused_not_guessed() -> None:
    # The last value is an alias: the parser's marks are those of its anchor.
    text = "---\ntitle: &t 题\npledges:\n  - id: a\n    text: *t\n---\n正文\n"
    with pytest.raises(UpdateError, match="无法安全地添加这条进展") as raised:
        append_progress(text, "a", ENTRY)
    assert raised.value.line == 4


# -- the property -------------------------------------------------------------

TEXTS = st.sampled_from(
    ["甲", "乙 丙", "a: b", "yes", "2020", "'单引号'", '"双引号"', "x # y", "[1, 2]", "{a: 1}", "", "~", "- 列"]
)
LINES = st.sampled_from(["文字", "# 像注释", "#紧贴", "", "  ", "尾随空格  ", "  缩进更深", "a: b", "- 列", "---x"])


@st.composite
def block_scalar(draw: st.DrawFn, column: int) -> list[str]:
    """A block scalar for a key at ``column``: its header, then its lines."""
    extra = draw(st.integers(0, 2))
    explicit = draw(st.booleans())
    header = draw(st.sampled_from("|>")) + (str(2 + extra) if explicit else "") + draw(st.sampled_from(["", "-", "+"]))
    pad = " " * (column + 2 + extra)
    rows = [pad + draw(st.sampled_from(["第一行", "# 第一行像注释"]))]
    for line in draw(st.lists(LINES, max_size=5)):
        rows.append(pad + line if line.strip() else line[: len(pad)])
    rows += draw(st.lists(st.sampled_from(["", " ", pad]), max_size=2))
    return [header, *rows]


@st.composite
def value(draw: st.DrawFn, column: int) -> list[str]:
    """A value for a key at ``column``: the rest of the key's line, then more lines."""
    kind = draw(st.sampled_from(["plain", "single", "double", "block", "flow", "list"]))
    text = draw(TEXTS)
    if kind == "block":
        return draw(block_scalar(column))
    if kind == "flow":
        return ["{value: 5, unit: 座}"]
    if kind == "list":
        dash = " " * (column + draw(st.sampled_from([0, 2])))
        return ["", *(f"{dash}- {scalar(t) or 'x'}" for t in draw(st.lists(TEXTS, min_size=1, max_size=2)))]
    if kind == "single":
        return ["'" + text.replace("'", "''") + "'"]
    if kind == "double":
        return ['"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"']
    return [scalar(text)]


@st.composite
def progress(draw: st.DrawFn, column: int) -> list[str]:
    """A ``progress`` key at ``column`` and its value, in one of its shapes."""
    shape = draw(st.sampled_from(["none", "empty", "brackets", "tilde", "commented", "entries"]))
    key = " " * column + "progress:"
    if shape != "entries":
        return {"none": [], "empty": [key], "brackets": [key + " []"], "tilde": [key + " ~"],
                "commented": [key + " []  # 无"]}[shape]  # fmt: skip
    dash = column + draw(st.sampled_from([0, 2]))
    rows = [key]
    for day in range(1, draw(st.integers(1, 2)) + 1):
        rows += [f"{' ' * dash}- date: 2020-01-0{day}", f"{' ' * (dash + 2)}status: in_progress"]
        note = draw(value(dash + 2))
        rows += [f"{' ' * (dash + 2)}note: {note[0]}", *note[1:]]
    return rows


COMMENTS = st.lists(st.sampled_from(["# 注", "    # 注", "      # 注", "        # 注", ""]), max_size=2)


@st.composite
def pledge(draw: st.DrawFn, number: int, column: int) -> list[str]:
    """One pledge, its dash at ``column``."""
    keys = column + draw(st.sampled_from([2, 4]))
    rows = [f"{' ' * column}-{' ' * (keys - column - 1)}id: p{number}"]
    fields: list[list[str]] = [draw(progress(keys))]
    for name in draw(st.lists(st.sampled_from(["text", "quote", "deadline_note", "target"]), unique=True)):
        written = draw(value(keys))
        fields.append([f"{' ' * keys}{name}: {written[0]}".rstrip(" ") if written[0] else f"{' ' * keys}{name}:",
                       *written[1:]])  # fmt: skip
    for field in draw(st.permutations(fields)):
        commented: bool = draw(st.booleans())
        rows += [row + "  # 尾注" if commented and i == 0 else row for i, row in enumerate(field)]
        rows += draw(COMMENTS)
    return rows


@st.composite
def interview(draw: st.DrawFn) -> tuple[str, str]:
    """An interview file and the id of one of its pledges."""
    column = draw(st.sampled_from([0, 2]))
    count = draw(st.integers(1, 3))
    rows = ["---", "title: 题", *draw(COMMENTS), "pledges:"]
    for number in range(count):
        rows += draw(pledge(number, column)) + draw(COMMENTS)
    if draw(st.booleans()):
        rows += ["aliases: [x]", *draw(COMMENTS)]
    rows += ["---", "正文", "  - id: p0", "id: p1", ""]
    return "\n".join(rows), f"p{draw(st.integers(0, count - 1))}"


ENTRIES = st.builds(
    NewUpdate,
    date=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    status=st.sampled_from(Status),
    note=st.one_of(TEXTS.filter(bool), st.text(min_size=1).filter(lambda t: first_hidden(t) is None)),
    value=st.one_of(st.none(), st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False).filter(bool)),
    source_title=st.one_of(st.none(), TEXTS.filter(bool)),
    source_url=st.one_of(st.none(), st.just("https://example.org/a?b=1#c")),
)


def entry_rows(update: NewUpdate) -> set[str]:
    """The entry's lines as they may be written, without their indentation."""
    rows = {f"- date: {update.date.isoformat()}", f"status: {update.status.value}", f"note: {scalar(update.note)}"}
    if update.value is not None:
        rows.add(f"value: {yaml.safe_dump(update.value).split(chr(10))[0]}")
    if update.source_title:
        rows |= {"sources:", f"- title: {scalar(update.source_title)}"}
        if update.source_url:
            rows.add(f"url: {scalar(update.source_url)}")
    return rows


def entry_dict(update: NewUpdate) -> dict[str, Any]:
    data: dict[str, Any] = {"date": update.date, "status": update.status.value, "note": update.note}
    if update.value is not None:
        data["value"] = update.value
    if update.source_title:
        data["sources"] = [{"title": update.source_title, **({"url": update.source_url} if update.source_url else {})}]
    return data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interview(), ENTRIES, st.sampled_from(["", "", "", "crlf", "bom"]))
def test_update_adds_exactly_the_entry_or_refuses(file: tuple[str, str], update: NewUpdate, variant: str) -> None:
    text, pledge_id = file
    try:
        before = front(text)
    except yaml.YAMLError:
        before = None
    assume(isinstance(before, dict) and len({p["id"] for p in before["pledges"]}) == len(before["pledges"]))
    if variant:
        written = text.replace("\n", "\r\n") if variant == "crlf" else "\ufeff" + text
        with pytest.raises(UpdateError, match="CRLF" if variant == "crlf" else "BOM"):
            append_progress(written, pledge_id, update)
        return
    after = append_progress(text, pledge_id, update)
    assert front(after) == with_entry(before, pledge_id, entry_dict(update))
    assert after.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]
    assert_only_added(text, after, entry_rows(update))


# -- line ends and BOM, as check sees them --------------------------------------


def cli_run(*args: str | bytes, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "generator", *args]
    result = subprocess.run(command, capture_output=True, env=environment, check=False)
    stdout, stderr = (s.decode("utf-8", "backslashreplace") for s in (result.stdout, result.stderr))
    return subprocess.CompletedProcess(result.args, result.returncode, stdout, stderr)


UPDATE = ("update", "jt-2020-zhanting", "--status", "in_progress", "--note", "建成", "--date", "2021-05-20")


@pytest.mark.parametrize("change", ["crlf", "bom", "cr"])
def test_update_refuses_a_file_check_refuses_and_leaves_it_byte_for_byte(tmp_path: Path, change: str) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    path = site / "interviews/2020/zhang-san.md"
    data = path.read_bytes()
    data = {"crlf": data.replace(b"\n", b"\r\n"), "bom": b"\xef\xbb\xbf" + data, "cr": data.replace(b"\n", b"\r")}[
        change
    ]
    path.write_bytes(data)
    check = cli_run("check", str(site))
    said = {line for line in check.stdout.splitlines() if line.startswith("interviews/2020/zhang-san.md:")}
    assert check.returncode == 1 and said
    result = cli_run(*UPDATE, "--site", str(site))
    if change == "cr":  # no front matter left: the pledge is not found, and check is named
        assert result.returncode == 2 and "python -m generator check" in result.stderr, result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
        assert said <= set(result.stdout.splitlines()), "the same problems as check, in the same words"
        assert "没有写入" in result.stdout
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == data


# -- the arguments ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "said"),
    [
        ("a\x1bb", "--note 里有看不见的控制字符 U+001B，请删去后重试。"),
        ("a\x00b", "--note 里有看不见的控制字符 U+0000"),
        ("a\x7fb", "--note 里有看不见的控制字符 U+007F"),
        ("a\x85b", "--note 里有看不见的分行符 U+0085"),
        ("a\u2028b", "--note 里有看不见的分行符 U+2028"),
        ("a\u202eb", "--note 里有看不见的文字方向控制字符 U+202E"),
        ("a\ufeffb", "--note 里有看不见的字节顺序标记（BOM） U+FEFF"),
        ("a\ud800b", "--note 的值「a\\ud800b」不是有效的 UTF-8 文字"),
        ("a\udcffb", "--note 的值「a\\xffb」不是有效的 UTF-8 文字"),
    ],
)
def test_update_refuses_an_argument_with_a_hidden_character_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], note: str, said: str
) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    path = site / "interviews/2020/zhang-san.md"
    data = path.read_bytes()
    assert cli.main([*UPDATE[:5], note, "--date", "2021-05-20", "--site", str(site)]) == 2
    assert said in capsys.readouterr().err
    assert cli.main([*UPDATE[:4], f"--note={note}", "--site", str(site)]) == 2
    assert said in capsys.readouterr().err
    assert path.read_bytes() == data


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_every_accepted_text_reads_back_as_written(text: str) -> None:
    assume(first_hidden(text) is None)
    written = scalar(text)
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        assert yaml.load(f"k: {written}", Loader=loader) == {"k": text}
    root, _ = parse(f"pledges:\n  - note: {written}\n")
    assert root is not None and isinstance(root.children, dict)
    item = root.children["pledges"].children
    assert isinstance(item, list) and isinstance(item[0].children, dict)
    assert item[0].children["note"].value == text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("check", b"/tmp/\xff\xfe"), "参数「/tmp/\\xff\\xfe」不是有效的 UTF-8 文字"),
        (("publish", b"\xff"), "参数「\\xff」不是有效的 UTF-8 文字"),
        (("new", "--unit", b"jiao\xfftong"), "--unit 的值「jiao\\xfftong」不是有效的 UTF-8 文字"),
        (("new", "--unit", "x", "--slug", b"\xe4\xb8"), "--slug 的值「\\xe4\\xb8」不是有效的 UTF-8 文字"),
        ((*UPDATE[:1], b"jt-\xff", *UPDATE[2:]), "参数「jt-\\xff」不是有效的 UTF-8 文字"),
        ((*UPDATE[:5], b"\xb2\xe2\xca\xd4"), "--note 的值「\\xb2\\xe2\\xca\\xd4」不是有效的 UTF-8 文字"),
        ((*UPDATE, b"--source-title=\xff"), "--source-title 的值「\\xff」"),
        (("import", b"\xce\xc4.txt"), "参数「\\xce\\xc4.txt」不是有效的 UTF-8 文字"),
        (("import", "a.txt", "-o", b"\xff.md"), "-o 的值「\\xff.md」不是有效的 UTF-8 文字"),
    ],
)
def test_arguments_that_are_not_utf8_are_named_without_a_traceback(
    tmp_path: Path, args: tuple[str | bytes, ...], said: str
) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    result = cli_run(*args, *(("--site", str(site)) if args[0] != "check" and args[0] != "publish" else ()))
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_traceback(tmp_path: Path, encoding: str) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    env = {"PYTHONIOENCODING": encoding, "LANG": "C", "LC_ALL": "C"}
    check = cli_run("check", str(site), env=env)
    assert check.returncode == 0 and "\\u68c0\\u67e5\\u901a\\u8fc7" in check.stdout, check.stdout + check.stderr
    update = cli_run(*UPDATE, "--site", str(site), env=env)
    assert update.returncode == 0 and "Traceback" not in update.stderr, update.stderr
    missing = cli_run("update", "nope", "--status", "in_progress", "--note", "x", "--site", str(site), env=env)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "\\u" in missing.stderr


def test_a_file_that_cannot_be_written_is_said_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def fail(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device", str(path))

    site = copy_site(SITES / "small", tmp_path / "site")
    monkeypatch.setattr(updatecommand, "write_atomically", fail)
    assert cli.main([*UPDATE, "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "无法读写文件" in err and "No space left on device" in err and "zhang-san.md" in err


def test_a_programming_error_is_a_short_chinese_note_with_its_type(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> int:
        raise KeyError("x")

    monkeypatch.delenv("JIANNUO_DEBUG", raising=False)
    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    assert cli.main(["check", "."]) == 3
    err = capsys.readouterr().err
    assert "内部错误（KeyError）" in err and "Traceback" not in err


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old\n")

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_atomically(path, "new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
