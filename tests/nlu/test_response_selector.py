from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
