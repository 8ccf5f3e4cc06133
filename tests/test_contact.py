"""A way to reach the editors: the ``contact`` option in the footer and on
更正说明, and 「报告错误」 on every pledge page with a message that names the
pledge; a site without it warns."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort

from generator.views.contact import mailto, valid_email

from .conftest import SITES, BuiltSite, build_site, copy_site
from .test_build import PLEDGES, one, text_of


def test_every_page_footer_names_the_contact(small_site: BuiltSite) -> None:
    for url in ["", "pledges/", f"pledges/{PLEDGES[0]}/", "units/jiaotong/", "interviews/li-si/"]:
        footer = one(small_site.page(url), ".jn-footer__contact")
        assert one(footer, "a[href^='mailto:']")["href"] == "mailto:editors@example.org"
        assert "联系编辑：" in footer.get_text()


def test_every_pledge_page_reports_an_error_with_its_id_and_url(small_site: BuiltSite) -> None:
    for pledge in PLEDGES:
        link = one(small_site.page(f"pledges/{pledge}/"), "a.jn-report__link")
        assert link.get_text() == "报告错误"
        parts = urlsplit(str(link["href"]))
        assert (parts.scheme, unquote(parts.path)) == ("mailto", "editors@example.org")
        query = parse_qs(parts.query)
        assert query["subject"] == [f"报告错误：{pledge}"]
        body = query["body"][0]
        assert f"承诺编号：{pledge}\r\n" in body
        assert f"网址：https://example.org/pledges/{pledge}/\r\n" in body


def test_the_corrections_page_lists_the_contact(real_site: BuiltSite) -> None:
    page = real_site.page("corrections/")
    assert one(page, "article a[href='mailto:jiannuo@example.org']").get_text() == "jiannuo@example.org"
    assert "报告错误与更正" in text_of(page, ".jn-footer__contact")


def test_mailto_encodes_subject_and_body() -> None:
    assert mailto("a@b.org") == "mailto:a@b.org"
    assert mailto("a@b.org", "主题 & 其他", "一\n二") == (
        "mailto:a@b.org?subject=%E4%B8%BB%E9%A2%98%20%26%20%E5%85%B6%E4%BB%96&body=%E4%B8%80%0D%0A%E4%BA%8C"
    )


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("editors@example.org", True),
        ("a.b+c@mail.example.cn", True),
        ("editors", False),
        ("a b@c.org", False),
        ("<a@b.org>", False),
        ("a@b", False),
    ],
)
def test_valid_email(address: str, valid: bool) -> None:
    assert valid_email(address) is valid


def site_with(tmp_path: Path, old: str, new: str) -> Path:
    copy = copy_site(SITES / "small", tmp_path / "site")
    config = copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")
    return config


CONTACT = "      contact:\n        email: editors@example.org\n"


def test_without_a_contact_the_build_warns(tmp_path: Path) -> None:
    with pytest.raises(Abort):  # strict: the warning stops the build
        build_site(site_with(tmp_path, CONTACT, ""), tmp_path / "out")


def test_without_a_contact_the_warning_says_what_to_write(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(site_with(tmp_path, CONTACT, "")), site_dir=str(tmp_path / "out"))
    build(config)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "contact" in warnings[0] and "报告错误" in warnings[0]
    page = (tmp_path / "out" / "pledges" / PLEDGES[0] / "index.html").read_text("utf-8")
    assert "报告错误：请注明承诺编号" in page


def test_a_phone_number_only_is_shown_on_the_pledge_page(tmp_path: Path) -> None:
    built = build_site(site_with(tmp_path, "email: editors@example.org", "phone: 0531-12345678"), tmp_path / "out")
    assert built.warnings == []
    report = one(built.page(f"pledges/{PLEDGES[0]}/"), "#report")
    assert "电话 0531-12345678" in report.get_text() and PLEDGES[0] in report.get_text()
    assert not report.select("a[href^='mailto:']")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("email: editors@example.org", "email: editors", "不是电子邮件地址"),
        ("      demo: true\n", "      demo: true\n      stale_days: 0\n", "stale_days 必须是正整数"),
    ],
)
def test_bad_contact_or_stale_days_stop_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, old: str, new: str, message: str
) -> None:
    with pytest.raises(Abort):
        build_site(site_with(tmp_path, old, new), tmp_path / "out")
    assert any(message in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
