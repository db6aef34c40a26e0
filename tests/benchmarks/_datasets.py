"""Public intent and slot data sets as our types, read in place from ../shared/datasets.

Every loader returns a :class:`Split` (``train``, ``test`` and, where the data set has one, a
``val`` split for choosing thresholds and hyperparameters) or ``None`` when its folder is absent,
so a benchmark skips what this machine lacks. Nothing is copied: several sets (ATIS, SNIPS and the
DIET-paper folds) are licensed for evaluation only and must stay in ../shared.

Out-of-scope examples, where a set has them, get the intent :data:`OUT_OF_SCOPE`; with
``out_of_scope=False`` they are left out of training and kept in ``test``/``val``, so a threshold
alone must catch them.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.importers.annotations import parse_annotated
from assistant.shared import Entity, RegexFeature, TrainingData, TrainingExample

ROOT = Path(__file__).resolve().parents[2]
DATASETS = Path(os.environ.get("ASSISTANT_DATASETS", ROOT.parent / "shared" / "datasets"))
OUT_OF_SCOPE = "out_of_scope"


@dataclass
class Split:
    name: str
    train: TrainingData
    test: TrainingData
    val: TrainingData | None = None
    language: str = "en"


def in_scope(data: TrainingData) -> TrainingData:
    """``data``'s labelled examples without the out-of-scope ones."""
    examples = [e for e in data.examples if e.intent and e.intent != OUT_OF_SCOPE]
    return TrainingData(examples=examples, language=data.language)


def _data(examples: list[TrainingExample], language: str = "en") -> TrainingData:
    return TrainingData(examples=examples, language=language)


def _folder(*parts: str) -> Path | None:
    path = DATASETS.joinpath(*parts)
    return path if path.exists() else None


# --- CLINC150 --------------------------------------------------------------------------------


def clinc150(out_of_scope: bool = False) -> Split | None:
    """CLINC150 full: train+val for training, test for reporting (the issue's protocol).

    ``val`` is the validation split (with its out-of-scope examples); use :func:`clinc150_val`
    for a model that has not seen it.
    """
    folder = _folder("clinc150", "data")
    if folder is None:
        return None
    raw = json.loads((folder / "data_full.json").read_text("utf-8"))

    def part(key: str, oos: bool) -> list[TrainingExample]:
        out = [TrainingExample(text, intent) for text, intent in raw[key]]
        if oos:
            out += [TrainingExample(text, OUT_OF_SCOPE) for text, _ in raw[f"oos_{key}"]]
        return out

    train = part("train", out_of_scope) + part("val", out_of_scope)
    return Split(
        "clinc150" + ("+oos" if out_of_scope else ""),
        _data(train),
        _data(part("test", True)),
        _data(part("val", True)),
    )


def clinc150_val(out_of_scope: bool = False) -> Split | None:
    """CLINC150 full for model selection: train on train only, report on val (never test)."""
    folder = _folder("clinc150", "data")
    if folder is None:
        return None
    raw = json.loads((folder / "data_full.json").read_text("utf-8"))
    train = [TrainingExample(t, i) for t, i in raw["train"]]
    if out_of_scope:
        train += [TrainingExample(t, OUT_OF_SCOPE) for t, _ in raw["oos_train"]]
    val = [TrainingExample(t, i) for t, i in raw["val"]]
    val += [TrainingExample(t, OUT_OF_SCOPE) for t, _ in raw["oos_val"]]
    return Split("clinc150-val" + ("+oos" if out_of_scope else ""), _data(train), _data(val))


# --- banking77 -------------------------------------------------------------------------------


def banking77() -> Split | None:
    folder = _folder("banking77", "banking_data")
    if folder is None:
        return None

    def read(name: str) -> list[TrainingExample]:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            return [TrainingExample(row["text"], row["category"]) for row in csv.DictReader(f)]

    return Split("banking77", _data(read("train.csv")), _data(read("test.csv")))


# --- ATIS and SNIPS (SlotGated-SLU: seq.in, seq.out in BIO, label) ----------------------------


def bio_example(words: list[str], tags: list[str], intent: str) -> TrainingExample:
    """Words joined by one space; each B-/I- run becomes an entity with character offsets."""
    text = " ".join(words)
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    entities: list[Entity] = []
    current: list[object] | None = None  # [label, start, end]
    for word, tag, start in zip(words, tags, starts, strict=True):
        kind, _, label = tag.partition("-")
        if kind == "I" and current is not None and current[0] == label:
            current[2] = start + len(word)
            continue
        if current is not None:
            entities.append(_entity(text, current))
            current = None
        if kind in ("B", "I"):
            current = [label, start, start + len(word)]
    if current is not None:
        entities.append(_entity(text, current))
    return TrainingExample(text, intent, tuple(entities))


def _entity(text: str, span: list[object]) -> Entity:
    label, start, end = str(span[0]), int(str(span[1])), int(str(span[2]))
    return Entity(entity=label, value=text[start:end], start=start, end=end)


def _slot_gated(name: str) -> Split | None:
    folder = _folder(f"{name}-slotgated", "data", name)
    if folder is None:
        return None

    def read(part: str) -> list[TrainingExample]:
        lines = {
            f: (folder / part / f).read_text("utf-8").splitlines()
            for f in ("seq.in", "seq.out", "label")
        }
        return [
            bio_example(words.split(), tags.split(), label.strip())
            for words, tags, label in zip(
                lines["seq.in"], lines["seq.out"], lines["label"], strict=True
            )
        ]

    return Split(name, _data(read("train")), _data(read("test")), _data(read("valid")))


def atis() -> Split | None:
    return _slot_gated("atis")


def snips() -> Split | None:
    return _slot_gated("snips")


# --- DIET-paper folds (Rasa 1.x Markdown NLU format) -----------------------------------------

_SECTION = re.compile(r"^##\s*(intent|regex|synonym|lookup):(.+)$")


def read_markdown_nlu(path: Path, language: str = "en") -> TrainingData:
    """A small reader for Rasa's Markdown NLU format: intent, regex, synonym and lookup sections
    (lookup sections listing a file are skipped)."""
    examples: list[TrainingExample] = []
    regexes: list[RegexFeature] = []
    synonyms: dict[str, str] = {}
    kind, name = "", ""
    for line in path.read_text("utf-8").splitlines():
        header = _SECTION.match(line.strip())
        if header:
            kind, name = header.group(1), header.group(2).strip()
            continue
        if not line.startswith("- ") or not kind:
            continue
        item = line[2:].strip()
        if kind == "intent":
            text, entities = parse_annotated(item)
            examples.append(TrainingExample(text, name, entities))
            for e in entities:
                if e.text is not None:
                    synonyms[e.text.lower()] = str(e.value)
        elif kind == "regex":
            regexes.append(RegexFeature(name, item))
        elif kind == "synonym":
            synonyms[item.lower()] = name
    return TrainingData(examples=examples, regexes=regexes, synonyms=synonyms, language=language)


def nlu_evaluation_data(fold: int) -> Split | None:
    """One of the ten NLU-Evaluation-Data folds the DIET paper used (``fold`` 1..10)."""
    folder = _folder("diet-paper-benchmarks", "data", "NLU-Evaluation-Data", f"KFold_{fold}")
    if folder is None:
        return None
    return Split(
        f"nlu-eval-fold{fold}",
        read_markdown_nlu(folder / "train.md"),
        read_markdown_nlu(folder / "test.md"),
    )


# --- Korean ----------------------------------------------------------------------------------


def ko_parakqc() -> Split | None:
    """1,000 groups of 10 paraphrases (group = line // 10): first 7 train, last 3 test."""
    folder = _folder("ko-parakqc")
    if folder is None:
        return None
    train: list[TrainingExample] = []
    test: list[TrainingExample] = []
    lines = (folder / "paraKQC_v1.txt").read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        text = line.split("\t")[-1].strip()
        example = TrainingExample(text, f"group_{number // 10:04d}")
        (train if number % 10 < 7 else test).append(example)
    return Split("ko-parakqc", _data(train, "ko"), _data(test, "ko"), language="ko")


def ko_kochat(out_of_scope: bool = False) -> Split | None:
    """kochat's four templated intents plus its out-of-domain utterances as out-of-scope.

    The set has no split: every fifth example of each intent (and of the OOD file) is test,
    every tenth of the rest val; the remainder trains (OOD only with ``out_of_scope``).
    """
    folder = _folder("ko-kochat-intent")
    if folder is None:
        return None

    def read(name: str, label: str | None) -> dict[str, list[str]]:
        by_label: dict[str, list[str]] = {}
        with (folder / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                by_label.setdefault(label or row["label"], []).append(row["question"])
        return by_label

    train: list[TrainingExample] = []
    val: list[TrainingExample] = []
    test: list[TrainingExample] = []
    groups = {**read("intent_data.csv", None), **read("ood_data.csv", OUT_OF_SCOPE)}
    for label, texts in groups.items():
        rest: list[TrainingExample] = []
        for i, text in enumerate(texts):
            (test if i % 5 == 4 else rest).append(TrainingExample(text, label))
        for i, example in enumerate(rest):
            if i % 10 == 9:
                val.append(example)
            elif label != OUT_OF_SCOPE or out_of_scope:
                train.append(example)
    name = "ko-kochat" + ("+oos" if out_of_scope else "")
    return Split(name, _data(train, "ko"), _data(test, "ko"), _data(val, "ko"), "ko")


THREE_I4K_CLASSES = (
    "fragment",
    "statement",
    "question",
    "command",
    "rhetorical_question",
    "rhetorical_command",
    "intonation_dependent",
)


def ko_3i4k() -> Split | None:
    """3i4k's seven intention types: the standard train_val / test split."""
    folder = _folder("ko-3i4k", "train_val_test")
    if folder is None:
        return None

    def read(name: str) -> list[TrainingExample]:
        out = []
        for line in (folder / name).read_text("utf-8").splitlines():
            label, _, text = line.partition("\t")
            if text.strip():
                out.append(TrainingExample(text.strip(), THREE_I4K_CLASSES[int(label)]))
        return out

    return Split(
        "ko-3i4k",
        _data(read("fci_train_val.txt"), "ko"),
        _data(read("fci_test.txt"), "ko"),
        language="ko",
    )
