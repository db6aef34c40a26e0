"""The intent classifier: a StarSpace model over the sentence features of a message.

Sets ``Message.intent`` and ``Message.intent_ranking`` (the top ``ranking_length``, sorted; 0: every
intent, as in Rasa).

Beside the StarSpace model, a linear SVM reads the same sparse features (``nlu/sparse_head.py``);
the two are averaged in log-probability space, the SVM weighing ``sparse_weight``
(from 2,000 training examples up, or as ``sparse_head`` says). With a pretrained encoder before it
(``dense_featurizer``), the embeddings get a model of their own, a softmax regression
(``nlu/dense_head.py``), and the StarSpace model reads the sparse features only; the dense head
weighs ``dense_weight`` against the sparse pair. ``dense_head: false`` feeds the embeddings to
the StarSpace model as more input columns instead. ``novelty_weight`` (with the dense head)
discounts the confidences of a message far from every training example (``nlu/novelty.py``),
so a fallback threshold also catches out-of-scope messages the models are sure about.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np

from assistant.shared import Domain, IntentPrediction, Message, TrainingData
from nlu._calibration import log_softmax
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
from nlu.errors import NLUModelError
from nlu.linear_head import LinearHead
from nlu.novelty import NoveltyScorer
from nlu.starspace_scorer import StarSpaceScorer

LABELS_FILE = "labels.json"
NEGATIVE_SAMPLING = ("uniform", "confusion")
MODEL_STEM = "model"
DENSE_STEM = "dense_head"
SPARSE_STEM = "sparse_head"
NOVELTY_STEM = "novelty"
SPARSE_HEAD_FROM = 2000  # training examples
OPTION_RANGES = {
    **STARSPACE_RANGES,
    "ranking_length": "non_negative",
    "dense_weight": "unit",
    "sparse_weight": "unit",
}


def sparse_head_for(n: int, requested: bool | None) -> bool:
    """``requested``, or whether there are 2,000 training examples or more."""
    return requested if requested is not None else n >= SPARSE_HEAD_FROM


class IntentClassifier:
    name: ClassVar[str] = "intent_classifier"

    @dataclass(frozen=True)
    class Options:
        epochs: int = 60
        embedding_dim: int | None = None  # None: 256 from 2,000 examples up, 128 below
        hidden_size: int = 256
        learning_rate: float = 0.01
        batch_size: int | None = None  # None: 1% of the examples, within 32..64
        negatives: int | None = None  # None: contrast with every other intent
        # with ``negatives``: "uniform", or "confusion" (hard negatives: intents drawn in
        # proportion to how often the model confused them with the example's own in the last epoch)
        negative_sampling: str = "uniform"
        dropout: float = 0.2
        similarity_scale: float = 5.0
        # an ensemble of this many encoders in one model, similarities averaged: on CLINC150
        # validation two gave as much as three beside the sparse head (BENCHMARKS.md), for 2/3
        # of the time; None: 2 from 2,000 training examples up, 1 below (small assistants train
        # fast)
        towers: int | None = None
        label_smoothing: float = 0.1
        calibrate: bool = True  # fit a temperature on held-out examples
        # sentence embeddings (a dense_featurizer): their own softmax regression (L2 penalty
        # 1/C as scikit-learn's), averaged in log space with the StarSpace model and sparse
        # head; the weight 0.7 was chosen on CLINC150 validation (BENCHMARKS.md, "dense head")
        dense_head: bool = True
        dense_weight: float = 0.7
        dense_c: float = 10.0
        # with the dense head: confidences times exp(-novelty_weight * max(0, r - s)), s the
        # mean cosine similarity of the message's novelty_neighbours nearest training examples,
        # r the novelty_quantile of that figure over the training examples (0: off; 10 and 5
        # chosen on CLINC150 validation, BENCHMARKS.md "novelty"); the model keeps every
        # training example's embedding (float16)
        novelty_weight: float = 0.0
        novelty_neighbours: int = 5
        novelty_quantile: float = 0.1
        # a linear SVM over the sparse features (penalty C as scikit-learn's ``LinearSVC``),
        # averaged with the StarSpace model in log space; weight 0.5 and C 2 chosen on CLINC150
        # validation (BENCHMARKS.md, "sparse head"); None: on from 2,000 training examples up,
        # where it was measured (on a few dozen examples its held-out temperature is a guess)
        sparse_head: bool | None = None
        sparse_weight: float = 0.5
        sparse_c: float = 2.0
        weight_decay: float = 0.0
        random_seed: int = 42
        ranking_length: int = 10  # 0: every intent
        # torch threads while training: 2 trains CLINC150 1.5x faster on an idle 2-core
        # machine, but far slower when other jobs share the cores, hence 1
        num_threads: int = 1

    def __init__(self, options: IntentClassifier.Options) -> None:
        if options.negative_sampling not in NEGATIVE_SAMPLING:
            raise NLUModelError(
                f"{self.name}: negative_sampling must be one of {', '.join(NEGATIVE_SAMPLING)}, "
                f"not {options.negative_sampling!r}"
            )
        check_ranges(self.name, options, OPTION_RANGES)
        self.options = options
        self.labels: list[str] = []
        self.layout = FeatureLayout((), ())
        self.model: StarSpaceScorer | None = None
        self.dense_layout = FeatureLayout((), ())
        self.dense: LinearHead | None = None
        self.sparse: LinearHead | None = None
        self.novelty: NoveltyScorer | None = None

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        pairs = [
            (message, example.base_intent)
            for example, message in zip(training_data.examples, training_data.messages, strict=True)
            if example.base_intent
        ]
        self.fit([m for m, _ in pairs], [intent for _, intent in pairs if intent])

    def fit(self, messages: list[Message], labels: list[str]) -> None:
        """Train on featurized ``messages``, each with its label (an intent; the response
        selector's keys)."""
        self.labels = sorted(set(labels))
        self.model, self.dense, self.sparse, self.novelty = None, None, None, None
        if len(self.labels) < 2:
            return
        index = {label: i for i, label in enumerate(self.labels)}
        targets = np.array([index[label] for label in labels], dtype=np.int64)
        split = self.options.dense_head
        self.layout = FeatureLayout.of(messages, dense=False if split else None)
        self.dense_layout = (
            FeatureLayout.of(messages, dense=True) if split else FeatureLayout((), ())
        )
        if self.options.novelty_weight > 0 and not self.dense_layout.keys:
            raise NLUModelError(
                f"{self.name}: novelty_weight needs sentence embeddings: a dense_featurizer "
                "before the intent classifier, and dense_head: true"
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
            if o.novelty_weight > 0:
                self.novelty = NoveltyScorer(
                    embeddings, o.novelty_weight, o.novelty_neighbours, o.novelty_quantile
                )
        if self.layout.keys or self.dense is None:
            self._train_on_sparse_features(messages, targets)

    def _train_on_sparse_features(self, messages: list[Message], targets: np.ndarray) -> None:
        """The StarSpace model and, on a thread of its own, the sparse head: liblinear releases
        the GIL, so with one torch thread (the default) the two train side by side on two
        cores. Each is seeded and trained alone, so the result does not depend on the timing."""
        from nlu.sparse_head import fit_sparse_head  # scikit-learn: training only
        from nlu.starspace import fit  # torch: training only

        o = self.options
        inputs = self.layout.matrix(messages, self.name)
        wanted = sparse_head_for(len(targets), o.sparse_head) and inputs.shape[1] > 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparse-head") as pool:
            args = (inputs, targets, len(self.labels), o.sparse_c, o.calibrate, o.random_seed)
            sparse = pool.submit(fit_sparse_head, *args) if wanted else None
            self.model = fit(inputs, targets, len(self.labels), o)
            self.sparse = sparse.result() if sparse is not None else None

    def probabilities(
        self, messages: list[Message], embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """(messages, labels): the weighted geometric mean of the models trained, renormalised
        (the StarSpace model's own probabilities when it is alone). ``embeddings``: the
        messages' dense features where the caller already holds them."""
        log_p: np.ndarray | None = None
        if self.model is not None:
            inputs = self.layout.matrix(messages, self.name)
            p = self.model.predict_proba(inputs)
            if self.sparse is None and self.dense is None:
                return p
            log_p = np.log(np.maximum(p, 1e-12))
            if self.sparse is not None:
                w = self.options.sparse_weight
                log_p = (1 - w) * log_p + w * self.sparse.log_proba(inputs)
        if self.dense is not None:
            if embeddings is None:
                embeddings = self._embeddings(messages)
            dense = self.dense.log_proba(embeddings)
            w = self.options.dense_weight
            log_p = dense if log_p is None else w * dense + (1 - w) * log_p
        assert log_p is not None  # process() answers alone when neither model was trained
        probabilities: np.ndarray = np.exp(log_softmax(log_p))
        return probabilities

    def _embeddings(self, messages: list[Message]) -> np.ndarray:
        """(messages, dims): the dense featurizer's sentence embeddings, as one array."""
        embeddings: np.ndarray = self.dense_layout.matrix(messages, self.name).toarray()
        return embeddings

    def confidences(self, messages: list[Message]) -> np.ndarray:
        """(messages, labels): every label's confidence for each message, discounted by
        novelty when that is on; 1 for the only label of a model trained on one."""
        if self.model is None and self.dense is None:  # one label only
            return np.ones((len(messages), len(self.labels)), dtype=np.float32)
        if self.novelty is None:
            return self.probabilities(messages)
        # the dense head and the novelty scorer read the same embeddings: built once
        embeddings = self._embeddings(messages)
        probabilities = self.probabilities(messages, embeddings)
        discounted: np.ndarray = probabilities * self.novelty.discount(embeddings)[:, None]
        return discounted

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.labels:
            return messages
        probabilities = self.confidences(messages)
        for message, row in zip(messages, probabilities, strict=True):
            order = np.argsort(-row, kind="stable")[: self.options.ranking_length or None]
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
            "sparse_head": self.sparse is not None,
            "novelty": self.novelty is not None,
        }
        write_json(directory / LABELS_FILE, labels)
        if self.model is not None:
            self.model.save(directory, MODEL_STEM)
        if self.dense is not None:
            self.dense.save(directory, DENSE_STEM)
        if self.sparse is not None:
            self.sparse.save(directory, SPARSE_STEM)
        if self.novelty is not None:
            self.novelty.save(directory, NOVELTY_STEM)

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
                component.dense = LinearHead.load(directory, DENSE_STEM)
            if data.get("sparse_head", False):
                component.sparse = LinearHead.load(directory, SPARSE_STEM)
            if data.get("novelty", False):
                component.novelty = NoveltyScorer.load(directory, NOVELTY_STEM)
        return component
