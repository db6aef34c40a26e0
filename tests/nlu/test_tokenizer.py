from __future__ import annotations

from assistant.shared import Message
from nlu.tokenizer import WhitespaceTokenizer, tokenize


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_spans_point_into_the_original_text() -> None:
    text = "  Hello, world!  It's 3.5 km by e-mail 😀"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == ["Hello", "world", "It's", "3.5", "km", "by", "e-mail", "😀"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_korean_is_split_on_whitespace_and_punctuation() -> None:
    assert texts("서울 날씨 알려줘? 내일은요.") == ["서울", "날씨", "알려줘", "내일은요"]


def test_empty_and_punctuation_only() -> None:
    assert texts("") == []
    assert texts("?!...") == []


def test_component_sets_tokens() -> None:
    (message,) = WhitespaceTokenizer.create({}).process([Message(text="bye-bye!")])
    assert [t.text for t in message.tokens] == ["bye-bye"]
    assert (message.tokens[0].start, message.tokens[0].end) == (0, 7)
