"""The ``assistant`` command on a project made by ``assistant init``: train, test, validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter project, trained once for this module."""
    root = tmp_path_factory.mktemp("cli") / "bot"
    assert main(["init", str(root)]) == 0
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["train"]) == 0
    assert len(list((root / "models").glob("*.tar.gz"))) == 1
    return root


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


def test_train_again_reuses_everything(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "--out", "models"]) == 0
    assert "Trained nothing; reused nlu, core" in capsys.readouterr().out


def test_story_tests_pass(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--fail-on-prediction-errors", "--out", "results"]) == 0
    out = capsys.readouterr().out
    assert "Conversation accuracy: 6/6 = 1.000" in out
    report = json.loads((in_project / "results" / "story_report.json").read_text(encoding="utf-8"))
    assert report["conversation_accuracy"]["correct"] == 6
    for name in ("failed_test_stories.yml", "successful_test_stories.yml"):
        assert (in_project / "results" / name).is_file()


def test_a_failing_story_fails_the_run(in_project: Path, tmp_path: Path) -> None:
    stories = tmp_path / "test_wrong.yml"
    stories.write_text(
        'version: "3.1"\nstories:\n  - story: wrong\n    steps:\n'
        "      - intent: greet\n      - action: utter_goodbye\n",
        encoding="utf-8",
    )
    args = ["test", "--stories", str(stories), "--out", str(tmp_path / "r")]
    assert main([*args, "--fail-on-prediction-errors"]) == 1
    assert main(args) == 0
    assert "utter_goodbye  # predicted: utter_greet" in (
        tmp_path / "r" / "failed_test_stories.yml"
    ).read_text(encoding="utf-8")


def test_nlu_evaluation(
    in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nlu"
    assert main(["test", "nlu", "--nlu", "data/nlu.yml", "--out", str(out), "--successes"]) == 0
    assert "Intent accuracy on 71 examples" in capsys.readouterr().out
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    assert report["accuracy"] > 0.9


def test_nlu_evaluation_without_examples(
    in_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["test", "nlu"]) == 1  # tests/ holds only stories
    assert "no NLU test examples" in capsys.readouterr().err


def test_data_validate(in_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "validate"]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_errors_are_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["test", "--model", "nowhere"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [[], ["init"], ["train"], ["shell"], ["test"], ["test", "nlu"], ["data"], ["data", "validate"]],
)
def test_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: assistant" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("assistant ")


def test_shell_reads_stdin(
    in_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("/greet\n\n/bot_challenge\n/stop\n/greet\n"))
    assert main(["shell"]) == 0
    out = capsys.readouterr().out
    assert "Hey! How are you?" in out and "I am a bot." in out
    assert out.count("Hey! How are you?") == 1  # nothing after /stop
