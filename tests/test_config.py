from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import read_config, read_credentials, read_endpoints
from assistant.errors import ConfigError


def test_config_lines_and_extra(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text(
        "recipe: default.v1\nlanguage: ko\nassistant_id: bot\npipeline:\n"
        "- name: WhitespaceTokenizer\n  intent_tokenization_flag: true\n"
        "policies:\nimporters: []\n",
        encoding="utf-8",
    )
    config = read_config(path)
    assert config.language == "ko" and config.assistant_id == "bot"
    assert config.pipeline[0].name == "WhitespaceTokenizer"
    assert config.pipeline[0].options == {"intent_tokenization_flag": True}
    assert config.pipeline[0].source.line == 5
    assert config.policies == () and config.extra == {"importers": []}


def test_bad_pipeline_entry(tmp_path: Path) -> None:
    path = tmp_path / "config.yml"
    path.write_text("pipeline:\n- foo: 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_config(path)
    assert info.value.line == 2


@pytest.mark.parametrize("value", ["5", "[ko]", "korean language", "k"])
def test_a_language_that_is_not_a_code(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.yml"
    path.write_text(f"recipe: default.v1\nlanguage: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'language' must be a language code") as info:
        read_config(path)
    assert info.value.line == 2
    for good in ("ko", "en-US", "zh_Hant"):
        path.write_text(f"language: {good}\n", encoding="utf-8")
        assert read_config(path).language == good


def test_endpoints_env_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_endpoints(tmp_path / "nope.yml") == {}
    path = tmp_path / "endpoints.yml"
    path.write_text("action_endpoint:\n  url: http://${HOST}:5055/webhook\n", encoding="utf-8")
    monkeypatch.setenv("HOST", "localhost")
    assert read_endpoints(path) == {"action_endpoint": {"url": "http://localhost:5055/webhook"}}
    assert read_credentials(tmp_path / "credentials.yml") == {}
