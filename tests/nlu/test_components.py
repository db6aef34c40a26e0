"""Walks BUILTIN_COMPONENTS: create, train through the Interpreter, persist, load, same answers."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import nlu
from assistant.shared import Domain, Message, TrainingData
from nlu import BUILTIN_COMPONENTS, Interpreter, NLUOptionsError

TEXTS = ["hello there!", "fly from Hamburg to Rome", "what's the price?", "서울 가는 비행기", ""]
# A few options per component, so the walk also checks that options survive persistence.
OPTIONS: dict[str, dict[str, Any]] = {
    "count_vectors_featurizer": {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 3},
    "intent_classifier": {"epochs": 20},
    "response_selector": {"epochs": 20},
    "fallback_classifier": {"threshold": 0.5},
}


def dense(value: Any) -> np.ndarray:
    """A feature as an array: featurizers give sparse rows or dense vectors."""
    return np.asarray(value.toarray() if hasattr(value, "toarray") else value)


def snapshot(messages: list[Message]) -> list[Any]:
    out = []
    for m in messages:
        features = {k: dense(v).tolist() for k, v in sorted(m.features.items())}
        out.append((m.parse_data(), [(t.text, t.start, t.end) for t in m.tokens], features))
    return out


@pytest.mark.parametrize("cls", BUILTIN_COMPONENTS, ids=lambda c: c.name)
def test_create_train_persist_load(
    cls: Any, training_data: TrainingData, domain: Domain, tmp_path: Path
) -> None:
    options = OPTIONS.get(cls.name, {})
    before: list[Any] = [
        nlu.WhitespaceTokenizer.create({}),
        nlu.CountVectorsFeaturizer.create({}),
        nlu.RegexFeaturizer.create({}),
    ]
    if cls.name in ("fallback_classifier", "response_selector"):
        before.append(nlu.IntentClassifier.create({"epochs": 20}))
    before = [c for c in before if c.name != cls.name or cls.name == "count_vectors_featurizer"]
    component = cls.create(options)
    # intent_name_examples goes before the tokenizer: later components read what it adds
    first = cls.name == "intent_name_examples"
    interpreter = Interpreter([component, *before] if first else [*before, component])
    interpreter.train(training_data, domain)
    expected = snapshot(interpreter.process([Message(text=t) for t in TEXTS]))

    component.persist(tmp_path)
    saved = json.loads((tmp_path / "options.json").read_text("utf-8"))
    assert {k: saved[k] for k in options} == options
    loaded = cls.load(tmp_path, {})
    again = Interpreter([loaded, *before] if first else [*before, loaded]).process(
        [Message(text=t) for t in TEXTS]
    )
    assert snapshot(again) == expected


@pytest.mark.parametrize("cls", BUILTIN_COMPONENTS, ids=lambda c: c.name)
def test_unknown_option_is_named(cls: Any) -> None:
    with pytest.raises(NLUOptionsError) as info:
        cls.create({"no_such_knob": 1})
    assert info.value.key == "no_such_knob"
    assert info.value.component == cls.name
    assert "no_such_knob" in str(info.value)


def test_names_are_unique_and_exported() -> None:
    names = [c.name for c in BUILTIN_COMPONENTS]
    assert len(set(names)) == len(names)
    assert all(c.__name__ in nlu.__all__ for c in BUILTIN_COMPONENTS)


def test_nlu_imports_only_assistant_shared() -> None:
    for path in Path(nlu.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            for module in modules:
                if module.split(".")[0] == "assistant":
                    assert module.startswith("assistant.shared"), f"{path.name} imports {module}"
