"""Shared fixtures: the small English and Korean NLU data in fixtures/nlu.yml.

A minimal reader for the Rasa 3 NLU format (the project's real reader lives in the core); enough
for ``[text](entity)``, ``[text](entity:value)`` and ``[text]{"entity": ..., "role": ...}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.shared import (
    Domain,
    Entity,
    LookupTable,
    RegexFeature,
    TrainingData,
    TrainingExample,
)
from nlu import (
    CountVectorsFeaturizer,
    IntentClassifier,
    Interpreter,
    RegexFeaturizer,
    WhitespaceTokenizer,
)

FIXTURES = Path(__file__).parent / "fixtures"
_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]+)\)|(?P<json>\{[^}]*\}))")

RESPONSES = {
    "utter_faq/ask_rules": ["Be kind and have fun."],
    "utter_faq/ask_price": ["It is free."],
}


def parse_example(line: str, intent: str | None) -> TrainingExample:
    text, entities, cursor = "", [], 0
    for match in _ANNOTATION.finditer(line):
        text += line[cursor : match.start()]
        start = len(text)
        text += match["text"]
        if match["json"]:
            spec = json.loads(match["json"])
        else:
            name, _, value = match["short"].partition(":")
            spec = {"entity": name, **({"value": value} if value else {})}
        entities.append(
            Entity(
                entity=spec["entity"],
                value=spec.get("value", match["text"]),
                start=start,
                end=len(text),
                role=spec.get("role"),
                group=spec.get("group"),
            )
        )
        cursor = match.end()
    text += line[cursor:]
    return TrainingExample(text=text, intent=intent, entities=tuple(entities))


def read_nlu(path: Path) -> TrainingData:
    data = TrainingData()
    for block in yaml.safe_load(path.read_text("utf-8"))["nlu"]:
        lines = [
            ln.strip()[2:].strip()
            for ln in str(block.get("examples", "")).splitlines()
            if ln.strip().startswith("- ")
        ]
        if "intent" in block:
            data.examples += [parse_example(ln, block["intent"]) for ln in lines]
        elif "synonym" in block:
            data.synonyms.update({ln.lower(): block["synonym"] for ln in lines})
        elif "regex" in block:
            data.regexes += [RegexFeature(block["regex"], ln) for ln in lines]
        elif "lookup" in block:
            data.lookups.append(LookupTable(block["lookup"], tuple(lines)))
    return data


def load_training_data() -> TrainingData:
    data = read_nlu(FIXTURES / "nlu.yml")
    data.responses = dict(RESPONSES)
    return data


@pytest.fixture
def training_data() -> TrainingData:
    return load_training_data()


@pytest.fixture(scope="session")
def classifier_pipeline() -> Interpreter:
    """Featurizers and a default intent classifier trained once on the fixture data."""
    interpreter = Interpreter([*featurized_pipeline(), IntentClassifier.create({})])
    interpreter.train(load_training_data(), Domain())
    return interpreter


@pytest.fixture
def domain() -> Domain:
    return Domain()


def featurized_pipeline() -> list[Any]:
    """Tokenizer, word and char_wb count vectors and regex features: what classifiers train on."""
    return [
        WhitespaceTokenizer.create({}),
        CountVectorsFeaturizer.create({}),
        CountVectorsFeaturizer.create({"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}),
        RegexFeaturizer.create({}),
    ]


@pytest.fixture
def train_pipeline(training_data: TrainingData, domain: Domain) -> Callable[..., Interpreter]:
    """Train featurizers plus the given components on the fixture data; returns the pipeline."""

    def train(*components: Any, data: TrainingData | None = None) -> Interpreter:
        interpreter = Interpreter([*featurized_pipeline(), *components])
        interpreter.train(data or training_data, domain)
        return interpreter

    return train
