"""Maps extracted entity values to canonical ones: ``NYC`` -> ``New York``.

Synonyms come from the data's ``synonym:`` blocks and from annotated examples whose value differs
from their text (``[NYC](city:New York)``). Lookup is on the lowercased surface text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.shared import Domain, Message, TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json

SYNONYMS_FILE = "synonyms.json"


class EntitySynonymMapper:
    name: ClassVar[str] = "entity_synonym_mapper"

    @dataclass(frozen=True)
    class Options:
        pass

    def __init__(
        self, options: EntitySynonymMapper.Options, synonyms: dict[str, str] | None = None
    ) -> None:
        self.options = options
        self.synonyms: dict[str, str] = synonyms or {}

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        synonyms = {str(k).lower(): str(v) for k, v in training_data.synonyms.items()}
        for example in training_data.examples:
            for entity in example.entities:
                if entity.start is None or entity.end is None:
                    continue
                surface = example.text[entity.start : entity.end]
                if isinstance(entity.value, str) and entity.value != surface:
                    synonyms[surface.lower()] = entity.value
        self.synonyms = synonyms

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.synonyms:
            return messages
        for message in messages:
            message.entities = [
                dataclasses.replace(e, value=self.synonyms[str(e.value).lower()], text=str(e.value))
                if str(e.value).lower() in self.synonyms
                and self.synonyms[str(e.value).lower()] != e.value
                else e
                for e in message.entities
            ]
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        write_json(directory / SYNONYMS_FILE, dict(sorted(self.synonyms.items())))

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        data = read_json(cls.name, directory / SYNONYMS_FILE)
        return cls(opts, {str(k): str(v) for k, v in data.items()})
