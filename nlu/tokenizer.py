"""Whitespace and punctuation tokenizer: ``Message.tokens`` with spans into the original text.

Words keep inner joiners, so "3.5", "e-mail", "don't" and "hi@x.com" stay one token; other
punctuation is dropped; symbols such as emojis become tokens of their own. Any script whose
letters are ``\\w`` (Hangul, CJK, Cyrillic, ...) is split the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from assistant.shared import Domain, Message, Token, TrainingData
from nlu._options import OptionsOnly

_TOKEN = re.compile(r"\w+(?:[.,\-'’@/:]\w+)*|[^\w\s]")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and symbol tokens; punctuation marks are dropped."""
    tokens = []
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if len(piece) == 1 and unicodedata.category(piece).startswith("P"):
            continue
        tokens.append(Token(text=piece, start=match.start(), end=match.end()))
    return tokens


class WhitespaceTokenizer(OptionsOnly):
    name: ClassVar[str] = "whitespace_tokenizer"

    @dataclass(frozen=True)
    class Options:
        # Accepted for Rasa config compatibility; intents are never split here.
        intent_tokenization_flag: bool = False
        intent_split_symbol: str = "_"
        token_pattern: str | None = None

    options: Options

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        """Rule-based: nothing to learn."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            message.tokens = tokenize(message.text)
        return messages
