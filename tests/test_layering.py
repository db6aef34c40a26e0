"""Imports point one way: channels, server, cli → core → skills → actions → nlu → shared.

Every module under ``assistant/``, ``nlu/``, ``actions/`` and ``skills/`` is read with ``ast``
(nothing is imported), and each import of one of our packages is checked against the layer
the importing module belongs to:

    assistant.shared   only itself
    nlu                itself and assistant.shared
    actions            itself, nlu and assistant.shared
    skills             itself, actions, nlu and assistant.shared
    assistant (core)   anything

so no leaf ever reaches into the core, let alone ``assistant.channels``, ``.server`` or ``.cli``.
Imports under ``if TYPE_CHECKING:`` count too: a type-only cycle is still a cycle in the design.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("assistant", "nlu", "actions", "skills")
EDGES = ("assistant.channels", "assistant.server", "assistant.cli")

# layer -> the packages (and their submodules) it may import; "*" means anything
ALLOWED: dict[str, tuple[str, ...]] = {
    "assistant.shared": ("assistant.shared",),
    "nlu": ("nlu", "assistant.shared"),
    "actions": ("actions", "nlu", "assistant.shared"),
    "skills": ("skills", "actions", "nlu", "assistant.shared"),
    "assistant": ("*",),
}


def _is_within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_of(module: str) -> str:
    """The most specific layer a module belongs to (``assistant.shared`` before ``assistant``)."""
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if _is_within(module, layer):
            return layer
    raise ValueError(module)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def our_modules() -> list[Path]:
    paths: list[Path] = []
    for package in OURS:
        folder = ROOT / package
        if folder.is_dir():
            paths.extend(p for p in folder.rglob("*.py") if "templates" not in p.parts)
    return sorted(paths)


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Every module an import statement names, absolute, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            for alias in node.names:
                # `from assistant import cli` imports the module assistant.cli
                yield node.lineno, f"{stem}.{alias.name}" if alias.name != "*" else stem


def upward_imports(path: Path) -> list[str]:
    layer = layer_of(module_name(path))
    allowed = ALLOWED[layer]
    problems = []
    for line, target in imported_modules(path):
        if not any(_is_within(target, top) for top in OURS):
            continue  # the standard library or a third-party package
        if layer != "assistant" and any(_is_within(target, edge) for edge in EDGES):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {layer} imports the edge {target}")
        elif "*" not in allowed and not any(_is_within(target, ok) for ok in allowed):
            problems.append(
                f"{path.relative_to(ROOT)}:{line}: {layer} may import only "
                f"{', '.join(allowed)} of ours, not {target}"
            )
    return problems


MODULES = our_modules()


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_upward_import(path: Path) -> None:
    problems = upward_imports(path)
    assert not problems, "\n".join(problems)


def test_every_package_is_checked() -> None:
    layers = {layer_of(module_name(p)) for p in MODULES}
    present = {top for top in OURS if any((ROOT / top).rglob("*.py"))}
    assert present | {"assistant.shared"} <= layers


@pytest.mark.parametrize(
    ("importer", "source", "ok"),
    [
        ("nlu/x.py", "from assistant.shared import Message", True),
        ("nlu/x.py", "from assistant.shared.domain import Domain", True),
        ("nlu/x.py", "from assistant import shared", True),
        ("nlu/x.py", "from assistant.errors import ConfigError", False),
        ("nlu/x.py", "from assistant import tracker", False),
        ("nlu/x.py", "import actions", False),
        ("nlu/sub/x.py", "from .. import tokenizer", True),
        ("nlu/sub/x.py", "from ...assistant import cli", False),
        ("actions/x.py", "from nlu.tokenizer import tokenize", True),
        ("actions/x.py", "import skills.text_to_sql", False),
        ("skills/x.py", "from actions import Action", True),
        ("skills/x.py", "from assistant.cli import main", False),
        ("assistant/shared/x.py", "from assistant.shared.events import Event", True),
        ("assistant/shared/x.py", "from nlu.tokenizer import tokenize", False),
        ("assistant/shared/x.py", "from assistant.errors import AssistantError", False),
        ("assistant/x.py", "from assistant.cli import main", True),
        ("assistant/x.py", "import numpy as np", True),
    ],
)
def test_the_checker_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, importer: str, source: str, ok: bool
) -> None:
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    path = tmp_path / importer
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source + "\n", encoding="utf-8")
    assert (not upward_imports(path)) is ok
