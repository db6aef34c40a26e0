from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.shared import Domain, Message, Token, TrainingData
from nlu.count_vectors_featurizer import CountVectorsFeaturizer
from nlu.errors import NLUModelError, NLUOptionsError, NLUOptionValueError
from nlu.interpreter import Interpreter
from nlu.tokenizer import WhitespaceTokenizer


def trained(data: TrainingData, domain: Domain, **options: object) -> CountVectorsFeaturizer:
    featurizer = CountVectorsFeaturizer.create(options)
    Interpreter([WhitespaceTokenizer.create({}), featurizer]).train(data, domain)
    return featurizer


def featurize(featurizer: CountVectorsFeaturizer, text: str) -> np.ndarray:
    (message,) = WhitespaceTokenizer.create({}).process([Message(text=text)])
    featurizer.process([message])
    return np.asarray(message.features[featurizer.feature_key].toarray())


def test_word_counts_and_oov_column(training_data: TrainingData, domain: Domain) -> None:
    featurizer = trained(training_data, domain)
    row = featurize(featurizer, "Hello hello zyzzyva")
    assert row.shape == (1, featurizer.dimension)
    assert row[0, featurizer.vocabulary["hello"]] == 2
    assert row[0, -1] == 1  # zyzzyva is out of vocabulary


def test_char_wb_ngrams_stay_within_words(training_data: TrainingData, domain: Domain) -> None:
    featurizer = trained(training_data, domain, analyzer="char_wb", min_ngram=2, max_ngram=3)
    assert featurizer.feature_key == "count_vectors_featurizer_char_wb_2_3"
    assert " he" in featurizer.vocabulary
    assert not any(" " in gram.strip() for gram in featurizer.vocabulary)


def test_word_bigrams(training_data: TrainingData, domain: Domain) -> None:
    featurizer = trained(training_data, domain, min_ngram=1, max_ngram=2)
    assert "good morning" in featurizer.vocabulary


def test_persist_and_load(training_data: TrainingData, domain: Domain, tmp_path: Path) -> None:
    featurizer = trained(training_data, domain, analyzer="char", max_ngram=3)
    featurizer.persist(tmp_path)
    loaded = CountVectorsFeaturizer.load(tmp_path, {})
    assert loaded.options == featurizer.options
    assert loaded.vocabulary == featurizer.vocabulary
    np.testing.assert_array_equal(featurize(loaded, "안녕 hi"), featurize(featurizer, "안녕 hi"))


def test_bad_options() -> None:
    with pytest.raises(NLUOptionsError, match="unknown option 'analyser'.*known: OOV_token"):
        CountVectorsFeaturizer.create({"analyser": "word"})
    with pytest.raises(NLUOptionValueError, match="option 'analyzer': .*'char_wb'.*not 'chars'"):
        CountVectorsFeaturizer.create({"analyzer": "chars"})


def test_hashing_needs_no_vocabulary(training_data: TrainingData, domain: Domain) -> None:
    featurizer = trained(training_data, domain, max_ngram=2, hashing=2**10)
    assert featurizer.vocabulary == {} and featurizer.dimension == 2**10
    assert featurizer.feature_key == "count_vectors_featurizer_word_1_2_h1024"
    row = featurize(featurizer, "hello hello zyzzyva")
    assert row.shape == (1, 1024) and row.sum() == 5  # 3 words, 2 bigrams
    np.testing.assert_array_equal(row, featurize(featurizer, "hello hello zyzzyva"))


def test_morpheme_analyzer_joins_text_and_tag() -> None:
    featurizer = CountVectorsFeaturizer.create({"analyzer": "morpheme", "max_ngram": 2})
    tokens = [Token("커피", 0, 2, tag="NNG"), Token("로", 2, 3, tag="JKB")]
    message = Message(text="커피로", tokens=tokens)
    assert featurizer.ngrams(message) == ["커피/NNG", "로/JKB", "커피/NNG 로/JKB"]
    untagged = Message(text="hi there")
    assert featurizer.ngrams(untagged) == ["hi", "there", "hi there"]


def test_rejects_a_bad_analyzer_or_hashing() -> None:
    bad = CountVectorsFeaturizer.Options(analyzer="chars")  # type: ignore[arg-type]
    with pytest.raises(NLUModelError, match="analyzer must be one of"):
        CountVectorsFeaturizer(bad)  # built by hand: the config path is test_bad_options
    with pytest.raises(NLUModelError, match="hashing"):
        CountVectorsFeaturizer.create({"hashing": 0})
