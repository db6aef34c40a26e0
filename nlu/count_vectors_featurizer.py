"""Bag-of-n-grams features: word n-grams over tokens, or character n-grams over the text.

Each message gets one sparse CSR row in ``Message.features[self.feature_key]`` with one column
per n-gram of the vocabulary learnt in ``train`` plus a last out-of-vocabulary column; with
``hashing: N``, N columns indexed by a stable hash of the n-gram (no vocabulary, no OOV column).

``analyzer: morpheme`` reads the tokens as morphemes with their part-of-speech tags
(``korean_tokenizer`` sets ``Token.tag``): each token becomes ``text/TAG``, and n-grams run over
those; a token without a tag is its text alone.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, Self

import numpy as np
import scipy.sparse as sp

from assistant.shared import Domain, Message, TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu.errors import NLUModelError
from nlu.tokenizer import tokenize

Analyzer = Literal["word", "char", "char_wb", "morpheme"]
ANALYZERS = ("word", "char", "char_wb", "morpheme")
VOCABULARY_FILE = "vocabulary.json"


class CountVectorsFeaturizer:
    name: ClassVar[str] = "count_vectors_featurizer"

    @dataclass(frozen=True)
    class Options:
        analyzer: Analyzer = "word"
        min_ngram: int = 1
        max_ngram: int = 1
        lowercase: bool = True
        min_df: int = 1
        max_features: int | None = None
        hashing: int | None = None  # N: hash n-grams into N columns instead of a vocabulary
        OOV_token: str | None = None  # accepted for Rasa compatibility; OOV has its own column
        use_shared_vocab: bool = False  # accepted for Rasa compatibility

    def __init__(self, options: Options, vocabulary: dict[str, int] | None = None) -> None:
        if options.analyzer not in ANALYZERS:
            raise NLUModelError(
                f"{self.name}: analyzer must be one of {', '.join(ANALYZERS)}, "
                f"not {options.analyzer!r}"
            )
        if options.hashing is not None and options.hashing < 1:
            raise NLUModelError(f"{self.name}: hashing must be a positive number of columns")
        if not 1 <= options.min_ngram <= options.max_ngram:
            raise NLUModelError(
                f"{self.name}: need 1 <= min_ngram <= max_ngram, got "
                f"{options.min_ngram} and {options.max_ngram}"
            )
        self.options = options
        self.vocabulary: dict[str, int] = vocabulary or {}

    @property
    def feature_key(self) -> str:
        o = self.options
        hashed = f"_h{o.hashing}" if o.hashing is not None else ""
        return f"{self.name}_{o.analyzer}_{o.min_ngram}_{o.max_ngram}{hashed}"

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def ngrams(self, message: Message) -> list[str]:
        """The n-grams of one message, in text order (word n-grams joined by a space)."""
        o = self.options
        tokens = [t.text for t in (message.tokens or tokenize(message.text))]
        text = message.text
        if o.lowercase:
            tokens = [t.lower() for t in tokens]
            text = text.lower()
        if o.analyzer == "morpheme":
            tags = [t.tag for t in (message.tokens or [])] or [None] * len(tokens)
            tokens = [f"{t}/{tag}" if tag else t for t, tag in zip(tokens, tags, strict=True)]
        out: list[str] = []
        if o.analyzer in ("word", "morpheme"):
            for n in range(o.min_ngram, o.max_ngram + 1):
                out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
            return out
        pieces = [f" {t} " for t in tokens] if o.analyzer == "char_wb" else [" ".join(text.split())]
        for piece in pieces:
            for n in range(o.min_ngram, o.max_ngram + 1):
                out.extend(piece[i : i + n] for i in range(len(piece) - n + 1))
        return out

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        if self.options.hashing is not None:
            return  # hashed columns need no vocabulary
        messages = training_data.messages or [Message(text=e.text) for e in training_data.examples]
        document_frequency: Counter[str] = Counter()
        for message in messages:
            document_frequency.update(set(self.ngrams(message)))
        kept = [g for g, df in document_frequency.items() if df >= self.options.min_df]
        if self.options.max_features is not None:
            kept.sort(key=lambda g: (-document_frequency[g], g))
            kept = kept[: self.options.max_features]
        self.vocabulary = {g: i for i, g in enumerate(sorted(kept))}

    @property
    def dimension(self) -> int:
        if self.options.hashing is not None:
            return self.options.hashing
        return len(self.vocabulary) + 1  # the last column counts out-of-vocabulary n-grams

    def featurize(self, message: Message) -> sp.csr_matrix:
        counts: Counter[int] = Counter()
        hashing = self.options.hashing
        if hashing is not None:
            for gram in self.ngrams(message):  # crc32: stable across runs, unlike hash()
                counts[zlib.crc32(gram.encode("utf-8")) % hashing] += 1
        else:
            oov = len(self.vocabulary)
            for gram in self.ngrams(message):
                counts[self.vocabulary.get(gram, oov)] += 1
        columns = sorted(counts)
        values = np.array([counts[c] for c in columns], dtype=np.float32)
        indptr = np.array([0, len(columns)])
        return sp.csr_matrix(
            (values, np.array(columns, dtype=np.int64), indptr), shape=(1, self.dimension)
        )

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            message.features[self.feature_key] = self.featurize(message)
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        grams = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        write_json(directory / VOCABULARY_FILE, grams)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        grams = read_json(cls.name, directory / VOCABULARY_FILE)
        return cls(opts, {str(g): i for i, g in enumerate(grams)})
