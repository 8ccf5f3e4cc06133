"""Finding what an editor names on the command line (a unit, a pledge),
and saying, when it is not there, what is meant or how to add it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from generator.content.ids import id_rule, valid_id
from generator.content.links import Bounds
from generator.content.load import UNITS_FILE
from generator.content.model import Interview, Unit
from generator.content.problems import Problem
from generator.editors.sitefolder import Refused, Site, SiteError


def require_unit(site: Site, unit_id: str) -> Unit:
    """The registered unit ``unit_id``, else a :class:`SiteError` that says
    how to register it (the lines to add to units.yml)."""
    unit = site.corpus.units.get(unit_id)
    if unit is not None:
        return unit
    units = Bounds(site.interviews, site.folder).rel(site.interviews / UNITS_FILE)
    shown, rule = (unit_id, "") if valid_id(unit_id) else ("单位编号", f"（单位编号{id_rule(unit_id)}）")
    raise SiteError(
        f"单位「{unit_id}」不在 {units} 中：{suggest(unit_id, site.corpus.units)}"
        f"如果是新单位，请先在 {units} 的末尾加上下面三行{rule}，名称按实际填写，保存后重试：\n"
        f"- id: {shown}\n  name: 单位全称\n  short_name: 简称"
    )


def interview_of(site: Site, pledge_id: str) -> Interview:
    """The interview that holds pledge ``pledge_id``."""
    found = next((i for i, p in site.corpus.pledges() if p.id == pledge_id), None)
    if found is not None:
        return found
    ids = {p.id: p for _, p in site.corpus.pledges()}
    unread = _unread_holder(site, pledge_id)
    if unread:
        raise Refused(unread, "没有写入：承诺所在的访谈文件有上面的问题，读不出这项承诺，请先改正后重试。")
    broken = (
        f"网站内容有 {len(site.problems)} 处问题，可能因此读不到这项承诺：请先运行 python -m generator check。"
        if site.problems
        else ""
    )
    raise SiteError(f"找不到承诺「{pledge_id}」。{suggest(pledge_id, ids)}{broken}")


def _unread_holder(site: Site, pledge_id: str) -> list[Problem]:
    """The problems of the interview files that have problems and hold
    ``pledge_id`` in their text: the pledge is there, but cannot be read."""
    written = re.compile(rf"^[ \t-]*id:[ \t]*([\"']?){re.escape(pledge_id)}\1[ \t]*(#.*)?$", re.MULTILINE)
    found: list[Problem] = []
    bounds = Bounds(site.interviews, site.folder)
    for name in sorted({p.path for p in site.problems if p.path.endswith(".md")}):
        if bounds.refusal(site.folder / name) is not None:
            continue  # a link out of the site is reported, never read
        try:
            text = (site.folder / name).read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if written.search(text):
            found.extend(p for p in site.problems if p.path == name)
    return found


def suggest(word: str, known: Iterable[str]) -> str:
    """The known words closest to a mistyped ``word``, as a question, or
    a request to check the spelling."""
    close = difflib.get_close_matches(word, list(known), n=3)
    return f"是不是：{'、'.join(close)}？" if close else "请核对拼写。"
