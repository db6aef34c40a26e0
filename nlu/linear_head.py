"""A linear model served with numpy: logits ``x @ weight + bias`` over dense or sparse rows,
divided by a calibrated temperature.

The intent classifier's two companions of the StarSpace model are such heads: a softmax
regression over pretrained sentence embeddings (``nlu/dense_head.py``) and a linear SVM over the
sparse n-gram features (``nlu/sparse_head.py``). A head over tens of thousands of n-gram columns
is stored with 8-bit weights (one scale per label), a quarter of the float32 size; the argmax and
the confidences barely move (see BENCHMARKS.md, "sparse head").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from safetensors.numpy import load_file, save_file

from nlu._calibration import fit_temperature, held_out_fifth, log_softmax
from nlu.errors import NLUModelError

FORMAT_VERSION = 1
FLOAT32, INT8 = "float32", "int8"


def quantize_int8(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``weight`` (features, labels) as int8 codes and one float32 scale per label."""
    scales = (np.abs(weight).max(axis=0) / 127).astype(np.float32)
    safe = np.where(scales == 0, 1, scales)
    codes = np.clip(np.rint(weight / safe), -127, 127).astype(np.int8)
    return codes, scales


class LinearHead:
    """``log_proba(x)``: log-probabilities (n, labels) from rows ``x`` (n, features)."""

    def __init__(
        self,
        weight: np.ndarray,
        bias: np.ndarray,
        temperature: float = 1.0,
        storage: str = FLOAT32,
    ) -> None:
        """``storage`` "int8" rounds ``weight`` to 8 bits now, so the head in memory is the one
        ``save`` writes and ``load`` reads back."""
        if storage not in (FLOAT32, INT8):
            raise NLUModelError(f"linear head weights: {FLOAT32} or {INT8}, not {storage!r}")
        self.codes: np.ndarray | None = None
        self.scales: np.ndarray | None = None
        self.weight = weight.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.temperature = float(temperature)
        if storage == INT8:
            self._hold_int8(*quantize_int8(weight))

    @property
    def storage(self) -> str:
        """How ``save`` writes the weights: "float32", or "int8" with one scale per label."""
        return FLOAT32 if self.codes is None else INT8

    def _hold_int8(self, codes: np.ndarray, scales: np.ndarray) -> None:
        self.codes, self.scales = codes, scales
        self.weight = codes.astype(np.float32) * scales

    @classmethod
    def from_int8(
        cls, codes: np.ndarray, scales: np.ndarray, bias: np.ndarray, temperature: float
    ) -> LinearHead:
        head = cls(np.zeros((0, len(bias)), np.float32), bias, temperature)
        head._hold_int8(codes, scales)
        return head

    def logits(self, x: Any) -> np.ndarray:
        """Logits of a dense array or a scipy sparse matrix of rows."""
        rows = sp.csr_matrix(x, dtype=np.float32) if sp.issparse(x) else np.asarray(x, np.float32)
        out: np.ndarray = np.asarray(rows @ self.weight) + self.bias
        return out

    def log_proba(self, x: Any) -> np.ndarray:
        return log_softmax(self.logits(x) / self.temperature)

    def save(self, directory: Path, stem: str) -> None:
        """Write ``stem.safetensors`` and ``stem.config.json``."""
        directory.mkdir(parents=True, exist_ok=True)
        tensors = {"bias": self.bias}
        if self.codes is not None and self.scales is not None:
            tensors["weight_int8"], tensors["weight_scales"] = self.codes, self.scales
        else:
            tensors["weight"] = self.weight
        save_file(tensors, str(directory / f"{stem}.safetensors"))
        config = {
            "format": FORMAT_VERSION,
            "temperature": self.temperature,
            "weights": self.storage,
        }
        (directory / f"{stem}.config.json").write_text(json.dumps(config), "utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str) -> LinearHead:
        path = directory / f"{stem}.config.json"
        try:
            config = json.loads(path.read_text("utf-8"))
            if config.get("format") != FORMAT_VERSION:
                raise NLUModelError(
                    f"{path}: linear head format {config.get('format')}, this version reads "
                    f"{FORMAT_VERSION}; retrain the model"
                )
            tensors = load_file(str(directory / f"{stem}.safetensors"))
            temperature = float(config["temperature"])
            if config.get("weights", FLOAT32) == INT8:
                codes, scales = tensors["weight_int8"], tensors["weight_scales"]
                return cls.from_int8(codes, scales, tensors["bias"], temperature)
            return cls(tensors["weight"], tensors["bias"], temperature)
        except (OSError, ValueError, KeyError, AttributeError) as err:
            raise NLUModelError(f"cannot load the linear head '{stem}' from {directory}") from err


def fit_calibrated(
    train: Callable[[Any, np.ndarray], LinearHead], x: Any, targets: np.ndarray, calibrate: bool
) -> LinearHead:
    """``train(x, targets)``, with the temperature that a head trained without every fifth
    example of each label fits on them (1.0 without ``calibrate`` or too little data)."""
    temperature = 1.0
    held_out = held_out_fifth(targets) if calibrate else None
    if held_out is not None:
        first = train(x[~held_out], targets[~held_out])
        temperature = fit_temperature(first.logits(x[held_out]), targets[held_out])
    head = train(x, targets)
    head.temperature = temperature
    return head
