"""Entities found by the data's regexes and lookup tables named like an entity.

Rasa's RegexEntityExtractor semantics: a pattern is used when its name is an entity of the
training data (or the domain); every match becomes an entity with confidence 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.shared import Domain, Entity, Message, TrainingData
from nlu._patterns import PatternComponent


class RegexEntityExtractor(PatternComponent):
    name: ClassVar[str] = "regex_entity_extractor"

    @dataclass(frozen=True)
    class Options:
        case_sensitive: bool = False
        use_lookup_tables: bool = True
        use_regexes: bool = True
        use_word_boundaries: bool = True

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        self.learn_patterns(
            training_data, set(training_data.entity_types) | set(domain.entity_names)
        )

    def extract(self, text: str) -> list[Entity]:
        found = []
        for pattern, regex in self.compiled():
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
