"""intent_name_examples: each intent's name trains as one more example, for this run only."""

from __future__ import annotations

import pytest

from assistant.shared import Domain, TrainingData, TrainingExample
from nlu import (
    CountVectorsFeaturizer,
    IntentClassifier,
    IntentNameExamples,
    Interpreter,
    NLUModelError,
    NLUTrainingError,
    WhitespaceTokenizer,
)
from nlu.intent_name_examples import name_text


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("restaurant_reviews", "restaurant reviews"),
        ("AddToPlaylist", "add to playlist"),
        ("faq/ask_rules", "ask rules"),
        ("atis_aircraft#atis_flight", "atis aircraft atis flight"),
        ("HTTPRequest-status", "http request status"),
        ("greet", "greet"),
        ("_", ""),
    ],
)
def test_name_text(intent: str, text: str) -> None:
    assert name_text(intent) == text


def data() -> TrainingData:
    """Two intents whose examples never say the words of their names."""
    examples = [
        *(TrainingExample(t, "check_weather") for t in ("is it raining", "will it snow", "sunny?")),
        *(TrainingExample(t, "play_music") for t in ("put on some jazz", "a song please", "rock")),
    ]
    return TrainingData(examples=examples)


def test_names_train_later_components_and_leave_the_data_as_given() -> None:
    training = data()
    words = CountVectorsFeaturizer.create({})
    names = IntentNameExamples.create({})
    classifier = IntentClassifier.create({"epochs": 40})
    Interpreter([names, WhitespaceTokenizer.create({}), words, classifier]).train(
        training, Domain()
    )
    assert {"weather", "music"} <= set(words.vocabulary)
    assert len(training.examples) == len(training.messages) == 6
    assert (
        Interpreter([names, WhitespaceTokenizer.create({}), words, classifier])
        .parse("what's the weather")
        .intent.name
        == "check_weather"
    )  # type: ignore[union-attr]


def test_without_it_the_name_words_are_unknown() -> None:
    words = CountVectorsFeaturizer.create({})
    Interpreter([WhitespaceTokenizer.create({}), words]).train(data(), Domain())
    assert not {"weather", "music"} & set(words.vocabulary)


def test_after_the_tokenizer_is_an_error() -> None:
    interpreter = Interpreter([WhitespaceTokenizer.create({}), IntentNameExamples.create({})])
    training = data()
    with pytest.raises(NLUTrainingError, match="before the tokenizer") as err:
        interpreter.train(training, Domain())
    assert err.value.component == "intent_name_examples"
    assert isinstance(err.value.error, NLUModelError)
    assert len(training.examples) == 6
