"""Turning each message's ``features`` into one input row for the StarSpace classifiers.

The layout (feature keys and widths) is fixed when training; each block is L2-normalised so word,
character, regex and dense sentence-embedding features weigh alike. A key missing at prediction
time gives zeros. Dense vectors (``dense_featurizer``) become as many CSR columns, every one
stored: a 384-wide embedding adds 384 entries per row to the few dozen of the n-gram blocks, which
the StarSpace first layer (an embedding bag over a row's entries) handles like any other feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from assistant.shared import Message
from nlu.errors import NLUModelError


def _width(value: Any) -> int:
    return int(value.shape[1] if sp.issparse(value) else np.shape(value)[-1])


def _dense_row(value: Any) -> np.ndarray:
    """One sentence vector from a dense feature (a token sequence is averaged)."""
    array = np.asarray(value, dtype=np.float32)
    if array.ndim == 2:
        array = array.mean(axis=0) if array.shape[0] else np.zeros(array.shape[1], np.float32)
    return array.reshape(-1)


def _as_row(value: Any) -> sp.csr_matrix:
    """One sentence row from a sparse or dense feature (token sequences are summed/averaged)."""
    if sp.issparse(value):
        matrix = sp.csr_matrix(value, dtype=np.float32)
        if matrix.shape[0] != 1:
            matrix = sp.csr_matrix(matrix.sum(axis=0), dtype=np.float32)
        return matrix
    return sp.csr_matrix(_dense_row(value).reshape(1, -1))


@dataclass(frozen=True)
class FeatureLayout:
    keys: tuple[str, ...]
    dims: tuple[int, ...]

    @property
    def dimension(self) -> int:
        return sum(self.dims)

    @classmethod
    def of(cls, messages: list[Message]) -> FeatureLayout:
        widths: dict[str, int] = {}
        for message in messages:
            for key, value in message.features.items():
                if key not in widths:
                    widths[key] = _width(value)
        keys = tuple(sorted(widths))
        return cls(keys, tuple(widths[k] for k in keys))

    def to_json(self) -> dict[str, Any]:
        return {"keys": list(self.keys), "dims": list(self.dims)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureLayout:
        return cls(tuple(data["keys"]), tuple(int(d) for d in data["dims"]))

    def matrix(self, messages: list[Message], component: str) -> sp.csr_matrix:
        """An (n_messages, dimension) CSR matrix in this layout, built one block per key."""
        if not messages:
            return sp.csr_matrix((0, self.dimension), dtype=np.float32)
        blocks = [
            self._block(messages, key, dim, component)
            for key, dim in zip(self.keys, self.dims, strict=True)
        ]
        if not blocks:
            return sp.csr_matrix((len(messages), 0), dtype=np.float32)
        return sp.csr_matrix(sp.hstack(blocks, format="csr"), dtype=np.float32)

    @staticmethod
    def _block(messages: list[Message], key: str, dim: int, component: str) -> sp.csr_matrix:
        """One key's rows for every message, each row L2-normalised (zeros where missing)."""
        values = [message.features.get(key) for message in messages]
        for value in values:
            if value is not None and _width(value) != dim:
                raise NLUModelError(
                    f"{component}: feature '{key}' has width {_width(value)}, "
                    f"but the model was trained with width {dim}"
                )
        if not any(sp.issparse(v) for v in values):  # dense vectors: stacked as one array
            dense = np.zeros((len(values), dim), dtype=np.float32)
            for i, value in enumerate(values):
                if value is not None:
                    dense[i] = _dense_row(value)
            norms = np.linalg.norm(dense, axis=1, keepdims=True)
            return sp.csr_matrix(dense / np.maximum(norms, 1e-12), dtype=np.float32)
        # assembled directly from each row's entries: scipy's stacking and scaling cost more
        # than the rest of a single message's parse
        indptr = np.zeros(len(values) + 1, dtype=np.int64)
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for i, value in enumerate(values):
            count = 0
            if value is not None:
                row = _as_row(value)
                row.sum_duplicates()
                entries = row.data.astype(np.float32)
                norm = float(np.sqrt(np.square(entries, dtype=np.float64).sum()))
                if norm > 0:
                    entries = entries * np.float32(1.0 / norm)
                indices.append(row.indices)
                data.append(entries)
                count = len(entries)
            indptr[i + 1] = indptr[i] + count
        if not data:
            return sp.csr_matrix((len(values), dim), dtype=np.float32)
        return sp.csr_matrix(
            (np.concatenate(data), np.concatenate(indices), indptr), shape=(len(values), dim)
        )
