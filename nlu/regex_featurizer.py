"""One binary sentence feature per regex and lookup table of the training data.

Also records which tokens each pattern covers in ``Message.data["pattern_matches"]`` (token
index -> pattern names), which the CRF entity extractor reads as token features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import scipy.sparse as sp

from assistant.shared import Domain, Message, TrainingData
from nlu._patterns import PatternComponent

PATTERN_MATCHES = "pattern_matches"


class RegexFeaturizer(PatternComponent):
    name: ClassVar[str] = "regex_featurizer"
    feature_key: ClassVar[str] = "regex_featurizer"

    @dataclass(frozen=True)
    class Options:
        case_sensitive: bool = True
        use_word_boundaries: bool = True
        use_lookup_tables: bool = True
        use_regexes: bool = True
        number_additional_patterns: int | None = None  # accepted for Rasa compatibility

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        self.learn_patterns(training_data, None)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.patterns:
            return messages
        for message in messages:
            row = np.zeros(len(self.patterns), dtype=np.float32)
            matches: dict[int, list[str]] = {}
            for k, (pattern, regex) in enumerate(self.compiled()):
                for span in _spans(regex, message.text):
                    row[k] = 1.0
                    for i, token in enumerate(message.tokens):
                        if token.start < span[1] and span[0] < token.end:
                            matches.setdefault(i, []).append(pattern.name)
            message.features[self.feature_key] = sp.csr_matrix(row.reshape(1, -1))
            message.data[PATTERN_MATCHES] = matches
        return messages


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text) if m.end() > m.start()]
