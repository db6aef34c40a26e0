"""Response selection for retrieval intents: ``faq`` -> ``faq/ask_rules`` -> its response.

One StarSpace model per retrieval intent, over its sub-intents. When a message's predicted intent
is a retrieval intent, ``Message.retrieval[<retrieval intent>]`` gets the best full key, the
response action ``utter_<key>`` and the first response text from the training data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from assistant.shared import Domain, Message, RetrievalPrediction, TrainingData
from nlu._features import FeatureLayout
from nlu._options import (
    STARSPACE_RANGES,
    build_options,
    check_ranges,
    load_options,
    read_json,
    save_options,
    write_json,
)
from nlu.starspace_scorer import StarSpaceScorer

SELECTORS_FILE = "selectors.json"


@dataclass
class _Selector:
    """The model of one retrieval intent: its full keys (``faq/ask_rules``) and their texts."""

    keys: list[str]
    layout: FeatureLayout
    texts: dict[str, str] = field(default_factory=dict)
    model: StarSpaceScorer | None = None  # None with a single key


class ResponseSelector:
    name: ClassVar[str] = "response_selector"

    @dataclass(frozen=True)
    class Options:
        retrieval_intent: str | None = None  # train only this one; default: every one
        epochs: int = 60
        embedding_dim: int = 128
        hidden_size: int = 256
        learning_rate: float = 0.01
        batch_size: int | None = None  # None: 1% of the examples, within 32..256
        negatives: int | None = None  # None: contrast with every other key
        dropout: float = 0.2
        similarity_scale: float = 5.0
        towers: int | None = 1  # encoders in one model, averaged; None: by data size
        label_smoothing: float = 0.1
        calibrate: bool = True  # fit a temperature on held-out examples
        random_seed: int = 42

    def __init__(self, options: ResponseSelector.Options) -> None:
        check_ranges(self.name, options, STARSPACE_RANGES)
        self.options = options
        self.selectors: dict[str, _Selector] = {}

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

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
            messages = [m for m, _ in pairs]
            selector = _Selector(keys, FeatureLayout.of(messages), texts)
            if len(keys) >= 2:
                index = {key: i for i, key in enumerate(keys)}
                targets = np.array([index[key] for _, key in pairs if key], dtype=np.int64)
                selector.model = self._train_model(selector.layout, messages, targets, len(keys))
            self.selectors[retrieval_intent] = selector

    def _train_model(
        self, layout: FeatureLayout, messages: list[Message], targets: np.ndarray, n: int
    ) -> StarSpaceScorer:
        from nlu.starspace import fit  # torch: training only

        return fit(layout.matrix(messages, self.name), targets, n, self.options)

    def process(self, messages: list[Message]) -> list[Message]:
        for retrieval_intent, selector in self.selectors.items():
            chosen = [m for m in messages if m.intent and m.intent.name == retrieval_intent]
            if not chosen:
                continue
            if selector.model is None:
                probabilities = np.ones((len(chosen), 1), dtype=np.float32)
            else:
                probabilities = selector.model.predict_proba(
                    selector.layout.matrix(chosen, self.name)
                )
            for message, row in zip(chosen, probabilities, strict=True):
                best = int(np.argmax(row))
                key = selector.keys[best]
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
            stem = f"selector_{number}"
            index.append(
                {
                    "retrieval_intent": retrieval_intent,
                    "keys": selector.keys,
                    "texts": selector.texts,
                    "model": stem if selector.model is not None else None,
                    "layout": selector.layout.to_json(),
                }
            )
            if selector.model is not None:
                selector.model.save(directory, stem)
        write_json(directory / SELECTORS_FILE, index)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        component = cls(load_options(cls.name, cls.Options, directory, options))
        for entry in read_json(cls.name, directory / SELECTORS_FILE):
            stem = entry["model"]
            component.selectors[str(entry["retrieval_intent"])] = _Selector(
                keys=[str(k) for k in entry["keys"]],
                layout=FeatureLayout.from_json(entry["layout"]),
                texts={str(k): str(v) for k, v in entry["texts"].items()},
                model=StarSpaceScorer.load(directory, stem) if stem else None,
            )
        return component
