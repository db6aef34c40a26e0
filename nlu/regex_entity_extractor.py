"""Entities found by the data's regexes and lookup tables named like an entity.

Rasa's RegexEntityExtractor semantics: a pattern is used when its name is an entity of the
training data (or the domain); every match becomes an entity with confidence 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.shared import Domain, Entity, Message, TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu._patterns import Pattern, compile_patterns, extract_patterns

PATTERNS_FILE = "patterns.json"


class RegexEntityExtractor:
    name: ClassVar[str] = "regex_entity_extractor"

    @dataclass(frozen=True)
    class Options:
        case_sensitive: bool = False
        use_lookup_tables: bool = True
        use_regexes: bool = True
        use_word_boundaries: bool = True

    def __init__(self, options: RegexEntityExtractor.Options, patterns: list[Pattern]) -> None:
        self.options = options
        self.patterns = patterns
        self._compiled = compile_patterns(self.name, patterns, options.case_sensitive)

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options), [])

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        o = self.options
        entities = set(training_data.entity_types) | set(domain.entity_names)
        self.patterns = extract_patterns(
            training_data, o.use_regexes, o.use_lookup_tables, o.use_word_boundaries, entities
        )
        self._compiled = compile_patterns(self.name, self.patterns, o.case_sensitive)

    def extract(self, text: str) -> list[Entity]:
        found = []
        for pattern, regex in zip(self.patterns, self._compiled, strict=True):
            for match in regex.finditer(text):
                if match.end() > match.start():
                    found.append(
                        Entity(
                            entity=pattern.name,
                            value=match.group(),
                            start=match.start(),
                            end=match.end(),
                            confidence=1.0,
                            extractor=self.name,
                        )
                    )
        return sorted(found, key=lambda e: (e.start or 0, e.end or 0, e.entity))

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.patterns:
            return messages
        for message in messages:
            message.entities = [*message.entities, *self.extract(message.text)]
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        write_json(directory / PATTERNS_FILE, [p.to_json() for p in self.patterns])

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        data = read_json(cls.name, directory / PATTERNS_FILE)
        return cls(opts, [Pattern.from_json(p) for p in data])
