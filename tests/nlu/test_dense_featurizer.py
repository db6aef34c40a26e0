"""The dense featurizer with the hash encoder: vectors on messages, persistence, classification."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.shared import Domain, Message, TrainingData
from nlu import (
    CountVectorsFeaturizer,
    DenseFeaturizer,
    IntentClassifier,
    Interpreter,
    NLUModelError,
    NLUOptionsError,
    WhitespaceTokenizer,
)
from nlu._features import FeatureLayout


def test_every_message_gets_a_normalised_vector() -> None:
    featurizer = DenseFeaturizer.create({"type": "hash", "dimension": 16, "batch_size": 2})
    messages = featurizer.process([Message(text=t) for t in ["book a flight", "hi", "x y z"]])
    for message in messages:
        vector = message.features["dense_featurizer_hash"]
        assert vector.shape == (16,) and vector.dtype == np.float32
        assert np.linalg.norm(vector) == pytest.approx(1.0, rel=1e-6)


def test_persist_writes_options_only(tmp_path: Path) -> None:
    featurizer = DenseFeaturizer.create({"type": "hash", "dimension": 8, "cache_size": 0})
    featurizer.persist(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["options.json"]
    assert json.loads((tmp_path / "options.json").read_text("utf-8"))["dimension"] == 8
    loaded = DenseFeaturizer.load(tmp_path, {})
    assert loaded.options == featurizer.options and loaded.encoder.cache is None
    text = [Message(text="hello")]
    np.testing.assert_array_equal(
        loaded.process(text)[0].features["dense_featurizer_hash"],
        featurizer.process([Message(text="hello")])[0].features["dense_featurizer_hash"],
    )


def test_bad_options_are_named() -> None:
    with pytest.raises(NLUOptionsError, match="model_name"):
        DenseFeaturizer.create({"model_name": "bert"})
    with pytest.raises(NLUModelError, match="/missing/minilm"):
        DenseFeaturizer.create({"type": "sentence_transformers", "path": "/missing/minilm"})


def test_dense_columns_sit_beside_the_sparse_blocks() -> None:
    pipeline = [
        WhitespaceTokenizer.create({}),
        CountVectorsFeaturizer.create({}),
        DenseFeaturizer.create({"type": "hash", "dimension": 8}),
    ]
    train = [Message(text=t) for t in ["hello there", "book a flight"]]
    for component in pipeline:
        component.process(train)
    layout = FeatureLayout.of(train)
    assert layout.keys == ("count_vectors_featurizer_word_1_1", "dense_featurizer_hash")
    assert layout.dims[1] == 8
    rows = layout.matrix([*train, Message(text="zzz")], "test").toarray()
    sparse_width = layout.dims[0]
    np.testing.assert_allclose(np.linalg.norm(rows[:2, :sparse_width], axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(rows[:2, sparse_width:], axis=1), 1.0, rtol=1e-6)
    assert not rows[2, sparse_width:].any()  # a message without the feature: zeros
    train[0].features["dense_featurizer_hash"] = np.ones(9, np.float32)
    with pytest.raises(NLUModelError, match="width 9"):
        layout.matrix(train, "intent_classifier")


def test_intent_classifier_on_dense_features_alone(
    training_data: TrainingData, domain: Domain, tmp_path: Path
) -> None:
    featurizer = DenseFeaturizer.create({"type": "hash", "dimension": 128})
    classifier = IntentClassifier.create({"epochs": 40})
    interpreter = Interpreter([featurizer, classifier])
    interpreter.train(training_data, domain)
    train = [(e.text, e.base_intent) for e in training_data.examples if e.base_intent]
    parsed = interpreter.process([Message(text=text) for text, _ in train])
    correct = sum(
        m.intent is not None and m.intent.name == i for m, (_, i) in zip(parsed, train, strict=True)
    )
    assert correct / len(train) > 0.8
    classifier.persist(tmp_path)
    loaded = IntentClassifier.load(tmp_path, {})
    again = Interpreter([featurizer, loaded]).process([Message(text=t) for t, _ in train])
    for before, after in zip(parsed, again, strict=True):
        assert before.intent == after.intent
