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

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
# a number with Korean units: "30만", "2천", "3억", "1억 5천만", "3만5천" ("만큼" is no unit)
_UNIT = r"(?:[십백천]?[만억조](?!큼)|[천백])"
_NUMBER = re.compile(
    rf"(?<![\w.])-?(?:{_DIGITS}{_UNIT}(?:\s?{_DIGITS}{_UNIT})*(?:\s?\d+(?![\d,.]))?|{_DIGITS})"
)
_PART = re.compile(rf"({_DIGITS})({_UNIT})?")
_UNITS = {"십": 10, "백": 100, "천": 1000, "만": 10**4, "억": 10**8, "조": 10**12}
_SKIPPED = re.compile(r"[\s'\"`?!.,·()\[\]]")
MAX_QUESTION_CHARS = 300
# native numerals as they stand before a counter: 한 개, 두 곳, 세 명 ... 열 권
NATIVE = ("한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열")
_COUNTERS = "개|곳|명|권|편|건|번|마리|가지|군데|팀|채|대|장"  # after a count
_COUNTED = re.compile(
    rf"(?<![\w])({'|'.join(sorted(NATIVE, key=len, reverse=True))})\s?(?:{_COUNTERS})"
    r"(?=[^가-힣]|$|만|씩|이|가|을|를|은|는|의|에|로|쯤|까지|요)"
)

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
    """Each number written with digits, Korean units read: value, start, end.

    "1,500" is 1500, "30만원" 300000, "2천" 2000, "1억 5천만" 150000000; a run of parts whose
    units do not fall ("15만 20만") is one number per part.
    """
    found: list[tuple[float, int, int]] = []
    for match in _NUMBER.finditer(text):
        sign = -1.0 if match.group().startswith("-") else 1.0
        total, last, start = 0.0, float("inf"), match.start()
        for part in _PART.finditer(match.group()):
            scale = _scale(part.group(2) or "")
            if scale >= last:  # units rise again: the run held two numbers
                found.append((_rounded(sign * total), start, match.start() + part.start()))
                total, start, sign = 0.0, match.start() + part.start(), 1.0
            total += float(part.group(1).replace(",", "")) * scale
            last = scale
        found.append((_rounded(sign * total), start, match.end()))
    return [(v, s, _trimmed(text, s, e)) for v, s, e in found]


def counted(text: str) -> list[tuple[int, int, int]]:
    """Each count said with a native Korean numeral and a counter ("두 곳", "세 개만", "다섯
    명"): value, start, end. Digits are ``numbers``' to read."""
    return [(NATIVE.index(m.group(1)) + 1, m.start(), m.end()) for m in _COUNTED.finditer(text)]


def native_count(value: int, counter: str) -> str | None:
    """``value`` said with a native numeral before ``counter``: 3, "곳" -> "세 곳"; None
    beyond ten."""
    return f"{NATIVE[value - 1]} {counter}" if 0 < value <= len(NATIVE) else None


def _scale(unit: str) -> float:
    scale = 1
    for ch in unit:
        scale *= _UNITS[ch]
    return float(scale)


def _rounded(value: float) -> float:
    return float(round(value)) if abs(value - round(value)) < 1e-6 else value


def _trimmed(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def spoken_number(value: float, spaced: bool = False) -> str | None:
    """``value`` with Korean units, as people say prices: 150000 -> "15만", 35000 -> "3만5천",
    2000 -> "2천"; None when it has none (under 1000, or not a whole multiple of 1000)."""
    if not float(value).is_integer() or value < 1000 or value % 1000:
        return None
    amount, words = int(value), []
    for unit, size in (("억", 10**8), ("만", 10**4), ("천", 1000)):
        if amount >= size:
            count = amount // size
            said = f"{count // 1000}천" if count >= 1000 and not count % 1000 else str(count)
            words.append(f"{said}{unit}")
            amount %= size
    return (" " if spaced else "").join(words)


def char_bigrams(text: str) -> set[str]:
    squeezed = compact_form(text)
    return {squeezed[i : i + 2] for i in range(len(squeezed) - 1)} or {squeezed}


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
