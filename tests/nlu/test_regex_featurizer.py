from __future__ import annotations

from pathlib import Path

from assistant.shared import Domain, Message, TrainingData
from nlu.interpreter import Interpreter
from nlu.regex_featurizer import PATTERN_MATCHES, RegexFeaturizer
from nlu.tokenizer import WhitespaceTokenizer


def test_one_binary_feature_per_pattern(
    training_data: TrainingData, domain: Domain, tmp_path: Path
) -> None:
    featurizer = RegexFeaturizer.create({})
    pipeline = Interpreter([WhitespaceTokenizer.create({}), featurizer])
    pipeline.train(training_data, domain)
    assert [p.name for p in featurizer.patterns] == ["date", "city"]

    message = pipeline.parse("fly to Hamburg on 2024-06-01")
    assert message.features["regex_featurizer"].toarray().tolist() == [[1.0, 1.0]]
    assert message.data[PATTERN_MATCHES] == {2: ["city"], 4: ["date"]}
    assert pipeline.parse("hello").features["regex_featurizer"].toarray().tolist() == [[0.0, 0.0]]

    featurizer.persist(tmp_path)
    loaded = RegexFeaturizer.load(tmp_path, {})
    (again,) = loaded.process(WhitespaceTokenizer.create({}).process([Message("to 서울")]))
    assert again.features["regex_featurizer"].toarray().tolist() == [[0.0, 1.0]]
