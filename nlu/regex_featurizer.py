"""One binary sentence feature per regex and lookup table of the training data.

Also records which tokens each pattern covers in ``Message.data["pattern_matches"]`` (token
index -> pattern names), which the CRF entity extractor reads as token features.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np
import scipy.sparse as sp

from assistant.shared import Domain, Message, TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu._patterns import Pattern, compile_patterns, extract_patterns

PATTERNS_FILE = "patterns.json"
PATTERN_MATCHES = "pattern_matches"


class RegexFeaturizer:
    name: ClassVar[str] = "regex_featurizer"
    feature_key: ClassVar[str] = "regex_featurizer"

    @dataclass(frozen=True)
    class Options:
        case_sensitive: bool = True
        use_word_boundaries: bool = True
        use_lookup_tables: bool = True
        use_regexes: bool = True
        number_additional_patterns: int | None = None  # accepted for Rasa compatibility

    def __init__(self, options: RegexFeaturizer.Options, patterns: list[Pattern]) -> None:
        self.options = options
        self.patterns = patterns
        self._compiled = compile_patterns(self.name, patterns, options.case_sensitive)

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options), [])

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        o = self.options
        self.patterns = extract_patterns(
            training_data, o.use_regexes, o.use_lookup_tables, o.use_word_boundaries
        )
        self._compiled = compile_patterns(self.name, self.patterns, o.case_sensitive)

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.patterns:
            return messages
        for message in messages:
            row = np.zeros(len(self.patterns), dtype=np.float32)
            matches: dict[int, list[str]] = {}
            for k, (pattern, regex) in enumerate(zip(self.patterns, self._compiled, strict=True)):
                for span in _spans(regex, message.text):
                    row[k] = 1.0
                    for i, token in enumerate(message.tokens):
                        if token.start < span[1] and span[0] < token.end:
                            matches.setdefault(i, []).append(pattern.name)
            message.features[self.feature_key] = sp.csr_matrix(row.reshape(1, -1))
            message.data[PATTERN_MATCHES] = matches
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        write_json(directory / PATTERNS_FILE, [p.to_json() for p in self.patterns])

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        data = read_json(cls.name, directory / PATTERNS_FILE)
        return cls(opts, [Pattern.from_json(p) for p in data])


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text) if m.end() > m.start()]
