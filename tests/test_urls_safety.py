"""Web addresses editors write: never a traceback, never a link that takes
readers somewhere else than it seems to."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.check import load_and_check
from generator.content.weburls import checked_in_full, url_problem

from .conftest import SITES, copy_site

#: (URL, a part of the message: the real host or what is wrong)
DECEPTIVE = [
    ("https://gov.cn.example@evil.example/", "真正主机是 evil.example（@ 前面的 gov.cn.example 只是用户名）"),
    ("https://www.gov.cn:443@evil.example/x", "真正主机是 evil.example"),
    ("https://user:password@example.org/", "真正主机是 example.org"),
    ("https://gоv.cn/", "xn--gv-fmc.cn"),  # a Cyrillic о
    ("https://www.gοv.cn/", "希腊字母"),  # a Greek ο
    ("https://xn--gv-fmc.cn/", "「gоv」混用了"),
    ("https://аррӏе.com/", "全由看起来像拉丁字母的西里尔字母写成"),
    ("https://example.org\\@evil.example/", "反斜杠"),
    ("https://example.org/\u200bnews", "U+200B"),
    ("https://exam\u00adple.org/", "U+00AD"),
    ("https://example.org/a b", "U+0020"),
    ("https://example.org/\u3000", "U+3000"),
    ("https://ex%61mple.org/", "「%」"),
    ("https://xn--zz.cn/", "不是有效的国际化域名"),
    ("http://[::1", "无法解析"),
    ("http://[::1]x/", "无法解析"),
    ("http://a:xx/", "无法解析"),
    ("http://a:99999/", "无法解析"),
    ("https://[zz]/", "无法解析"),
    ("javascript:alert(1)", "只接受以 http:// 或 https:// 开头"),
    ("//example.org/", "只接受以 http:// 或 https:// 开头"),
    ("https://", "只接受以 http:// 或 https:// 开头"),
]
SOUND = [
    "https://example.org/news/weiqiao",
    "http://www.gov.cn/zhengce/2020-12/31/content_1.htm?from=timeline#top",
    "https://政府.cn/通知",
    "https://xn--mxtq1m.cn/",  # 政府.cn in punycode
    "https://пример.рф/",
    "https://例え.テスト/",
    "https://[::1]/x",
    "https://127.0.0.1:8080/",
    "HTTPS://Example.ORG/",
    "https://example.org/?q=\"><script>alert('x')</script>",
    "https://sub_domain.example.org/",
]


@pytest.mark.parametrize(("url", "fragment"), DECEPTIVE)
def test_a_deceptive_or_broken_address_is_refused_saying_why(url: str, fragment: str) -> None:
    problem = url_problem(url)
    assert problem is not None and fragment in problem, problem
    assert "请" in problem


@pytest.mark.parametrize("url", SOUND)
def test_an_ordinary_address_is_accepted(url: str) -> None:
    assert url_problem(url) is None


ODD = "@:/\\[]%.#?-_ \u200b\u202e\u0430\u043e\u03bf政府xn--" + string.ascii_letters + string.digits


@st.composite
def addresses(draw: st.DrawFn) -> str:
    """Something shaped like a URL, its parts from an alphabet of trouble."""
    part = st.text(alphabet=ODD, max_size=10)
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "ftp", "", "javascript"]))
    user = draw(st.sampled_from(["", "gov.cn@", "a:b@"]) | part)
    host = draw(st.sampled_from(["example.org", "[::1]", "[::1", "政府.cn", "xn--gv-fmc.cn"]) | part)
    port = draw(st.sampled_from(["", ":80", ":x", ":99999"]))
    return f"{scheme}://{user}{host}{port}/{draw(part)}"


#: Characters that make or break an address, for the shortcut's test.
TRICKY = "htps:/.-_xnXN@[]\\%?#: aA0Z~\u00ad\u0430\u200b"


@settings(max_examples=400, deadline=None)
@given(start=st.sampled_from(["http://", "https://", "HTTP://", "http:/"]), rest=st.text(TRICKY, max_size=24))
def test_the_shortcut_for_plain_addresses_says_what_every_check_says(start: str, rest: str) -> None:
    assert url_problem(start + rest) == checked_in_full(start + rest)


@settings(max_examples=300, deadline=None)
@given(url=st.text(max_size=40) | addresses())
def test_no_address_makes_the_checker_raise(url: str) -> None:
    problem = url_problem(url)
    if problem is None:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.hostname
        assert "@" not in parts.netloc and "\\" not in url
        assert all(unicodedata.category(ch)[0] not in "CZ" for ch in url)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return copy_site(SITES / "small", tmp_path / "site")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ('"https://example.org/news/weiqiao"', '"http://[::1"', 34, "pledges[1].progress[2].sources[1].url"),
        ("caption: 张三在施工现场检查桥梁加固。", 'caption: 张三\n  src: "http://[::1"', 16, "photo.src"),
        (
            '"https://example.org/news/weiqiao"',
            '"https://gov.cn.example@evil.example/"',
            34,
            "pledges[1].progress[2].sources[1].url",
        ),
        ("caption: 张三在施工现场检查桥梁加固。", 'caption: 张三\n  src: "https://gоv.cn/a.jpg"', 16, "photo.src"),
    ],
)
def test_a_bad_address_in_a_file_is_a_located_problem(small: Path, old: str, new: str, line: int, field: str) -> None:
    path = small / "interviews/2020/zhang-san.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    _, problems = load_and_check(small / "interviews", small, dt.date(2021, 6, 10))
    assert [(p.path, p.line, p.field) for p in problems] == [("interviews/2020/zhang-san.md", line, field)], problems
