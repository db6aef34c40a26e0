"""Turning each message's ``features`` into one input row for the StarSpace classifiers.

The layout (feature keys and widths) is fixed when training; each block is L2-normalised so word,
character and regex features weigh alike. A key missing at prediction time gives zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from assistant.shared import Message
from nlu.errors import NLUModelError


def _as_row(value: Any) -> sp.csr_matrix:
    """One sentence row from a sparse or dense feature (token sequences are summed/averaged)."""
    if sp.issparse(value):
        matrix = sp.csr_matrix(value, dtype=np.float32)
        if matrix.shape[0] != 1:
            matrix = sp.csr_matrix(matrix.sum(axis=0), dtype=np.float32)
        return matrix
    array = np.asarray(value, dtype=np.float32)
    if array.ndim == 2:
        array = array.mean(axis=0) if array.shape[0] else np.zeros(array.shape[1], np.float32)
    return sp.csr_matrix(array.reshape(1, -1))


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
                widths.setdefault(key, _as_row(value).shape[1])
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
        empty = sp.csr_matrix((1, dim), dtype=np.float32)
        rows = []
        for message in messages:
            value = message.features.get(key)
            row = empty if value is None else _as_row(value)
            if row.shape[1] != dim:
                raise NLUModelError(
                    f"{component}: feature '{key}' has width {row.shape[1]}, "
                    f"but the model was trained with width {dim}"
                )
            rows.append(row)
        block = sp.csr_matrix(sp.vstack(rows, format="csr"), dtype=np.float32)
        norms = np.sqrt(np.asarray(block.multiply(block).sum(axis=1), dtype=np.float64)).ravel()
        scale = np.divide(1.0, norms, out=np.ones_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(scale.astype(np.float32)) @ block, dtype=np.float32)
