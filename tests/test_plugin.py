"""The plugin's wiring: options, refusals and the preview server."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.engine.mkdocsinternals import must_replace
from generator.engine.plugin import PledgesPlugin
from generator.engine.segmenter import WORDS_FILE

from .conftest import ROOT, SITES, build_site, copy_site

CONFIG = str(SITES / "small" / "mkdocs.yml")


def test_refuses_urls_that_are_not_directories() -> None:
    config = load_config(CONFIG, use_directory_urls=False)
    with pytest.raises(PluginError, match="use_directory_urls"):
        config.plugins.on_config(config)


def test_options_are_read_and_interviews_resolved_next_to_mkdocs_yml() -> None:
    config = load_config(CONFIG)
    plugin = config.plugins["pledges"]
    assert isinstance(plugin, PledgesPlugin)
    assert Path(plugin.config.interviews) == SITES / "small" / "interviews"
    assert str(plugin.config.as_of) == "2021-06-10"
    assert plugin.config.demo is True


def test_preview_server_watches_the_interviews() -> None:
    config = load_config(CONFIG)
    plugin = config.plugins["pledges"]
    assert isinstance(plugin, PledgesPlugin)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []
            self.builder = lambda: None

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert [Path(p) for p in server.watched] == [SITES / "small" / "interviews"]


def render(source: str, **values: object) -> str:
    """``source`` rendered as the theme's own templates are (escaping on), with the plugin's filter."""
    env = Environment(autoescape=True)
    env.filters["must_replace"] = must_replace
    return env.from_string(source).render(**values)


def test_a_replacement_in_the_theme_html_is_jinjas_replace() -> None:
    html = Markup('<label class="a" tabindex="">x</label> & <b tabindex="">')
    ours = render("{{ html | must_replace(' tabindex=\"\"' | safe, '', 'site_nav') }}", html=html)
    assert ours == render("{{ html | replace(' tabindex=\"\"' | safe, '') }}", html=html)
    assert ours == '<label class="a">x</label> & <b>'


def test_a_replacement_whose_text_is_missing_stops_the_build_naming_block_and_text() -> None:
    with pytest.raises(PluginError) as error:
        render("{{ html | must_replace('<label for=\"x\">' | safe, '', 'header') }}", html=Markup("<label>"))
    assert "overrides/main.html 的 header 块" in str(error.value) and '<label for="x">' in str(error.value)


def test_a_replacement_may_miss_only_what_the_theme_did_not_draw() -> None:
    source = "{{ html | must_replace('<label class=\"t\" for=\"__toc\">' | safe, '<label>' | safe, 'site_nav', if_drawn='for=\"__toc\"') }}"
    assert render(source, html=Markup("<nav></nav>")) == "<nav></nav>"  # no table of contents
    with pytest.raises(PluginError, match="site_nav"):
        render(source, html=Markup('<label class="md-nav__title" for="__toc">'))  # drawn, differently


def test_the_theme_templates_replace_through_the_checking_filter() -> None:
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "| replace(" not in template
    assert template.count("must_replace(") == 5


def test_a_rebuild_forgets_the_words_of_the_last_build(tmp_path: Path) -> None:
    site = copy_site(SITES / "small", tmp_path / "site")
    units = site / "interviews" / "units.yml"
    first, second = "践诺甲测试委员会", "践诺乙测试委员会"
    units.write_text(units.read_text(encoding="utf-8").replace("测试省交通运输厅", first), encoding="utf-8")
    build_site(site / "mkdocs.yml", tmp_path / "one")
    assert first in jieba.dt.FREQ
    units.write_text(units.read_text(encoding="utf-8").replace(first, second), encoding="utf-8")
    build_site(site / "mkdocs.yml", tmp_path / "two")
    assert second in jieba.dt.FREQ
    assert first not in jieba.dt.FREQ and first[:5] not in jieba.dt.FREQ
    words = (site / ".cache" / "jiannuo" / WORDS_FILE).read_text(encoding="utf-8").splitlines()
    assert second in words and first not in words
