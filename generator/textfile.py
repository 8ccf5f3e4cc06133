"""Reading a text file an editor wrote: UTF-8 without BOM, LF line ends, no
control characters. Each departure is a located problem; what can still be
read is returned, so that the file's other problems are found too."""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem

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
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(rel, 1, "文件", f"无法读取文件（{error.strerror}）。"))
        return None
    return decode(data, rel, problems)


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
    if "\r" in text:
        # Reported once; the file is still read, for its other problems.
        line = text.count("\n", 0, text.index("\r")) + 1
        problems.append(Problem(rel, line, "文件", CRLF))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
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
