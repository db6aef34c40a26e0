from __future__ import annotations

from pathlib import Path

from assistant.shared import Domain, Entity, Message, TrainingData
from nlu.entity_synonym_mapper import EntitySynonymMapper


def test_maps_synonyms_from_blocks_and_annotations(
    training_data: TrainingData, domain: Domain, tmp_path: Path
) -> None:
    mapper = EntitySynonymMapper.create({})
    mapper.train(training_data, domain)
    assert mapper.synonyms["nyc"] == "New York"
    assert mapper.synonyms["big apple"] == "New York"

    message = Message(
        text="Big Apple to Rome",
        entities=[Entity("city", "Big Apple", 0, 9), Entity("city", "Rome", 13, 17)],
    )
    mapper.process([message])
    mapped = [(e.value, e.text) for e in message.entities]
    assert mapped == [("New York", "Big Apple"), ("Rome", None)]

    mapper.persist(tmp_path)
    assert EntitySynonymMapper.load(tmp_path, {}).synonyms == mapper.synonyms
