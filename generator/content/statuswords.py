"""Reading a progress entry's status, and the hint when it is not one of
the English keys: editors write the Chinese label, or a word of their own.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from generator.content.fields import Fields
from generator.content.model import STATUS_KEYS, Status


def read_status(f: Fields) -> Status:
    """The status field of the progress entry ``f`` (not started when it is
    missing or not one of the keys, the latter reported)."""
    node = f.child("status", True)
    if node is None:
        return Status.NOT_STARTED
    try:
        return Status(node.value)
    except ValueError:
        written = node.source or str(node.value)
        f.report("status", node.line, f"状态「{written}」无效：只能是 {STATUS_KEYS} 之一。{status_hint(written)}")
        return Status.NOT_STARTED


#: Chinese words editors use for a status, other than its label.
STATUS_WORDS = {
    "未开始": Status.NOT_STARTED,
    "尚未启动": Status.NOT_STARTED,
    "进行中": Status.IN_PROGRESS,
    "正在推进": Status.IN_PROGRESS,
    "推进": Status.IN_PROGRESS,
    "完成": Status.FULFILLED,
    "已完成": Status.FULFILLED,
    "兑现": Status.FULFILLED,
    "部分完成": Status.PARTIAL,
    "延期": Status.DELAYED,
    "推迟": Status.DELAYED,
    "滞后中": Status.DELAYED,
    "未完成": Status.UNFULFILLED,
    "撤回": Status.WITHDRAWN,
    "撤销": Status.WITHDRAWN,
    "取消": Status.WITHDRAWN,
}


def status_hint(written: str) -> str:
    """How to write the status the editor meant, if it can be told."""
    labels = {s.label: s for s in Status}
    keys = [s.value for s in Status]
    word = written.strip()
    if word in labels:
        return f"「{word}」是网页上显示的中文名称，文件里要写英文键：`status: {labels[word].value}`。"
    if word in STATUS_WORDS:
        status = STATUS_WORDS[word]
        return f"如果「{word}」是「{status.label}」的意思，文件里要写英文键：`status: {status.value}`。"
    normal = re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", written).strip().lower())
    guess = difflib.get_close_matches(normal, keys, n=1)
    if guess:
        return f"是不是 `status: {guess[0]}`？"
    return ""
