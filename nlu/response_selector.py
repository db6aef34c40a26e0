"""Response selection for retrieval intents: ``faq`` -> ``faq/ask_rules`` -> its response.

One model per retrieval intent, over its sub-intents (keys): the intent classifier's own model
(``nlu/intent_classifier.py``: StarSpace towers over the message's sparse features, with the linear
SVM beside them from 2,000 examples up, and a head of their own for sentence embeddings when a
dense featurizer runs), trained on the keys instead of the intents. When a message's predicted
intent is a retrieval intent, ``Message.retrieval[<retrieval intent>]`` gets the best full key,
the response action ``utter_<key>`` and the first response text from the training data.
Measured against the intent classifier on the same keys in BENCHMARKS.md ("Response selection").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from assistant.shared import Domain, Message, RetrievalPrediction, TrainingData
from nlu._options import (
    STARSPACE_RANGES,
    build_options,
    check_ranges,
    load_options,
    read_json,
    save_options,
    write_json,
)
from nlu.errors import NLUModelError
from nlu.intent_classifier import IntentClassifier

SELECTORS_FILE = "selectors.json"


class KeyClassifier(IntentClassifier):
    """The intent classifier's model over one retrieval intent's keys (named as the selector in
    its errors)."""

    name: ClassVar[str] = "response_selector"


@dataclass
class _Selector:
    """The model of one retrieval intent over its full keys (``faq/ask_rules``), and their
    response texts."""

    classifier: KeyClassifier
    texts: dict[str, str] = field(default_factory=dict)


class ResponseSelector:
    name: ClassVar[str] = "response_selector"

    @dataclass(frozen=True)
    class Options:
        retrieval_intent: str | None = None  # train only this one; default: every one
        epochs: int = 60
        embedding_dim: int | None = None  # None: 256 from 2,000 examples up, 128 below
        hidden_size: int = 256
        learning_rate: float = 0.01
        batch_size: int | None = None  # None: 1% of the examples, within 32..64
        negatives: int | None = None  # None: contrast with every other key
        dropout: float = 0.2
        similarity_scale: float = 5.0
        towers: int | None = None  # encoders in one model, averaged; None: by data size
        label_smoothing: float = 0.1
        calibrate: bool = True  # fit a temperature on held-out examples
        # the linear SVM beside the StarSpace model, as in the intent classifier (None: from
        # 2,000 examples of the retrieval intent up)
        sparse_head: bool | None = None
        sparse_weight: float = 0.5
        sparse_c: float = 2.0
        random_seed: int = 42

    def __init__(self, options: ResponseSelector.Options) -> None:
        check_ranges(self.name, options, {**STARSPACE_RANGES, "sparse_weight": "unit"})
        self.options = options
        self.selectors: dict[str, _Selector] = {}

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def _classifier(self) -> KeyClassifier:
        """A key classifier with this selector's options (the rest the intent classifier's)."""
        shared = {f.name for f in fields(IntentClassifier.Options)} & {
            f.name for f in fields(self.Options)
        }
        chosen = {name: getattr(self.options, name) for name in shared}
        return KeyClassifier(IntentClassifier.Options(**chosen))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        self.selectors = {}
        wanted = self.options.retrieval_intent
        for retrieval_intent in training_data.retrieval_intents:
            if wanted is not None and retrieval_intent != wanted:
                continue
            pairs = [
                (message, example.intent)
                for example, message in zip(
                    training_data.examples, training_data.messages, strict=True
                )
                if example.retrieval_intent == retrieval_intent and example.intent
            ]
            keys = sorted({key for _, key in pairs if key})
            texts = {
                key: training_data.responses[f"utter_{key}"][0]
                for key in keys
                if training_data.responses.get(f"utter_{key}")
            }
            classifier = self._classifier()
            classifier.fit([m for m, _ in pairs], [key for _, key in pairs if key])
            self.selectors[retrieval_intent] = _Selector(classifier, texts)

    def process(self, messages: list[Message]) -> list[Message]:
        for retrieval_intent, selector in self.selectors.items():
            chosen = [m for m in messages if m.intent and m.intent.name == retrieval_intent]
            if not chosen:
                continue
            keys = selector.classifier.labels
            probabilities = selector.classifier.confidences(chosen)
            for message, row in zip(chosen, probabilities, strict=True):
                best = int(np.argmax(row))
                key = keys[best]
                message.retrieval[retrieval_intent] = RetrievalPrediction(
                    retrieval_intent=retrieval_intent,
                    intent_response_key=key,
                    confidence=float(row[best]),
                    response_name=f"utter_{key}",
                    text=selector.texts.get(key),
                )
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        index = []
        for number, (retrieval_intent, selector) in enumerate(sorted(self.selectors.items())):
            folder = f"selector_{number}"
            selector.classifier.persist(directory / folder)
            index.append(
                {"retrieval_intent": retrieval_intent, "texts": selector.texts, "model": folder}
            )
        write_json(directory / SELECTORS_FILE, index)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        component = cls(load_options(cls.name, cls.Options, directory, options))
        for entry in read_json(cls.name, directory / SELECTORS_FILE):
            folder = directory / str(entry.get("model"))
            if "layout" in entry or not folder.is_dir():
                raise NLUModelError(
                    f"{cls.name}: {directory} holds a selector saved by an earlier version "
                    "(or a part is missing); train the model again"
                )
            component.selectors[str(entry["retrieval_intent"])] = _Selector(
                KeyClassifier.load(folder, {}),
                {str(k): str(v) for k, v in entry["texts"].items()},
            )
        return component
