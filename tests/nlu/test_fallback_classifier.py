from __future__ import annotations

import pytest

from assistant.shared import IntentPrediction, Message
from nlu.errors import NLUOptionValueError
from nlu.fallback_classifier import FALLBACK_INTENT, FallbackClassifier


def message_with(*ranking: tuple[str, float]) -> Message:
    intents = [IntentPrediction(name, confidence) for name, confidence in ranking]
    return Message(text="x", intent=intents[0], intent_ranking=intents)


def test_low_confidence_falls_back() -> None:
    classifier = FallbackClassifier.create({})
    (message,) = classifier.process([message_with(("greet", 0.25), ("deny", 0.2))])
    assert message.intent == IntentPrediction(FALLBACK_INTENT, 0.3)
    assert [i.name for i in message.intent_ranking] == [FALLBACK_INTENT, "greet", "deny"]


def test_ambiguity_falls_back() -> None:
    classifier = FallbackClassifier.create({"threshold": 0.4, "ambiguity_threshold": 0.1})
    (message,) = classifier.process([message_with(("greet", 0.48), ("deny", 0.45))])
    assert message.intent == IntentPrediction(FALLBACK_INTENT, 0.4)


def test_confident_intent_is_kept() -> None:
    classifier = FallbackClassifier.create({})
    (message,) = classifier.process([message_with(("greet", 0.9), ("deny", 0.1))])
    assert message.intent == IntentPrediction("greet", 0.9)
    assert Message(text="x").intent is None
    assert FallbackClassifier.create({}).process([Message(text="x")])[0].intent is None


@pytest.mark.parametrize("key", ["threshold", "ambiguity_threshold"])
def test_thresholds_outside_zero_to_one_are_named(key: str) -> None:
    with pytest.raises(
        NLUOptionValueError, match=rf"option '{key}' must be within 0 and 1, not 1.5"
    ):
        FallbackClassifier.create({key: 1.5})
    assert getattr(FallbackClassifier.create({key: 1.0}).options, key) == 1.0
