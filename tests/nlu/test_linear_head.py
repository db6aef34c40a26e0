"""The linear head: logits over dense or sparse rows, float32 or 8-bit weights, saved and read."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from nlu.errors import NLUModelError
from nlu.linear_head import INT8, LinearHead, quantize_int8


def _head(storage: str = "float32") -> LinearHead:
    rng = np.random.default_rng(0)
    return LinearHead(rng.normal(size=(50, 6)), rng.normal(size=6), 0.7, storage=storage)


def test_dense_and_sparse_rows_give_the_same_logits() -> None:
    rows = np.random.default_rng(1).random((4, 50)) * (np.arange(50) % 3 == 0)
    head = _head()
    np.testing.assert_allclose(
        head.logits(sp.csr_matrix(rows)), head.logits(rows), rtol=1e-5, atol=1e-5
    )
    assert np.exp(head.log_proba(rows)).sum(axis=1) == pytest.approx(1.0, abs=1e-5)


def test_int8_weights_stay_within_half_a_step_of_each_label_scale() -> None:
    weight = np.random.default_rng(2).normal(size=(300, 5)).astype(np.float32)
    codes, scales = quantize_int8(weight)
    assert codes.dtype == np.int8 and scales.shape == (5,)
    assert np.all(np.abs(codes.astype(np.float32) * scales - weight) <= scales / 2 + 1e-6)
    assert np.abs(codes).max() == 127


@pytest.mark.parametrize("storage", ["float32", INT8])
def test_the_head_in_memory_is_the_head_read_back(tmp_path: Path, storage: str) -> None:
    head = _head(storage)
    head.save(tmp_path, "head")
    loaded = LinearHead.load(tmp_path, "head")
    assert loaded.storage == storage and loaded.temperature == head.temperature
    rows = np.random.default_rng(3).random((3, 50))
    np.testing.assert_array_equal(loaded.log_proba(rows), head.log_proba(rows))


def test_int8_files_are_a_quarter_of_float32(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    weight, bias = rng.normal(size=(4000, 20)), np.zeros(20)
    LinearHead(weight, bias).save(tmp_path / "f", "head")
    LinearHead(weight, bias, storage=INT8).save(tmp_path / "q", "head")
    float_size = (tmp_path / "f" / "head.safetensors").stat().st_size
    assert (tmp_path / "q" / "head.safetensors").stat().st_size < float_size / 3.5


def test_rejects_an_unknown_storage() -> None:
    with pytest.raises(NLUModelError, match="float32 or int8"):
        LinearHead(np.zeros((2, 2)), np.zeros(2), storage="int4")


def test_load_names_the_head_and_the_folder(tmp_path: Path) -> None:
    with pytest.raises(NLUModelError, match=f"linear head 'head' from {tmp_path}"):
        LinearHead.load(tmp_path, "head")


def test_load_refuses_another_format(tmp_path: Path) -> None:
    _head().save(tmp_path, "head")
    (tmp_path / "head.config.json").write_text('{"format": 99, "temperature": 1}', "utf-8")
    with pytest.raises(NLUModelError, match="head.config.json: linear head format 99"):
        LinearHead.load(tmp_path, "head")
