from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from nlu.errors import NLUModelError
from nlu.intent_classifier import IntentClassifier
from nlu.interpreter import Interpreter
from nlu.response_selector import ResponseSelector


def test_picks_the_right_faq_key(
    train_pipeline: Callable[..., Interpreter], tmp_path: Path
) -> None:
    pipeline = train_pipeline(IntentClassifier.create({}), ResponseSelector.create({}))
    message = pipeline.parse("what's the price?")
    assert message.intent is not None and message.intent.name == "faq"
    answer = message.retrieval["faq"]
    assert answer.intent_response_key == "faq/ask_price"
    assert answer.response_name == "utter_faq/ask_price"
    assert answer.text == "It is free."
    assert pipeline.parse("tell me about the rules").retrieval["faq"].intent_response_key == (
        "faq/ask_rules"
    )
    assert pipeline.parse("hello").retrieval == {}

    pipeline.components[-1].persist(tmp_path)
    loaded = Interpreter([*pipeline.components[:-1], ResponseSelector.load(tmp_path, {})])
    assert loaded.parse("what's the price?").retrieval == message.retrieval


def test_only_the_configured_retrieval_intent(train_pipeline: Callable[..., Interpreter]) -> None:
    selector = ResponseSelector.create({"retrieval_intent": "chitchat"})
    train_pipeline(IntentClassifier.create({"epochs": 5}), selector)
    assert selector.selectors == {}


def test_keys_get_the_intent_classifiers_model_with_its_sparse_head(
    train_pipeline: Callable[..., Interpreter], tmp_path: Path
) -> None:
    """The selector's options reach the key classifier: here the SVM beside the StarSpace
    model, which is otherwise trained from 2,000 examples up."""
    selector = ResponseSelector.create({"sparse_head": True, "towers": 2})
    pipeline = train_pipeline(IntentClassifier.create({}), selector)
    classifier = selector.selectors["faq"].classifier
    assert classifier.sparse is not None and classifier.model is not None
    assert classifier.model.config.towers == 2
    assert classifier.labels == sorted({"faq/ask_price", "faq/ask_rules"})
    message = pipeline.parse("what's the price?")
    assert message.retrieval["faq"].intent_response_key == "faq/ask_price"
    selector.persist(tmp_path)
    loaded = ResponseSelector.load(tmp_path, {})
    assert loaded.selectors["faq"].classifier.sparse is not None
    again = Interpreter([*pipeline.components[:-1], loaded]).parse("what's the price?")
    assert again.retrieval == message.retrieval


def test_a_selector_saved_by_an_earlier_version_asks_for_training(tmp_path: Path) -> None:
    ResponseSelector.create({}).persist(tmp_path)
    old = [{"retrieval_intent": "faq", "keys": ["faq/a"], "texts": {}, "model": None, "layout": {}}]
    (tmp_path / "selectors.json").write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(NLUModelError, match="earlier version .* train the model again"):
        ResponseSelector.load(tmp_path, {})
