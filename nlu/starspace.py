"""A StarSpace-style embedding classifier: utterances and labels embedded in one space.

An utterance encoder (sparse input -> hidden -> embedding) and one embedding per label are trained
so that an utterance is most similar to its own label: a label-smoothed softmax cross-entropy over
the scaled cosine similarities to every label (or to the positive and sampled negatives, when
``negatives`` is set and there are more labels). The first layer is an ``EmbeddingBag`` over the
non-zero columns of each CSR row, trained with sparse gradients, so a step costs what a batch's
n-grams cost, not the tens of thousands of columns of the vocabulary.

With ``towers: T`` the network is T such encoders with their own label embeddings, initialised
apart and trained side by side on the same batches, each with its own loss and its own draw of
input dropout: an ensemble in one model, whose similarities are averaged. Ensembles of a few
independently initialised networks generalise better than one network of their combined width
(on CLINC150 validation, three towers of 256 beat one of 256 or 768; beside the sparse head,
two do as well as three; see BENCHMARKS.md).

Confidences are a softmax over the similarities divided by a temperature. With ``calibrate``, the
temperature is fitted on a held-out part of the training data (a model trained on the rest), so a
confidence of 0.8 means about 80% right on unseen in-domain text, and unfamiliar text gets less.
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import scipy.sparse as sp
import torch
import torch.nn.functional as F
from torch import nn

from nlu._calibration import fit_temperature, held_out_fifth
from nlu._torch_threads import TorchThreads
from nlu.starspace_scorer import StarSpaceConfig, StarSpaceScorer

__all__ = ["StarSpace", "StarSpaceConfig", "TrainingConfig", "fit", "train_starspace"]


@dataclass(frozen=True)
class TrainingConfig:
    epochs: int = 60
    batch_size: int | None = None  # None: grows with the data, see ``batch_size_for``
    learning_rate: float = 0.01
    negatives: int | None = None  # None: every label is a negative
    # How sampled negatives are drawn: "uniform" over the other labels, or "confusion": in
    # proportion to how much probability the model gave each other label for this one during
    # the previous epoch (half of it mixed with uniform, so every label stays in play).
    negative_sampling: str = "uniform"
    label_smoothing: float = 0.1
    weight_decay: float = 0.0
    calibrate: bool = True
    random_seed: int = 42
    # Small models train faster on one thread than on contended cores.
    num_threads: int = 1


# Below this many training examples an assistant is small: one tower, 128 dimensions.
SMALL_DATA = 2000


def batch_size_for(n: int, requested: int | None) -> int:
    """``requested``, or 1% of the data, at least 32 and at most 64: on CLINC150 validation
    (15,000 examples) batches of 64 with 256-dimensional embeddings beat the 150 that 1% gave
    (0.9436 against 0.9416 over eight seeds; BENCHMARKS.md, thirteenth session)."""
    return requested if requested is not None else min(64, max(32, n // 100))


def embedding_dim_for(n: int, requested: int | None) -> int:
    """``requested``, or 256 from 2,000 examples up and 128 below: 256 was chosen on CLINC150
    validation (15,000 examples, with batches of 64; BENCHMARKS.md, thirteenth session), and
    the small assistants below 2,000 keep the size their story tests were written against."""
    if requested is not None:
        return requested
    return 256 if n >= SMALL_DATA else 128


def towers_for(n: int, requested: int | None) -> int:
    """``requested``, or 2 from 2,000 examples up and 1 below: on small data training is all
    epochs (60 of them), two towers double it, and a small assistant should train in seconds."""
    if requested is not None:
        return requested
    return 2 if n >= SMALL_DATA else 1


def epochs_for(n: int, requested: int) -> int:
    """``requested``, fewer on large data: enough steps are taken long before 60 passes."""
    return max(1, min(requested, math.ceil(requested * 2000 / n))) if n > 2000 else requested


class StarSpace(nn.Module):
    def __init__(self, config: StarSpaceConfig, generator: torch.Generator | None = None) -> None:
        super().__init__()
        self.config = config
        # The first layer as the rows of an embedding bag: one row of weights per input column.
        # Every tower's hidden units side by side: (input_dim, towers * hidden_size).
        towers, hidden, dim = config.towers, config.hidden_size, config.embedding_dim
        self.input = nn.Parameter(
            torch.randn(config.input_dim, towers * hidden, generator=generator) * 0.1
        )
        self.input_bias = nn.Parameter(torch.zeros(towers * hidden))
        bound = 1 / math.sqrt(hidden)  # nn.Linear's initialisation, per tower
        self.output_weight = nn.Parameter(
            torch.empty(towers, dim, hidden).uniform_(-bound, bound, generator=generator)
        )
        self.output_bias = nn.Parameter(
            torch.empty(towers, dim).uniform_(-bound, bound, generator=generator)
        )
        self.labels = nn.Parameter(torch.randn(towers, config.num_labels, dim, generator=generator))
        self.register_buffer("temperature", torch.ones(()))

    def forward(
        self,
        inputs: sp.csr_matrix,
        table: torch.Tensor | None = None,
        generator: torch.Generator | None = None,
    ) -> torch.Tensor:
        """Scaled cosine similarities of each input row to every label, per tower:
        (batch, towers, num_labels).

        ``table`` stands in for the first layer's weights (training passes the rows of the
        columns a batch uses, with the batch's columns renumbered to match).
        """
        indices = torch.from_numpy(inputs.indices.astype(np.int64))
        offsets = torch.from_numpy(inputs.indptr[:-1].astype(np.int64))
        weights = torch.from_numpy(inputs.data.astype(np.float32))
        p, towers, size = self.config.dropout, self.config.towers, self.config.hidden_size
        table = self.input if table is None else table
        if self.training and p > 0:
            # drop whole input features, not dense columns; each tower its own draw, so the
            # towers see different views of every example (more diverse, a better ensemble).
            # One bag per (example, tower) over the table seen as (columns * towers, hidden):
            # row ``c * towers + t`` is column c's weights for tower t, contiguous, so forward
            # and backward are one embedding bag, not one per tower over strided slices.
            n, entries = len(offsets), len(indices)
            spread = torch.arange(towers, dtype=torch.int64)
            bag_indices = (indices.unsqueeze(0) * towers + spread.unsqueeze(1)).reshape(-1)
            kept = _dropout(weights.repeat(towers), p, generator)
            bag_offsets = (offsets.unsqueeze(0) + spread.unsqueeze(1) * entries).reshape(-1)
            summed = F.embedding_bag(
                bag_indices,
                table.reshape(-1, size),
                bag_offsets,
                mode="sum",
                per_sample_weights=kept,
            )  # (towers * n, hidden), tower-major
            summed = summed.view(towers, n, size).transpose(0, 1).reshape(n, towers * size)
        else:
            summed = F.embedding_bag(
                indices, table, offsets, mode="sum", per_sample_weights=weights
            )
        hidden = F.relu(summed + self.input_bias)
        if self.training and p > 0:
            hidden = _dropout(hidden, p, generator)
        hidden = hidden.view(len(hidden), towers, size)
        utterances = torch.einsum("bth,tdh->btd", hidden, self.output_weight) + self.output_bias
        utterances = F.normalize(utterances, dim=-1)
        labels = F.normalize(self.labels, dim=-1)
        return self.config.similarity_scale * torch.einsum("btd,tld->btl", utterances, labels)

    def logits(self, inputs: sp.csr_matrix) -> torch.Tensor:
        """The towers' similarities averaged: (batch, num_labels)."""
        similarities: torch.Tensor = self(inputs)
        return similarities.mean(dim=1)

    @torch.no_grad()
    def predict_proba(self, inputs: sp.csr_matrix) -> np.ndarray:
        """Softmax over the similarities to all labels over the temperature, one row per input."""
        self.eval()
        if inputs.shape[0] == 0:
            return np.zeros((0, self.config.num_labels), dtype=np.float32)
        logits = self.logits(sp.csr_matrix(inputs, dtype=np.float32))
        return torch.softmax(logits / self.get_buffer("temperature"), dim=-1).numpy()

    def to_scorer(self) -> StarSpaceScorer:
        """The trained weights as a numpy model for serving."""
        state = {k: v.detach().cpu().numpy() for k, v in self.state_dict().items()}
        return StarSpaceScorer(self.config, state)


def _dropout(values: torch.Tensor, p: float, generator: torch.Generator | None) -> torch.Tensor:
    """Inverted dropout drawn from ``generator`` (``F.dropout`` draws from torch's global one)."""
    return values * (torch.rand(values.shape, generator=generator) >= p) / (1 - p)


def fit(
    inputs: sp.csr_matrix, targets: np.ndarray, num_labels: int, options: Any
) -> StarSpaceScorer:
    """Train a scorer with a component's ``Options``: every field named as in
    ``StarSpaceConfig`` or ``TrainingConfig`` is taken from it; the rest keep their defaults.
    ``towers: None`` and ``embedding_dim: None`` pick ``towers_for`` and ``embedding_dim_for``
    the data's size."""

    def pick(cls: type[Any], **fixed: Any) -> Any:
        names = {f.name for f in fields(cls)} - set(fixed)
        return cls(**fixed, **{n: getattr(options, n) for n in names if hasattr(options, n)})

    n = inputs.shape[0]
    config = pick(
        StarSpaceConfig,
        input_dim=inputs.shape[1],
        num_labels=num_labels,
        towers=towers_for(n, getattr(options, "towers", None)),
        embedding_dim=embedding_dim_for(n, getattr(options, "embedding_dim", None)),
    )
    return train_starspace(inputs, targets, config, pick(TrainingConfig)).to_scorer()


def train_starspace(
    inputs: sp.csr_matrix, targets: np.ndarray, config: StarSpaceConfig, training: TrainingConfig
) -> StarSpace:
    """Train a fresh model on ``inputs`` (n, input_dim) with label indices ``targets`` (n,).

    With ``training.calibrate``, a second model trains on all but a held-out part, to fit the
    temperature, on a thread beside the final one (torch releases the GIL in its kernels, so the
    two share the cores). Each model draws from a torch generator and a numpy generator of its
    own seeded from ``training.random_seed``, so the result is reproducible whatever the
    threads' timing, and the caller's global random state is left untouched.
    """
    inputs = sp.csr_matrix(inputs, dtype=np.float32)
    inputs.sort_indices()
    with (
        TorchThreads(torch, max(1, training.num_threads)),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="starspace-held-out") as pool,
    ):
        temperature = pool.submit(_fit_temperature, inputs, targets, config, training)
        model = _train(inputs, targets, config, training)
        model.get_buffer("temperature").fill_(temperature.result())
    return model


def _train(
    inputs: sp.csr_matrix,
    targets: np.ndarray,
    config: StarSpaceConfig,
    training: TrainingConfig,
    epochs: int | None = None,
) -> StarSpace:
    """The loop: per epoch, shuffle; per batch, gather the rows it uses, forward, loss, step.
    ``epochs``: as many as ``epochs_for`` the data's size, unless given."""
    n, num_labels = inputs.shape[0], config.num_labels
    # a generator of its own, not torch's global one: the held-out model trains beside this one
    generator = torch.Generator().manual_seed(training.random_seed)
    rng = np.random.default_rng(training.random_seed)
    model = StarSpace(config, generator)
    rows = _RowAdam(model.input, training.learning_rate)
    dense = [p for name, p in model.named_parameters() if name != "input"]
    towers = config.towers
    optimizer = torch.optim.Adam(
        dense, lr=training.learning_rate, weight_decay=training.weight_decay
    )
    negatives = training.negatives
    sample_negatives = negatives is not None and num_labels > negatives + 1
    confusion = _Confusion(num_labels) if training.negative_sampling == "confusion" else None
    batch_size = batch_size_for(n, training.batch_size)
    for _epoch in range(epochs if epochs is not None else epochs_for(n, training.epochs)):
        model.train()
        if confusion is not None:
            confusion.next_epoch()
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            x = inputs[batch]
            columns, local = np.unique(x.indices, return_inverse=True)
            used = torch.from_numpy(columns.astype(np.int64))
            table = model.input.detach().index_select(0, used).requires_grad_()
            x = sp.csr_matrix((x.data, local, x.indptr), shape=(len(batch), len(columns)))
            similarities = model(x, table, generator)  # (batch, towers, labels)
            y = torch.from_numpy(targets[batch].astype(np.int64))
            if confusion is not None:
                confusion.observe(similarities.detach().mean(dim=1), targets[batch])
            if sample_negatives and negatives is not None:
                if confusion is not None:
                    similarities, y = confusion.sample(
                        similarities, targets[batch], negatives, generator
                    )
                else:
                    similarities, y = _with_sampled_negatives(
                        similarities, targets[batch], negatives, num_labels, rng
                    )
            # every tower learns on its own: the sum of their losses
            flat = similarities.reshape(len(batch) * towers, -1)
            loss = towers * F.cross_entropy(
                flat, y.repeat_interleave(towers), label_smoothing=training.label_smoothing
            )
            optimizer.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimizer.step()
            rows.step(used, table.grad)
    model.eval()
    return model


class _RowAdam:
    """Adam for the first layer that updates only the rows a batch used ("lazy" Adam).

    What ``torch.optim.SparseAdam`` does, without coalescing a sparse gradient of one row per
    n-gram occurrence: the batch's rows are gathered once, so their gradient is already dense.
    """

    def __init__(self, weight: torch.Tensor, lr: float, betas: tuple[float, float] = (0.9, 0.999)):
        self.weight, self.lr, self.betas, self.steps = weight, lr, betas, 0
        self.mean = torch.zeros_like(weight)
        self.square = torch.zeros_like(weight)

    @torch.no_grad()
    def step(self, rows: torch.Tensor, grad: torch.Tensor | None) -> None:
        if grad is None:
            return
        b1, b2 = self.betas
        self.steps += 1
        mean = self.mean.index_select(0, rows).mul_(b1).add_(grad, alpha=1 - b1)
        square = self.square.index_select(0, rows).mul_(b2).addcmul_(grad, grad, value=1 - b2)
        self.mean.index_copy_(0, rows, mean)
        self.square.index_copy_(0, rows, square)
        update = mean.div_(square.div_(1 - b2**self.steps).sqrt_().add_(1e-8))
        self.weight.index_add_(0, rows, update, alpha=-self.lr / (1 - b1**self.steps))


def _fit_temperature(
    inputs: sp.csr_matrix, targets: np.ndarray, config: StarSpaceConfig, training: TrainingConfig
) -> float:
    """The temperature minimising held-out log-loss; 1.0 when not calibrating or too little data.

    Holds out every fifth example of each label (labels with fewer than five stay in training).
    """
    held_out = held_out_fifth(targets) if training.calibrate else None
    if held_out is None:
        return 1.0
    # as many passes over its data as the final model will make (``epochs_for`` would give more
    # on fewer examples): trained like the final model, and cheaper
    epochs = epochs_for(len(targets), training.epochs)
    model = _train(inputs[~held_out], targets[~held_out], config, training, epochs)
    with torch.no_grad():
        logits = model.logits(inputs[held_out]).double().numpy()
    return fit_temperature(logits, targets[held_out])


class _Confusion:
    """How often the model confuses each pair of labels, to draw hard negatives from.

    ``observe`` adds each example's softmax probabilities of the other labels to its label's
    row; ``next_epoch`` makes the epoch's counts the sampling weights for the next one (the first
    epoch samples uniformly). Sampling mixes the row, normalised, half and half with uniform.
    """

    def __init__(self, num_labels: int, uniform_share: float = 0.5) -> None:
        self.counts = np.zeros((num_labels, num_labels))
        self.weights = np.full((num_labels, num_labels), 1.0 / max(1, num_labels - 1))
        np.fill_diagonal(self.weights, 0.0)
        self.uniform_share = uniform_share
        self.seen = False

    def next_epoch(self) -> None:
        if self.seen:
            np.fill_diagonal(self.counts, 0.0)
            totals = self.counts.sum(axis=1, keepdims=True)
            uniform = np.full_like(self.counts, 1.0 / max(1, len(self.counts) - 1))
            np.fill_diagonal(uniform, 0.0)
            hard = np.divide(self.counts, totals, out=uniform.copy(), where=totals > 0)
            self.weights = self.uniform_share * uniform + (1 - self.uniform_share) * hard
        self.counts = np.zeros_like(self.counts)
        self.seen = False

    def observe(self, similarities: torch.Tensor, targets: np.ndarray) -> None:
        probabilities = torch.softmax(similarities, dim=-1).double().numpy()
        np.add.at(self.counts, targets, probabilities)
        self.seen = True

    def sample(
        self,
        similarities: torch.Tensor,
        targets: np.ndarray,
        negatives: int,
        generator: torch.Generator,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Keep, per row, the positive (column 0) and ``negatives`` labels drawn without
        replacement in proportion to the confusion weights of its label (drawn by the loop's
        seeded ``generator``). ``similarities`` is (batch, towers, labels); every tower gets the
        same columns."""
        weights = torch.from_numpy(self.weights[targets])
        sampled = torch.multinomial(weights, negatives, replacement=False, generator=generator)
        columns = torch.cat([torch.from_numpy(targets.astype(np.int64))[:, None], sampled], 1)
        return _pick(similarities, columns), torch.zeros(len(targets), dtype=torch.int64)


def _pick(similarities: torch.Tensor, columns: torch.Tensor) -> torch.Tensor:
    """``similarities[b, t, columns[b]]`` for every row ``b`` and tower ``t``."""
    index = columns[:, None, :].expand(-1, similarities.shape[1], -1)
    return similarities.gather(2, index)


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
    picked = _pick(similarities, torch.from_numpy(columns.astype(np.int64)))
    return picked, torch.zeros(len(targets), dtype=torch.int64)
