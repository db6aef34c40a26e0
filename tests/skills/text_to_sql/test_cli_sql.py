"""``assistant sql train | ask | evaluate`` through ``assistant.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LEAGUE_DB
from test_wikisql import QUESTIONS, TABLE

from assistant.cli import main


def _wikisql(tmp_path: Path) -> tuple[str, str]:
    q, t = tmp_path / "q.jsonl", tmp_path / "t.jsonl"
    q.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in QUESTIONS), "utf-8")
    t.write_text(json.dumps(TABLE, ensure_ascii=False), "utf-8")
    return str(q), str(t)


@pytest.mark.slow
def test_ask_prints_sql_and_rows_as_json(
    skill_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["sql", "ask", "--model", str(skill_dir), "--json", "how many teams are there?"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["rows"] == [[8]] and out["sql"].startswith("SELECT COUNT(")
    code = main(["sql", "ask", "--model", str(skill_dir), "'; DROP TABLE teams; --"])
    assert code == 1
    assert "can only answer questions" in capsys.readouterr().out


def test_evaluate_prints_both_accuracies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q, t = _wikisql(tmp_path)
    assert main(["sql", "evaluate", "--questions", q, "--tables", t, "--baseline"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["execution_accuracy"] == 1.0 and "logical_form_accuracy" in scores
    assert main(["sql", "evaluate", "--questions", q, "--tables", t, "--baseline", "--guided"]) == 0
    assert json.loads(capsys.readouterr().out)["execution_accuracy"] == 1.0


@pytest.mark.slow
def test_train_then_evaluate_a_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    q, t = _wikisql(tmp_path)
    out = tmp_path / "model"
    args = ["sql", "train", "--db", str(LEAGUE_DB), "--questions", q, "--tables", t]
    assert main([*args, "--out", str(out), "--examples", "100", "--epochs", "1"]) == 0
    assert "Read 3 WikiSQL questions" in capsys.readouterr().out
    assert main(["sql", "evaluate", "--questions", q, "--tables", t, "--model", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["questions"] == 3


def test_bad_input_is_an_error_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sql", "train", "--db", str(tmp_path / "none.db")]) == 1
    assert "none.db: no such database file" in capsys.readouterr().err
    assert main(["sql", "train", "--db", str(LEAGUE_DB), "--questions", "q.jsonl"]) == 1
    assert "--questions and --tables go together" in capsys.readouterr().err
    assert main(["sql", "ask", "--model", str(tmp_path), "질문"]) == 1
    assert "no trained text-to-SQL skill here" in capsys.readouterr().err
