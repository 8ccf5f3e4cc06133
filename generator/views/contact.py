"""How readers reach the editors: the 「报告错误」 message of a pledge,
pre-filled with what the editors need to find it."""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.views import urls
from generator.views.catalog import Entry
from generator.views.siteview import Settings

#: An address as readers type it: no spaces, no brackets or quotes, one @.
_EMAIL = re.compile(r"[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[^@\s<>\"'(),;:]+")


def valid_email(address: str) -> bool:
    """``address`` looks like an e-mail address (name@example.org)."""
    return _EMAIL.fullmatch(address) is not None


def mailto(address: str, subject: str = "", body: str = "") -> str:
    """A ``mailto:`` URL with its subject and body percent-encoded (UTF-8)."""
    body = body.replace("\n", "\r\n")  # RFC 6068: line breaks in a body are CRLF
    query = "&".join(
        f"{name}={quote(value, safe='')}" for name, value in (("subject", subject), ("body", body)) if value
    )
    return f"mailto:{quote(address, safe='@')}" + (f"?{query}" if query else "")


def report_message(entry: Entry, settings: Settings) -> tuple[str, str]:
    """The subject and body of a report about ``entry``."""
    subject = f"报告错误：{entry.id}"
    body = (
        f"承诺编号：{entry.id}\n"
        f"承诺：{entry.pledge.text}\n"
        f"网址：{settings.url(urls.pledge(entry.id))}\n\n"
        "哪里有误：\n\n"
        "正确的内容：\n\n"
        "依据（公开报道的网址，或文件的名称和文号）：\n"
    )
    return subject, body


def report_link(entry: Entry, settings: Settings) -> str:
    """The 「报告错误」 link of a pledge page: a pre-filled e-mail, or ""
    when the editors have no e-mail address (the page then shows the others)."""
    if not settings.contact.email:
        return ""
    return mailto(settings.contact.email, *report_message(entry, settings))
