"""Issue 3 Korean intent targets, beside the same-run baselines of ``bench_nlu``.

    python -m tests.benchmarks.bench_korean_nlu [--dataset parakqc kochat 3i4k] [--morpheme]

* ko-parakqc: 1,000 groups of 10 paraphrases as 1,000 intents; first 7 of each group train,
  last 3 test; accuracy (target: beat the best baseline).
* ko-kochat-intent: 4 intents + out-of-domain utterances (the set has no split, see
  ``_datasets.ko_kochat``); intent accuracy on in-domain test, and out-of-scope recall with
  OOD trained as an intent and with a threshold chosen on the val split
  (the same rule as ``bench_nlu``'s ``--max-drop``).
* ko-3i4k: 7 intention types, standard train_val / test split; macro-F1.

Our pipeline: korean_tokenizer (Kiwi morphemes), word 1-2 and char_wb 1-4 count vectors (with
``--morpheme`` a morpheme+POS featurizer too), regex, intent classifier. Baselines see raw text.
Prints Markdown tables; asserts nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assistant.shared import TrainingData
from nlu import CountVectorsFeaturizer
from tests.benchmarks import _datasets
from tests.benchmarks._datasets import Split
from tests.benchmarks.bench_nlu import (
    Predictions,
    Spec,
    baselines,
    choose_threshold,
    intent_report,
    oos_scores,
    pipeline_spec,
    predict_ours,
    table,
    train_ours,
)


def korean_spec(morpheme: bool) -> list[Spec]:
    spec = pipeline_spec(language="ko")
    if morpheme:
        spec.insert(1, (CountVectorsFeaturizer, {"analyzer": "morpheme", "max_ngram": 2}))
    return spec


def kochat_report(spec: Sequence[Spec], max_drop: float) -> None:
    with_oos, without = _datasets.ko_kochat(True), _datasets.ko_kochat(False)
    if with_oos is None or without is None or without.val is None:
        print("ko-kochat-intent: not found, skipped\n")
        return
    val = without.val
    gold = [e.intent for e in without.test.examples]
    val_gold = [e.intent for e in val.examples]

    def ours(train: TrainingData, test: TrainingData) -> tuple[Predictions, float]:
        interpreter, seconds = train_ours(spec, train)
        return predict_ours(interpreter, test), seconds

    systems: dict[str, Callable[[TrainingData, TrainingData], tuple[Predictions, float]]] = {
        "ours": ours,
        **baselines(),
    }
    rows = []
    for name, system in systems.items():
        predictions, _ = system(with_oos.train, with_oos.test)
        acc_a, recall_a = oos_scores(gold, predictions.intents, predictions.confidences, -np.inf)
        # Threshold mode: the model trained without OOD picks its threshold on val, then test.
        predictions, seconds = system(without.train, without.test)
        on_val, _ = system(without.train, val)
        threshold = choose_threshold(val_gold, on_val.intents, on_val.confidences, max_drop)
        acc_plain, _ = oos_scores(gold, predictions.intents, predictions.confidences, -np.inf)
        acc_b, recall_b = oos_scores(gold, predictions.intents, predictions.confidences, threshold)
        rows.append([name, seconds, acc_plain, acc_a, recall_a, threshold, acc_b, recall_b])
    print(f"### ko-kochat-intent ({len(without.train.examples)} train, {len(gold)} test)\n")
    print(
        table(
            [
                "system",
                "train s",
                "in-domain acc (no OOD)",
                "(a) acc",
                "(a) OOD recall",
                "(b) threshold (val)",
                "(b) acc",
                "(b) OOD recall",
            ],
            rows,
        )
    )
    print()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", nargs="*", default=["parakqc", "kochat", "3i4k"])
    parser.add_argument("--morpheme", action="store_true", help="add morpheme+POS n-grams")
    parser.add_argument("--max-drop", type=float, default=0.01)
    args = parser.parse_args(argv)
    spec = korean_spec(args.morpheme)
    header = ["system", "train s", "intent acc", "entity F1"]
    loaders: dict[str, tuple[Callable[[], Split | None], str]] = {
        "parakqc": (_datasets.ko_parakqc, "accuracy"),
        "3i4k": (_datasets.ko_3i4k, "macro-F1"),
    }
    for name in args.dataset:
        if name == "kochat":
            kochat_report(spec, args.max_drop)
            continue
        loader, metric = loaders[name]
        split = loader()
        if split is None:
            print(f"{name}: not found, skipped\n")
            continue
        rows: list[list[Any]] = [r[:3] for r in intent_report(split, spec, metric=metric)]
        print(
            f"### {split.name} ({len(split.train.examples)} train, "
            f"{len(split.test.examples)} test; {metric})\n"
        )
        print(table(header[:2] + [metric], rows) + "\n")


if __name__ == "__main__":
    main()
