"""The novelty discount: confidences shrink with a message's distance from the training examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from assistant.shared import Domain, TrainingData
from nlu.dense_featurizer import DenseFeaturizer
from nlu.errors import NLUModelError, NLUTrainingError
from nlu.intent_classifier import IntentClassifier
from nlu.interpreter import Interpreter
from nlu.novelty import NoveltyScorer
from nlu.tokenizer import WhitespaceTokenizer


def test_similarity_is_the_mean_of_the_nearest_examples() -> None:
    examples = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    scorer = NoveltyScorer(examples * 3.0, weight=2.0, neighbours=2, reference=1.0)  # any norm
    s = scorer.similarity(np.array([[2.0, 0.0], [-1.0, 0.0]]))
    np.testing.assert_allclose(s, [(1.0 + 0.6) / 2, (0.0 - 0.6) / 2], atol=1e-3)
    np.testing.assert_allclose(scorer.discount(np.array([[0.0, 5.0]])), [np.exp(-2 * 0.1)], 1e-3)


def test_a_training_example_keeps_its_confidence() -> None:
    rng = np.random.default_rng(0)
    examples = np.hstack([rng.normal(size=(50, 4)), np.zeros((50, 4))])
    scorer = NoveltyScorer(examples, weight=10.0, neighbours=1)
    np.testing.assert_allclose(scorer.discount(examples), 1.0, atol=1e-2)
    unrelated = np.hstack([np.zeros((5, 4)), rng.normal(size=(5, 4))])  # orthogonal to all
    np.testing.assert_allclose(scorer.discount(unrelated), np.exp(-10.0 * scorer.reference), 1e-2)


def test_the_reference_is_the_examples_own_closeness() -> None:
    # two tight pairs: each example's nearest other is its twin, at cosine 0.8
    examples = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 0.0, 1.0], [0.0, 0.6, 0.8]])
    scorer = NoveltyScorer(examples, weight=5.0, neighbours=1, quantile=0.5)
    assert scorer.reference == pytest.approx(0.8, abs=1e-3)
    as_close = np.array([[0.8, 0.6, 0.0]])
    np.testing.assert_allclose(scorer.discount(as_close), [1.0], atol=1e-3)  # never above 1
    farther = np.array([[0.6, -0.8, 0.0]])  # cosine 0.6 with its nearest example
    np.testing.assert_allclose(scorer.discount(farther), [np.exp(-5.0 * 0.2)], rtol=1e-2)


def test_neighbours_beyond_the_examples_use_them_all() -> None:
    scorer = NoveltyScorer(np.eye(3), weight=1.0, neighbours=10)  # reference: 0 (orthogonal)
    assert scorer.neighbours == 3
    np.testing.assert_allclose(scorer.similarity(np.array([[1.0, 0.0, 0.0]])), [1 / 3], 1e-3)


def test_rejects_a_negative_weight() -> None:
    with pytest.raises(NLUModelError, match="novelty"):
        NoveltyScorer(np.eye(2), weight=-1.0, neighbours=5)
    with pytest.raises(NLUModelError, match="quantile"):
        NoveltyScorer(np.eye(2), weight=1.0, neighbours=5, quantile=1.5)


def test_load_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NLUModelError, match="novelty scorer 'novelty'"):
        NoveltyScorer.load(tmp_path, "novelty")


@pytest.fixture
def with_novelty(train_pipeline: Callable[..., Interpreter]) -> Interpreter:
    return train_pipeline(
        DenseFeaturizer.create({"type": "hash"}),
        IntentClassifier.create(
            {"novelty_weight": 10.0, "novelty_neighbours": 1, "novelty_quantile": 0.9}
        ),
    )


def test_unfamiliar_words_lose_confidence_familiar_ones_keep_it(
    with_novelty: Interpreter, training_data: TrainingData
) -> None:
    classifier = with_novelty.components[-1]
    assert isinstance(classifier, IntentClassifier) and classifier.novelty is not None
    plain = Interpreter([*with_novelty.components[:-1], _without_novelty(classifier)])
    known = training_data.intent_examples[0].text
    for text, kept in ((known, True), ("quantum chromodynamics lattice gauge", False)):
        discounted, original = with_novelty.parse(text).intent, plain.parse(text).intent
        assert discounted is not None and original is not None
        assert discounted.name == original.name  # the order never changes
        ratio = discounted.confidence / original.confidence
        assert ratio == pytest.approx(1.0, abs=1e-2) if kept else ratio < 0.05, ratio


def _without_novelty(classifier: IntentClassifier) -> IntentClassifier:
    plain = IntentClassifier(classifier.options)
    plain.__dict__.update({**classifier.__dict__, "novelty": None})
    return plain


def test_novelty_is_saved_and_loaded(with_novelty: Interpreter, tmp_path: Path) -> None:
    classifier = with_novelty.components[-1]
    classifier.persist(tmp_path)
    assert (tmp_path / "novelty.safetensors").exists()
    loaded = Interpreter([*with_novelty.components[:-1], IntentClassifier.load(tmp_path, {})])
    for text in ("hello there", "quantum chromodynamics"):
        assert loaded.parse(text).intent_ranking == with_novelty.parse(text).intent_ranking


def test_novelty_without_embeddings_is_an_error(training_data: TrainingData) -> None:
    pipeline = Interpreter(
        [WhitespaceTokenizer.create({}), IntentClassifier.create({"novelty_weight": 5.0})]
    )
    with pytest.raises(NLUTrainingError, match="novelty_weight needs sentence embeddings"):
        pipeline.train(training_data, Domain())


def test_one_message_and_a_batch_agree() -> None:
    rng = np.random.default_rng(1)
    scorer = NoveltyScorer(rng.normal(size=(300, 16)), weight=3.0, neighbours=5)
    batch = rng.normal(size=(40, 16))
    one_by_one = np.concatenate([scorer.similarity(row[None, :]) for row in batch])
    np.testing.assert_allclose(scorer.similarity(batch), one_by_one, atol=1e-5)
