"""The intent classifier: a StarSpace model over the sentence features of a message.

Sets ``Message.intent`` and ``Message.intent_ranking`` (the top ``ranking_length``, sorted).

With a pretrained encoder before it (``dense_featurizer``), the embeddings get a model of their
own, a softmax regression (``nlu/dense_head.py``), and the StarSpace model reads the sparse
features only; the two are averaged in log-probability space, the dense head weighing
``dense_weight``. ``dense_head: false`` feeds the embeddings to the StarSpace model as more input
columns instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from assistant.shared import Domain, IntentPrediction, Message, TrainingData
from nlu._calibration import log_softmax
from nlu._features import FeatureLayout
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu.dense_head import DenseHead
from nlu.errors import NLUModelError
from nlu.starspace_scorer import StarSpaceScorer

LABELS_FILE = "labels.json"
NEGATIVE_SAMPLING = ("uniform", "confusion")
MODEL_STEM = "model"
DENSE_STEM = "dense_head"


class IntentClassifier:
    name: ClassVar[str] = "intent_classifier"

    @dataclass(frozen=True)
    class Options:
        epochs: int = 60
        embedding_dim: int = 128
        hidden_size: int = 256
        learning_rate: float = 0.01
        batch_size: int | None = None  # None: 1% of the examples, within 32..256
        negatives: int | None = None  # None: contrast with every other intent
        # with ``negatives``: "uniform", or "confusion" (hard negatives: intents drawn in
        # proportion to how often the model confused them with the example's own in the last epoch)
        negative_sampling: str = "uniform"
        dropout: float = 0.2
        similarity_scale: float = 5.0
        # an ensemble of this many encoders in one model, similarities averaged: on CLINC150
        # validation three gave +0.3 points over one, for ~1.6x the training time; None: 3 from
        # 2,000 training examples up, 1 below (small assistants train fast)
        towers: int | None = None
        label_smoothing: float = 0.1
        calibrate: bool = True  # fit a temperature on held-out examples
        # sentence embeddings (a dense_featurizer): their own softmax regression (L2 penalty
        # 1/C as scikit-learn's), averaged with the StarSpace model in log space; the weight
        # 0.6 was chosen on CLINC150 validation (see BENCHMARKS.md, "dense head")
        dense_head: bool = True
        dense_weight: float = 0.6
        dense_c: float = 10.0
        weight_decay: float = 0.0
        random_seed: int = 42
        ranking_length: int = 10
        # torch threads while training: 2 trains CLINC150 1.5x faster on an idle 2-core
        # machine, but far slower when other jobs share the cores, hence 1
        num_threads: int = 1

    def __init__(self, options: IntentClassifier.Options) -> None:
        if options.negative_sampling not in NEGATIVE_SAMPLING:
            raise NLUModelError(
                f"{self.name}: negative_sampling must be one of {', '.join(NEGATIVE_SAMPLING)}, "
                f"not {options.negative_sampling!r}"
            )
        if not 0.0 <= options.dense_weight <= 1.0:
            raise NLUModelError(f"{self.name}: dense_weight must be within 0..1")
        self.options = options
        self.labels: list[str] = []
        self.layout = FeatureLayout((), ())
        self.model: StarSpaceScorer | None = None
        self.dense_layout = FeatureLayout((), ())
        self.dense: DenseHead | None = None

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        pairs = [
            (message, example.base_intent)
            for example, message in zip(training_data.examples, training_data.messages, strict=True)
            if example.base_intent
        ]
        self.labels = sorted({intent for _, intent in pairs if intent})
        self.model, self.dense = None, None
        if len(self.labels) < 2:
            return
        messages = [m for m, _ in pairs]
        index = {label: i for i, label in enumerate(self.labels)}
        targets = np.array([index[intent] for _, intent in pairs if intent], dtype=np.int64)
        split = self.options.dense_head
        self.layout = FeatureLayout.of(messages, dense=False if split else None)
        self.dense_layout = (
            FeatureLayout.of(messages, dense=True) if split else FeatureLayout((), ())
        )
        if self.dense_layout.keys:
            from nlu.dense_head import fit_dense_head  # torch: training only

            embeddings = self.dense_layout.matrix(messages, self.name).toarray()
            o = self.options
            self.dense = fit_dense_head(
                embeddings,
                targets,
                len(self.labels),
                o.dense_c,
                o.calibrate,
                o.random_seed,
                o.num_threads,
            )
        if self.layout.keys or self.dense is None:
            from nlu.starspace import fit  # torch: training only

            inputs = self.layout.matrix(messages, self.name)
            self.model = fit(inputs, targets, len(self.labels), self.options)

    def probabilities(self, messages: list[Message]) -> np.ndarray:
        """(messages, labels): the StarSpace model's, the dense head's, or their weighted
        geometric mean, renormalised."""
        log_p = np.zeros((len(messages), len(self.labels)), dtype=np.float32)
        weight = self.options.dense_weight if self.model is not None else 1.0
        if self.dense is not None:
            embeddings = self.dense_layout.matrix(messages, self.name).toarray()
            log_p += weight * self.dense.log_proba(embeddings)
        if self.model is not None:
            p = self.model.predict_proba(self.layout.matrix(messages, self.name))
            if self.dense is None:
                return p
            log_p += (1 - weight) * np.log(np.maximum(p, 1e-12))
        probabilities: np.ndarray = np.exp(log_softmax(log_p))
        return probabilities

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.labels:
            return messages
        if self.model is None and self.dense is None:  # one intent only
            for message in messages:
                message.intent = IntentPrediction(self.labels[0], 1.0)
                message.intent_ranking = [message.intent]
            return messages
        for message, row in zip(messages, self.probabilities(messages), strict=True):
            order = np.argsort(-row, kind="stable")[: self.options.ranking_length]
            ranking = [IntentPrediction(self.labels[i], float(row[i])) for i in order]
            message.intent = ranking[0]
            message.intent_ranking = ranking
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        labels = {
            "labels": self.labels,
            "layout": self.layout.to_json(),
            "starspace": self.model is not None,
            "dense_layout": self.dense_layout.to_json(),
        }
        write_json(directory / LABELS_FILE, labels)
        if self.model is not None:
            self.model.save(directory, MODEL_STEM)
        if self.dense is not None:
            self.dense.save(directory, DENSE_STEM)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        component = cls(load_options(cls.name, cls.Options, directory, options))
        data = read_json(cls.name, directory / LABELS_FILE)
        component.labels = [str(label) for label in data["labels"]]
        component.layout = FeatureLayout.from_json(data["layout"])
        if "dense_layout" in data:
            component.dense_layout = FeatureLayout.from_json(data["dense_layout"])
        if len(component.labels) >= 2:
            if data.get("starspace", True):
                component.model = StarSpaceScorer.load(directory, MODEL_STEM)
            if component.dense_layout.keys:
                component.dense = DenseHead.load(directory, DENSE_STEM)
        return component
