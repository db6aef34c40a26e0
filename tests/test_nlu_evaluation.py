"""NLU evaluation: reports in scikit-learn's shape, errors, entities, folds and the two plots."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.nlu_evaluation import (
    CrossValidation,
    EntityResult,
    IntentResult,
    NLUEvaluation,
    entity_report,
    evaluate_nlu,
    score,
    stratified_folds,
    write_nlu_results,
)
from assistant.nlu_plots import confused_labels, plot_confusion_matrix, plot_histogram
from assistant.shared.message import Entity, IntentPrediction, Message, RetrievalPrediction
from assistant.shared.training_data import TrainingData, TrainingExample
from nlu import Interpreter

PNG = b"\x89PNG\r\n\x1a\n"
METRICS = {"precision", "recall", "f1-score", "support"}


class FakeParser:
    """Answers from a table: text -> (intent, confidence, entities)."""

    name = "fake_parser"

    def __init__(self, answers: dict[str, tuple[str, float, list[Entity]]]) -> None:
        self.answers = answers

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent, confidence, entities = self.answers[message.text]
            message.intent = IntentPrediction(intent, confidence)
            message.entities = list(entities)
            if intent == "faq":
                message.retrieval["faq"] = RetrievalPrediction(
                    "faq", "faq/ask_price", 0.8, "utter_faq/ask_price"
                )
        return messages


def food(start: int, end: int, value: str, role: str | None = None) -> Entity:
    return Entity(start=start, end=end, value=value, entity="food", role=role)


def test_intent_report_has_scikit_learns_shape_and_errors_carry_the_prediction() -> None:
    data = TrainingData(
        examples=[
            TrainingExample("hi", "greet"),
            TrainingExample("hello", "greet"),
            TrainingExample("bye", "goodbye"),
            TrainingExample("how much", "faq/ask_price"),
            TrainingExample("rules?", "faq/ask_rules"),
        ]
    )
    interpreter = Interpreter(
        [
            FakeParser(
                {
                    "hi": ("greet", 0.9, []),
                    "hello": ("goodbye", 0.6, []),
                    "bye": ("goodbye", 0.8, []),
                    "how much": ("faq", 0.7, []),
                    "rules?": ("faq", 0.7, []),
                }
            )
        ]
    )
    result = evaluate_nlu(interpreter, data)
    report = result.intent_report
    assert set(report) == {
        "faq/ask_price",
        "faq/ask_rules",
        "goodbye",
        "greet",
        "accuracy",
        "macro avg",
        "weighted avg",
    }
    assert report["accuracy"] == pytest.approx(3 / 5)
    assert report["greet"] == {"precision": 1.0, "recall": 0.5, "f1-score": 2 / 3, "support": 2}
    assert set(report["macro avg"]) == METRICS
    assert [e.to_dict() for e in result.errors] == [
        {
            "text": "hello",
            "intent": "greet",
            "intent_prediction": {"name": "goodbye", "confidence": 0.6},
        },
        {
            "text": "rules?",
            "intent": "faq/ask_rules",
            "intent_prediction": {"name": "faq/ask_price", "confidence": 0.7},
        },
    ]
    assert [e.text for e in result.successes] == ["hi", "bye", "how much"]


def test_retrieval_examples_get_a_response_selection_report(tmp_path: Path) -> None:
    """The key the selector chose, beside the intent report: right, wrong, and none at all
    when the message was not classified as the retrieval intent."""
    data = TrainingData(
        examples=[
            TrainingExample("how much", "faq/ask_price"),
            TrainingExample("rules?", "faq/ask_rules"),
            TrainingExample("price please", "faq/ask_price"),
            TrainingExample("hi", "greet"),
        ]
    )
    answers = {
        "how much": ("faq", 0.7, []),
        "rules?": ("faq", 0.6, []),
        "price please": ("greet", 0.5, []),
        "hi": ("greet", 0.9, []),
    }
    result = evaluate_nlu(Interpreter([FakeParser(answers)]), data)
    assert [(r.key, r.predicted, r.confidence) for r in result.responses] == [
        ("faq/ask_price", "faq/ask_price", 0.8),
        ("faq/ask_rules", "faq/ask_price", 0.8),
        ("faq/ask_price", None, 0.0),
    ]
    report = result.response_report
    assert report["accuracy"] == pytest.approx(1 / 3)
    assert report["faq/ask_price"]["support"] == 2 and report["faq/ask_price"]["recall"] == 0.5
    written = write_nlu_results(result, tmp_path, successes=True, plots=False)
    names = {p.name for p in written}
    assert {"response_selection_report.json", "response_selection_errors.json"} <= names
    errors = json.loads((tmp_path / "response_selection_errors.json").read_text("utf-8"))
    assert errors[1] == {
        "text": "price please",
        "intent_response_key_target": "faq/ask_price",
        "intent_response_key_prediction": {"name": None, "confidence": 0.0},
    }
    successes = json.loads((tmp_path / "response_selection_successes.json").read_text("utf-8"))
    assert [s["text"] for s in successes] == ["how much"]
    combined = NLUEvaluation.combine([result, result])
    assert len(combined.responses) == 6


def test_no_retrieval_examples_no_response_files(tmp_path: Path) -> None:
    data = TrainingData(examples=[TrainingExample("hi", "greet")])
    result = evaluate_nlu(Interpreter([FakeParser({"hi": ("greet", 0.9, [])})]), data)
    assert result.responses == [] and result.response_report == {}
    written = write_nlu_results(result, tmp_path, plots=False)
    assert not any(p.name.startswith("response_selection") for p in written)


def test_entity_report_counts_exact_spans_per_type_with_averages() -> None:
    results = [
        EntityResult("a pizza", (food(2, 7, "pizza"),), (food(2, 7, "pizza"),)),
        EntityResult("pasta now", (food(0, 5, "pasta"),), (food(0, 4, "past"),)),  # wrong span
        EntityResult(
            "pizza to seoul",
            (food(0, 5, "pizza"), Entity("city", "seoul", 9, 14)),
            (food(0, 5, "pizza"), Entity("city", "seoul", 9, 14, role="to")),  # wrong role
        ),
    ]
    report = entity_report(results)
    assert list(report) == ["city", "food", "micro avg", "macro avg", "weighted avg"]
    assert report["food"] == {"precision": 2 / 3, "recall": 2 / 3, "f1-score": 2 / 3, "support": 3}
    assert report["city"] == {"precision": 0.0, "recall": 0.0, "f1-score": 0.0, "support": 1}
    assert report["micro avg"]["precision"] == pytest.approx(2 / 4)
    assert report["macro avg"]["f1-score"] == pytest.approx(1 / 3)
    assert report["weighted avg"]["recall"] == pytest.approx(0.75 * 2 / 3)
    assert report["weighted avg"]["support"] == 4
    assert entity_report([])["micro avg"]["support"] == 0


def test_stratified_folds_test_each_example_once_and_spread_every_intent() -> None:
    examples = [TrainingExample(f"{name} {i}", name) for name in "abc" for i in range(6)]
    folds = stratified_folds(examples, 3, seed=1)
    tested = [e for _, test in folds for e in test]
    assert sorted(e.text for e in tested) == sorted(e.text for e in examples)
    for train, test in folds:
        assert [e.intent for e in test].count("a") == 2
        assert not {e.text for e in train} & {e.text for e in test}
    assert folds == stratified_folds(examples, 3, seed=1)  # deterministic
    with pytest.raises(AssistantError, match="at least 2 folds"):
        stratified_folds(examples, 1)
    with pytest.raises(AssistantError, match="need at least 30 examples"):
        stratified_folds(examples, 30)


def test_cross_validation_summary_gives_mean_and_std_per_score() -> None:
    right = IntentResult("x", "a", "a", 0.9)
    wrong = IntentResult("y", "a", "b", 0.4)
    folds = [NLUEvaluation([right, right]), NLUEvaluation([right, wrong])]
    cv = CrossValidation(folds, [score(f) for f in folds], seed=7)
    summary = cv.summary()
    assert summary["folds"] == 2 and summary["examples"] == 4 and summary["seed"] == 7
    assert summary["intent_accuracy"] == {"mean": 0.75, "std": 0.25, "per_fold": [1.0, 0.5]}
    assert "entity_micro_f1" not in summary  # no entities anywhere
    assert len(cv.combined.intents) == 4


def test_write_results_json_and_png(tmp_path: Path) -> None:
    result = NLUEvaluation(
        [IntentResult("hi", "greet", "greet", 0.9), IntentResult("yo", "greet", None, 0.0)],
        [EntityResult("hi", (), ())] * 2,
    )
    written = write_nlu_results(result, tmp_path / "out")
    names = {p.name for p in written}
    assert names == {
        "intent_report.json",
        "intent_errors.json",
        "entity_report.json",
        "intent_confusion_matrix.png",
        "intent_histogram.png",
    }
    report = json.loads((tmp_path / "out" / "intent_report.json").read_text(encoding="utf-8"))
    assert report["None"]["support"] == 0  # no prediction at all is a label of its own
    errors = json.loads((tmp_path / "out" / "intent_errors.json").read_text(encoding="utf-8"))
    assert errors[0]["intent_prediction"] == {"name": None, "confidence": 0.0}
    for name in ("intent_confusion_matrix.png", "intent_histogram.png"):
        assert (tmp_path / "out" / name).read_bytes().startswith(PNG)
    write_nlu_results(result, tmp_path / "out", successes=True, plots=False)
    assert (tmp_path / "out" / "intent_successes.json").is_file()


def test_a_large_confusion_matrix_shows_only_confused_labels(tmp_path: Path) -> None:
    labels = [f"intent_{i:03d}" for i in range(60)]
    targets = labels * 2
    predictions = [*labels, *labels[:-3], "intent_000", "intent_001", "intent_000"]
    assert confused_labels(targets, predictions) == [
        "intent_000",
        "intent_001",
        "intent_057",
        "intent_058",
        "intent_059",
    ]
    path = plot_confusion_matrix(targets, predictions, tmp_path / "m.png")
    assert path.read_bytes().startswith(PNG)
    assert plot_histogram([], [], tmp_path / "h.png").read_bytes().startswith(PNG)


def test_chatting_never_imports_matplotlib() -> None:
    code = (
        "import sys, assistant.agent, assistant.model, assistant.nlu_evaluation, nlu; "
        "assert 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
