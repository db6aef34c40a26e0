"""The dense head: a softmax regression over sentence embeddings beside the StarSpace model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.shared import Domain, Message, TrainingData
from nlu._calibration import fit_temperature
from nlu.dense_featurizer import DenseFeaturizer
from nlu.dense_head import fit_dense_head
from nlu.errors import NLUModelError, NLUOptionValueError
from nlu.intent_classifier import IntentClassifier
from nlu.interpreter import Interpreter
from nlu.linear_head import LinearHead
from nlu.tokenizer import WhitespaceTokenizer


def _clusters(seed: int, per_label: int = 40) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.random.default_rng(0).normal(size=(4, 16))
    targets = np.repeat(np.arange(4), per_label)
    return centres[targets] + rng.normal(scale=0.6, size=(len(targets), 16)), targets


def test_learns_separable_labels_and_saves_them(tmp_path: Path) -> None:
    x, y = _clusters(1)
    head = fit_dense_head(x, y, 4)
    test_x, test_y = _clusters(2)
    assert (head.log_proba(test_x).argmax(axis=1) == test_y).mean() > 0.95
    assert np.exp(head.log_proba(test_x)).sum(axis=1) == pytest.approx(1.0, abs=1e-5)
    head.save(tmp_path, "head")
    loaded = LinearHead.load(tmp_path, "head")
    assert loaded.temperature == head.temperature
    np.testing.assert_array_equal(loaded.log_proba(test_x), head.log_proba(test_x))


def test_training_is_deterministic() -> None:
    x, y = _clusters(1)
    np.testing.assert_array_equal(fit_dense_head(x, y, 4).weight, fit_dense_head(x, y, 4).weight)


def test_temperature_softens_overconfident_logits() -> None:
    targets = np.arange(200) % 2
    logits = np.zeros((200, 2))
    logits[np.arange(200), targets] = 20.0  # always confident...
    logits[:40] = logits[:40, ::-1]  # ...and wrong a fifth of the time
    assert fit_temperature(logits, targets) > 5.0


def test_load_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NLUModelError, match="linear head 'head'"):
        LinearHead.load(tmp_path, "head")


@pytest.fixture
def with_encoder(
    train_pipeline: Callable[..., Interpreter],
) -> Callable[[dict[str, object]], Interpreter]:
    return lambda options: train_pipeline(
        DenseFeaturizer.create({"type": "hash"}), IntentClassifier.create(options)
    )


def test_embeddings_get_their_own_head(
    with_encoder: Callable[[dict[str, object]], Interpreter],
    training_data: TrainingData,
    tmp_path: Path,
) -> None:
    pipeline = with_encoder({})
    classifier = pipeline.components[-1]
    assert classifier.dense is not None and classifier.model is not None
    assert classifier.dense_layout.keys == ("dense_featurizer_hash",)
    assert "dense_featurizer_hash" not in classifier.layout.keys
    messages = pipeline.process([Message(text=e.text) for e in training_data.intent_examples])
    predicted = [m.intent.name if m.intent else None for m in messages]
    assert predicted == [e.base_intent for e in training_data.intent_examples]
    classifier.persist(tmp_path)
    assert (tmp_path / "dense_head.safetensors").exists()
    loaded = Interpreter([*pipeline.components[:-1], IntentClassifier.load(tmp_path, {})])
    for text in ("hello there", "I want a flight to Rome"):
        assert loaded.parse(text).intent_ranking == pipeline.parse(text).intent_ranking


def test_dense_head_off_feeds_embeddings_to_starspace(
    with_encoder: Callable[[dict[str, object]], Interpreter], tmp_path: Path
) -> None:
    classifier = with_encoder({"dense_head": False, "epochs": 10}).components[-1]
    assert classifier.dense is None
    assert "dense_featurizer_hash" in classifier.layout.keys
    classifier.persist(tmp_path)
    assert not (tmp_path / "dense_head.safetensors").exists()


def test_embeddings_alone_need_no_starspace_model(
    training_data: TrainingData, tmp_path: Path
) -> None:
    classifier = IntentClassifier.create({})
    pipeline = Interpreter(
        [WhitespaceTokenizer.create({}), DenseFeaturizer.create({"type": "hash"}), classifier]
    )
    pipeline.train(training_data, Domain())
    assert classifier.model is None and classifier.dense is not None
    classifier.persist(tmp_path)
    loaded = IntentClassifier.load(tmp_path, {})
    assert loaded.model is None and loaded.dense is not None
    intent = pipeline.parse("hello there").intent
    assert intent is not None and 0.0 < intent.confidence <= 1.0


def test_rejects_a_weight_outside_zero_to_one() -> None:
    with pytest.raises(NLUOptionValueError, match="dense_weight"):
        IntentClassifier.create({"dense_weight": 1.5})
