"""Reading a text file an editor wrote: UTF-8 without BOM, LF line ends, no
control characters. Each departure is a located problem; what can still be
read is returned, so that the file's other problems are found too."""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.problems import Problem
from generator.text.hidden import SEPARATOR

CRLF = (
    "文件用的是 Windows 的换行符（CRLF）：请把文件另存为 LF（Unix）换行"
    "（例如在 VS Code 窗口右下角点「CRLF」，改选「LF」后保存）。"
)


def relative(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """The file's text, or ``None`` with a problem if it cannot be read."""
    data = read_bytes(path, rel, problems)
    return None if data is None else decode(data, rel, problems)


def read_bytes(path: Path, rel: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or ``None`` with a problem if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel, 1, "文件", f"无法读取文件（{error.strerror}）。"))
        return None


def decode(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    """A file's bytes as text, or ``None`` with a problem if they are not UTF-8."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(rel, line, "文件", "这一行含有非 UTF-8 编码的字符：请用 UTF-8 编码保存文件。"))
        return None
    if text.startswith("\ufeff"):
        problems.append(Problem(rel, 1, "文件", "文件开头有 BOM 标记：请另存为「UTF-8（无 BOM）」。"))
        text = text[1:]
    if "\r\n" in text:
        # Reported once; the file is still read, for its other problems.
        line = text.count("\n", 0, text.index("\r\n")) + 1
        problems.append(Problem(rel, line, "文件", CRLF))
        text = text.replace("\r\n", "\n")
    text = _line_breaks(text, rel, problems)
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        code = f"U+{ord(control.group()):04X}"
        problems.append(
            Problem(rel, line, "文件", f"这一行含有看不见的控制字符（{code}）：请删除它（可能是从别处复制时带来的）。")
        )
        text = _CONTROL.sub("", text)
    return text


#: Characters no text needs (all C0 controls but tab and line end, DEL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: Line breaks other than "\n" (and "\r\n", reported above): YAML breaks the
#: line at each, an editor shows none of them (the lines an editor counts are
#: those that "\n" ends, and so are the lines of every problem).
_BREAKS = re.compile(f"[{SEPARATOR.chars}]")
_BREAK_NAMES = {"\r": "单独的回车符", "\x85": "NEL 换行符", "\u2028": "行分隔符", "\u2029": "段分隔符"}
LINE_BREAK = (
    "这一行含有看不见的换行字符（{code}，{name}）：编辑器里看不出来，YAML 却把它当作换行，"
    "会把它后面的内容读错。请删除它（常见于从网页、Word 或 PDF 复制来的文字）。{more}"
)


def _line_breaks(text: str, rel: str, problems: list[Problem]) -> str:
    """``text`` without the line breaks of :data:`_BREAKS`, the first
    reported on its line: after one, YAML's line numbers and reading would
    no longer be the editor's."""
    found = _BREAKS.search(text)
    if found is None:
        return text
    char = found.group()
    count = len(_BREAKS.findall(text))
    more = f"文件里共有 {count} 处这样的字符，请一并删除。" if count > 1 else ""
    message = LINE_BREAK.format(code=f"U+{ord(char):04X}", name=_BREAK_NAMES[char], more=more)
    problems.append(Problem(rel, text.count("\n", 0, found.start()) + 1, "文件", message))
    return _BREAKS.sub("", text)
