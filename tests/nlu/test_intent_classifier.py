from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.shared import Domain, Message, TrainingData, TrainingExample
from nlu.errors import NLUModelError, NLUOptionValueError
from nlu.intent_classifier import IntentClassifier
from nlu.interpreter import Interpreter
from nlu.response_selector import ResponseSelector

PARAPHRASES = {
    "hello there!": "greet",
    "hi bot": "greet",
    "안녕 반가워": "greet",
    "bye-bye!": "goodbye",
    "see you tomorrow": "goodbye",
    "안녕히 계세요": "goodbye",
    "not really": "deny",
    "no thanks": "deny",
    "아니에요": "deny",
    "I want a flight to Rome": "book_flight",
    "what is the cost": "faq",
}


@pytest.fixture
def pipeline(classifier_pipeline: Interpreter) -> Interpreter:
    return classifier_pipeline


def test_fits_training_data(pipeline: Interpreter, training_data: TrainingData) -> None:
    messages = pipeline.process([Message(text=e.text) for e in training_data.intent_examples])
    predicted = [m.intent.name if m.intent else None for m in messages]
    assert predicted == [e.base_intent for e in training_data.intent_examples]


@pytest.mark.parametrize(("text", "intent"), PARAPHRASES.items())
def test_generalises_to_paraphrases(pipeline: Interpreter, text: str, intent: str) -> None:
    message = pipeline.parse(text)
    assert message.intent is not None
    assert message.intent.name == intent


def test_ranking_is_sorted_and_sums_to_one(pipeline: Interpreter) -> None:
    message = pipeline.parse("hello")
    confidences = [i.confidence for i in message.intent_ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert len(message.intent_ranking) == 5
    assert sum(confidences) == pytest.approx(1.0, abs=1e-4)
    assert message.intent == message.intent_ranking[0]


def test_deterministic(train_pipeline: Callable[..., Interpreter]) -> None:
    first = train_pipeline(IntentClassifier.create({"epochs": 10}))
    second = train_pipeline(IntentClassifier.create({"epochs": 10}))
    for text in PARAPHRASES:
        assert first.parse(text).intent_ranking == second.parse(text).intent_ranking


def test_single_intent_predicts_it_with_certainty(
    train_pipeline: Callable[..., Interpreter], tmp_path: Path
) -> None:
    data = TrainingData(examples=[TrainingExample("hi", "greet"), TrainingExample("yo", "greet")])
    classifier = IntentClassifier.create({})
    pipeline = train_pipeline(classifier, data=data)
    message = pipeline.parse("anything at all")
    assert message.intent is not None
    assert (message.intent.name, message.intent.confidence) == ("greet", 1.0)
    classifier.persist(tmp_path)
    loaded = IntentClassifier.load(tmp_path, {})
    assert loaded.labels == ["greet"]
    assert loaded.model is None


def test_persist_and_load(pipeline: Interpreter, tmp_path: Path, domain: Domain) -> None:
    classifier = pipeline.components[-1]
    classifier.persist(tmp_path)
    assert (tmp_path / "model.safetensors").exists()
    assert (tmp_path / "options.json").exists()
    loaded = Interpreter([*pipeline.components[:-1], IntentClassifier.load(tmp_path, {})])
    for text in PARAPHRASES:
        assert loaded.parse(text).intent_ranking == pipeline.parse(text).intent_ranking


def test_out_of_scope_text_is_less_confident(pipeline: Interpreter) -> None:
    known = pipeline.parse("hello there!").intent
    unknown = pipeline.parse("quantum chromodynamics lecture notes").intent
    assert known is not None and unknown is not None
    assert known.confidence > 0.6
    assert unknown.confidence < known.confidence - 0.2


def test_load_rejects_an_older_format(pipeline: Interpreter, tmp_path: Path) -> None:
    pipeline.components[-1].persist(tmp_path)
    config = tmp_path / "model.config.json"
    saved = json.loads(config.read_text("utf-8"))
    del saved["format"]
    config.write_text(json.dumps(saved), "utf-8")
    with pytest.raises(NLUModelError, match="format 1.*retrain"):
        IntentClassifier.load(tmp_path, {})


def test_confusion_negatives_are_deterministic(train_pipeline: Callable[..., Interpreter]) -> None:
    options = {"epochs": 10, "negatives": 2, "negative_sampling": "confusion"}
    first = train_pipeline(IntentClassifier.create(options))
    second = train_pipeline(IntentClassifier.create(options))
    for text in PARAPHRASES:
        assert first.parse(text).intent_ranking == second.parse(text).intent_ranking


def test_rejects_unknown_negative_sampling() -> None:
    with pytest.raises(NLUModelError, match="negative_sampling"):
        IntentClassifier.create({"negative_sampling": "hardest"})


@pytest.mark.parametrize("cls", [IntentClassifier, ResponseSelector], ids=lambda c: c.name)
@pytest.mark.parametrize(
    ("key", "bad", "says", "fine"),
    [
        ("towers", 0, "at least 1, not 0", None),
        ("epochs", 0, "at least 1, not 0", 1),
        ("batch_size", -4, "at least 1, not -4", 1),
        ("dropout", 1.0, "within 0 \\(included\\) and 1, not 1.0", 0.0),
        ("label_smoothing", -0.1, "within 0 \\(included\\) and 1, not -0.1", 0.5),
    ],
)
def test_sizes_and_fractions_out_of_range_are_named(
    cls: Any, key: str, bad: float, says: str, fine: float | None
) -> None:
    with pytest.raises(NLUOptionValueError, match=rf"{cls.name}: option '{key}' must be {says}"):
        cls.create({key: bad})
    assert getattr(cls.create({key: fine}).options, key) == fine


def test_ranking_length_zero_ranks_every_intent(
    train_pipeline: Callable[..., Interpreter],
) -> None:
    classifier = IntentClassifier.create({"epochs": 20, "ranking_length": 0})
    ranking = train_pipeline(classifier).parse("hello there").intent_ranking
    assert len(classifier.labels) > 2
    assert sorted(i.name for i in ranking) == classifier.labels
    assert [i.confidence for i in ranking] == sorted((i.confidence for i in ranking), reverse=True)
    with pytest.raises(NLUOptionValueError, match="option 'ranking_length' must be at least 0"):
        IntentClassifier.create({"ranking_length": -1})
