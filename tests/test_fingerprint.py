"""Cache keys follow the code: the fingerprint of a module changes with any
module of the package it runs (found from its imports, not from a list kept
by hand), with the libraries' versions, and with nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content import fingerprint as fp
from generator.content.fingerprint import fingerprint


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A small package named like ours: ``a`` imports ``b`` (a name from
    it) and the subpackage module ``sub.c``; ``d`` is imported by nobody."""
    root = tmp_path / "generator"
    (root / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from __future__ import annotations\n\nimport json\n\nfrom generator.b import thing\nfrom generator.sub import c\n",
        "b.py": "thing = 1\n",
        "sub/__init__.py": "",
        "sub/c.py": "from generator.b import (\n    thing,\n)\n",
        "d.py": "import generator.a\n",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(fp, "ROOT", root)
    fingerprint.cache_clear()
    yield root
    fingerprint.cache_clear()


def changed(module: str, root: Path, path: str, text: str) -> bool:
    """Whether writing ``text`` to ``path`` changes the fingerprint of ``module``."""
    before = fingerprint(module)
    (root / path).write_text(text, encoding="utf-8")
    fingerprint.cache_clear()
    return fingerprint(module) != before


def test_the_closure_follows_every_form_of_import(package: Path) -> None:
    assert fp._closure("generator.a") == {"generator.a", "generator.b", "generator.sub", "generator.sub.c"}
    assert fp._closure("generator.d") == {
        "generator.d",
        "generator.a",
        "generator.b",
        "generator.sub",
        "generator.sub.c",
    }


def test_a_change_to_an_imported_module_changes_the_key(package: Path) -> None:
    assert changed("generator.a", package, "b.py", "thing = 2\n")
    assert changed("generator.a", package, "sub/c.py", "from generator.b import thing  # changed\n")


def test_a_change_elsewhere_keeps_the_key(package: Path) -> None:
    assert not changed("generator.a", package, "d.py", "import generator.a  # a comment\n")


def test_a_moved_module_is_still_in_the_key(package: Path) -> None:
    (package / "sub" / "b.py").write_text("thing = 1\n", encoding="utf-8")
    (package / "a.py").write_text("from generator.sub.b import thing\n", encoding="utf-8")
    (package / "b.py").unlink()
    fingerprint.cache_clear()
    assert "generator.sub.b" in fp._closure("generator.a")
    assert changed("generator.a", package, "sub/b.py", "thing = 3\n")


def test_a_library_upgrade_changes_the_key(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint("generator.a")
    fingerprint.cache_clear()
    monkeypatch.setattr(fp, "_libraries", lambda: ["pyyaml=99.0"])
    assert fingerprint("generator.a") != before


def test_the_installed_dependencies_are_in_the_key() -> None:
    libraries = dict(entry.split("=", 1) for entry in fp._libraries())
    assert {"pyyaml", "python-frontmatter", "pillow", "jieba"} <= set(libraries)
    assert all(version != "-" for version in libraries.values())


def test_the_loaders_key_covers_the_yaml_reader() -> None:
    modules = fp._closure("generator.content.load")
    assert {"generator.content.yamltree", "generator.content.fields", "generator.content.model"} <= modules
    assert not any(m.startswith(("generator.engine", "generator.editors")) for m in modules)
