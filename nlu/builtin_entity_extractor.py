"""Entities every assistant needs, found without training and without a server.

An offline stand-in for Duckling's common dimensions, so Rasa projects that use
``DucklingEntityExtractor`` run unchanged: ``number`` (digits, English and Korean number words),
``ordinal``, ``email``, ``url``, ``phone-number`` and ``amount-of-money``. Entities are named after
the dimension, as Duckling's are. Dates and durations are not read (``time``, ``duration``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from assistant.shared import Domain, Entity, Message, TrainingData
from nlu._numbers import (
    EN_NUMBER,
    EN_ORDINAL,
    EN_ORDINALS,
    KO_NATIVE_NUMBER,
    KO_SINO_NUMBER,
    english_words_value,
    korean_native_value,
    korean_sino_value,
)
from nlu._options import OptionsOnly

logger = logging.getLogger(__name__)

DIMENSIONS = ("number", "ordinal", "email", "url", "phone-number", "amount-of-money")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,!?)]", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{4}\b"
)
DIGITS = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.])-?\d+(?:\.\d+)?")
ORDINAL_DIGITS = re.compile(
    r"\b(\d+)(?:st|nd|rd|th)\b|(?<![\d])(\d+)\s*(?:번째|등|위)", re.IGNORECASE
)
CURRENCY_BEFORE = re.compile(r"([$€£₩¥])\s?(\d[\d,]*(?:\.\d+)?)")
CURRENCY_AFTER = re.compile(
    r"(\d[\d,]*(?:\.\d+)?)\s?(dollars?|usd|euros?|eur|pounds?|gbp|won|krw|원|달러|유로|엔)(?![a-z])",
    re.IGNORECASE,
)
UNITS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₩": "KRW",
    "¥": "JPY",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "won": "KRW",
    "krw": "KRW",
    "원": "KRW",
    "달러": "USD",
    "유로": "EUR",
    "엔": "JPY",
}


def _number(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


class BuiltinEntityExtractor(OptionsOnly):
    name: ClassVar[str] = "builtin_entity_extractor"

    @dataclass(frozen=True)
    class Options:
        dimensions: list[str] | None = None  # None: all supported dimensions
        # Duckling's connection settings, accepted so Rasa configs load unchanged
        url: str | None = None
        locale: str | None = None
        timezone: str | None = None
        timeout: float | None = None
        reference_time: str | None = None
        unsupported: list[str] = field(default_factory=list)

    options: Options

    def __init__(self, options: BuiltinEntityExtractor.Options) -> None:
        self.options = options
        wanted = options.dimensions or list(DIMENSIONS)
        self.dimensions = [d for d in wanted if d in DIMENSIONS]
        missing = [d for d in wanted if d not in DIMENSIONS]
        if missing:
            logger.warning(
                "%s: dimension(s) %s are not available offline and are skipped",
                self.name,
                ", ".join(missing),
            )

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        return None

    def extract(self, text: str) -> list[Entity]:
        found: list[Entity] = []
        taken: list[tuple[int, int]] = []

        def add(dim: str, start: int, end: int, value: Any) -> None:
            if any(s < end and start < e for s, e in taken):
                return
            taken.append((start, end))
            found.append(
                Entity(
                    entity=dim,
                    value=value,
                    start=start,
                    end=end,
                    confidence=1.0,
                    extractor=self.name,
                )
            )

        dims = set(self.dimensions)
        if "email" in dims:
            for m in EMAIL.finditer(text):
                add("email", m.start(), m.end(), m.group())
        if "url" in dims:
            for m in URL.finditer(text):
                add("url", m.start(), m.end(), m.group())
        if "phone-number" in dims:
            for m in PHONE.finditer(text):
                add("phone-number", m.start(), m.end(), m.group())
        if "amount-of-money" in dims:
            for m in CURRENCY_BEFORE.finditer(text):
                add("amount-of-money", m.start(), m.end(), _number(m.group(2)))
            for m in CURRENCY_AFTER.finditer(text):
                add("amount-of-money", m.start(), m.end(), _number(m.group(1)))
        if "ordinal" in dims:
            for m in ORDINAL_DIGITS.finditer(text):
                add("ordinal", m.start(), m.end(), int(m.group(1) or m.group(2)))
            for m in EN_ORDINAL.finditer(text):
                add("ordinal", m.start(), m.end(), EN_ORDINALS[m.group(1).lower()])
        if "number" in dims:
            for m in DIGITS.finditer(text):
                add("number", m.start(), m.end(), _number(m.group()))
            for m in EN_NUMBER.finditer(text):
                value = english_words_value(m.group())
                if value is not None:
                    add("number", m.start(), m.end(), value)
            for regex, read in (
                (KO_NATIVE_NUMBER, korean_native_value),
                (KO_SINO_NUMBER, korean_sino_value),
            ):
                for m in regex.finditer(text):
                    value = read(m.group(1))
                    if value is not None:
                        add("number", m.start(1), m.end(1), value)
        return sorted(found, key=lambda e: (e.start or 0, e.entity))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            message.entities = [*message.entities, *self.extract(message.text)]
        return messages
