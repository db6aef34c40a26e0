from __future__ import annotations

import pytest

from assistant.shared import Domain, TrainingData
from nlu import (
    CountVectorsFeaturizer,
    EntityExtractor,
    EntitySynonymMapper,
    FallbackClassifier,
    IntentClassifier,
    Interpreter,
    NLUModelError,
    NLUTrainingError,
    RegexFeaturizer,
    WhitespaceTokenizer,
)
from nlu.regex_featurizer import PATTERN_MATCHES


def test_a_component_that_cannot_train_is_named_by_its_place(
    training_data: TrainingData, domain: Domain
) -> None:
    given = len(training_data.examples)
    interpreter = Interpreter(
        [
            WhitespaceTokenizer.create({}),
            CountVectorsFeaturizer.create({}),
            IntentClassifier.create({"novelty_weight": 5}),  # needs sentence embeddings
        ]
    )
    with pytest.raises(NLUTrainingError, match="novelty_weight needs sentence embeddings") as err:
        interpreter.train(training_data, domain)
    assert (err.value.index, err.value.component) == (2, "intent_classifier")
    assert isinstance(err.value.error, NLUModelError) and err.value.__cause__ is err.value.error
    assert len(training_data.examples) == given


def test_later_components_train_on_earlier_outputs(
    training_data: TrainingData, domain: Domain
) -> None:
    progress: list[str] = []
    interpreter = Interpreter(
        [
            WhitespaceTokenizer.create({}),
            CountVectorsFeaturizer.create({}),
            CountVectorsFeaturizer.create({"analyzer": "char_wb", "max_ngram": 4}),
            RegexFeaturizer.create({}),
            EntityExtractor.create({}),
            EntitySynonymMapper.create({}),
        ]
    )
    interpreter.train(training_data, domain, on_progress=progress.append)
    assert progress[0] == "training whitespace_tokenizer (1/6)"
    assert len(training_data.messages) == len(training_data.examples)
    first = training_data.messages[0]
    assert first.tokens and PATTERN_MATCHES in first.data
    assert set(first.features) == {
        "count_vectors_featurizer_word_1_1",
        "count_vectors_featurizer_char_wb_1_4",
        "regex_featurizer",
    }

    message = interpreter.parse("NYC to Paris")
    assert [(e.value, e.text) for e in message.entities][0] == ("New York", "NYC")


def test_parse_without_classifier_leaves_intent_empty() -> None:
    interpreter = Interpreter([FallbackClassifier.create({})])
    interpreter.train(TrainingData(), Domain())
    message = interpreter.parse("hi")
    assert message.intent is None
    assert message.parse_data()["intent"] == {"name": None, "confidence": 0.0}
