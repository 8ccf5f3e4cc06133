"""The package installs anywhere, and the site builds past MkDocs' end of life.

A wheel of the project, installed with its pinned dependencies into a fresh
virtual environment, builds the bundled site — copied to a folder with no
``generator/`` beside it — byte for byte as the repository does: the card font
and the plugin's templates ship inside the package. ProperDocs, the maintained
fork of MkDocs 1.6, installed into that environment, builds the same site.

These tests install from the package index (pip's cache makes reruns cheaper).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.install

#: The day the builds are dated (sitemap, gzip headers); any fixed day will do.
EPOCH = "1609459200"
#: What the bundled site is made of, besides the package.
SITE_SOURCES = ("mkdocs.yml", "docs", "overrides", "interviews")
CONSTRAINTS = ROOT / "constraints.txt"
#: The one line ProperDocs renders differently: Material's generator meta,
#: fed by the ``mkdocs_version`` ProperDocs sets to "ProperDocs <version>".
GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-([^,"]*), mkdocs-material-[^"]*">')


def pin(name: str) -> str:
    """The version constraints.txt pins ``name`` to."""
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        found, _, version = line.partition("==")
        if found.strip().lower() == name:
            return version.strip()
    raise AssertionError(f"{name} is not pinned in {CONSTRAINTS}")


def environment() -> dict[str, str]:
    """The build's environment: a fixed date, nothing that could import the repository's code."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    return env


def run(command: list[str | Path], cwd: Path) -> None:
    """Run ``command`` in ``cwd``; fail with its output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=environment(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"


def pip(*arguments: str | Path) -> list[str | Path]:
    """A command line of the project's pip (it installs into other environments with --python)."""
    return [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check", *arguments]


@dataclass(frozen=True)
class Installed:
    """The wheel built from the repository and the fresh environment it is installed in."""

    wheel: Path
    bin: Path
    work: Path

    def build(self, command: str, name: str) -> Path:
        """The bundled site built by ``command`` (mkdocs or properdocs), from a fresh copy, out of the repository."""
        source = self.work / f"{name}-source"
        source.mkdir()
        for item in SITE_SOURCES:
            copy = shutil.copytree if (ROOT / item).is_dir() else shutil.copy2
            copy(ROOT / item, source / item)
        out = self.work / name
        run([self.bin / command, "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", out], source)
        return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """A wheel of the project, installed (not editable) with its pinned dependencies and ProperDocs."""
    work = tmp_path_factory.mktemp("install")
    # The wheel is built from a copy: building in the repository would leave build/ in it.
    source = work / "source"
    source.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", source)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    run(pip("wheel", "--no-deps", "--wheel-dir", work / "dist", source), work)
    (wheel,) = (work / "dist").glob("jiannuo-*.whl")
    # No pip inside: the project's pip installs into it, which saves seconds.
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", venv], work)
    python = venv / "bin" / "python"
    run(pip("--python", python, "install", "--no-compile", "-c", CONSTRAINTS, wheel, "properdocs"), work)
    return Installed(wheel, venv / "bin", work)


@pytest.fixture(scope="module")
def repository_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled site as the repository builds it (`make build`), with the same date."""
    out = tmp_path_factory.mktemp("repository") / "site"
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", out], ROOT)
    return out


@pytest.fixture(scope="module")
def mkdocs_site(installed: Installed) -> Path:
    """The bundled site as the installed wheel builds it with MkDocs."""
    return installed.build("mkdocs", "mkdocs-site")


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path relative to it."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def differences(one: Mapping[str, bytes], other: Mapping[str, bytes]) -> list[str]:
    """The paths present in only one of the two sites, or with different bytes."""
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def test_wheel_ships_every_data_file(installed: Installed) -> None:
    """Every file of the package that is not Python code (the font, its licence, the templates) is in the wheel."""
    data = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "generator").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py"
    }
    assert {"generator/text/fonts/NotoSansSC-Bold.ttf", "generator/text/fonts/OFL.txt"} <= data
    assert any(name.startswith("generator/engine/templates/") for name in data)
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    assert data <= names, f"not in the wheel: {sorted(data - names)}"


def test_installed_package_is_not_the_repository(installed: Installed) -> None:
    """The environment imports the package from its own site-packages, not from the repository."""
    done = subprocess.run(
        [installed.bin / "python", "-c", "import generator; print(generator.__file__)"],
        cwd=installed.work,
        env=environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    location = Path(done.stdout.strip())
    assert "site-packages" in location.parts
    assert not location.is_relative_to(ROOT)


def test_wheel_builds_the_site_byte_for_byte(installed: Installed, mkdocs_site: Path, repository_site: Path) -> None:
    """Installed from the wheel, out of the repository, the site is the repository's to the byte.

    Nothing is normalised: the as-of date comes from mkdocs.yml, the sitemap's
    dates and the gzip header's time from SOURCE_DATE_EPOCH, and no page holds
    an absolute path. The share cards the installed package draws afresh, with
    the font it ships, are the ones the repository's build may take from its cache.
    """
    built, expected = files(mkdocs_site), files(repository_site)
    assert len(expected) > 100
    assert differences(built, expected) == []


def test_properdocs_builds_what_mkdocs_builds(installed: Installed, mkdocs_site: Path) -> None:
    """ProperDocs builds the site MkDocs builds, Material theme and plugin included.

    The only difference is the generator meta tag of the pages Material renders:
    it names ProperDocs instead of MkDocs; it is compared and then normalised,
    nothing else is.
    """
    properdocs_site = installed.build("properdocs", "properdocs-site")
    by_mkdocs, by_properdocs = files(mkdocs_site), files(properdocs_site)
    mkdocs_meta = f"mkdocs-{pin('mkdocs')}".encode()
    properdocs_meta = f"mkdocs-ProperDocs {pin('properdocs')}".encode()
    renamed = 0
    for path, page in by_properdocs.items():
        names = [match.group(0) for match in GENERATOR.finditer(page)]
        if names:
            assert [properdocs_meta in name for name in names] == [True], path
            by_properdocs[path] = page.replace(properdocs_meta, mkdocs_meta, 1)
            renamed += 1
    # Material rendered the pages: its assets are there, and its meta tag names it.
    assert renamed > 30
    assert any(re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", path) for path in by_properdocs)
    assert differences(by_properdocs, by_mkdocs) == []
