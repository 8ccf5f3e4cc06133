"""The layers of ``generator/`` hold: text < content < views < outputs <
engine, each importing only the layers below it; editors/ (and the
``python -m generator`` entry) may import anything, and nothing else
imports editors/. Only engine/ imports MkDocs or Material, or changes the
segmenter's (jieba's) process-wide dictionary."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"
#: The layers, lowest first.
ORDER = ("text", "content", "views", "outputs", "engine")
#: Free to import any layer (and the only ones that may import editors/).
FREE = ("editors", "__main__")
#: What only the engine may import.
ENGINE_ONLY = ("mkdocs", "material")
#: jieba's functions and methods that change its process-wide state.
JIEBA_MUTATORS = frozenset(
    {"add_word", "del_word", "load_userdict", "set_dictionary", "suggest_freq", "initialize", "enable_parallel"}
)


def _layer(module: str) -> str | None:
    """The layer of a module of ``generator`` (``None``: the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "generator" else None


def _imports(module: str, tree: ast.AST) -> list[str]:
    """The modules ``tree`` imports, relative imports made absolute."""
    found: list[str] = []
    package = module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            # `from generator import views`: the names are modules.
            found += [f"{base}.{a.name}" for a in node.names] if base == "generator" else [base]
    return found


def _jieba_names(tree: ast.AST) -> set[str]:
    """The names bound to jieba or one of its modules (``import jieba as j``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] == "jieba"}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "jieba":
            names |= {a.asname or a.name for a in node.names if a.name not in JIEBA_MUTATORS}
    return names


def _root(node: ast.expr) -> str | None:
    """The name an attribute or subscript chain starts from."""
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _jieba_changes(tree: ast.AST) -> list[str]:
    """What in ``tree`` changes jieba's state: a mutator called or imported,
    or an attribute or entry of jieba assigned."""
    names = _jieba_names(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "jieba":
            found += [f"from {node.module} import {a.name}" for a in node.names if a.name in JIEBA_MUTATORS]
        elif isinstance(node, ast.Attribute) and node.attr in JIEBA_MUTATORS and _root(node) in names:
            found.append(ast.unparse(node))
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            found += [
                f"{ast.unparse(t)} = …"
                for t in targets
                if isinstance(t, ast.Attribute | ast.Subscript) and _root(t) in names
            ]
    return found


def violations(module: str, source: str) -> list[str]:
    """What in ``source`` (the module ``module``, e.g. ``generator.views.urls``)
    breaks the layers, each naming the module and what it imports or does."""
    tree = ast.parse(source)
    layer = _layer(module)
    found: list[str] = []
    for name in _imports(module, tree):
        top, target = name.split(".")[0], _layer(name)
        if top in ENGINE_ONLY and layer != "engine":
            found.append(f"{module} imports {name}: only generator/engine/ may import MkDocs or Material")
        elif target == "editors" and layer not in FREE:
            found.append(f"{module} imports {name}: nothing outside generator/editors/ may import it")
        elif layer in ORDER and target in ORDER and ORDER.index(target) > ORDER.index(layer):
            found.append(f"{module} imports {name}: {layer}/ is below {target}/ and may not import it")
    if layer != "engine":
        found += [
            f"{module} changes jieba's global state ({what}): only generator/engine/ may"
            for what in _jieba_changes(tree)
        ]
    return found


def modules() -> list[tuple[str, Path]]:
    """Every module of ``generator/``, by its dotted name."""
    done = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        done.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return done


def test_every_module_keeps_to_its_layer() -> None:
    found = [v for module, path in modules() for v in violations(module, path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("module", "source", "message"),
    [
        ("generator.content.fake", "import mkdocs.plugins\n", "generator.content.fake imports mkdocs.plugins"),
        ("generator.views.fake", "from material.plugins import x\n", "generator.views.fake imports material.plugins"),
        ("generator.text.fake", "from generator.content.model import Pledge\n", "text/ is below content/"),
        ("generator.outputs.fake", "from generator import engine\n", "imports generator.engine"),
        ("generator.content.fake", "from ..views import urls\n", "imports generator.views:"),
        ("generator.views.fake", "from generator.editors.cli import main\n", "imports generator.editors.cli"),
        ("generator.views.fake", "import jieba\njieba.add_word('x')\n", "jieba.add_word"),
        ("generator.views.fake", "import jieba as j\nj.dt.load_userdict('f')\n", "j.dt.load_userdict"),
        ("generator.views.fake", "from jieba import add_word\n", "from jieba import add_word"),
        ("generator.views.fake", "import jieba\njieba.dt.FREQ['x'] = 1\n", "jieba.dt.FREQ['x'] = …"),
        ("generator.outputs.fake", "import jieba\njieba.dt.tmp_dir = 'x'\n", "jieba.dt.tmp_dir = …"),
    ],
)
def test_the_checker_names_the_module_and_what_breaks_the_layers(module: str, source: str, message: str) -> None:
    found = violations(module, source)
    assert len(found) == 1 and message in found[0], found


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (
            "generator.engine.fake",
            "import mkdocs\nimport jieba\njieba.add_word('x')\nfrom generator.views import urls\n",
        ),
        ("generator.editors.fake", "from generator.engine.plugin import PledgesPlugin\n"),
        ("generator.__main__", "from generator.editors.cli import main\n"),
        ("generator.views.fake", "import jieba\nwords = jieba.lcut('x')\ntokenizer = jieba.dt\n"),
        ("generator.outputs.fake", "from generator.views.urls import card\n"),
    ],
)
def test_what_the_layers_allow_passes(module: str, source: str) -> None:
    assert violations(module, source) == []
