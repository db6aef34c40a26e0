"""The registry: our names, Rasa's names mapped onto ours, and errors naming file and line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.config import read_config
from assistant.errors import ConfigError
from assistant.policies import RulePolicy
from assistant.registry import (
    DEFAULT_PIPELINE,
    DEFAULT_POLICIES,
    NLU_COMPONENTS,
    POLICIES,
    create,
    resolve_pipeline,
    resolve_policies,
)


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    return path


def names(items: list) -> list[str]:
    return [i.name for i in items]


def test_unknown_component_names_file_line_and_known_names(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "language: en\npipeline:\n  - name: whitespace_tokenizer\n  - name: intent_clasifier\n",
    )
    with pytest.raises(ConfigError) as err:
        resolve_pipeline(read_config(path).pipeline)
    message = str(err.value)
    assert message.startswith(f"{path}:4: unknown component 'intent_clasifier'; known: ")
    for known in ("entity_extractor", "intent_classifier", "whitespace_tokenizer"):
        assert known in message
    assert err.value.line == 4


def test_unknown_policy(tmp_path: Path) -> None:
    path = config(tmp_path, "policies:\n  - name: rule_policy\n  - name: RulePolicyy\n")
    with pytest.raises(
        ConfigError, match=r"config.yml:3: unknown policy 'RulePolicyy'; known: .*rule_policy"
    ):
        resolve_policies(read_config(path).policies)


def test_unknown_option_of_our_component(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "pipeline:\n  - name: whitespace_tokenizer\n  - name: intent_classifier\n    epochz: 3\n",
    )
    item = resolve_pipeline(read_config(path).pipeline)[-1]
    assert item.name == "intent_classifier"
    with pytest.raises(
        ConfigError, match=rf"{path}:[34]: .*epochz"
    ):  # the entry's or the key's line
        create(item, NLU_COMPONENTS)


@pytest.mark.parametrize(
    ("entry", "option"),
    [
        ("  - name: count_vectors_featurizer\n    analyzer: wordy\n", "analyzer"),
        ("  - name: intent_classifier\n    epochs: ten\n", "epochs"),
        ("  - name: fallback_classifier\n    threshold: high\n", "threshold"),
    ],
)
def test_a_bad_option_value_of_our_component(tmp_path: Path, entry: str, option: str) -> None:
    path = config(tmp_path, f"pipeline:\n  - name: whitespace_tokenizer\n{entry}")
    item = resolve_pipeline(read_config(path).pipeline)[-1]
    with pytest.raises(ConfigError) as err:
        create(item, NLU_COMPONENTS)
    message = str(err.value)
    assert message.startswith(f"{path}:3: {item.name}: option '{option}': ")
    assert message.count(item.name) == 1


def test_a_bad_option_value_of_our_policy(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "policies:\n  - name: rule_policy\n  - name: memoization_policy\n    max_history: five\n",
    )
    item = next(i for i in resolve_policies(read_config(path).policies) if i.name != "rule_policy")
    with pytest.raises(ConfigError, match=rf"{path}:3: memoization_policy: option 'max_history'"):
        create(item, POLICIES)


def test_unknown_option_of_our_policy(tmp_path: Path) -> None:
    path = config(tmp_path, "policies:\n  - name: memoization_policy\n    max_histori: 3\n")
    (item, _) = resolve_policies(read_config(path).policies)
    with pytest.raises(ConfigError, match=rf"{path}:[23]: .*max_histori"):
        create(item, POLICIES)


def test_rasa_names_map_to_ours(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    path = config(
        tmp_path,
        """\
pipeline:
  - name: SpacyNLP
    model: en_core_web_md
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 1
    max_ngram: 4
    OOV_token: oov
  - name: DIETClassifier
    epochs: 100
  - name: EntitySynonymMapper
  - name: FallbackClassifier
    threshold: 0.4
policies:
  - name: MemoizationPolicy
  - name: TEDPolicy
    max_history: 5
    epochs: 100
  - name: RulePolicy
    core_fallback_threshold: 0.4
""",
    )
    project = read_config(path)
    pipeline = resolve_pipeline(project.pipeline)
    assert names(pipeline) == [
        "whitespace_tokenizer",
        "count_vectors_featurizer",
        "intent_classifier",
        "entity_extractor",
        "entity_synonym_mapper",
        "fallback_classifier",
    ]
    assert pipeline[1].options == {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}
    assert pipeline[2].options == {}  # DIET's hyperparameters are not ours
    assert pipeline[5].options == {"threshold": 0.4}
    assert any(
        r.levelname == "WARNING" and "SpacyNLP" in r.getMessage() and ":2" in r.getMessage()
        for r in caplog.records
    )
    policies = resolve_policies(project.policies)
    assert names(policies) == ["memoization_policy", "augmented_memoization_policy", "rule_policy"]
    assert policies[1].options == {"max_history": 5}
    assert policies[2].options == {"core_fallback_threshold": 0.4}
    for item in pipeline:
        create(item, NLU_COMPONENTS)
    rule = create(policies[2], POLICIES)
    assert isinstance(rule, RulePolicy) and rule.options.core_fallback_threshold == 0.4


def test_diet_only_for_intents(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "pipeline:\n  - name: WhitespaceTokenizer\n  - name: CountVectorsFeaturizer\n"
        "  - name: DIETClassifier\n    entity_recognition: false\n",
    )
    assert names(resolve_pipeline(read_config(path).pipeline)) == [
        "whitespace_tokenizer",
        "count_vectors_featurizer",
        "intent_classifier",
    ]


def test_featurizers_are_added_when_only_unavailable_ones_were_named(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "pipeline:\n  - name: SpacyNLP\n  - name: SpacyTokenizer\n"
        "  - name: SpacyFeaturizer\n  - name: DIETClassifier\n",
    )
    assert names(resolve_pipeline(read_config(path).pipeline)) == [
        "whitespace_tokenizer",
        "count_vectors_featurizer",
        "count_vectors_featurizer",
        "intent_classifier",
        "entity_extractor",
    ]


def test_rule_policy_is_always_there(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "policies:\n  - name: memoization_policy\n  - name: FormPolicy\n  - name: MappingPolicy\n",
    )
    assert names(resolve_policies(read_config(path).policies)) == [
        "memoization_policy",
        "rule_policy",
    ]
    path = config(tmp_path, "policies:\n  - name: memoization_policy\n")
    assert names(resolve_policies(read_config(path).policies)) == [
        "memoization_policy",
        "rule_policy",
    ]


def test_defaults_when_nothing_is_configured() -> None:
    assert names(resolve_pipeline(())) == [n for n, _ in DEFAULT_PIPELINE]
    assert names(resolve_policies(())) == [n for n, _ in DEFAULT_POLICIES]


def test_a_user_component_by_import_path(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        "policies:\n  - name: assistant.policies.RulePolicy\n  - name: my_project.missing.Policy\n",
    )
    items = resolve_policies(read_config(path).policies)
    assert isinstance(create(items[0], POLICIES), RulePolicy)
    with pytest.raises(
        ConfigError, match=r"config.yml:3: cannot import component 'my_project.missing.Policy'"
    ):
        create(items[1], POLICIES)


def test_every_registered_component_has_its_name() -> None:
    assert all(cls.name == name for name, cls in {**NLU_COMPONENTS, **POLICIES}.items())
