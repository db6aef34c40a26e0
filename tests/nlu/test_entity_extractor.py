from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.shared import Entity, TrainingData, TrainingExample
from nlu._bilou import EntityLabel, spans_from, tags_for
from nlu.entity_extractor import EntityExtractor
from nlu.errors import NLUOptionValueError
from nlu.interpreter import Interpreter
from nlu.tokenizer import tokenize


def test_bilou_tags_round_trip_role_and_group() -> None:
    text = "from New York to Rome"
    entities = [
        Entity("city", "New York", 5, 13, role="departure", group="1"),
        Entity("city", "Rome", 17, 21, role="destination"),
    ]
    tags = tags_for(tokenize(text), entities)
    assert [EntityLabel.parse(t)[0] for t in tags] == ["O", "B", "L", "O", "U"]
    spans = spans_from(tags)
    assert [(s.first, s.last, s.label) for s in spans] == [
        (1, 2, EntityLabel("city", "departure", "1")),
        (4, 4, EntityLabel("city", "destination", None)),
    ]


def test_broken_tag_sequences_still_give_spans() -> None:
    tags = ["I-city", "L-city", "O", "I-date"]
    assert [(s.first, s.last) for s in spans_from(tags)] == [(0, 1), (3, 3)]


@pytest.fixture
def pipeline(train_pipeline: Callable[..., Interpreter]) -> Interpreter:
    return train_pipeline(EntityExtractor.create({}))


def test_finds_entities_with_roles_and_offsets(pipeline: Interpreter) -> None:
    text = "fly from Hamburg to Rome"
    found = {(e.value, e.role) for e in pipeline.parse(text).entities}
    assert found == {("Hamburg", "departure"), ("Rome", "destination")}
    for entity in pipeline.parse(text).entities:
        assert entity.start is not None and entity.end is not None
        assert text[entity.start : entity.end] == entity.value
        assert entity.extractor == "entity_extractor"
        assert 0.0 < (entity.confidence or 0.0) <= 1.0


def test_korean_entity(pipeline: Interpreter) -> None:
    (entity,) = pipeline.parse("서울 가는 비행기 표").entities
    assert (entity.entity, entity.value, entity.start, entity.end) == ("city", "서울", 0, 2)


def test_persist_and_load(pipeline: Interpreter, tmp_path: Path) -> None:
    pipeline.components[-1].persist(tmp_path)
    loaded = Interpreter([*pipeline.components[:-1], EntityExtractor.load(tmp_path, {})])
    text = "book a flight to Berlin from London"
    assert loaded.parse(text).entities == pipeline.parse(text).entities


def test_no_entities_in_data_trains_nothing(
    train_pipeline: Callable[..., Interpreter], tmp_path: Path
) -> None:
    extractor = EntityExtractor.create({})
    data = TrainingData(examples=[TrainingExample("hi", "greet"), TrainingExample("no", "deny")])
    pipeline = train_pipeline(extractor, data=data)
    assert extractor.model is None
    assert pipeline.parse("fly to Rome").entities == []
    extractor.persist(tmp_path)
    assert EntityExtractor.load(tmp_path, {}).model is None


def test_examples_without_marked_entities_are_not_learnt(
    train_pipeline: Callable[..., Interpreter], training_data: TrainingData
) -> None:
    """An example whose entities nobody marked (an intent's name read as words) would teach
    the tagger that "berlin" is outside any entity; the tagger leaves it out."""

    def model(*extra: TrainingExample) -> bytes | None:
        extractor = EntityExtractor.create({})
        data = TrainingData(examples=[*training_data.examples, *extra])
        train_pipeline(extractor, data=data)
        return extractor.model

    plain = model()
    unmarked = TrainingExample("flights to berlin", "book_flight", entities_marked=False)
    assert model(unmarked) == plain
    assert model(TrainingExample("flights to berlin", "book_flight")) != plain


@pytest.mark.parametrize(
    ("key", "bad", "says"),
    [
        ("max_iterations", 0, "at least 1"),
        ("window", -1, "at least 0"),
        ("L2_c", -0.1, "at least 0"),
    ],
)
def test_crf_options_out_of_range_are_named(key: str, bad: float, says: str) -> None:
    with pytest.raises(NLUOptionValueError, match=rf"option '{key}' must be {says}, not {bad}"):
        EntityExtractor.create({key: bad})
