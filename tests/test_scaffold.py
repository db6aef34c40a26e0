"""``assistant init``: the starter project is written whole and never over someone's files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.errors import AssistantError
from assistant.scaffold import ScaffoldError, init_project

EXPECTED = {
    "config.yml",
    "domain.yml",
    "endpoints.yml",
    "credentials.yml",
    "data/nlu.yml",
    "data/stories.yml",
    "data/rules.yml",
    "tests/test_stories.yml",
}


def test_init_writes_the_starter_project(tmp_path: Path) -> None:
    target = tmp_path / "bot"
    written = init_project(target)
    names = {p.relative_to(target).as_posix() for p in written}
    assert names >= EXPECTED
    assert written == sorted(written)
    for path in written:
        assert path.is_file()
        if path.suffix == ".yml":
            yaml.safe_load(path.read_text(encoding="utf-8"))  # every file is valid YAML


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    written = init_project(tmp_path)
    assert (tmp_path / "domain.yml") in written


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not empty"):
        init_project(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_force_overwrites_starter_files_and_keeps_others(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "domain.yml").write_text("old", encoding="utf-8")
    init_project(tmp_path, force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "utter_greet" in (tmp_path / "domain.yml").read_text(encoding="utf-8")


def test_a_file_is_not_a_target(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not a folder"):
        init_project(target, force=True)


def test_scaffold_error_is_an_assistant_error() -> None:
    assert issubclass(ScaffoldError, AssistantError)
