"""``OptionsOnly``: the components whose whole state is their options persist and load them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from nlu import BUILTIN_COMPONENTS
from nlu._options import OptionsOnly

# One option off its default per component, and another value for it at load time.
CHANGED: dict[str, tuple[str, Any, Any]] = {
    "whitespace_tokenizer": ("intent_split_symbol", "+", "-"),
    "fallback_classifier": ("threshold", 0.5, 0.7),
    "dense_featurizer": ("dimension", 32, 16),
    "builtin_entity_extractor": ("dimensions", ["number"], ["email"]),
}
NO_OPTIONS = {"intent_name_examples"}
OPTIONS_ONLY = [
    c for c in BUILTIN_COMPONENTS if issubclass(c, OptionsOnly) and c.name not in NO_OPTIONS
]


def test_every_options_only_component_is_covered() -> None:
    assert sorted(c.name for c in OPTIONS_ONLY) == sorted(CHANGED)


@pytest.mark.parametrize("cls", OPTIONS_ONLY, ids=lambda c: c.name)
def test_load_keeps_trained_options_under_the_pipelines(cls: Any, tmp_path: Path) -> None:
    key, trained, overridden = CHANGED[cls.name]
    component = cls.create({key: trained})
    component.persist(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["options.json"]

    assert getattr(cls.load(tmp_path, {}).options, key) == trained
    assert getattr(cls.load(tmp_path, {key: overridden}).options, key) == overridden
    assert cls.load(tmp_path, {}).options == component.options
