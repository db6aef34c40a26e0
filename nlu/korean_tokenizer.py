"""Korean morphemes with kiwipiepy, so entities glued to particles keep exact spans.

``[아메리카노](drink)로`` annotates characters 0..5 of ``아메리카노로``; a whitespace token would
be the whole word, but Kiwi's morphemes ``아메리카노/NNG 로/JKB`` put a boundary at 5, so the
entity tagger can learn it. Morphemes whose surface overlaps (``끝나/VV 었/EP`` inside ``끝났``)
or is empty are merged, so every token is a slice of the original text. Text without Hangul
is tokenized like ``whitespace_tokenizer``. Each message's language is detected from its script.

Kiwi can still read an entity and its particle as one word (``광주요`` as a proper noun,
``이번 주요`` as "this main"). So training holds annotated spans fixed: each word of an entity
is passed to Kiwi as a pre-tokenized span, and the annotation always maps to whole tokens and back
to its exact characters. The one-word Hangul entity values of the training data also become user
words of Kiwi (saved with the model), so at prediction time ``광주요`` splits into ``광주 요``.

Kiwi takes a couple of seconds to start; it is loaded in a background thread as soon as the
component is built, so loading a model and starting Kiwi overlap.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.shared import Domain, Message, Token, TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu.errors import NLUModelError
from nlu.tokenizer import tokenize

logger = logging.getLogger(__name__)
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_LETTER = re.compile(r"[^\W\d_]")
_PUNCTUATION_TAGS = {"SF", "SP", "SS", "SSO", "SSC", "SE", "SO"}
WORDS_FILE = "user_words.json"


def detect_language(text: str, default: str) -> str | None:
    """``ko`` when Hangul makes up at least a quarter of the letters, else ``en`` (or the
    default when that is not Korean); None for a text without letters ("3:1", "👍")."""
    letters = _LETTER.findall(text)
    if not letters:
        return None
    hangul = sum(1 for ch in letters if _HANGUL.match(ch))
    return "ko" if hangul / len(letters) >= 0.25 else ("en" if default == "ko" else default)


class _KiwiLoader:
    """Starts Kiwi in a thread; ``get`` waits for it."""

    def __init__(self, options: KoreanTokenizer.Options, words: Sequence[str] = ()) -> None:
        self._kiwi: Any = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._load, args=(options, words), daemon=True)
        self._thread.start()

    def _load(self, options: KoreanTokenizer.Options, words: Sequence[str]) -> None:
        try:
            from kiwipiepy import Kiwi  # type: ignore[import-untyped]

            kiwi = Kiwi(
                num_workers=-1,
                model_path=options.model_path,
                model_type=options.model_type,
                load_default_dict=options.load_default_dict,
                load_typo_dict=options.load_typo_dict,
                load_multi_dict=options.load_multi_dict,
            )
            for word in words:
                kiwi.add_user_word(word, "NNP", 0.0)
            kiwi.tokenize("준비")  # the first call builds lazy tables; pay for it here
            self._kiwi = kiwi
        except Exception as err:  # reported when first used
            self._error = err

    def get(self) -> Any:
        self._thread.join()
        if self._kiwi is None:
            raise NLUModelError(f"korean_tokenizer: kiwipiepy could not start: {self._error}")
        return self._kiwi


def _merge_morphemes(text: str, morphemes: list[tuple[str, int, int]]) -> list[Token]:
    """Tokens that are slices of ``text``: overlapping or empty morphemes are joined."""
    spans: list[list[Any]] = []  # [start, end, tags]
    for tag, start, end in morphemes:
        if start >= end:
            continue  # an empty morpheme (a restored copula or ending) has no surface
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
            spans[-1][2].append(tag)
        else:
            spans.append([start, end, [tag]])
    tokens = []
    for start, end, tags in spans:
        piece = text[start:end]
        if all(t in _PUNCTUATION_TAGS for t in tags) and not any(ch.isalnum() for ch in piece):
            continue  # punctuation is dropped, as whitespace_tokenizer does
        tokens.append(Token(text=piece, start=start, end=end, tag="+".join(tags)))
    return tokens


class KoreanTokenizer:
    name: ClassVar[str] = "korean_tokenizer"

    @dataclass(frozen=True)
    class Options:
        model_path: str | None = None  # a Kiwi model folder; default: the kiwipiepy-model package
        model_type: str = "none"  # Kiwi's language model: none (fastest), cong, cong-global
        language: str = "ko"  # the language assumed when a text has no letters
        # Kiwi's dictionaries: proper nouns on; typo correction and multi-word entries off
        # (they triple start-up time and rarely change a morpheme boundary)
        load_default_dict: bool = True
        load_typo_dict: bool = False
        load_multi_dict: bool = False

    def __init__(self, options: KoreanTokenizer.Options, words: Sequence[str] = ()) -> None:
        self.options = options
        self.words = sorted(set(words))  # entity values known to Kiwi as proper nouns
        self._kiwi = _KiwiLoader(options, self.words)

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        """Learns the entity values as user words, and tokenizes the training messages with
        their annotated spans held fixed (``process``, which runs next, keeps those tokens and
        sets each message's language)."""
        values = {
            e.value
            for example in training_data.examples
            for e in example.entities
            if isinstance(e.value, str) and _HANGUL.search(e.value) and e.value.isalnum()
        }
        new = sorted(values - set(self.words))
        if new:
            kiwi = self._kiwi.get()
            for word in new:
                kiwi.add_user_word(word, "NNP", 0.0)
            self.words = sorted({*self.words, *new})
        pairs = zip(training_data.examples, training_data.messages, strict=False)
        for example, message in pairs:
            spans = [
                (e.start, e.end)
                for e in example.entities
                if e.start is not None and e.end is not None
            ]
            message.tokens = self.tokenize(message.text, spans)

    def tokenize(self, text: str, entities: Sequence[tuple[int, int]] = ()) -> list[Token]:
        """Morphemes as slices of ``text``; each word of each ``entities`` span (start, end)
        stays one token, so those spans start and end on token boundaries."""
        if not _HANGUL.search(text):
            return tokenize(text)
        fixed = [
            (start + word.start(), start + word.end())
            for start, end in entities
            for word in re.finditer(r"\S+", text[start:end])
        ]
        analysed = self._kiwi.get().tokenize(text, pretokenized=fixed or None)
        morphemes = [(m.tag, m.start, m.start + m.len) for m in analysed]
        return _merge_morphemes(text, morphemes)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not message.tokens:
                message.tokens = self.tokenize(message.text)
            message.language = detect_language(message.text, self.options.language)
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        write_json(directory / WORDS_FILE, self.words)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        path = directory / WORDS_FILE
        words = [str(w) for w in read_json(cls.name, path)] if path.exists() else []
        return cls(opts, words)
