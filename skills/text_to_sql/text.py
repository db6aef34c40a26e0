"""Question text as the parser sees it: Kiwi morphemes with spans, compact forms, numbers.

Korean questions are split into morphemes by ``nlu``'s ``KoreanTokenizer`` (kiwipiepy), so
"서울FC가" gives ``서울 FC 가`` and the value stays a slice of the question; other text is split
on whitespace and punctuation. Matching names and values uses *compact* forms, lowercase and
without spaces, so "사우스오스트레일리아" finds "사우스 오스트레일리아".
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from assistant.shared import Token
from nlu.korean_tokenizer import KoreanTokenizer

_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:,\d{3})*(?:\.\d+)?")
_SKIPPED = re.compile(r"[\s'\"`?!.,·()\[\]]")
MAX_QUESTION_CHARS = 300

_lock = threading.Lock()
_tokenizer: KoreanTokenizer | None = None


def _korean_tokenizer() -> KoreanTokenizer:
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            _tokenizer = KoreanTokenizer.create({})
        return _tokenizer


def clean(text: str) -> str:
    """NFKC, one line, at most ``MAX_QUESTION_CHARS`` characters."""
    text = unicodedata.normalize("NFKC", text).replace("\n", " ").strip()
    return text[:MAX_QUESTION_CHARS]


def tokenize(text: str) -> list[Token]:
    return _korean_tokenizer().tokenize(text)


@lru_cache(maxsize=4096)
def tokenize_name(text: str) -> tuple[str, ...]:
    """Lowercased morphemes of a column or table name (cached: names repeat)."""
    return tuple(t.text.lower() for t in tokenize(text))


def compact(text: str) -> tuple[str, list[int]]:
    """``text`` lowercased without spaces and quotes, and each kept character's position."""
    kept, positions = [], []
    for i, ch in enumerate(text.lower()):
        if not _SKIPPED.match(ch):
            kept.append(ch)
            positions.append(i)
    return "".join(kept), positions


def compact_form(text: str) -> str:
    return compact(text)[0]


def numbers(text: str) -> list[tuple[float, int, int]]:
    """Each number written with digits: value, start, end."""
    found = []
    for match in _NUMBER.finditer(text):
        found.append((float(match.group().replace(",", "")), match.start(), match.end()))
    return found


def char_bigrams(text: str) -> set[str]:
    squeezed = compact_form(text)
    return {squeezed[i : i + 2] for i in range(len(squeezed) - 1)} or {squeezed}


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
