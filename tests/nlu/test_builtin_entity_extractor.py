from __future__ import annotations

from pathlib import Path

import pytest

from nlu.builtin_entity_extractor import BuiltinEntityExtractor


@pytest.fixture(scope="module")
def extractor() -> BuiltinEntityExtractor:
    return BuiltinEntityExtractor.create({})


@pytest.mark.parametrize(
    ("text", "dimension", "value", "surface"),
    [
        ("table for 5 people", "number", 5, "5"),
        ("twenty one guests", "number", 21, "twenty one"),
        ("스물한 명이요", "number", 21, "스물한"),
        ("3명이요", "number", 3, "3"),
        ("send $50 to john", "amount-of-money", 50, "$50"),
        ("입장료는 5000원", "amount-of-money", 5000, "5000원"),
        ("mail a.b@rasa.com now", "email", "a.b@rasa.com", "a.b@rasa.com"),
        ("call 010-1234-5678", "phone-number", "010-1234-5678", "010-1234-5678"),
        ("the 2nd match", "ordinal", 2, "2nd"),
        ("see https://rasa.com.", "url", "https://rasa.com", "https://rasa.com"),
    ],
)
def test_dimensions(
    extractor: BuiltinEntityExtractor, text: str, dimension: str, value: object, surface: str
) -> None:
    found = [e for e in extractor.extract(text) if e.entity == dimension]
    assert found, f"no {dimension} in {text!r}"
    entity = found[0]
    assert entity.value == value
    assert text[entity.start : entity.end] == surface


def test_only_configured_dimensions(tmp_path: Path) -> None:
    extractor = BuiltinEntityExtractor.create(
        {"dimensions": ["email"], "url": "http://localhost:8000"}
    )
    assert [e.entity for e in extractor.extract("5 mails to a@b.co")] == ["email"]
    extractor.persist(tmp_path)
    loaded = BuiltinEntityExtractor.load(tmp_path, {})
    assert loaded.dimensions == ["email"]


def test_unsupported_dimension_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    extractor = BuiltinEntityExtractor.create({"dimensions": ["time", "number"]})
    assert extractor.dimensions == ["number"]
    assert "time" in caplog.text
