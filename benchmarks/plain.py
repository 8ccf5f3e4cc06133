"""The floor of our stack: the pages our site has, as plain Markdown.

From a site written by ``corpus.py`` (its ``interviews/`` and ``docs/``),
one Markdown page for every HTML page our build renders, with the same
text the page is about, and no plugin:

- each hand-written page of ``docs/``, as it is (minus its ``template:``);
- ``interviews/<slug>``: the title, subtitle, interviewee, summary and the
  article's body as written in the interview file;
- ``pledges/<id>``: the pledge's text, quote, category, deadline, target,
  and every progress entry (date, status, value, note, sources), with
  links to its interview and unit;
- ``units/<id>``: the unit's names and a list of its interviews and pledges;
- the lists ``interviews/``, ``pledges/``, ``units/`` (one line and link
  per item) and ``stats/`` (a table of pledges by unit and status).

Written twice: for MkDocs + Material (:func:`write_mkdocs`: the site's
mkdocs.yml without the ``pledges`` plugin, and without ``custom_dir``,
``extra_css`` and ``extra_javascript``, which only our plugin's templates
can render) and for Hugo (:func:`write_hugo`: the skeleton in
``benchmarks/hugo/`` and ``content/``). Reads the interview files itself,
with PyYAML: the benchmark does not depend on the generator's internals.

    python benchmarks/plain.py SITE DEST_MKDOCS DEST_HUGO
"""

from __future__ import annotations

import argparse
import posixpath
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
HUGO_SKELETON = HERE / "hugo"

#: How a page links to another: ``link(target, source)``, both source paths
#: such as ``pledges/u001-1-1.md``; returns the URL written in the Markdown.
Link = Callable[[str, str], str]


@dataclass(frozen=True)
class Page:
    """One Markdown page: its source path, title, front matter and text."""

    src: str
    title: str
    body: str
    meta: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        front = yaml.safe_dump({"title": self.title, **self.meta}, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.body}"


@dataclass(frozen=True)
class Interview:
    slug: str
    front: dict[str, Any]
    body: str


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping the tags (!ENV, !!python/name) it may use as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a Markdown file with optional YAML front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return yaml.safe_load(text[4:end]) or {}, text[end + 5 :].lstrip("\n")
    return {}, text


def read_interviews(folder: Path) -> list[Interview]:
    """Every interview file under ``folder``, newest first (as our list shows them)."""
    found = []
    for path in sorted(folder.rglob("*.md")):
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        found.append(Interview(path.stem, front, body))
    return sorted(found, key=lambda i: (i.front["date"], i.front["issue"], i.slug), reverse=True)


def pledge_status(pledge: dict[str, Any]) -> str:
    """The last progress entry's status, else ``not_started``."""
    progress = pledge.get("progress") or []
    return str(progress[-1]["status"]) if progress else "not_started"


def mkdocs_link(target: str, source: str) -> str:
    """A relative link to the Markdown source, as MkDocs resolves and checks it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def hugo_link(target: str, source: str) -> str:
    """The absolute URL of the page Hugo writes for ``target``."""
    path = target.removesuffix(".md").removesuffix("index")
    return "/" + (path.rstrip("/") + "/" if path else "")


def pages(site: Path, link: Link) -> list[Page]:
    """The plain pages of the site written by ``corpus.py`` in ``site``."""
    units = {u["id"]: u for u in yaml.safe_load((site / "interviews" / "units.yml").read_text(encoding="utf-8"))}
    interviews = read_interviews(site / "interviews")
    found = [hand_written(path) for path in sorted((site / "docs").glob("*.md"))]
    found += list_pages(units, interviews, link)
    for interview in interviews:
        found.append(interview_page(interview, units, link))
        found += [pledge_page(p, interview, units, link) for p in interview.front.get("pledges") or []]
    found += [unit_page(unit, interviews, link) for unit in units.values()]
    return found


def hand_written(path: Path) -> Page:
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    front.pop("template", None)  # our templates need our plugin
    title = str(front.pop("title", path.stem))
    return Page(path.name, title, body, front)


def list_pages(units: dict[str, dict[str, Any]], interviews: list[Interview], link: Link) -> list[Page]:
    src = "interviews/index.md"
    lines = []
    for i in interviews:
        unit = units[i.front["unit"]]["short_name"]
        lines.append(f"- [{i.front['title']}]({link(f'interviews/{i.slug}.md', src)}) {unit} {i.front['date']}")
    result = [Page(src, "访谈", "\n".join(lines) + "\n")]

    src, lines = "pledges/index.md", []
    for i in interviews:
        for p in i.front.get("pledges") or []:
            unit = units[i.front["unit"]]["short_name"]
            target = link(f"pledges/{p['id']}.md", src)
            lines.append(f"- [{p['text']}]({target}) {unit} {p['category']} {p['deadline']} {pledge_status(p)}")
    result.append(Page(src, "全部承诺", "\n".join(lines) + "\n"))

    by_unit: dict[str, Counter[str]] = {unit_id: Counter() for unit_id in units}
    for i in interviews:
        by_unit[i.front["unit"]].update(pledge_status(p) for p in i.front.get("pledges") or [])
    statuses = sorted({s for counts in by_unit.values() for s in counts})
    src = "units/index.md"
    lines = [
        f"- [{u['name']}]({link('units/' + u['id'] + '.md', src)}) {u['short_name']} {sum(by_unit[u['id']].values())}"
        for u in units.values()
    ]
    result.append(Page(src, "单位", "\n".join(lines) + "\n"))

    rows = ["| 单位 | " + " | ".join(statuses) + " |", "| --- |" + " --- |" * len(statuses)]
    rows += [
        f"| {units[unit_id]['short_name']} | " + " | ".join(str(counts[s]) for s in statuses) + " |"
        for unit_id, counts in by_unit.items()
    ]
    result.append(Page("stats/index.md", "数据看板", "\n".join(rows) + "\n"))
    return result


def interview_page(interview: Interview, units: dict[str, dict[str, Any]], link: Link) -> Page:
    front, src = interview.front, f"interviews/{interview.slug}.md"
    person = front["interviewee"]
    unit = units[front["unit"]]
    head = [
        f"**{front.get('subtitle', '')}**",
        f"{person['name']}（{person['position']}） · [{unit['name']}]({link('units/' + unit['id'] + '.md', src)})"
        f" · {front['date']} · {front['outlet']} · 记者 {'、'.join(front.get('reporters') or [])}",
        str(front.get("summary", "")),
    ]
    return Page(src, str(front["title"]), "\n\n".join(head) + "\n\n" + interview.body)


def pledge_page(pledge: dict[str, Any], interview: Interview, units: dict[str, dict[str, Any]], link: Link) -> Page:
    src = f"pledges/{pledge['id']}.md"
    unit = units[interview.front["unit"]]
    lines = [
        f"> {pledge['quote']}",
        "",
        f"- 单位：[{unit['name']}]({link('units/' + unit['id'] + '.md', src)})（{unit['short_name']}）",
        f"- 访谈：[{interview.front['title']}]({link(f'interviews/{interview.slug}.md', src)})",
        f"- 类别：{pledge['category']}",
        f"- 时限：{pledge['deadline']}",
    ]
    if pledge.get("target"):
        lines.append(f"- 目标：{pledge['target']['value']} {pledge['target']['unit']}")
    lines += ["", "## 进展", ""]
    for update in pledge.get("progress") or []:
        value = f"（{update['value']}）" if "value" in update else ""
        sources = "".join(f" [{s['title']}]({s['url']})" for s in update.get("sources") or [])
        lines.append(f"- {update['date']} {update['status']}{value}：{update['note']}{sources}")
    return Page(src, str(pledge["text"]), "\n".join(lines) + "\n")


def unit_page(unit: dict[str, Any], interviews: list[Interview], link: Link) -> Page:
    src = f"units/{unit['id']}.md"
    own = [i for i in interviews if i.front["unit"] == unit["id"]]
    lines = [f"{unit['name']}（{unit['short_name']}）", "", "## 访谈", ""]
    lines += [f"- [{i.front['title']}]({link(f'interviews/{i.slug}.md', src)}) {i.front['date']}" for i in own]
    lines += ["", "## 承诺", ""]
    lines += [
        f"- [{p['text']}]({link('pledges/' + p['id'] + '.md', src)}) {p['deadline']} {pledge_status(p)}"
        for i in own
        for p in i.front.get("pledges") or []
    ]
    return Page(src, str(unit["name"]), "\n".join(lines) + "\n")


def write_pages(found: Iterable[Page], folder: Path, place: Callable[[str], str] = lambda src: src) -> int:
    count = 0
    for page in found:
        path = folder / place(page.src)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text(), encoding="utf-8")
        count += 1
    return count


def plugin_name(item: str | dict[str, Any]) -> str:
    """The name of an item of mkdocs.yml's ``plugins:`` (a name, or a name with options)."""
    return item if isinstance(item, str) else next(iter(item))


def write_mkdocs(site: Path, dest: Path) -> int:
    """A plain MkDocs + Material site in ``dest``; returns its number of pages."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    config = yaml.load((site / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["theme"].pop("custom_dir", None)
    config.pop("extra_css", None)
    config.pop("extra_javascript", None)
    config["plugins"] = [p for p in config.get("plugins") or [] if plugin_name(p) != "pledges"]
    # Our plugin marks its item pages as not in the nav: the same here, so MkDocs does not list them.
    config["not_in_nav"] = "\n".join(f"/{d}/*\n!/{d}/index.md" for d in ("interviews", "pledges", "units"))
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return write_pages(pages(site, mkdocs_link), dest / "docs")


def hugo_place(src: str) -> str:
    """Where a page goes under ``content/``: ``x/index.md`` is the section ``x/_index.md``."""
    folder, _, name = src.rpartition("/")
    if name == "index.md":
        return f"{folder}/_index.md" if folder else "_index.md"
    return src


def write_hugo(site: Path, dest: Path) -> int:
    """A Hugo site in ``dest``: the skeleton and one content file per page."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(HUGO_SKELETON, dest)
    return write_pages(pages(site, hugo_link), dest / "content", hugo_place)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the plain MkDocs and Hugo sites of a corpus site.")
    parser.add_argument("site", type=Path)
    parser.add_argument("mkdocs_dest", type=Path)
    parser.add_argument("hugo_dest", type=Path)
    args = parser.parse_args()
    print(f"MkDocs: {write_mkdocs(args.site, args.mkdocs_dest)} pages; Hugo: {write_hugo(args.site, args.hugo_dest)}")


if __name__ == "__main__":
    main()
