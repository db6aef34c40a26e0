from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
import torch

from nlu.starspace import (
    StarSpaceConfig,
    TrainingConfig,
    _Confusion,
    batch_size_for,
    embedding_dim_for,
    epochs_for,
    towers_for,
    train_starspace,
)


def toy_data() -> tuple[sp.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(0)
    targets = np.repeat(np.arange(3), 10)
    dense = rng.random((30, 50)) * (rng.random((30, 50)) < 0.1)
    dense[np.arange(30), targets * 5] = 1.0  # one telling column per label
    return sp.csr_matrix(dense, dtype=np.float32), targets


@pytest.mark.parametrize("threads", [1, 2])
def test_same_data_same_confidences(threads: int) -> None:
    inputs, targets = toy_data()
    config = StarSpaceConfig(input_dim=50, num_labels=3)
    training = TrainingConfig(epochs=30, num_threads=threads)
    first = train_starspace(inputs, targets, config, training).predict_proba(inputs)
    second = train_starspace(inputs, targets, config, training).predict_proba(inputs)
    np.testing.assert_array_equal(first, second)
    assert (first.argmax(axis=1) == targets).all()


def test_leaves_the_global_random_state_alone() -> None:
    inputs, targets = toy_data()
    torch.manual_seed(7)
    expected = torch.rand(1)
    torch.manual_seed(7)
    train_starspace(inputs, targets, StarSpaceConfig(50, 3), TrainingConfig(epochs=1))
    assert torch.equal(torch.rand(1), expected)


def test_the_same_model_whatever_trains_beside_it() -> None:
    """Each model (and its held-out twin, trained on a thread beside it) draws from generators
    of its own, so another training run at the same time changes nothing."""
    from concurrent.futures import ThreadPoolExecutor

    inputs, targets = ten_labels()
    config = StarSpaceConfig(input_dim=60, num_labels=10)
    training = TrainingConfig(epochs=20)
    alone = train_starspace(inputs, targets, config, training).predict_proba(inputs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        other = pool.submit(
            train_starspace, inputs, targets, config, TrainingConfig(epochs=20, random_seed=1)
        )
        beside = pool.submit(train_starspace, inputs, targets, config, training)
        np.testing.assert_array_equal(beside.result().predict_proba(inputs), alone)
        assert not np.array_equal(other.result().predict_proba(inputs), alone)


def test_embedding_size_by_data_size_unless_asked() -> None:
    assert [embedding_dim_for(n, None) for n in (600, 1999, 2000, 15_000)] == [128, 128, 256, 256]
    assert embedding_dim_for(15_000, 64) == 64


def test_towers_by_data_size_unless_asked() -> None:
    assert [towers_for(n, None) for n in (600, 1999, 2000, 15_000)] == [1, 1, 2, 2]
    assert towers_for(600, 3) == 3 and towers_for(15_000, 1) == 1


def test_batches_grow_and_epochs_shrink_with_the_data() -> None:
    assert [batch_size_for(n, None) for n in (100, 15_000, 100_000)] == [32, 64, 64]
    assert batch_size_for(15_000, 64) == 64
    assert epochs_for(300, 60) == 60
    assert epochs_for(15_000, 60) == 8


def ten_labels() -> tuple[sp.csr_matrix, np.ndarray]:
    rng = np.random.default_rng(1)
    targets = np.repeat(np.arange(10), 8)
    dense = rng.random((80, 60)) * (rng.random((80, 60)) < 0.1)
    dense[np.arange(80), targets * 5] = 1.0
    dense[np.arange(80), (targets // 2) * 5 + 1] = 1.0  # labels 2k and 2k+1 look alike
    return sp.csr_matrix(dense, dtype=np.float32), targets


@pytest.mark.parametrize("sampling", ["uniform", "confusion"])
def test_sampled_negatives_are_deterministic_and_learn(sampling: str) -> None:
    inputs, targets = ten_labels()
    config = StarSpaceConfig(input_dim=60, num_labels=10)
    training = TrainingConfig(epochs=40, negatives=3, negative_sampling=sampling)
    first = train_starspace(inputs, targets, config, training).predict_proba(inputs)
    second = train_starspace(inputs, targets, config, training).predict_proba(inputs)
    np.testing.assert_array_equal(first, second)
    assert (first.argmax(axis=1) == targets).mean() >= 0.95


def test_confusion_sampling_prefers_the_confused_label() -> None:
    confusion = _Confusion(4, uniform_share=0.5)
    confusion.next_epoch()
    similarities = torch.tensor([[5.0, 4.0, -5.0, -5.0]] * 8)
    confusion.observe(similarities, np.zeros(8, dtype=np.int64))
    confusion.next_epoch()
    row = confusion.weights[0]
    assert row[0] == 0.0 and row[1] > 0.6 > row[2]
    assert confusion.weights[1].tolist() == pytest.approx([1 / 3, 0.0, 1 / 3, 1 / 3])  # unseen


def test_saved_first_layer_is_4_bit_and_answers_the_same(tmp_path: Path) -> None:
    from safetensors.numpy import load_file

    from nlu.starspace_scorer import StarSpaceScorer

    rng = np.random.default_rng(0)
    inputs = sp.csr_matrix((rng.random((200, 500)) > 0.98).astype(np.float32))
    targets = rng.integers(0, 4, 200)
    scorer = train_starspace(
        inputs, targets, StarSpaceConfig(500, 4, towers=2), TrainingConfig(epochs=3)
    ).to_scorer()
    scorer.save(tmp_path, "m")
    saved = load_file(str(tmp_path / "m.safetensors"))
    assert "input" not in saved
    assert saved["input.q4"].dtype == np.uint8 and saved["input.q4"].shape == (500, 256)
    assert saved["input.scales"].dtype == np.float16 and saved["input.scales"].shape == (500, 16)
    loaded = StarSpaceScorer.load(tmp_path, "m")
    np.testing.assert_array_equal(scorer.predict_proba(inputs), loaded.predict_proba(inputs))


@pytest.mark.parametrize("columns", [64, 40, 7])
def test_4_bit_round_trip_is_close_and_stable(columns: int) -> None:
    from nlu.starspace_scorer import dequantize, quantize

    matrix = np.random.default_rng(0).normal(size=(30, columns)).astype(np.float32)
    matrix[3] = 0.0  # an all-zero row keeps a zero scale
    once = dequantize(*quantize(matrix), columns)
    group = 32 if columns % 32 == 0 else columns
    scale = np.abs(matrix.reshape(30, -1, group)).max(-1, keepdims=True) / 7
    assert (np.abs(once - matrix).reshape(30, -1, group) <= scale / 2 + 1e-3).all()
    assert not once[3].any()
    np.testing.assert_array_equal(dequantize(*quantize(once), columns), once)


def test_towers_are_an_ensemble_that_still_learns() -> None:
    inputs, targets = ten_labels()
    config = StarSpaceConfig(input_dim=60, num_labels=10, towers=3)
    model = train_starspace(inputs, targets, config, TrainingConfig(epochs=40))
    with torch.no_grad():
        per_tower = model(inputs)
    assert per_tower.shape == (80, 3, 10)
    assert not torch.equal(per_tower[:, 0], per_tower[:, 1])  # initialised apart
    assert (model.predict_proba(inputs).argmax(axis=1) == targets).mean() >= 0.95
