"""``/intent{"entity": "value"}`` messages bypass NLU."""

from __future__ import annotations

import pytest

from assistant.shared.message import Entity
from assistant.user_input import IntentMessageError, UserMessage, parse_intent_message


def test_plain_text_is_not_an_intent_message() -> None:
    assert parse_intent_message("hello /greet") is None
    assert parse_intent_message("안녕하세요") is None


def test_intent_only() -> None:
    message = parse_intent_message("/greet")
    assert message is not None
    assert message.intent is not None and (message.intent.name, message.intent.confidence) == (
        "greet",
        1.0,
    )
    assert message.entities == [] and message.text == "/greet"
    assert message.parse_data()["intent_ranking"] == [{"name": "greet", "confidence": 1.0}]


def test_entities_and_confidence() -> None:
    message = parse_intent_message('/inform@0.7{"cuisine": "한식", "size": ["s", "m"]}')
    assert message is not None and message.intent is not None
    assert message.intent.confidence == 0.7
    assert message.entities == [
        Entity(entity="cuisine", value="한식"),
        Entity(entity="size", value="s"),
        Entity(entity="size", value="m"),
    ]
    spaced = parse_intent_message(' /inform {"cuisine": "korean"} ')
    assert spaced is not None and spaced.entities == [Entity(entity="cuisine", value="korean")]


def test_retrieval_intent_names() -> None:
    message = parse_intent_message("/faq/ask_rules")
    assert (
        message is not None
        and message.intent is not None
        and message.intent.name == "faq/ask_rules"
    )


@pytest.mark.parametrize("text", ['/inform{"cuisine": }', '/inform{"korean"}'])
def test_bad_entities(text: str) -> None:
    with pytest.raises(IntentMessageError, match="inform"):
        parse_intent_message(text)


def test_user_message_defaults() -> None:
    message = UserMessage("hi")
    assert (message.sender_id, message.input_channel, message.metadata) == ("default", None, {})
