"""Serving a trained StarSpace model with numpy alone: no torch import, so loading is fast.

The network is small (sparse input → hidden → embedding, compared with every label's
embedding), so scoring is a sparse-dense product and two small matrix products. ``save`` and
``load`` own the on-disk format: ``<stem>.safetensors`` (weights) and ``<stem>.config.json``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from safetensors.numpy import load_file, save_file

from nlu.errors import NLUModelError

# Bumped whenever the saved weights or config change meaning; ``load`` refuses other versions.
FORMAT_VERSION = 2
WEIGHTS = ("input", "input_bias", "output.weight", "output.bias", "labels.weight", "temperature")
HALF = {"input"}


@dataclass(frozen=True)
class StarSpaceConfig:
    """The network's shape; saved beside the weights so a model is rebuilt the same."""

    input_dim: int
    num_labels: int
    hidden_size: int = 256
    embedding_dim: int = 128
    dropout: float = 0.2
    similarity_scale: float = 5.0


def _normalize(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    out: np.ndarray = matrix / np.maximum(norms, 1e-12)
    return out


class StarSpaceScorer:
    def __init__(self, config: StarSpaceConfig, weights: dict[str, np.ndarray]) -> None:
        missing = [k for k in WEIGHTS if k not in weights]
        if missing:
            raise NLUModelError(f"StarSpace weights lack {', '.join(missing)}")
        self.config = config
        # the first layer at float16 precision (as saved), so a model answers the same before
        # and after it is persisted
        self.weights = {
            k: np.asarray(weights[k], dtype=np.float16 if k in HALF else np.float32).astype(
                np.float32
            )
            for k in WEIGHTS
        }
        self._labels = _normalize(self.weights["labels.weight"])

    def predict_proba(self, inputs: sp.csr_matrix) -> np.ndarray:
        """Softmax over the scaled cosine similarities to every label, over the temperature."""
        if inputs.shape[0] == 0:
            return np.zeros((0, self.config.num_labels), dtype=np.float32)
        w = self.weights
        hidden = np.maximum(
            sp.csr_matrix(inputs, dtype=np.float32) @ w["input"] + w["input_bias"], 0
        )
        utterances = _normalize(hidden @ w["output.weight"].T + w["output.bias"])
        logits = self.config.similarity_scale * utterances @ self._labels.T
        logits = logits / float(w["temperature"].reshape(-1)[0])
        logits -= logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        probabilities: np.ndarray = (exp / exp.sum(axis=-1, keepdims=True)).astype(np.float32)
        return probabilities

    def save(self, directory: Path, stem: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        # the first layer (one row per input column) is most of the model: stored as float16,
        # which halves the archive; it is read back as float32
        save_file(
            {
                k: np.ascontiguousarray(v.astype(np.float16) if k in HALF else v)
                for k, v in self.weights.items()
            },
            str(directory / f"{stem}.safetensors"),
        )
        saved = {"format": FORMAT_VERSION, **asdict(self.config)}
        (directory / f"{stem}.config.json").write_text(json.dumps(saved), "utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str) -> StarSpaceScorer:
        path = directory / f"{stem}.config.json"
        try:
            saved = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise NLUModelError(f"cannot read StarSpace config {path}") from err
        version = saved.pop("format", 1) if isinstance(saved, dict) else None
        known = {f.name for f in fields(StarSpaceConfig)}
        if version != FORMAT_VERSION or not known.issuperset(saved):
            raise NLUModelError(
                f"{path}: saved in StarSpace format {version}, this version reads format "
                f"{FORMAT_VERSION}; retrain the model"
            )
        try:
            weights = load_file(str(directory / f"{stem}.safetensors"))
            return cls(StarSpaceConfig(**saved), weights)
        except (OSError, ValueError, TypeError) as err:
            raise NLUModelError(f"cannot load StarSpace model '{stem}' from {directory}") from err
