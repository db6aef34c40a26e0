"""NLU training data: annotated examples, synonyms, regexes, lookup tables, retrieval responses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.shared.message import Entity, Message


@dataclass(frozen=True)
class SourceLocation:
    """Where something came from, for error messages: ``data/nlu.yml:42``."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class TrainingExample:
    """One annotated utterance. ``text`` is the plain text (annotations removed).

    ``entities_marked`` is False for an example nobody annotated for entities (one a pipeline
    component made up, such as an intent's name read as words): entity taggers skip it rather
    than learn its every token as outside any entity."""

    text: str
    intent: str | None
    entities: tuple[Entity, ...] = ()
    source: SourceLocation | None = None
    entities_marked: bool = True

    @property
    def retrieval_intent(self) -> str | None:
        """``faq`` for ``faq/ask_rules``; None for an ordinary intent."""
        if self.intent and "/" in self.intent:
            return self.intent.split("/", 1)[0]
        return None

    @property
    def base_intent(self) -> str | None:
        """The intent the dialogue sees: ``faq`` for ``faq/ask_rules``."""
        return self.retrieval_intent or self.intent


@dataclass(frozen=True)
class RegexFeature:
    name: str
    pattern: str


@dataclass(frozen=True)
class LookupTable:
    name: str
    elements: tuple[str, ...]


@dataclass
class TrainingData:
    """All NLU data of a project, merged from every file under ``data/``."""

    examples: list[TrainingExample] = field(default_factory=list)
    synonyms: dict[str, str] = field(default_factory=dict)  # surface text (lowercased) -> value
    regexes: list[RegexFeature] = field(default_factory=list)
    lookups: list[LookupTable] = field(default_factory=list)
    # retrieval responses, e.g. {"utter_faq/ask_rules": ["Each team has ..."]}
    responses: dict[str, list[str]] = field(default_factory=dict)
    language: str = "en"
    # Filled by the NLU pipeline while training: ``messages[i]`` is ``examples[i]`` after every
    # earlier component's ``process`` ran on it (tokens, features), so a component trains on the
    # same features it will see when serving. Empty outside training.
    messages: list[Message] = field(default_factory=list)

    def merge(self, other: TrainingData) -> TrainingData:
        return TrainingData(
            examples=[*self.examples, *other.examples],
            synonyms={**self.synonyms, **other.synonyms},
            regexes=[*self.regexes, *other.regexes],
            lookups=[*self.lookups, *other.lookups],
            responses={**self.responses, **other.responses},
            language=self.language,
        )

    @property
    def intent_examples(self) -> list[TrainingExample]:
        return [e for e in self.examples if e.intent]

    @property
    def intents(self) -> list[str]:
        """Sorted base intents (retrieval intents collapsed to their prefix)."""
        return sorted({e.base_intent for e in self.examples if e.base_intent})

    @property
    def entity_types(self) -> list[str]:
        return sorted({ent.entity for e in self.examples for ent in e.entities})

    @property
    def retrieval_intents(self) -> list[str]:
        return sorted({e.retrieval_intent for e in self.examples if e.retrieval_intent})

    def filter(self, keep: Iterable[TrainingExample]) -> TrainingData:
        """A copy with only the given examples (for cross-validation folds)."""
        return TrainingData(
            examples=list(keep),
            synonyms=dict(self.synonyms),
            regexes=list(self.regexes),
            lookups=list(self.lookups),
            responses=dict(self.responses),
            language=self.language,
        )

    @property
    def is_empty(self) -> bool:
        return not self.examples
