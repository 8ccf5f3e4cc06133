"""The plugin's wiring: options, refusals and the preview server."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.engine.plugin import PledgesPlugin

from .conftest import SITES

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
