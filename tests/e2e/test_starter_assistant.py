"""The starter assistant in the repository root trains and passes its bilingual test stories."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture()
def starter(tmp_path: Path) -> Path:
    project = tmp_path / "starter"
    project.mkdir()
    for name in ("config.yml", "domain.yml", "endpoints.yml", "credentials.yml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "tests" / "stories", project / "tests" / "stories")
    cwd = os.getcwd()
    os.chdir(project)
    yield project
    os.chdir(cwd)


def test_starter_trains_and_passes_its_test_stories(starter: Path) -> None:
    assert main(["train", "--out", "models"]) == 0
    code = main(["test", "--out", "results", "--fail-on-prediction-errors"])
    report = json.loads(Path("results/story_report.json").read_text())
    assert report["conversation_accuracy"]["total"] >= 10
    assert code == 0, Path("results/failed_test_stories.yml").read_text()


def test_retraining_unchanged_data_reuses_both_parts(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "--out", "models"]) == 0
    capsys.readouterr()
    assert main(["train", "--out", "models"]) == 0
    assert "reused nlu, core" in capsys.readouterr().out


def test_broken_project_reports_every_problem_with_file_and_line(
    starter: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("data/broken.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi [there(team)\n'
        "stories:\n- story: x\n  steps:\n  - intnt: greet\n",
        encoding="utf-8",
    )
    assert main(["train", "--out", "models"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "data/broken.yml:5" in err
    assert "data/broken.yml:9" in err
