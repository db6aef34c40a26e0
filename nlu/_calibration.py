"""Temperature calibration shared by the StarSpace models and the dense head.

A model trained without a held-out fifth of each label's examples scores them; the temperature
that minimises their log-loss then divides the final model's logits, so a confidence of 0.8 means
about 80% right on unseen in-domain text.
"""

from __future__ import annotations

import numpy as np


def held_out_fifth(targets: np.ndarray) -> np.ndarray | None:
    """Every fifth example of each label with five or more (a mask), or None when fewer than ten
    examples would be held out."""
    held_out = np.zeros(len(targets), dtype=bool)
    for label in np.unique(targets):
        members = np.flatnonzero(targets == label)
        if len(members) >= 5:
            held_out[members[4::5]] = True
    return held_out if held_out.sum() >= 10 else None


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    out: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return out


def fit_temperature(logits: np.ndarray, targets: np.ndarray) -> float:
    """The temperature (0.1..10, log grid) minimising the log-loss of ``logits``."""
    logits = logits.astype(np.float64)
    grid = np.exp(np.linspace(np.log(0.1), np.log(10.0), 93))
    rows = np.arange(len(targets))
    losses = [-float(log_softmax(logits / t)[rows, targets].mean()) for t in grid]
    return float(grid[int(np.argmin(losses))])
