"""A StarSpace-style embedding classifier: utterances and labels embedded in one space.

An utterance encoder (sparse input -> hidden -> embedding) and one embedding per label are trained
so that an utterance is most similar to its own label: a softmax cross-entropy over the scaled
cosine similarities to the positive label and sampled negatives (or all labels, when few).
Confidences at prediction time are a softmax over the similarities to every label.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from torch import nn

from nlu.errors import NLUModelError

# Densify the whole training matrix at once below this many cells (float32: 4 bytes each).
_DENSE_LIMIT = 25_000_000


@dataclass(frozen=True)
class StarSpaceConfig:
    """The network's shape; saved beside the weights so ``load`` rebuilds the same model."""

    input_dim: int
    num_labels: int
    hidden_size: int = 256
    embedding_dim: int = 32
    dropout: float = 0.2
    similarity_scale: float = 10.0


@dataclass(frozen=True)
class TrainingConfig:
    epochs: int = 60
    batch_size: int = 32
    learning_rate: float = 0.003
    negatives: int = 20
    weight_decay: float = 0.0
    random_seed: int = 42
    # Small models train several times faster on one thread than on contended cores.
    num_threads: int = 1


class StarSpace(nn.Module):
    def __init__(self, config: StarSpaceConfig) -> None:
        super().__init__()
        self.config = config
        self.encoder = nn.Sequential(
            nn.Dropout(config.dropout),
            nn.Linear(config.input_dim, config.hidden_size),
            nn.ReLU(),
            nn.Dropout(config.dropout),
            nn.Linear(config.hidden_size, config.embedding_dim),
        )
        self.labels = nn.Embedding(config.num_labels, config.embedding_dim)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        """Scaled cosine similarities of each input row to every label: (batch, num_labels)."""
        utterances = F.normalize(self.encoder(inputs), dim=-1)
        labels = F.normalize(self.labels.weight, dim=-1)
        return self.config.similarity_scale * utterances @ labels.T

    @torch.no_grad()
    def predict_proba(self, inputs: sp.csr_matrix) -> np.ndarray:
        """Softmax over the similarities to all labels, one row per input row."""
        self.eval()
        if inputs.shape[0] == 0:
            return np.zeros((0, self.config.num_labels), dtype=np.float32)
        dense = torch.from_numpy(np.asarray(inputs.toarray(), dtype=np.float32))
        return torch.softmax(self(dense), dim=-1).numpy()

    def save(self, directory: Path, stem: str) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        state = {k: v.contiguous() for k, v in self.state_dict().items()}
        save_file(state, str(directory / f"{stem}.safetensors"))
        (directory / f"{stem}.config.json").write_text(json.dumps(asdict(self.config)), "utf-8")

    @classmethod
    def load(cls, directory: Path, stem: str) -> StarSpace:
        try:
            config = StarSpaceConfig(
                **json.loads((directory / f"{stem}.config.json").read_text("utf-8"))
            )
            model = cls(config)
            model.load_state_dict(load_file(str(directory / f"{stem}.safetensors")))
        except (OSError, ValueError, TypeError, RuntimeError) as err:
            raise NLUModelError(f"cannot load StarSpace model '{stem}' from {directory}") from err
        model.eval()
        return model


def train_starspace(
    inputs: sp.csr_matrix, targets: np.ndarray, config: StarSpaceConfig, training: TrainingConfig
) -> StarSpace:
    """Train a fresh model on ``inputs`` (n, input_dim) with label indices ``targets`` (n,).

    Seeds torch and numpy from ``training.random_seed`` inside a forked RNG state, so the result
    is reproducible and the caller's global random state is left untouched.
    """
    fits = inputs.shape[0] * inputs.shape[1] <= _DENSE_LIMIT
    dense = np.asarray(inputs.toarray(), np.float32) if fits else None
    threads = torch.get_num_threads()
    torch.set_num_threads(max(1, training.num_threads))
    try:
        return _train(inputs, targets, dense, config, training)
    finally:
        torch.set_num_threads(threads)


def _train(
    inputs: sp.csr_matrix,
    targets: np.ndarray,
    dense: np.ndarray | None,
    config: StarSpaceConfig,
    training: TrainingConfig,
) -> StarSpace:
    """The loop: per epoch, shuffle; per batch, forward, loss, step."""
    n, num_labels = inputs.shape[0], config.num_labels
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(training.random_seed)
        rng = np.random.default_rng(training.random_seed)
        model = StarSpace(config)
        optimizer = torch.optim.Adam(
            model.parameters(), lr=training.learning_rate, weight_decay=training.weight_decay
        )
        sample_negatives = num_labels > training.negatives + 1
        for _epoch in range(training.epochs):
            model.train()
            order = rng.permutation(n)
            for start in range(0, n, training.batch_size):
                batch = order[start : start + training.batch_size]
                rows = dense[batch] if dense is not None else inputs[batch].toarray()
                x = torch.from_numpy(np.asarray(rows, dtype=np.float32))
                y = torch.from_numpy(targets[batch].astype(np.int64))
                similarities = model(x)
                if sample_negatives:
                    similarities, y = _with_sampled_negatives(
                        similarities, targets[batch], training.negatives, num_labels, rng
                    )
                loss = F.cross_entropy(similarities, y)
                optimizer.zero_grad()
                loss.backward()  # type: ignore[no-untyped-call]
                optimizer.step()
    model.eval()
    return model


def _with_sampled_negatives(
    similarities: torch.Tensor,
    targets: np.ndarray,
    negatives: int,
    num_labels: int,
    rng: np.random.Generator,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Keep, per row, the positive label (column 0) and ``negatives`` other labels."""
    sampled = rng.integers(0, num_labels - 1, size=(len(targets), negatives))
    sampled += sampled >= targets[:, None]  # skip over the positive label
    columns = np.concatenate([targets[:, None], sampled], axis=1)
    picked = similarities.gather(1, torch.from_numpy(columns.astype(np.int64)))
    return picked, torch.zeros(len(targets), dtype=torch.int64)
