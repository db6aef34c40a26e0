"""The two pictures of ``assistant test nlu``: an intent confusion matrix and a histogram of the
confidences of right and wrong predictions.

matplotlib is imported inside each function, through its object-oriented API (a ``Figure``
saved by the Agg renderer, never pyplot), so chatting never imports it and no display is needed.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FULL_MATRIX_LABELS = 40  # above this many labels, only the confused ones are drawn
CELL_NUMBERS_LABELS = 40  # up to this many labels, each cell shows its count
DPI = 100


def confused_labels(targets: Sequence[str], predictions: Sequence[str]) -> list[str]:
    """Sorted labels that appear in at least one wrong prediction, as the truth or the guess."""
    wrong = [(t, p) for t, p in zip(targets, predictions, strict=True) if t != p]
    return sorted({label for pair in wrong for label in pair})


def plot_confusion_matrix(
    targets: Sequence[str], predictions: Sequence[str], path: Path, title: str = "Intent"
) -> Path:
    """Rows are true intents, columns predicted ones, both sorted. A cell's shade is its share
    of the row, on a square-root scale so that a single error stands out however large the
    diagonal: blue on the diagonal, red off it; up to ``CELL_NUMBERS_LABELS`` labels each cell
    also shows its count. Past ``FULL_MATRIX_LABELS`` labels only the confused ones are drawn."""
    from matplotlib.figure import Figure

    every = sorted(set(targets) | set(predictions))
    labels = every
    subtitle = f"{len(targets)} examples, {len(every)} label{'' if len(every) == 1 else 's'}"
    if len(every) > FULL_MATRIX_LABELS:
        labels = confused_labels(targets, predictions)
        subtitle += f"; showing the {len(labels)} labels involved in an error"
    index = {label: i for i, label in enumerate(labels)}
    counts: Counter[tuple[int, int]] = Counter(
        (index[t], index[p])
        for t, p in zip(targets, predictions, strict=True)
        if t in index and p in index
    )
    size = len(labels)
    matrix = [[counts[(row, col)] for col in range(size)] for row in range(size)]
    shares = [[c / (sum(row) or 1) for c in row] for row in matrix]

    cell = 0.3 if size <= CELL_NUMBERS_LABELS else 0.16  # inches
    font = 8 if size <= CELL_NUMBERS_LABELS else 6
    longest = max((len(label) for label in labels), default=4)
    margin = min(4.0, 0.6 + longest * font * 0.6 / 72)  # room for the tick labels
    side = max(3.0, size * cell)
    width, height = margin + side + 1.4, margin + side + 0.8
    fig = Figure(figsize=(width, height), dpi=DPI)
    ax = fig.add_axes((margin / width, margin / height, side / width, side / height))
    if not labels:
        ax.text(0.5, 0.5, "no errors", ha="center", va="center", fontsize=14)
        ax.set_axis_off()
    else:
        import numpy as np
        from matplotlib.colors import PowerNorm

        share = np.array(shares)
        diagonal = np.eye(size, dtype=bool)
        norm = PowerNorm(0.5, vmin=0.0, vmax=1.0)  # one error in thirty still shows
        ax.imshow(np.ma.masked_where(~diagonal | (share == 0), share), cmap="Blues", norm=norm)
        errors = np.ma.masked_where(diagonal | (share == 0), share)
        image = ax.imshow(errors, cmap="Reds", norm=norm, interpolation="nearest")
        ax.set_xticks(range(size), labels, rotation=90, fontsize=font)
        ax.set_yticks(range(size), labels, fontsize=font)
        ax.set_xticks([i - 0.5 for i in range(1, size)], minor=True)
        ax.set_yticks([i - 0.5 for i in range(1, size)], minor=True)
        ax.grid(which="minor", color="0.85", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel("predicted intent")
        ax.set_ylabel("true intent")
        if size <= CELL_NUMBERS_LABELS:
            for row in range(size):
                for col in range(size):
                    if matrix[row][col]:
                        ax.text(
                            col,
                            row,
                            str(matrix[row][col]),
                            ha="center",
                            va="center",
                            fontsize=font - 1,
                            color="white" if shares[row][col] > 0.5 else "black",
                        )
        bar_height = min(side, 4.0)
        cax = fig.add_axes(
            (
                (margin + side + 0.15) / width,
                (margin + side - bar_height) / height,
                0.18 / width,
                bar_height / height,
            )
        )
        bar = fig.colorbar(image, cax=cax)
        bar.set_label("share of the true intent's examples", fontsize=8)
        bar.ax.tick_params(labelsize=7)
        subtitle += "\nblue: correct, red: predicted as another intent"
    ax.set_title(f"{title} confusion matrix\n{subtitle}", fontsize=10)
    return _save(fig, path)


def plot_histogram(
    correct: Sequence[float], wrong: Sequence[float], path: Path, bins: int = 20
) -> Path:
    """Confidences of correct predictions (top) and wrong ones (bottom), each with its own count
    axis so that a few errors are not flattened by thousands of hits."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    edges = [i / bins for i in range(bins + 1)]
    fig = Figure(figsize=(8, 6), dpi=DPI, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    for ax, values, colour, name in (
        (top, correct, "tab:green", "correct"),
        (bottom, wrong, "tab:red", "wrong"),
    ):
        ax.hist(list(values), bins=edges, color=colour, edgecolor="white")
        ax.set_ylabel("predictions")
        ax.set_title(f"{name}: {len(values)}", fontsize=10, loc="left")
        ax.grid(axis="y", alpha=0.3)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if not values:
            ax.set_ylim(0, 1)
            ax.text(0.5, 0.5, "none", transform=ax.transAxes, ha="center", va="center")
    bottom.set_xlim(0.0, 1.0)
    bottom.set_xlabel("intent confidence")
    fig.suptitle("Intent prediction confidence")
    return _save(fig, path)


def _save(fig: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # a label in a script the font lacks draws as boxes
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(path)
    return path
