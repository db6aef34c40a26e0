"""How well the intent classifier's confidences are calibrated, with and without its temperature.

    python -m tests.benchmarks.bench_calibration [--dataset clinc150 banking77 atis snips parakqc]
        [--threshold 0.4]

The issue asks for confidences "calibrated enough that one threshold serves the fallback". For
each data set, our pipeline (``bench_nlu.INTENT_SETS``: word ``min_df`` 2 on CLINC150, the Korean
tokenizer on paraKQC) is trained twice in the same run: as shipped (``calibrate:
true``: a temperature fitted on a held-out fifth of the training data) and with ``calibrate:
false`` (the baseline). On the test split (CLINC150: in-scope messages only):

- accuracy, and the mean top confidence beside it (over- or under-confidence);
- ECE: expected calibration error of the top confidence over 15 equal-width bins;
- at one fallback threshold for every set (``--threshold``, default 0.4, the starter's
  ``fallback_classifier`` threshold): the share of messages answered (top confidence at or
  above it) and the accuracy of those. One threshold serves when the answered share follows the
  set's accuracy, so the messages it sends to the fallback are mostly the wrong ones.

Prints Markdown; asserts nothing; a data set that is absent is skipped.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from tests.benchmarks.bench_nlu import INTENT_SETS, intent_sets, predict_ours, table, train_ours

BINS = 15


def expected_calibration_error(confidences: np.ndarray, right: np.ndarray) -> float:
    """Sum over equal-width confidence bins of |accuracy - mean confidence| times the bin's
    share of the messages."""
    edges = np.linspace(0.0, 1.0, BINS + 1)
    which = np.clip(np.digitize(confidences, edges[1:-1]), 0, BINS - 1)
    total = 0.0
    for b in range(BINS):
        chosen = which == b
        if chosen.any():
            gap = abs(float(right[chosen].mean()) - float(confidences[chosen].mean()))
            total += gap * float(chosen.mean())
    return total


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", nargs="*", default=list(INTENT_SETS))
    parser.add_argument("--threshold", type=float, default=0.4)
    args = parser.parse_args(argv)
    t = args.threshold
    print("# Calibration of the intent classifier's confidences\n")
    rows = []
    for name, train, test, shipped in intent_sets(args.dataset):
        gold = np.array([e.intent for e in test.examples])
        for calibrate in (True, False):
            cls, options = shipped[-1]
            spec = [*shipped[:-1], (cls, {**options, "calibrate": calibrate})]
            interpreter, seconds = train_ours(spec, train)
            predicted = predict_ours(interpreter, test)
            right = np.array(predicted.intents) == gold
            confidences = np.asarray(predicted.confidences, dtype=np.float64)
            answered = confidences >= t
            rows.append(
                [
                    name if calibrate else "",
                    "as shipped (temperature)" if calibrate else "baseline: calibrate false",
                    float(right.mean()),
                    float(confidences.mean()),
                    expected_calibration_error(confidences, right),
                    float(answered.mean()),
                    float(right[answered].mean()) if answered.any() else float("nan"),
                    seconds,
                ]
            )
            print(f"{name}, calibrate {calibrate}: done", flush=True)
    header = [
        "data set",
        "confidences",
        "accuracy",
        "mean top confidence",
        f"ECE ({BINS} bins)",
        f"answered at {t:g}",
        f"accuracy of answered at {t:g}",
        "train s",
    ]
    print()
    print(table(header, rows))


if __name__ == "__main__":
    main()
