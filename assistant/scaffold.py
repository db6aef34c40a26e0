"""``assistant init``: write the small bilingual starter project into a folder.

The project itself lives as plain files in ``assistant/templates/init/`` (shipped as package
data), so what a new user gets is exactly what is in the repository, and can be trained and
tested like any other project.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from assistant.errors import AssistantError

TEMPLATE_PACKAGE = "assistant"
TEMPLATE_DIR = ("templates", "init")
_SKIPPED = frozenset({"__pycache__", ".DS_Store"})


class ScaffoldError(AssistantError):
    """A starter project that cannot be written (target not empty, not a folder, ...)."""


def template_root() -> Traversable:
    """The folder holding the starter project's files."""
    root = resources.files(TEMPLATE_PACKAGE)
    for part in TEMPLATE_DIR:
        root = root.joinpath(part)
    if not root.is_dir():
        raise ScaffoldError(f"starter project template is missing: {root}")
    return root


def init_project(target: Path, force: bool = False) -> list[Path]:
    """Copy the starter project into ``target`` and return the files written, sorted.

    ``target`` is created if missing. A folder that already holds anything is refused unless
    ``force``, in which case files of the same name are overwritten and others left alone.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target}: exists and is not a folder")
    if target.is_dir() and not force and any(target.iterdir()):
        raise ScaffoldError(
            f"{target}: folder is not empty; choose an empty folder or pass --force to "
            "overwrite the starter files in it"
        )
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        _copy_tree(template_root(), target, written)
    except OSError as err:
        raise ScaffoldError(f"{target}: could not write the starter project: {err}") from err
    return sorted(written)


def _copy_tree(source: Traversable, destination: Path, written: list[Path]) -> None:
    for entry in source.iterdir():
        if entry.name in _SKIPPED or entry.name.endswith(".pyc"):
            continue
        path = destination / entry.name
        if entry.is_dir():
            path.mkdir(exist_ok=True)
            _copy_tree(entry, path, written)
        else:
            path.write_bytes(entry.read_bytes())
            written.append(path)
