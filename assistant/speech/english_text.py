"""English text made ready to speak: what a reader says aloud, not what a phonemizer spells out.

    (e.g. 3:1)        → (for example 3 to 1)       (abbreviations as read; a score or ratio)
    0:3 · 10:30       → 0 to 3 · 10:30             (two-digit minutes stay a time)
    Great 😀          → Great                       (emoji and pictographs are not read out)
    Say 안녕 please   → Say please                  (an English voice cannot say Hangul)

espeak-ng, which also turns text into phonemes for Piper, reads "e.g." as "ee jee", "3:1" as
"three colon one" and "😀" as "grinning face"; numbers, ordinals, "%" and "$" it reads well, so
they are left to it.
"""

from __future__ import annotations

import re
import unicodedata

ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "approx.": "approximately",
}
ENDS_SENTENCES = {"etc."}  # before a capital letter, its full stop also ends the sentence
_ABBREVIATION = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(a) for a in ABBREVIATIONS) + r")(?=\W|$)", re.IGNORECASE
)
_RATIO = re.compile(r"(?<![\d:])(\d+):(\d{1}|\d{3,})(?![\d:])")
_JAMO = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
_HANGUL = re.compile(rf"[{_JAMO}]+(?:[\s,.]+[{_JAMO}]+)*")
_FIRST_SYMBOL = 0x2190  # arrows, dingbats, emoji; ©, ®, ° and ™ before it are read
_INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


def normalize_english(text: str) -> str:
    """``text`` as an English voice should read it (see the module's examples)."""
    text = _ABBREVIATION.sub(_read_abbreviation, text)
    text = _RATIO.sub(r"\1 to \2", text)
    text = _HANGUL.sub(" ", text)
    text = "".join(c for c in text if not _is_pictograph(c))
    text = re.sub(r"\(\s*\)", " ", text)
    return re.sub(r"\s+([,.!?;:)])", r"\1", " ".join(text.split()))


def _read_abbreviation(match: re.Match[str]) -> str:
    """The words for it, keeping the full stop when it also ended the sentence."""
    abbreviation = match.group(1).lower()
    rest = match.string[match.end() :]
    ends = not rest.strip() or (abbreviation in ENDS_SENTENCES and re.match(r"\s+[A-Z]", rest))
    return f"{ABBREVIATIONS[abbreviation]}." if ends else ABBREVIATIONS[abbreviation]


def _is_pictograph(char: str) -> bool:
    if char in _INVISIBLE:
        return True
    return unicodedata.category(char) in ("So", "Sk") and ord(char) >= _FIRST_SYMBOL
