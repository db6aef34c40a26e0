"""``assistant test nlu``: intent and entity reports on held-out NLU data, or by cross-validation.

The files are Rasa's: ``intent_report.json`` and ``entity_report.json`` in scikit-learn's
``classification_report`` dict shape, ``intent_errors.json`` (and ``intent_successes.json``) with
one ``{text, intent, intent_prediction: {name, confidence}}`` entry per example, and two plots
(:mod:`assistant.nlu_plots`). Examples of a retrieval intent (``faq/ask_rules``) also go into
``response_selection_report.json`` and ``response_selection_errors.json`` (and
``response_selection_successes.json``): the key the response selector chose, as Rasa reports it.
Cross-validation trains a fresh pipeline on each stratified fold,
writes the same files over every fold's held-out predictions, and ``cross_validation.json`` with
each fold's scores and their mean and standard deviation.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.registry import ResolvedComponent, train_pipeline
from assistant.shared.domain import Domain
from assistant.shared.message import Entity, Message
from assistant.shared.training_data import TrainingData, TrainingExample
from nlu import Interpreter

NO_INTENT = "None"  # the report's label when the pipeline predicted no intent at all
CONFUSION_MATRIX = "intent_confusion_matrix.png"
HISTOGRAM = "intent_histogram.png"


@dataclass(frozen=True)
class IntentResult:
    text: str
    intent: str
    predicted: str | None
    confidence: float

    @property
    def is_correct(self) -> bool:
        return self.intent == self.predicted

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent": self.intent,
            "intent_prediction": {"name": self.predicted, "confidence": self.confidence},
        }


@dataclass(frozen=True)
class ResponseResult:
    """An example of a retrieval intent: its full key and the key the response selector chose
    (None when the message was not classified as that retrieval intent, so no key was chosen)."""

    text: str
    key: str
    predicted: str | None
    confidence: float

    @property
    def is_correct(self) -> bool:
        return self.key == self.predicted

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent_response_key_target": self.key,
            "intent_response_key_prediction": {
                "name": self.predicted,
                "confidence": self.confidence,
            },
        }


@dataclass(frozen=True)
class EntityResult:
    text: str
    gold: tuple[Entity, ...]
    predicted: tuple[Entity, ...]


@dataclass
class NLUEvaluation:
    """Every example's prediction; the reports are computed from them."""

    intents: list[IntentResult] = field(default_factory=list)
    entities: list[EntityResult] = field(default_factory=list)
    responses: list[ResponseResult] = field(default_factory=list)

    @property
    def errors(self) -> list[IntentResult]:
        return [r for r in self.intents if not r.is_correct]

    @property
    def successes(self) -> list[IntentResult]:
        return [r for r in self.intents if r.is_correct]

    @property
    def intent_report(self) -> dict[str, Any]:
        return classification_report(*intent_labels(self.intents))

    @property
    def response_report(self) -> dict[str, Any]:
        """The intent report's shape over the retrieval intents' keys."""
        return classification_report(
            [r.key for r in self.responses], [r.predicted or NO_INTENT for r in self.responses]
        )

    @property
    def entity_report(self) -> dict[str, Any]:
        return entity_report(self.entities)

    @staticmethod
    def combine(parts: Sequence[NLUEvaluation]) -> NLUEvaluation:
        return NLUEvaluation(
            [r for p in parts for r in p.intents],
            [r for p in parts for r in p.entities],
            [r for p in parts for r in p.responses],
        )


def classification_report(targets: list[str], predictions: list[str]) -> dict[str, Any]:
    """scikit-learn's ``classification_report`` as a dict; empty without examples."""
    if not targets:
        return {}
    from sklearn import metrics

    report: dict[str, Any] = metrics.classification_report(
        targets, predictions, output_dict=True, zero_division=0
    )
    return report


def intent_labels(results: Sequence[IntentResult]) -> tuple[list[str], list[str]]:
    """Targets and predictions as report labels (no prediction at all becomes ``None``)."""
    return [r.intent for r in results], [r.predicted or NO_INTENT for r in results]


# ---- entities -----------------------------------------------------------------------------
def _span_key(entity: Entity) -> tuple[Any, ...]:
    return (entity.start, entity.end, entity.entity, entity.role, entity.group)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": tp + fn}


def entity_report(results: Sequence[EntityResult]) -> dict[str, Any]:
    """Exact-span precision, recall and F1 per entity type, with micro, macro and weighted
    averages: the shape of scikit-learn's report when ``no entity`` is left out of the labels.

    A span counts as found only with the same start, end, type, role and group."""
    counts: dict[str, list[int]] = {}
    for result in results:
        gold = {_span_key(e) for e in result.gold}
        predicted = {_span_key(e) for e in result.predicted}
        for key in gold | predicted:
            tp_fp_fn = counts.setdefault(str(key[2]), [0, 0, 0])
            tp_fp_fn[0 if key in gold and key in predicted else 1 if key in predicted else 2] += 1
    report: dict[str, Any] = {name: _prf(*c) for name, c in sorted(counts.items())}
    per_type = list(report.values())
    support = sum(r["support"] for r in per_type)

    def average(weights: list[float]) -> dict[str, float]:
        total = sum(weights) or 1.0
        means = {
            m: sum(w * r[m] for w, r in zip(weights, per_type, strict=True)) / total
            for m in ("precision", "recall", "f1-score")
        }
        return {**means, "support": support}

    report["micro avg"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    report["macro avg"] = average([1.0] * len(per_type))
    report["weighted avg"] = average([float(r["support"]) for r in per_type])
    return report


# ---- evaluation ---------------------------------------------------------------------------
def evaluate_nlu(interpreter: Interpreter, data: TrainingData) -> NLUEvaluation:
    """Parse every annotated example of ``data`` (in one batch) and compare with its labels."""
    examples = [e for e in data.examples if e.intent]
    messages = interpreter.process([Message(text=e.text) for e in examples])
    result = NLUEvaluation()
    for example, message in zip(examples, messages, strict=True):
        gold = example.intent or ""
        predicted = message.intent.name if message.intent else None
        if example.retrieval_intent:
            picked = message.retrieval.get(example.retrieval_intent)
            key, chance = (picked.intent_response_key, picked.confidence) if picked else (None, 0.0)
            result.responses.append(ResponseResult(example.text, gold, key, float(chance)))
            if predicted == example.retrieval_intent and key is not None:
                predicted = key  # the intent report scores the full key, faq/ask_rules
        confidence = float(message.intent.confidence) if message.intent else 0.0
        result.intents.append(IntentResult(example.text, gold, predicted, confidence))
        result.entities.append(
            EntityResult(example.text, example.entities, tuple(message.entities))
        )
    return result


# ---- cross-validation ---------------------------------------------------------------------
@dataclass
class FoldScore:
    intent_accuracy: float
    intent_macro_f1: float
    intent_weighted_f1: float
    entity_micro_f1: float | None  # None when the fold's test part has no entities at all
    seconds: float


SCORES = ("intent_accuracy", "intent_macro_f1", "intent_weighted_f1", "entity_micro_f1")


def score(result: NLUEvaluation, seconds: float = 0.0) -> FoldScore:
    intents = result.intent_report
    entities = result.entity_report
    has_entities = any(r.gold or r.predicted for r in result.entities)
    return FoldScore(
        intent_accuracy=float(intents.get("accuracy", 0.0)),
        intent_macro_f1=float(intents["macro avg"]["f1-score"]) if intents else 0.0,
        intent_weighted_f1=float(intents["weighted avg"]["f1-score"]) if intents else 0.0,
        entity_micro_f1=float(entities["micro avg"]["f1-score"]) if has_entities else None,
        seconds=seconds,
    )


@dataclass
class CrossValidation:
    folds: list[NLUEvaluation]
    scores: list[FoldScore]
    seed: int

    @property
    def combined(self) -> NLUEvaluation:
        """Every example's held-out prediction (each is tested in exactly one fold)."""
        return NLUEvaluation.combine(self.folds)

    def summary(self) -> dict[str, Any]:
        """``cross_validation.json``: per score, each fold's value, mean and std."""
        import numpy as np

        out: dict[str, Any] = {
            "folds": len(self.folds),
            "seed": self.seed,
            "examples": sum(len(f.intents) for f in self.folds),
        }
        for name in SCORES:
            values = [getattr(s, name) for s in self.scores]
            if any(v is None for v in values):
                continue
            out[name] = {
                "mean": float(np.mean(values)),
                "std": float(np.std(values)),
                "per_fold": values,
            }
        out["seconds_per_fold"] = [round(s.seconds, 3) for s in self.scores]
        return out


def stratified_folds(
    examples: Sequence[TrainingExample], folds: int, seed: int = 42
) -> list[tuple[list[TrainingExample], list[TrainingExample]]]:
    """``folds`` (train, test) splits, each intent spread evenly over the test parts."""
    from sklearn.model_selection import StratifiedKFold

    if folds < 2:
        raise AssistantError(f"cross-validation needs at least 2 folds, not {folds}")
    if folds > len(examples):
        raise AssistantError(f"{folds} folds need at least {folds} examples, not {len(examples)}")
    labels = [e.intent or "" for e in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # rare intents: see ``rare_intents``
        warnings.simplefilter("ignore", UserWarning)
        splits = list(splitter.split(labels, labels))
    return [([examples[i] for i in train], [examples[i] for i in test]) for train, test in splits]


def rare_intents(data: TrainingData, folds: int) -> list[str]:
    """Intents with fewer examples than folds: some folds test them, or train on none."""
    counts: dict[str, int] = {}
    for example in data.intent_examples:
        counts[example.intent or ""] = counts.get(example.intent or "", 0) + 1
    return sorted(name for name, count in counts.items() if count < folds)


def train_interpreter(
    pipeline: Sequence[ResolvedComponent], data: TrainingData, domain: Domain
) -> Interpreter:
    """A fresh pipeline, trained on ``data`` (nothing persisted)."""
    return train_pipeline(pipeline, data, domain)


def cross_validate(
    data: TrainingData,
    pipeline: Sequence[ResolvedComponent],
    domain: Domain,
    folds: int,
    seed: int = 42,
    on_fold: Callable[[int, FoldScore], None] | None = None,
) -> CrossValidation:
    """Train on all folds but one and test on that one, ``folds`` times."""
    examples = data.intent_examples
    result = CrossValidation([], [], seed)
    for index, (train, test) in enumerate(stratified_folds(examples, folds, seed), start=1):
        started = time.perf_counter()
        interpreter = train_interpreter(pipeline, data.filter(train), domain)
        evaluation = evaluate_nlu(interpreter, data.filter(test))
        result.folds.append(evaluation)
        result.scores.append(score(evaluation, time.perf_counter() - started))
        if on_fold is not None:
            on_fold(index, result.scores[-1])
    return result


# ---- files --------------------------------------------------------------------------------
def write_nlu_results(
    result: NLUEvaluation, out_dir: Path, successes: bool = False, plots: bool = True
) -> list[Path]:
    """Write the reports (and plots) into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def dump(name: str, value: Any) -> None:
        path = out_dir / name
        path.write_text(json.dumps(value, indent=2, ensure_ascii=False), encoding="utf-8")
        written.append(path)

    dump("intent_report.json", result.intent_report)
    dump("intent_errors.json", [r.to_dict() for r in result.errors])
    if successes:
        dump("intent_successes.json", [r.to_dict() for r in result.successes])
    dump("entity_report.json", result.entity_report)
    if result.responses:
        dump("response_selection_report.json", result.response_report)
        dump(
            "response_selection_errors.json",
            [r.to_dict() for r in result.responses if not r.is_correct],
        )
        if successes:
            dump(
                "response_selection_successes.json",
                [r.to_dict() for r in result.responses if r.is_correct],
            )
    if plots and result.intents:
        from assistant.nlu_plots import plot_confusion_matrix, plot_histogram

        targets, predictions = intent_labels(result.intents)
        written.append(plot_confusion_matrix(targets, predictions, out_dir / CONFUSION_MATRIX))
        correct = [r.confidence for r in result.intents if r.is_correct]
        wrong = [r.confidence for r in result.intents if not r.is_correct]
        written.append(plot_histogram(correct, wrong, out_dir / HISTOGRAM))
    return written


def write_cross_validation(
    result: CrossValidation, out_dir: Path, successes: bool = False
) -> list[Path]:
    written = write_nlu_results(result.combined, out_dir, successes)
    path = out_dir / "cross_validation.json"
    path.write_text(json.dumps(result.summary(), indent=2, ensure_ascii=False), encoding="utf-8")
    return [*written, path]
