"""English replies are written the way they are read before an English voice speaks them."""

from __future__ import annotations

import pytest

from assistant.speech.english_text import normalize_english


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("What was the final score? (e.g. 3:1)", "What was the final score? (for example 3 to 1)"),
        ("Recorded as 0:3.", "Recorded as 0 to 3."),
        ("Kick-off at 10:30, i.e. early.", "Kick-off at 10:30, that is early."),
        ("A 16:9 screen, 1:100 odds", "A 16 to 9 screen, 1 to 100 odds"),
        ("Apples, pears etc. Then more.", "Apples, pears et cetera. Then more."),
        ("Bring pens etc. to class", "Bring pens et cetera to class"),
        ("Team A vs. Team B", "Team A versus Team B"),
        ("Great 😀 see you 👍🏽!", "Great see you!"),
        ("Family 👨‍👩‍👧 time ❤️", "Family time"),
        ("Say hello (안녕하세요) to them", "Say hello to them"),
        ("The word 리그, 경기 means league", "The word means league"),
        ("20°C, 50% and $5 © 2024", "20°C, 50% and $5 © 2024"),
        ("Eg. not an abbreviation: peg.", "Eg. not an abbreviation: peg."),
    ],
)
def test_normalize_english(text: str, read: str) -> None:
    assert normalize_english(text) == read
