"""The commands that write a new interview file: ``new`` (from the
scaffold) and ``import`` (from a newspaper article)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from generator.content.ids import valid_id
from generator.editors.files import refuse_links_out
from generator.editors.importing.importer import decode_article, import_article, publication_date
from generator.editors.lookup import require_unit
from generator.editors.scaffold import default_slug, new_interview, next_issue
from generator.editors.sitefolder import SiteError, open_site
from generator.editors.terminal import say
from generator.views.asof import today as _today


def run_new(args: argparse.Namespace) -> int:
    """Write a new interview file from the scaffold."""
    site = open_site(Path(args.site))
    unit = require_unit(site, args.unit)
    day = args.date or _today()
    issue = next_issue(site.corpus)
    slug = args.slug or default_slug(unit, day, issue)
    if not valid_id(slug):
        raise SiteError(f"文件名「{slug}」是访谈的网址，只能用小写英文字母、数字和连字符，例如 shi-guangliang。")
    path = site.interviews / str(day.year) / f"{slug}.md"
    if path.exists():
        raise SiteError(f"{path} 已经存在：请换一个文件名（--slug）。")
    outlets = [i.outlet for i in sorted(site.corpus.interviews, key=lambda i: (i.date, i.issue))]
    refuse_links_out(site, path.parent)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new_interview(unit, day, issue, outlets[-1] if outlets else ""), encoding="utf-8")
    say(
        f"已新建 {path.relative_to(site.folder)}（第 {issue} 期）：请按注释填写各字段，然后运行 python -m generator check。"
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Turn a newspaper article into an interview file."""
    if args.issue is not None and not re.fullmatch(r"[1-9]\d{0,5}", args.issue):
        raise SiteError(f"--issue 只写期数，是正整数，如 --issue 10；「{args.issue}」不对。")
    site = open_site(Path(args.site))
    if args.unit:
        require_unit(site, args.unit)
    source = Path(args.article)
    raw = _read_article(source)
    today = _today()
    day = args.date or publication_date(raw) or today
    if args.output:
        path = Path(args.output)
    else:
        if not valid_id(source.stem):
            raise SiteError("请用 -o 指定访谈文件名，例如 -o interviews/2020/shi-guangliang.md（文件名即访谈网址）。")
        path = site.interviews / str(day.year) / f"{source.stem}.md"
        refuse_links_out(site, path.parent)
    if path.exists() and not args.force:
        raise SiteError(f"{path} 已经存在：换一个文件名，或加 --force 覆盖。")
    path.parent.mkdir(parents=True, exist_ok=True)
    issue = int(args.issue) if args.issue is not None else None
    text = import_article(
        raw, unit=args.unit, today=today, date=args.date, issue=issue, next_issue=next_issue(site.corpus)
    )
    path.write_text(text, encoding="utf-8")
    say(
        f"已导入到 {path}：请核对前置元数据（期数、日期、单位），确认注释中的候选承诺，然后运行 python -m generator check。"
    )
    return 0


def _read_article(source: Path) -> str:
    """The text of the article file ``source``, or a :class:`SiteError`
    that says why it cannot be read."""
    try:
        return decode_article(source.read_bytes())
    except FileNotFoundError:
        raise SiteError(f"找不到文章 {source}：请核对文件名和路径。") from None
    except OSError:
        raise SiteError(f"无法读取文章 {source}：请确认它是一个能打开的文件。") from None
    except UnicodeDecodeError:
        raise SiteError(
            f"无法读取 {source}：它既不是 UTF-8 编码，也不是 GB18030（GBK）编码的文字。"
            "请在编辑器中把它另存为「UTF-8」编码的纯文本（.txt）后再导入。"
        ) from None
