"""Turning each message's ``features`` into one input row for the StarSpace classifiers.

The layout (feature keys and widths) is fixed when training; each block is L2-normalised so word,
character, regex and dense sentence-embedding features weigh alike. A key missing at prediction
time gives zeros. Dense vectors (``dense_featurizer``) become as many CSR columns, every non-zero
one stored: a 384-wide embedding adds 384 entries per row to the few dozen of the n-gram blocks,
which the StarSpace first layer (an embedding bag over a row's entries) handles like any other
feature.
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


def _entries(value: Any) -> tuple[np.ndarray, np.ndarray]:
    """One sentence row of a sparse or dense feature as (column indices, values), L2-normalised.

    A token sequence (several sparse rows) is summed, a dense one averaged. Read straight from the
    CSR arrays: building scipy matrices per message and block costs more than a parse's model.
    """
    if sp.issparse(value):
        matrix = value if isinstance(value, sp.csr_matrix) else sp.csr_matrix(value)
        if matrix.shape[0] != 1 or not matrix.has_canonical_format:
            matrix = sp.csr_matrix(matrix.sum(axis=0))
        indices = np.asarray(matrix.indices, dtype=np.int64)
        data = np.asarray(matrix.data, dtype=np.float32)
    else:
        row = _dense_row(value)
        indices = np.flatnonzero(row)
        data = row[indices]
    norm = float(np.sqrt(np.square(data, dtype=np.float64).sum()))
    if norm > 0:
        data = data * np.float32(1.0 / norm)
    return indices, data


@dataclass(frozen=True)
class FeatureLayout:
    keys: tuple[str, ...]
    dims: tuple[int, ...]

    @property
    def dimension(self) -> int:
        return sum(self.dims)

    @classmethod
    def of(cls, messages: list[Message], dense: bool | None = None) -> FeatureLayout:
        """The keys of ``messages``' features: all of them, or with ``dense`` True / False only
        the dense (sentence-embedding) / sparse ones."""
        widths: dict[str, int] = {}
        for message in messages:
            for key, value in message.features.items():
                if key not in widths and (dense is None or dense != sp.issparse(value)):
                    widths[key] = _width(value)
        keys = tuple(sorted(widths))
        return cls(keys, tuple(widths[k] for k in keys))

    def to_json(self) -> dict[str, Any]:
        return {"keys": list(self.keys), "dims": list(self.dims)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureLayout:
        return cls(tuple(data["keys"]), tuple(int(d) for d in data["dims"]))

    def matrix(self, messages: list[Message], component: str) -> sp.csr_matrix:
        """An (n_messages, dimension) CSR matrix in this layout: each key's block of columns,
        each block of each row L2-normalised (zeros where a message lacks the key)."""
        offsets = np.cumsum((0, *self.dims))[:-1]  # each block's first column
        indptr = np.zeros(len(messages) + 1, dtype=np.int64)
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for i, message in enumerate(messages):
            count = 0
            for key, dim, offset in zip(self.keys, self.dims, offsets, strict=True):
                value = message.features.get(key)
                if value is None:
                    continue
                if _width(value) != dim:
                    raise NLUModelError(
                        f"{component}: feature '{key}' has width {_width(value)}, "
                        f"but the model was trained with width {dim}"
                    )
                columns, values = _entries(value)
                indices.append(columns + offset)
                data.append(values)
                count += len(values)
            indptr[i + 1] = indptr[i] + count
        shape = (len(messages), self.dimension)
        if not data:
            return sp.csr_matrix(shape, dtype=np.float32)
        return sp.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=shape)
