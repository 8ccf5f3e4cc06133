"""Web addresses an editor writes (a source's ``url``, a photo's ``src``):
is each one a plain http(s) link that takes readers where it seems to?

Refused, with the real host named: credentials before an ``@`` (the text
before it looks like the host), backslashes (browsers read them as ``/``),
spaces and invisible characters, hosts whose labels mix scripts (a Cyrillic
«о» in «gov.cn») or are written entirely in Latin look-alikes of another
script, and punycode (``xn--``) labels that decode to such a label. A label
in one script, or in Han (with kana, Hangul, Bopomofo) and Latin, is fine:
``政府.cn``. Nothing here raises, whatever the text.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit

#: Scripts that may share a label: Chinese, Japanese and Korean names are
#: written with Latin letters and digits too (UTS #39, highly restrictive).
_EAST_ASIAN = frozenset({"HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})
#: Cyrillic and Greek letters that look like Latin ones: a label made only
#: of these reads as a Latin word (аррlе).
_LOOKALIKES = frozenset("аегіјопрсухѕԁһԛԝӏвкмнтьαεικνορτυχ")
_SCRIPT_NAMES = {
    "LATIN": "拉丁字母",
    "CYRILLIC": "西里尔字母",
    "GREEK": "希腊字母",
    "HAN": "汉字",
    "ARMENIAN": "亚美尼亚字母",
    "HIRAGANA": "平假名",
    "KATAKANA": "片假名",
    "HANGUL": "韩文",
}
#: An IPv6 host and its port: nothing else may stand beside the brackets.
_BRACKETED = re.compile(r"\[[0-9a-fA-F:.]+\](?::[0-9]+)?")
#: What a host may hold besides letters, marks and digits.
_HOST_PUNCTUATION = frozenset("-_.")

COPY_HINT = "请从浏览器地址栏复制来源网页的原始网址。"

#: An address the checks below all pass, told at once (most are like it):
#: http(s), a host of ASCII letters, digits, ``-``, ``_`` and ``.`` with no
#: port, then visible ASCII but the backslash. A host with an ``xn--`` label
#: is left to the checks.
_PLAIN = re.compile(r"https?://(?!(?:[^/?#]*\.)?[xX][nN]--)[A-Za-z0-9._-]+(?:[/?#][!-\[\]-~]*)?")


@lru_cache(maxsize=65536)  # the preview checks every source again on every save
def url_problem(url: str) -> str | None:
    """Why ``url`` is not a safe http(s) link, in Chinese; ``None`` if it is."""
    return None if _PLAIN.fullmatch(url) else checked_in_full(url)


def checked_in_full(url: str) -> str | None:
    """:func:`url_problem` without its shortcut for plain addresses."""
    for check in (_characters, _parsed):
        problem = check(url)
        if problem:
            return problem
    return None


def _characters(url: str) -> str | None:
    odd = list(dict.fromkeys(ch for ch in url if ch.isspace() or unicodedata.category(ch)[0] in "CZ"))
    if odd:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in odd[:5])
        shown = "".join(f"<U+{ord(ch):04X}>" if ch in odd else ch for ch in url)
        return (
            f"网址「{shown}」里有空格或看不见的字符（{codes}）：读者看到的和实际打开的可能不是同一个网址。"
            f"请删除它们（网址里的空格要写成 %20）；{COPY_HINT}"
        )
    if "\\" in url:
        return f"网址「{url}」里有反斜杠「\\」：浏览器会把它当成「/」，读者可能被带到另一个网站。{COPY_HINT}"
    return None


def _parsed(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        return f"网址「{url}」无法解析：方括号、冒号或端口号写错了。{COPY_HINT}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"网址「{url}」无效：只接受以 http:// 或 https:// 开头的完整网址。{COPY_HINT}"
    if "@" in parts.netloc:
        user, _, host = parts.netloc.rpartition("@")
        return (
            f"网址「{url}」的真正主机是 {host}（@ 前面的 {user} 只是用户名），读者会被带到别的网站。"
            "请填写来源网页的原始网址。"
        )
    return _host_problem(url, parts)


def _host_problem(url: str, parts: SplitResult) -> str | None:
    host = parts.hostname or ""
    if parts.netloc.startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return f"网址「{url}」的主机「{host}」不是有效的 IPv6 地址。{COPY_HINT}"
        if not _BRACKETED.fullmatch(parts.netloc):
            return f"网址「{url}」无法解析：方括号、冒号或端口号写错了。{COPY_HINT}"
        return None
    odd = [ch for ch in host if not (ch in _HOST_PUNCTUATION or unicodedata.category(ch)[0] in "LMN")]
    if odd:
        return f"网址「{url}」的主机名「{host}」里有主机名不该有的字符「{odd[0]}」。{COPY_HINT}"
    for label in unicodedata.normalize("NFKC", host).split("."):
        problem = _label_problem(url, host, label)
        if problem:
            return problem
    return None


def _label_problem(url: str, host: str, label: str) -> str | None:
    shown = label
    if label.startswith("xn--"):
        try:
            shown = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return f"网址「{url}」的主机名里「{label}」不是有效的国际化域名。{COPY_HINT}"
    scripts = {_script(ch) for ch in shown if unicodedata.category(ch)[0] == "L"}
    if scripts <= {"LATIN"} | _EAST_ASIAN:
        return None
    if len(scripts) == 1 and not (set(shown) - set("0123456789-") <= _LOOKALIKES):
        return None  # one other script, not posing as Latin: а Russian .рф site
    names = "和".join(_SCRIPT_NAMES.get(s, s.lower()) for s in sorted(scripts))
    odd = next((ch for ch in shown if _script(ch) not in {"LATIN", "COMMON"} | _EAST_ASIAN), shown[0])
    how = "混用了" + names if len(scripts) > 1 else f"全由看起来像拉丁字母的{names}写成"
    return (
        f"网址「{url}」的主机名里「{shown}」{how}（如「{odd}」是 U+{ord(odd):04X}，不是拉丁字母）："
        f"这是冒充别的网站的写法，它的真正主机是 {_ascii_host(host)}。{COPY_HINT}"
    )


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name (CJK → HAN)."""
    if not unicodedata.category(ch).startswith("L"):
        return "COMMON"
    word = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
    return "HAN" if word in ("CJK", "IDEOGRAPHIC") else word


def _ascii_host(host: str) -> str:
    """``host`` as the network sees it: non-ASCII labels in punycode."""
    labels = []
    for label in unicodedata.normalize("NFKC", host).split("."):
        try:
            labels.append(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii"))
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)
