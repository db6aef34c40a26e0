"""The external suite: Rasa example bots train and pass their own test stories, unchanged.

The bots live in ../shared/peers (beside the repository); the test skips when it is absent.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from assistant.cli import main

SHARED = Path(__file__).resolve().parents[3] / "shared" / "peers"
MUST_PASS = [
    "rasa-init-project",
    "rasa-examples-formbot",
    "rasa-3x-form-examples-01-actions",
    "rasa-3x-form-examples-02-slots",
    "rasa-3x-form-examples-03-conditions",
    "rasa-3x-form-examples-04-from-text",
    "rasa-3x-form-examples-05-validation",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/peers is not available"),
]


@pytest.mark.parametrize("bot", MUST_PASS)
def test_bot_passes_all_its_test_stories(bot: str, tmp_path: Path) -> None:
    project = tmp_path / bot
    shutil.copytree(SHARED / bot, project)  # the bot's files, unchanged
    cwd = os.getcwd()
    os.chdir(project)
    try:
        assert main(["train", "--out", str(tmp_path / "models")]) == 0
        code = main(
            [
                "test",
                "--model",
                str(tmp_path / "models"),
                "--out",
                str(tmp_path / "results"),
                "--fail-on-prediction-errors",
            ]
        )
    finally:
        os.chdir(cwd)
    report = json.loads((tmp_path / "results" / "story_report.json").read_text())
    failed = (tmp_path / "results" / "failed_test_stories.yml").read_text()
    assert report["conversation_accuracy"]["accuracy"] == 1.0, failed
    assert code == 0
