from __future__ import annotations

from pathlib import Path

import pytest

from assistant.shared import Domain, Entity, Message, TrainingData, TrainingExample
from nlu._bilou import spans_from, tags_for
from nlu.korean_tokenizer import KoreanTokenizer, _merge_morphemes, detect_language


@pytest.fixture(scope="module")
def tokenizer() -> KoreanTokenizer:
    return KoreanTokenizer.create({})


@pytest.mark.parametrize(
    ("text", "entity"),
    [("아메리카노로 주세요", "아메리카노"), ("불꽃이요", "불꽃"), ("한빛이랑 번개", "한빛")],
)
def test_particles_are_split_from_the_entity(
    tokenizer: KoreanTokenizer, text: str, entity: str
) -> None:
    tokens = tokenizer.tokenize(text)
    assert tokens[0].text == entity
    assert (tokens[0].start, tokens[0].end) == (0, len(entity))


def test_every_token_is_a_slice_of_the_text(tokenizer: KoreanTokenizer) -> None:
    text = "한빛이랑 번개 경기 2:0으로 끝났어요, 라지요!"
    for token in tokenizer.tokenize(text):
        assert text[token.start : token.end] == token.text
        assert token.text.strip()


def test_overlapping_and_empty_morphemes_are_merged() -> None:
    tokens = _merge_morphemes("끝났어요", [("VV", 0, 2), ("EP", 1, 2), ("VCP", 2, 2), ("EF", 2, 4)])
    assert [(t.text, t.tag) for t in tokens] == [("끝났", "VV+EP"), ("어요", "EF")]


def test_latin_text_uses_the_whitespace_rules(tokenizer: KoreanTokenizer) -> None:
    assert [t.text for t in tokenizer.tokenize("I want 3 tickets!")] == [
        "I",
        "want",
        "3",
        "tickets",
    ]


def test_language_is_detected_per_message(tokenizer: KoreanTokenizer) -> None:
    messages = tokenizer.process(
        [
            Message("경기 결과 알려줘"),
            Message("show me the results"),
            Message("MVP 누구야?"),
            Message("123"),
        ]
    )
    assert [m.language for m in messages] == ["ko", "en", "ko", None]
    assert detect_language("hello", "en") == "en"


def test_training_holds_annotated_spans_and_teaches_kiwi_the_values(tmp_path: Path) -> None:
    # Kiwi alone reads 주요 ("main") and 광주요 (one proper noun): the annotations win in training
    data = TrainingData(
        examples=[
            TrainingExample("이번 주요 먼지", "dust", (Entity("date", "이번 주", 0, 4),)),
            TrainingExample("광주요 날씨", "weather", (Entity("location", "광주", 0, 2),)),
        ]
    )
    data.messages = [Message(e.text) for e in data.examples]
    fresh = KoreanTokenizer.create({})
    assert [t.text for t in fresh.tokenize("이번 주요 먼지")][:2] == ["이번", "주요"]
    fresh.train(data, Domain())
    fresh.process(data.messages)  # leaves the training tokens alone
    for example, message in zip(data.examples, data.messages, strict=True):
        (entity,) = example.entities
        (span,) = spans_from(tags_for(message.tokens, example.entities))
        first, last = message.tokens[span.first], message.tokens[span.last]
        assert (first.start, last.end) == (entity.start, entity.end)
    fresh.persist(tmp_path)
    loaded = KoreanTokenizer.load(tmp_path, {})
    assert loaded.words == ["광주"]
    assert [t.text for t in loaded.tokenize("광주요 먼지")][:2] == ["광주", "요"]
