"""A CRF entity tagger (python-crfsuite) over tokens, with BILOU tags carrying role and group.

Token features: the word lowercased, its prefixes and suffixes (up to four characters; up to three
for its two neighbours), shape, digit and title flags, the same for neighbours within ``window``
tokens, and the regex/lookup patterns covering the token (``Message.data["pattern_matches"]``,
set by the regex featurizer when it runs first). The four-character affixes and the neighbours'
three-character ones were chosen on validation data (BENCHMARKS.md, "entity features").
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import pycrfsuite

from assistant.shared import Domain, Entity, Message, Token, TrainingData
from nlu._bilou import spans_from, tags_for
from nlu._options import build_options, check_ranges, load_options, save_options
from nlu.errors import NLUModelError
from nlu.regex_featurizer import PATTERN_MATCHES
from nlu.tokenizer import tokenize

MODEL_FILE = "crf.model"


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)[:6]


def token_features(
    tokens: list[Token], i: int, matches: dict[int, list[str]], window: int
) -> list[str]:
    """The CRF features of token ``i``: its own and its neighbours' within ``window``."""
    features = ["bias"]
    for offset in range(-window, window + 1):
        j = i + offset
        if j < 0:
            features.append(f"{offset}:BOS")
            continue
        if j >= len(tokens):
            features.append(f"{offset}:EOS")
            continue
        word = tokens[j].text
        low = word.lower()
        features += [
            f"{offset}:low={low}",
            f"{offset}:shape={_shape(word)}",
            f"{offset}:title={word.istitle()}",
            f"{offset}:digit={word.isdigit()}",
        ]
        if abs(offset) <= 1:
            features += [f"{offset}:pre2={low[:2]}", f"{offset}:suf2={low[-2:]}"]
        if abs(offset) == 1:
            features += [f"{offset}:pre3={low[:3]}", f"{offset}:suf3={low[-3:]}"]
        if offset == 0:
            features += [
                f"pre1={low[:1]}",
                f"pre3={low[:3]}",
                f"pre4={low[:4]}",
                f"suf1={low[-1:]}",
                f"suf3={low[-3:]}",
                f"suf4={low[-4:]}",
                f"upper={word.isupper()}",
                f"len={min(len(word), 8)}",
            ]
            features += [f"pattern={name}" for name in matches.get(j, [])]
    return features


def message_features(message: Message, window: int) -> list[list[str]]:
    tokens = message.tokens or tokenize(message.text)
    matches: dict[int, list[str]] = message.data.get(PATTERN_MATCHES, {})
    return [token_features(tokens, i, matches, window) for i in range(len(tokens))]


def _open_tagger(model: bytes) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open_inmemory(model)
    except (ValueError, OSError) as err:
        raise NLUModelError(f"entity_extractor: the CRF model is corrupt: {err}") from err
    return tagger


CRF_RANGES = {
    "max_iterations": "count",
    "window": "non_negative",
    "L1_c": "non_negative",
    "L2_c": "non_negative",
}


class EntityExtractor:
    name: ClassVar[str] = "entity_extractor"

    @dataclass(frozen=True)
    class Options:
        BILOU_flag: bool = True
        max_iterations: int = 50
        L1_c: float = 0.1
        L2_c: float = 0.1
        window: int = 2

    def __init__(self, options: EntityExtractor.Options, model: bytes | None = None) -> None:
        check_ranges(self.name, options, CRF_RANGES)
        self.options = options
        self.model = model
        self._tagger = _open_tagger(model) if model is not None else None

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        self.model, self._tagger = None, None
        if not any(e.entities for e in training_data.examples):
            return
        trainer = pycrfsuite.Trainer(verbose=False)
        for example, message in zip(training_data.examples, training_data.messages, strict=True):
            tokens = message.tokens or tokenize(message.text)
            if not tokens or not example.entities_marked:
                continue
            tags = tags_for(tokens, example.entities, self.options.BILOU_flag)
            trainer.append(message_features(message, self.options.window), tags)
        trainer.set_params(
            {
                "c1": self.options.L1_c,
                "c2": self.options.L2_c,
                "max_iterations": self.options.max_iterations,
                "feature.possible_transitions": True,
            }
        )
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / MODEL_FILE
            trainer.train(str(path))
            model = path.read_bytes()
        self.model, self._tagger = model, _open_tagger(model)

    def process(self, messages: list[Message]) -> list[Message]:
        if self._tagger is None:
            return messages
        for message in messages:
            message.entities = [*message.entities, *self.extract(message)]
        return messages

    def extract(self, message: Message) -> list[Entity]:
        assert self._tagger is not None
        tokens = message.tokens or tokenize(message.text)
        if not tokens:
            return []
        tags = self._tagger.tag(message_features(message, self.options.window))
        entities = []
        for span in spans_from(tags):
            confidence = min(
                self._tagger.marginal(tags[i], i) for i in range(span.first, span.last + 1)
            )
            start, end = tokens[span.first].start, tokens[span.last].end
            entities.append(
                Entity(
                    entity=span.label.entity,
                    value=message.text[start:end],
                    start=start,
                    end=end,
                    role=span.label.role,
                    group=span.label.group,
                    confidence=float(confidence),
                    extractor=self.name,
                )
            )
        return entities

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        if self.model is not None:
            (directory / MODEL_FILE).write_bytes(self.model)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        path = directory / MODEL_FILE
        return cls(opts, path.read_bytes() if path.exists() else None)
