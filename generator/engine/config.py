"""The plugin's options, as written under ``plugins: - pledges:`` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt
import re

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.views.catalog import DEFAULT_STALE_DAYS
from generator.views.contact import valid_email

#: The defaults of ``interviews`` and ``cache_dir``, relative to mkdocs.yml.
DEFAULT_INTERVIEWS = "interviews"
DEFAULT_CACHE = ".cache/jiannuo"


class DateOption(c.OptionallyRequired[dt.date]):
    """A day, written as a YAML date (``as_of: 2020-12-31``) or as text in
    that form (``!ENV`` values and quoted dates are text): both mean the same."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(f"「{value}」不是日期，要写成 2020-12-31 这样的「年-月-日」")


class ContactConfig(base.Config):  # type: ignore[no-untyped-call]
    """How readers reach the editors: any of the three."""

    email = c.Type(str, default="")
    phone = c.Type(str, default="")
    address = c.Type(str, default="")


class PledgesConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of the ``pledges`` plugin."""

    #: Folder of units.yml and the interview files, relative to mkdocs.yml.
    interviews = c.Dir(exists=True, default=DEFAULT_INTERVIEWS)
    #: The day the data is current to; else SOURCE_DATE_EPOCH, else today.
    as_of = c.Optional(DateOption())
    #: Progress entries are demonstration data: say so on every page showing them.
    demo = c.Type(bool, default=False)
    #: The newspaper column the interviews appear in.
    column = c.Type(str, default="决胜攻坚·向人民报告")
    #: Who publishes the site, shown in the footer.
    publisher = c.Type(str, default="")
    #: The ICP filing number (备案号) shown in the footer, e.g. 鲁ICP备12345678号.
    icp = c.Type(str, default="")
    #: How readers reach the editors (footer, 更正说明, 「报告错误」 on every pledge).
    contact = c.SubConfig(ContactConfig)
    #: An open pledge with no news for longer than this many days is marked 「N 天未更新」.
    stale_days = c.Type(int, default=DEFAULT_STALE_DAYS)
    #: A CJK font for the share cards, relative to mkdocs.yml; default: the font shipped in the package.
    card_font = c.Optional(c.Type(str))
    #: Where drawn share cards are kept between builds, relative to mkdocs.yml.
    cache_dir = c.Type(str, default=DEFAULT_CACHE)
    #: Render pledge pages into one shell of the theme instead of one by one
    #: (the same HTML, ten times faster), and build every generated page
    #: outside MkDocs, again only when its inputs changed; off only to compare.
    light_pages = c.Type(bool, default=True)
    #: ``mkdocs build`` keeps the published site and stops early when nothing
    #: it is built from changed since it was published (:mod:`generator.engine.unchanged`).
    keep_unchanged = c.Type(bool, default=True)


def check_options(config: MkDocsConfig, options: PledgesConfig) -> None:
    """Stop at an option the site cannot be built with, saying how to fix it."""
    if not config.use_directory_urls:
        raise PluginError("pledges: 承诺和访谈的网址必须是 /pledges/<id>/ 的形式，请勿关闭 use_directory_urls。")
    if not config.site_url:
        raise PluginError(
            "pledges: 请在 mkdocs.yml 中设置 site_url（网站的正式网址）：引用、二维码和订阅都要用到永久网址。"
        )
    if options.stale_days < 1:
        raise PluginError(
            f"pledges: stale_days 必须是正整数（多少天没有进展算“未更新”），现在是 {options.stale_days}。"
        )
    if options.contact.email and not valid_email(options.contact.email):
        raise PluginError(
            f"pledges: contact.email「{options.contact.email}」不是电子邮件地址，应写成 name@example.org。"
        )
