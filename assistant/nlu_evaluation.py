"""``assistant test nlu``: intent and entity reports on held-out NLU data (Rasa's file names)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.metrics import classification_report

from assistant.shared.message import Entity, Message
from assistant.shared.training_data import TrainingData
from nlu import Interpreter


@dataclass
class NLUEvaluation:
    intent_report: dict[str, Any]
    entity_report: dict[str, Any]
    errors: list[dict[str, Any]]
    successes: list[dict[str, Any]]


def _span_key(entity: Entity) -> tuple[Any, ...]:
    return (entity.start, entity.end, entity.entity, entity.role, entity.group)


def _entity_report(golds: list[tuple[Entity, ...]], preds: list[list[Entity]]) -> dict[str, Any]:
    """Exact-span precision/recall/F1 per entity type (and micro averages)."""
    counts: dict[str, list[int]] = {}
    for gold, pred in zip(golds, preds, strict=True):
        gold_keys = {_span_key(e) for e in gold}
        pred_keys = {_span_key(e) for e in pred}
        for key in gold_keys | pred_keys:
            tp_fp_fn = counts.setdefault(str(key[2]), [0, 0, 0])
            if key in gold_keys and key in pred_keys:
                tp_fp_fn[0] += 1
            elif key in pred_keys:
                tp_fp_fn[1] += 1
            else:
                tp_fp_fn[2] += 1
    report: dict[str, Any] = {}
    totals = [0, 0, 0]
    for name, (tp, fp, fn) in sorted(counts.items()):
        report[name] = _prf(tp, fp, fn)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    report["micro avg"] = _prf(*totals)
    return report


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": tp + fn}


def evaluate_nlu(interpreter: Interpreter, data: TrainingData) -> NLUEvaluation:
    examples = [e for e in data.examples if e.intent]
    messages = interpreter.process([Message(text=e.text) for e in examples])
    targets: list[str] = []
    predictions: list[str] = []
    errors: list[dict[str, Any]] = []
    successes: list[dict[str, Any]] = []
    for example, message in zip(examples, messages, strict=True):
        gold = example.intent or ""
        predicted = message.intent.name if message.intent else ""
        if "/" in gold and predicted == example.retrieval_intent:
            chosen = message.retrieval.get(predicted)
            predicted = chosen.intent_response_key if chosen else predicted
        confidence = message.intent.confidence if message.intent else 0.0
        targets.append(gold)
        predictions.append(predicted)
        entry = {
            "text": example.text,
            "intent": gold,
            "intent_prediction": {"name": predicted, "confidence": confidence},
        }
        (successes if gold == predicted else errors).append(entry)
    report = (
        classification_report(targets, predictions, output_dict=True, zero_division=0)
        if targets
        else {}
    )
    entities = _entity_report([e.entities for e in examples], [m.entities for m in messages])
    return NLUEvaluation(report, entities, errors, successes)


def write_nlu_results(result: NLUEvaluation, out_dir: Path, successes: bool = False) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)

    def dump(name: str, value: Any) -> None:
        (out_dir / name).write_text(json.dumps(value, indent=2, ensure_ascii=False))

    dump("intent_report.json", result.intent_report)
    dump("intent_errors.json", result.errors)
    dump("entity_report.json", result.entity_report)
    if successes:
        dump("intent_successes.json", result.successes)
