"""``python -m generator check`` loads only what the check needs: each
command's module when it runs, and of the plugins in mkdocs.yml their
options alone (``generator/engine/pluginoptions.py``), validated as the
plugins validate them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import nullcontext
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from generator.engine import pluginoptions, siteconfig
from generator.engine.pluginoptions import STAND_INS, options_only
from generator.engine.siteconfig import SiteConfigError, read_site_config

from .conftest import SITES, copy_site

#: What the check never uses: the other commands, the build, and the
#: libraries only the build uses (the segmenter, images, feeds, QR codes).
NOT_FOR_CHECK = (
    "generator.editors.importing.importer",
    "generator.editors.scaffold",
    "generator.editors.updates",
    "generator.engine.plugin",
    "material.plugins.search.plugin",
    "jieba",
    "pkg_resources",
    "PIL",
    "feedgen",
    "icalendar",
    "segno",
)

_CHECK_THEN_LIST = """
import json, sys
from generator.editors.cli import main
status = main(["check", sys.argv[1]])
print(json.dumps([status, sorted(sys.modules)]))
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An editable copy of the small site."""
    return copy_site(SITES / "small", tmp_path / "site")


def test_check_imports_nothing_only_other_commands_or_the_build_use(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_THEN_LIST, str(site)],
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].startswith("检查通过："), done.stdout + done.stderr
    status, modules = json.loads(lines[-1])
    assert status == 0
    loaded = [name for name in NOT_FOR_CHECK if name in modules]
    assert loaded == []


def test_each_stand_in_has_its_plugins_options_and_their_validation() -> None:
    points = {point.value: point for point in entry_points(group="mkdocs.plugins")}
    for value, stand_in in STAND_INS.items():
        assert value in points, f"no plugin is installed as {value}"
        plugin = points[value].load()
        assert issubclass(plugin, BasePlugin) and issubclass(stand_in, BasePlugin)
        assert plugin.config_class is stand_in.config_class
        # MkDocs validates the options by load_config: neither may have its own.
        assert plugin.load_config is BasePlugin.load_config is stand_in.load_config
        multiple = getattr(plugin, "supports_multiple_instances", False)
        assert multiple == getattr(stand_in, "supports_multiple_instances", False)
        assert stand_in.__module__ == pluginoptions.__name__


def test_the_loader_loads_the_stand_ins_only_while_asked(site: Path) -> None:
    # The one internal of MkDocs relied on: where its loader finds the plugins.
    option = MkDocsConfig.plugins
    assert isinstance(option, Plugins) and isinstance(option.installed_plugins, dict)
    before = dict(option.installed_plugins)
    assert all(isinstance(point, EntryPoint) for point in before.values())
    with options_only():
        config = load_config(str(site / "mkdocs.yml"))
    assert type(config.plugins["pledges"]) is pluginoptions.PledgesOptions
    assert type(config.plugins["material/search"]) is pluginoptions.SearchOptions
    assert option.installed_plugins == before
    config = load_config(str(site / "mkdocs.yml"))
    assert type(config.plugins["pledges"]).__name__ == "PledgesPlugin"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - search\n", "  - search:\n      lang: 42\n      separator: [1]\n"),
        ("      demo: true\n", "      demo: maybe\n      card_font: 3\n"),
        ("      interviews: interviews\n", "      interviews: nowhere\n      contact: 5\n"),
        ("  - search\n", "  - search:\n      enabled: 1\n"),
    ],
)
def test_the_options_are_refused_as_the_plugins_refuse_them(
    site: Path, old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(SiteConfigError) as stood_in:
        read_site_config(site)
    monkeypatch.setattr(siteconfig, "options_only", nullcontext)
    with pytest.raises(SiteConfigError) as loaded:
        read_site_config(site)
    assert str(stood_in.value) == str(loaded.value)


def test_the_options_read_are_those_the_plugin_reads(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stood_in = read_site_config(site)
    monkeypatch.setattr(siteconfig, "options_only", nullcontext)
    assert read_site_config(site) == stood_in
