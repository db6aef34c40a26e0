"""The sparse head: a linear SVM over the n-gram features beside the StarSpace model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from assistant.shared import Message, TrainingData
from nlu.errors import NLUOptionValueError
from nlu.intent_classifier import IntentClassifier, sparse_head_for
from nlu.interpreter import Interpreter
from nlu.sparse_head import fit_sparse_head


def _bags(seed: int, labels: int = 4, per_label: int = 30) -> tuple[sp.csr_matrix, np.ndarray]:
    """Each label owns 10 of 60 columns; a row draws 4 of its own and 2 shared noise columns."""
    rng = np.random.default_rng(seed)
    targets = np.repeat(np.arange(labels), per_label)
    rows = np.zeros((len(targets), 60), np.float32)
    for i, label in enumerate(targets):
        rows[i, rng.choice(10, 4, replace=False) + 10 * label] = 1.0
        rows[i, rng.choice(20, 2, replace=False) + 40] = 1.0
    return sp.csr_matrix(rows), targets


def test_learns_sparse_labels() -> None:
    x, y = _bags(1)
    head = fit_sparse_head(x, y, 4)
    test_x, test_y = _bags(2)
    assert (head.log_proba(test_x).argmax(axis=1) == test_y).mean() > 0.95
    assert head.storage == "int8"


def test_noisy_labels_get_lower_confidences_than_uncalibrated() -> None:
    x, y = _bags(1, per_label=60)
    noisy = y.copy()
    noisy[::4] = (noisy[::4] + 1) % 4  # a quarter of the labels wrong
    calibrated, raw = fit_sparse_head(x, noisy, 4), fit_sparse_head(x, noisy, 4, calibrate=False)
    test_x, _ = _bags(2)
    confidence = np.exp(calibrated.log_proba(test_x)).max(axis=1).mean()
    assert confidence < np.exp(raw.log_proba(test_x)).max(axis=1).mean()
    assert 0.4 < confidence < 0.95


def test_two_labels_get_a_column_each() -> None:
    x, y = _bags(1, labels=2)
    head = fit_sparse_head(x, y, 2, calibrate=False)
    assert head.weight.shape == (60, 2) and head.temperature == 1.0
    assert (head.log_proba(x).argmax(axis=1) == y).mean() > 0.95


def test_training_is_deterministic() -> None:
    x, y = _bags(3)
    np.testing.assert_array_equal(fit_sparse_head(x, y, 4).weight, fit_sparse_head(x, y, 4).weight)


def test_the_classifier_trains_saves_and_loads_it(
    train_pipeline: Callable[..., Interpreter], training_data: TrainingData, tmp_path: Path
) -> None:
    pipeline = train_pipeline(IntentClassifier.create({"sparse_head": True}))
    classifier = pipeline.components[-1]
    assert classifier.sparse is not None and classifier.model is not None
    messages = pipeline.process([Message(text=e.text) for e in training_data.intent_examples])
    assert [m.intent.name if m.intent else None for m in messages] == [
        e.base_intent for e in training_data.intent_examples
    ]
    classifier.persist(tmp_path)
    assert (tmp_path / "sparse_head.safetensors").exists()
    loaded = Interpreter([*pipeline.components[:-1], IntentClassifier.load(tmp_path, {})])
    for text in ("hello there", "I want a flight to Rome", "안녕 반가워"):
        assert loaded.parse(text).intent_ranking == pipeline.parse(text).intent_ranking


def test_the_weight_moves_the_confidences_not_off(
    train_pipeline: Callable[..., Interpreter], tmp_path: Path
) -> None:
    off = train_pipeline(IntentClassifier.create({"sparse_head": False}))
    alone = train_pipeline(IntentClassifier.create({"sparse_head": True, "sparse_weight": 0.0}))
    assert off.components[-1].sparse is None
    off.components[-1].persist(tmp_path)
    assert not (tmp_path / "sparse_head.safetensors").exists()
    for text in ("hello there", "see you tomorrow"):
        ranking_off, ranking_zero = off.parse(text).intent_ranking, alone.parse(text).intent_ranking
        assert [p.name for p in ranking_off] == [p.name for p in ranking_zero]
        assert [p.confidence for p in ranking_off] == pytest.approx(
            [p.confidence for p in ranking_zero], abs=1e-5
        )


def test_rejects_a_weight_outside_zero_to_one() -> None:
    with pytest.raises(NLUOptionValueError, match="sparse_weight"):
        IntentClassifier.create({"sparse_weight": -0.1})


def test_on_by_default_from_two_thousand_examples(
    train_pipeline: Callable[..., Interpreter],
) -> None:
    assert [sparse_head_for(n, None) for n in (40, 1999, 2000, 15_000)] == [0, 0, 1, 1]
    assert sparse_head_for(40, True) and not sparse_head_for(15_000, False)
    assert train_pipeline(IntentClassifier.create({})).components[-1].sparse is None
