"""The message that flows through the NLU pipeline, and the entities found in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entity:
    """An entity found in (or annotated on) a text; ``start``/``end`` are character offsets."""

    entity: str
    value: Any
    start: int | None = None
    end: int | None = None
    role: str | None = None
    group: str | None = None
    confidence: float | None = None
    extractor: str | None = None
    text: str | None = None  # the surface text, when ``value`` was mapped (a synonym)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"entity": self.entity, "value": self.value}
        for key in ("start", "end", "role", "group", "extractor"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        if self.confidence is not None:
            out["confidence_entity"] = self.confidence
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            entity=str(data["entity"]),
            value=data.get("value"),
            start=data.get("start"),
            end=data.get("end"),
            role=data.get("role"),
            group=data.get("group"),
            confidence=data.get("confidence_entity", data.get("confidence")),
            extractor=data.get("extractor"),
        )


@dataclass(frozen=True)
class Token:
    """A token with its character span in the original text (``lemma`` may hold a morpheme tag)."""

    text: str
    start: int
    end: int
    lemma: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class IntentPrediction:
    name: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "confidence": float(self.confidence)}


@dataclass(frozen=True)
class RetrievalPrediction:
    """A response selector / FAQ answer for a retrieval intent such as ``faq/ask_rules``."""

    retrieval_intent: str  # e.g. "faq"
    intent_response_key: str  # e.g. "faq/ask_rules"
    confidence: float
    response_name: str  # e.g. "utter_faq/ask_rules"
    text: str | None = None


@dataclass
class Message:
    """One text passing through NLU. The one mutable object: each component sets only its fields.

    ``features`` maps a featurizer's name to its output (a sparse row or a dense vector);
    ``data`` is free for components to share intermediate results within one pipeline run.
    """

    text: str
    intent: IntentPrediction | None = None
    intent_ranking: list[IntentPrediction] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    language: str | None = None
    retrieval: dict[str, RetrievalPrediction] = field(default_factory=dict)
    features: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    def parse_data(self) -> dict[str, Any]:
        """The Rasa ``parse_data`` JSON shape (what ``/model/parse`` and ``UserUttered`` carry)."""
        out: dict[str, Any] = {
            "text": self.text,
            "intent": self.intent.to_dict() if self.intent else {"name": None, "confidence": 0.0},
            "entities": [e.to_dict() for e in self.entities],
            "intent_ranking": [i.to_dict() for i in self.intent_ranking],
        }
        if self.language:
            out["language"] = self.language
        if self.retrieval:
            out["response_selector"] = {
                key: {
                    "response": {
                        "intent_response_key": r.intent_response_key,
                        "confidence": r.confidence,
                        "utter_action": r.response_name,
                        "responses": [{"text": r.text}] if r.text else [],
                    }
                }
                for key, r in self.retrieval.items()
            }
        return out
