"""Reading numbers written as words, in English and Korean ("twenty one", "스물한", "삼백")."""

from __future__ import annotations

import re

EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a dozen": 12,
    "dozen": 12,
}
EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
EN_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "last": -1,
}
# Korean native numerals (counting people and things) and Sino-Korean digits.
KO_NATIVE = {
    "하나": 1,
    "한": 1,
    "둘": 2,
    "두": 2,
    "셋": 3,
    "세": 3,
    "석": 3,
    "넷": 4,
    "네": 4,
    "다섯": 5,
    "여섯": 6,
    "일곱": 7,
    "여덟": 8,
    "아홉": 9,
    "열": 10,
    "스물": 20,
    "스무": 20,
    "서른": 30,
    "마흔": 40,
    "쉰": 50,
}
KO_SINO_DIGITS = {
    "영": 0,
    "공": 0,
    "일": 1,
    "이": 2,
    "삼": 3,
    "사": 4,
    "오": 5,
    "육": 6,
    "칠": 7,
    "팔": 8,
    "구": 9,
}
KO_SINO_SCALES = {"십": 10, "백": 100, "천": 1000}
KO_BIG = {"만": 10_000, "억": 100_000_000}

_EN_WORD = "|".join(sorted((re.escape(w) for w in (*EN_UNITS, *EN_SCALES)), key=len, reverse=True))
EN_NUMBER = re.compile(rf"\b(?:{_EN_WORD})(?:(?:\s+|-|\s+and\s+)(?:{_EN_WORD}))*\b", re.IGNORECASE)
EN_ORDINAL = re.compile(r"\b(" + "|".join(EN_ORDINALS) + r")\b", re.IGNORECASE)
_KO_NATIVE_WORDS = "|".join(sorted(KO_NATIVE, key=len, reverse=True))
# native tens + units ("스물한", "열두") followed by a counter ("명", "개", "번", "골", "점", ...)
KO_NATIVE_NUMBER = re.compile(
    rf"(?<![가-힣])((?:{_KO_NATIVE_WORDS})(?:{_KO_NATIVE_WORDS})?)(?=\s*(?:명|개|번|골|점|살|시|판|경기|게임|팀|세트|분|사람))"
)
KO_SINO_NUMBER = re.compile(
    r"(?<![가-힣])([일이삼사오육칠팔구십백천만억]+)(?=\s*(?:원|점|골|번|명|분|초|년|월|일|층|회|등))"
)


def english_words_value(text: str) -> int | None:
    total, current = 0, 0
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    i = 0
    seen = False
    while i < len(words):
        word = words[i]
        if word == "a" and i + 1 < len(words) and words[i + 1] == "dozen":
            word, i = "a dozen", i + 1
        if word in EN_UNITS:
            current += EN_UNITS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in EN_SCALES:
            total += max(current, 1) * EN_SCALES[word]
            current = 0
            seen = True
        elif word:
            return None
        i += 1
    return total + current if seen else None


def korean_native_value(text: str) -> int | None:
    value, rest = 0, text
    while rest:
        for word in sorted(KO_NATIVE, key=len, reverse=True):
            if rest.startswith(word):
                value += KO_NATIVE[word]
                rest = rest[len(word) :]
                break
        else:
            return None
    return value


def korean_sino_value(text: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in text:
        if char in KO_SINO_DIGITS:
            digit = KO_SINO_DIGITS[char]
        elif char in KO_SINO_SCALES:
            section += (digit if digit is not None else 1) * KO_SINO_SCALES[char]
            digit = None
        elif char in KO_BIG:
            section += digit or 0
            total += (section or 1) * KO_BIG[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)
