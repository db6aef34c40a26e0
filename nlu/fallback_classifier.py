"""Replaces an unsure intent with ``nlu_fallback`` (Rasa's FallbackClassifier semantics).

Falls back when the top confidence is below ``threshold``, or when the top two intents are closer
than ``ambiguity_threshold``; ``nlu_fallback`` gets confidence ``threshold`` and heads the ranking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.shared import Domain, IntentPrediction, Message, TrainingData
from nlu._options import OptionsOnly, check_ranges

FALLBACK_INTENT = "nlu_fallback"


class FallbackClassifier(OptionsOnly):
    name: ClassVar[str] = "fallback_classifier"

    @dataclass(frozen=True)
    class Options:
        threshold: float = 0.3
        ambiguity_threshold: float = 0.1

    options: Options

    def __init__(self, options: FallbackClassifier.Options) -> None:
        check_ranges(self.name, options, {"threshold": "unit", "ambiguity_threshold": "unit"})
        super().__init__(options)

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        """Rule-based: nothing to learn."""

    def should_fall_back(self, message: Message) -> bool:
        if message.intent is None:
            return False
        if message.intent.confidence < self.options.threshold:
            return True
        ranking = message.intent_ranking
        if len(ranking) >= 2:
            margin = ranking[0].confidence - ranking[1].confidence
            return margin < self.options.ambiguity_threshold
        return False

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.should_fall_back(message):
                fallback = IntentPrediction(FALLBACK_INTENT, self.options.threshold)
                message.intent = fallback
                message.intent_ranking = [
                    fallback,
                    *(i for i in message.intent_ranking if i.name != FALLBACK_INTENT),
                ]
        return messages
