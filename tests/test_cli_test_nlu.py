"""``assistant train nlu`` and ``assistant test nlu`` on an NLU-only project (no domain, no
stories): held-out reports, plots, and cross-validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.errors import TrainingDataError
from assistant.importers.project import load_project

CONFIG = """\
language: en
pipeline:
  - name: whitespace_tokenizer
  - name: count_vectors_featurizer
  - name: count_vectors_featurizer
    analyzer: char_wb
    min_ngram: 2
    max_ngram: 4
  - name: intent_classifier
    epochs: 10
  - name: entity_extractor
    max_iterations: 20
"""

NLU = """\
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello
      - hi there
      - good morning
      - hey
  - intent: goodbye
    examples: |
      - bye
      - see you later
      - goodbye
      - good night
  - intent: order
    examples: |
      - I want a [pizza](food)
      - one [burger](food) please
      - can I get [pasta](food)
      - order a [pizza](food)
"""

REPORT_KEYS = {"greet", "goodbye", "order", "accuracy", "macro avg", "weighted avg"}
PNGS = ("intent_confusion_matrix.png", "intent_histogram.png")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NLU-only project: config.yml and data/nlu.yml, nothing else; trained once."""
    root = tmp_path_factory.mktemp("nlu_only")
    (root / "data").mkdir()
    (root / "config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "data" / "nlu.yml").write_text(NLU, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        assert main(["train", "nlu"]) == 0
    assert len(list((root / "models").glob("*.tar.gz"))) == 1
    return root


@pytest.fixture
def in_project(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_missing_domain_is_an_error_only_with_stories(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(TrainingDataError, match="domain file not found"):
        load_project(tmp_path)  # nothing at all: probably the wrong folder
    (tmp_path / "data" / "nlu.yml").write_text(NLU, encoding="utf-8")
    assert len(load_project(tmp_path).nlu.examples) == 12
    (tmp_path / "data" / "stories.yml").write_text(
        'version: "3.1"\nstories:\n  - story: hi\n    steps:\n      - intent: greet\n',
        encoding="utf-8",
    )
    with pytest.raises(TrainingDataError, match="domain file not found"):
        load_project(tmp_path)


def test_test_nlu_writes_reports_and_plots(
    in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "results"
    assert main(["test", "nlu", "--nlu", "data/nlu.yml", "--out", str(out), "--successes"]) == 0
    printed = capsys.readouterr().out
    assert "Intent accuracy on 12 examples" in printed and "Entity micro F1" in printed
    report = _json(out / "intent_report.json")
    assert set(report) == REPORT_KEYS
    assert set(report["greet"]) == {"precision", "recall", "f1-score", "support"}
    entities = _json(out / "entity_report.json")
    assert list(entities) == ["food", "micro avg", "macro avg", "weighted avg"]
    entries = [*_json(out / "intent_errors.json"), *_json(out / "intent_successes.json")]
    assert len(entries) == 12
    assert set(entries[0]) == {"text", "intent", "intent_prediction"}
    assert set(entries[0]["intent_prediction"]) == {"name", "confidence"}
    for name in PNGS:
        assert (out / name).read_bytes().startswith(b"\x89PNG")


def test_successes_only_when_asked(in_project: Path, tmp_path: Path) -> None:
    assert main(["test", "nlu", "--nlu", "data", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "intent_errors.json").is_file()
    assert not (tmp_path / "intent_successes.json").exists()


def test_cross_validation(
    in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cv"
    assert main(["test", "nlu", "--cross-validation", "--folds", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "fold 2/2: intent accuracy" in printed
    assert "Intent accuracy: " in printed and " ± " in printed
    summary = _json(out / "cross_validation.json")
    assert summary["folds"] == 2 and summary["examples"] == 12
    assert len(summary["intent_accuracy"]["per_fold"]) == 2
    assert {"mean", "std"} <= set(summary["intent_macro_f1"])
    report = _json(out / "intent_report.json")
    assert set(report) == REPORT_KEYS
    assert sum(report[i]["support"] for i in ("greet", "goodbye", "order")) == 12
    assert len(_json(out / "intent_errors.json")) <= 12
    for name in (*PNGS, "entity_report.json"):
        assert (out / name).is_file()


def test_cross_validation_needs_two_folds(
    in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["test", "nlu", "--cross-validation", "--folds", "1", "--out", str(tmp_path)]
    assert main(args) == 1
    assert "at least 2 folds" in capsys.readouterr().err


def test_cross_validation_of_a_pipeline_that_cannot_train(
    in_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error only training finds (novelty needs sentence embeddings) is reported at the
    component's line of the --config file, as ``assistant train`` reports it."""
    config = tmp_path / "novelty.yml"
    config.write_text(CONFIG.replace("    epochs: 10\n", "    novelty_weight: 5\n"), "utf-8")
    args = ["test", "nlu", "--cross-validation", "--folds", "2", "--config", str(config)]
    assert main([*args, "--out", str(tmp_path / "cv")]) == 1
    err = capsys.readouterr().err
    assert f"{config}:9: intent_classifier: novelty_weight needs sentence embeddings" in err
    assert "Traceback" not in err


def test_retrieval_intents_get_a_response_selection_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    config = CONFIG.replace("  - name: entity_extractor\n    max_iterations: 20\n", "")
    config += "  - name: response_selector\n    epochs: 30\n"
    (tmp_path / "config.yml").write_text(config, encoding="utf-8")
    faq = (
        "  - intent: faq/ask_price\n    examples: |\n      - how much is it\n"
        "      - what is the price\n      - how much does it cost\n"
        "  - intent: faq/ask_rules\n    examples: |\n      - what are the rules\n"
        "      - tell me the rules\n      - which rules apply\n"
    )
    (tmp_path / "data" / "nlu.yml").write_text(NLU + faq, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["train", "nlu"]) == 0
    out = tmp_path / "results"
    assert main(["test", "nlu", "--nlu", "data/nlu.yml", "--out", str(out)]) == 0
    assert "Response selection accuracy on 6 examples: " in capsys.readouterr().out
    report = _json(out / "response_selection_report.json")
    assert {"faq/ask_price", "faq/ask_rules", "accuracy"} <= set(report)
    assert report["faq/ask_price"]["support"] == 3
    assert isinstance(_json(out / "response_selection_errors.json"), list)
