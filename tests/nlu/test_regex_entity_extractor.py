from __future__ import annotations

from pathlib import Path

from assistant.shared import Domain, Message, TrainingData
from nlu.regex_entity_extractor import RegexEntityExtractor


def test_extracts_regex_and_lookup_entities(
    training_data: TrainingData, domain: Domain, tmp_path: Path
) -> None:
    extractor = RegexEntityExtractor.create({})
    extractor.train(training_data, domain)
    text = "from berlin to 서울 on 2024-06-01"
    (message,) = extractor.process([Message(text=text)])
    found = [(e.entity, e.value, e.start, e.end) for e in message.entities]
    assert found == [
        ("city", "berlin", 5, 11),
        ("city", "서울", 15, 17),
        ("date", "2024-06-01", 21, 31),
    ]
    assert all(e.extractor == "regex_entity_extractor" for e in message.entities)

    extractor.persist(tmp_path)
    loaded = RegexEntityExtractor.load(tmp_path, {})
    assert loaded.process([Message(text=text)])[0].entities == message.entities


def test_case_sensitive_and_word_boundaries(training_data: TrainingData, domain: Domain) -> None:
    extractor = RegexEntityExtractor.create({"case_sensitive": True})
    extractor.train(training_data, domain)
    assert [e.value for e in extractor.extract("berlin Berlin Berlinale")] == ["Berlin"]
