"""mkdocs.yml as the editors' commands read it: through MkDocs' own loader,
so that ``!ENV``, ``INHERIT`` and every option mean to ``python -m
generator check`` what they mean to ``mkdocs build``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.editors import cli
from generator.engine.siteconfig import SiteConfigError, read_site_config

from .conftest import SITES, build_site, copy_site

#: The small site's options, as its mkdocs.yml writes them.
OPTIONS = "      interviews: interviews\n      as_of: 2021-06-10\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An editable copy of the small site."""
    return copy_site(SITES / "small", tmp_path / "site")


def set_options(site: Path, options: str) -> Path:
    """Write ``options`` in place of the pledges plugin's interviews and as_of."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert OPTIONS in text
    config.write_text(text.replace(OPTIONS, options), encoding="utf-8")
    return config


def check_command(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``python -m generator check site``: its status, stdout and stderr."""
    status = cli.main(["check", str(site)])
    out, err = capsys.readouterr()
    return status, out, err


def built_as_of(config: Path, out: Path) -> str:
    """The as-of date the build of ``config`` wrote into its open data."""
    build_site(config, out)
    return str(json.loads((out / "api" / "pledges.json").read_text(encoding="utf-8"))["meta"]["as_of"])


def test_env_options_mean_the_same_to_check_and_build(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "interviews").rename(site / "stories")
    config = set_options(
        site, "      interviews: !ENV [JN_INTERVIEWS, interviews]\n      as_of: !ENV [JN_AS_OF, 2021-06-10]\n"
    )
    monkeypatch.setenv("JN_INTERVIEWS", "stories")
    monkeypatch.setenv("JN_AS_OF", "2021-07-01")
    status, out, err = check_command(site, capsys)
    assert (status, err) == (0, ""), out + err
    assert out.startswith("检查通过") and "数据截至 2021-07-01" in out
    assert built_as_of(config, tmp_path / "out") == "2021-07-01"


def test_an_env_date_left_to_its_default_is_that_date(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_options(site, "      interviews: interviews\n      as_of: !ENV [JN_AS_OF, 2021-06-20]\n")
    monkeypatch.delenv("JN_AS_OF", raising=False)
    status, out, _ = check_command(site, capsys)
    assert status == 0 and "数据截至 2021-06-20" in out


@pytest.mark.parametrize("written", ['"2021-06-20"', "'2021-06-20'", "!ENV [JN_UNSET, '2021-06-20']"])
def test_a_date_written_as_text_is_the_same_date_to_the_build_and_the_check(
    site: Path, written: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JN_UNSET", raising=False)
    config = set_options(site, f"      interviews: interviews\n      as_of: {written}\n")
    assert load_config(str(config)).plugins["pledges"].config.as_of == dt.date(2021, 6, 20)  # as the build reads it
    status, out, _ = check_command(site, capsys)
    assert status == 0 and "数据截至 2021-06-20" in out


def test_inherited_options_are_read(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = set_options(site, "      interviews: interviews\n      as_of: 2021-06-25\n")
    config.rename(site / "base.yml")
    config.write_text("INHERIT: base.yml\nsite_name: 践诺测试站（继承）\n", encoding="utf-8")
    status, out, err = check_command(site, capsys)
    assert (status, err) == (0, ""), out + err
    assert "数据截至 2021-06-25" in out


def test_reading_the_config_writes_nothing(site: Path) -> None:
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    config = read_site_config(site)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not (site.parent / "site.building").exists() and not (site / "site.building").exists()
    assert config.interviews == site / "interviews" and config.docs == site / "docs"
    assert config.as_of == dt.date(2021, 6, 10) and config.demo is True
    assert config.site_url == "https://example.org/" and config.cache == site / ".cache/jiannuo"


def test_paths_keep_the_form_the_site_folder_was_given_in(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(site)
    config = read_site_config(Path("."))
    assert (config.interviews, config.docs) == (Path("interviews"), Path("docs"))


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        ('"2021-13-01"', "mkdocs.yml: pledges.as_of: 「2021-13-01」不是日期，要写成 2020-12-31 这样的「年-月-日」。"),
        ("6月10日", "mkdocs.yml: pledges.as_of: 「6月10日」不是日期"),
        ("2021-13-01", "mkdocs.yml: 无法读取（"),
    ],
)
def test_a_wrong_date_is_said_in_chinese_naming_the_file_and_the_build_stops_too(
    site: Path, as_of: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    config = set_options(site, f"      interviews: interviews\n      as_of: {as_of}\n")
    status, out, err = check_command(site, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(said) and "Traceback" not in err, err
    with pytest.raises((Abort, ValueError)):
        load_config(str(config))


def test_a_missing_interviews_folder_is_an_error_of_mkdocs_yml(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_options(site, "      interviews: nowhere\n      as_of: 2021-06-10\n")
    status, out, err = check_command(site, capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"mkdocs.yml: pledges.interviews: 找不到文件夹「{site / 'nowhere'}」。请改正后重试"), err


def test_mkdocs_own_errors_are_framed_in_chinese(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - no-such-plugin\n"))
    status, _, err = check_command(site, capsys)
    assert status == 2
    assert err.startswith('mkdocs.yml: plugins: 设置有误（The "no-such-plugin" plugin is not installed）。'), err


def test_a_yaml_error_keeps_its_message(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    status, _, err = check_command(site, capsys)
    assert status == 2 and err.startswith("mkdocs.yml: 无法读取（") and "Traceback" not in err


def test_a_site_without_the_plugin_is_refused(site: Path) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = text.index("  - pledges:"), text.index("markdown_extensions:")
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(SiteConfigError, match=r"^mkdocs.yml: plugins: 没有启用 pledges 插件"):
        read_site_config(site)


def test_mkdocs_warnings_do_not_reach_the_editor(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "no_such_option: 1\n", encoding="utf-8")
    status, out, err = check_command(site, capsys)
    assert (status, err) == (0, "") and out.startswith("检查通过")
