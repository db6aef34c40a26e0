"""How far a message lies from the training examples, as a discount on its intent confidences.

A classifier's top probability says which intent fits best, not whether any does: a message about
something the assistant never learned can still get a high one. The sentence embeddings of the
training examples (a ``dense_featurizer``'s) say more: an out-of-scope message has no close
neighbour among them. ``NoveltyScorer`` keeps those embeddings (L2-normalised, float16) and
multiplies a message's probabilities by ``exp(-weight * max(0, reference - s))``, ``s`` the mean
cosine similarity of its ``neighbours`` nearest training examples and ``reference`` the
``quantile`` of the same figure over the training examples themselves (each without itself): a
message as close to the training data as 90% of its examples (quantile 0.1) keeps its
confidence, so the fallback threshold keeps its scale and one threshold on the discounted
confidence rejects both unsure and unfamiliar messages (on CLINC150 validation, a weight of 10
over 5 neighbours; BENCHMARKS.md, "novelty").
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

from nlu.errors import NLUModelError

CHUNK = 1024  # messages compared at once: bounds the similarity matrix's memory
FEW = 4  # up to this many messages, no BLAS (see NoveltyScorer._similarities)


def _normalised(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    normalised: np.ndarray = x / np.maximum(norms, 1e-12)
    return normalised


class NoveltyScorer:
    def __init__(
        self,
        examples: np.ndarray,
        weight: float,
        neighbours: int,
        quantile: float = 0.1,
        reference: float | None = None,
    ) -> None:
        """``reference`` as saved, or None to compute it from ``examples`` and ``quantile``."""
        if weight < 0 or neighbours < 1 or not 0.0 <= quantile <= 1.0:
            raise NLUModelError(
                "novelty: weight must be >= 0, neighbours >= 1 and quantile within 0..1"
            )
        self.examples = _normalised(examples).astype(np.float16)  # as saved
        self._matrix = self.examples.astype(np.float32)  # as compared: numpy has no fast float16
        self.weight = weight
        self.neighbours = min(neighbours, len(self.examples))
        self.quantile = quantile
        self.reference = self._reference() if reference is None else reference

    def _reference(self) -> float:
        """The ``quantile`` of the examples' own similarity to their nearest others."""
        k = min(self.neighbours, len(self._matrix) - 1)
        if k < 1:
            return 1.0
        own = np.empty(len(self._matrix), dtype=np.float32)
        for start in range(0, len(self._matrix), CHUNK):
            sims = self._matrix[start : start + CHUNK] @ self._matrix.T
            rows = np.arange(len(sims))
            sims[rows, rows + start] = -np.inf  # not itself
            own[start : start + CHUNK] = np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
        return float(np.quantile(own, self.quantile))

    def similarity(self, embeddings: np.ndarray) -> np.ndarray:
        """(messages,): the mean cosine similarity of each message's nearest examples."""
        x = _normalised(embeddings)
        k = self.neighbours
        out = np.empty(len(x), dtype=np.float32)
        for start in range(0, len(x), CHUNK):
            sims = self._similarities(x[start : start + CHUNK])
            nearest = np.partition(sims, sims.shape[1] - k, axis=1)[:, -k:]
            out[start : start + CHUNK] = nearest.mean(axis=1)
        return out

    def _similarities(self, x: np.ndarray) -> np.ndarray:
        """(messages, examples) cosine similarities. A few messages (a parse) go through numpy's
        own loop on one thread: a BLAS product of one row runs on every core and, with the
        cores busy, waits for them (0.5 s a parse in one loaded run; 8 ms alone)."""
        if len(x) <= FEW:
            return np.stack([np.einsum("nd,d->n", self._matrix, row) for row in x])
        sims: np.ndarray = x @ self._matrix.T
        return sims

    def discount(self, embeddings: np.ndarray) -> np.ndarray:
        """(messages,): the factor in (0, 1] that multiplies each message's confidences."""
        gap = np.maximum(0.0, self.reference - self.similarity(embeddings))
        factor: np.ndarray = np.exp(-self.weight * gap)
        return factor

    def save(self, directory: Path, stem: str) -> None:
        """Write ``stem.safetensors`` (the examples) and ``stem.config.json``."""
        save_file({"examples": self.examples}, str(directory / f"{stem}.safetensors"))
        config = {
            "weight": self.weight,
            "neighbours": self.neighbours,
            "quantile": self.quantile,
            "reference": self.reference,
        }
        (directory / f"{stem}.config.json").write_text(json.dumps(config), "utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str) -> NoveltyScorer:
        try:
            config = json.loads((directory / f"{stem}.config.json").read_text("utf-8"))
            examples = load_file(str(directory / f"{stem}.safetensors"))["examples"]
            return cls(
                examples,
                float(config["weight"]),
                int(config["neighbours"]),
                float(config["quantile"]),
                float(config["reference"]),
            )
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise NLUModelError(
                f"cannot load the novelty scorer '{stem}' from {directory}"
            ) from err
