"""Everyone the paper credits is credited on the site: interns in the
byline, the photographer after the caption."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .conftest import SITES, build_site, copy_site


def test_interns_and_the_photo_credit_are_shown_on_the_interview_page(tmp_path: Path) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    path = site / "interviews/2020/zhang-san.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("correspondents: [丙通讯员]\n", "correspondents: [丙通讯员]\ninterns: [丁实习生]\n")
    text = text.replace(
        "  caption: 张三在施工现场检查桥梁加固。\n",
        "  caption: 张三在施工现场检查桥梁加固。\n  credit: 通讯员 王涛 摄\n",
    )
    path.write_text(text, encoding="utf-8")
    built = build_site(site / "mkdocs.yml", tmp_path / "out")
    page = BeautifulSoup((built.out / "interviews/zhang-san/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "实习生 丁实习生" in page.get_text()
    caption = page.select_one(".jn-photo figcaption")
    assert caption is not None
    assert caption.get_text() == "配图说明张三在施工现场检查桥梁加固。通讯员 王涛 摄"
    credit = caption.select_one(".jn-photo__credit")
    assert credit is not None and credit.get_text() == "通讯员 王涛 摄"
