"""config.yml's speech section: defaults, speakers, engines, and errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import read_config
from assistant.errors import ConfigError
from assistant.speech.errors import SpeakerError
from assistant.speech.settings import DEFAULT_SETTINGS, read_speech_settings

ROOT = Path(__file__).resolve().parents[2]


def settings_of(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "config.yml"
    path.write_text(text, encoding="utf-8")
    config = read_config(path)
    return read_speech_settings(config.extra, config.path)


def test_defaults_ship_four_distinct_speakers_per_language() -> None:
    for language in ("en", "ko"):
        speakers = [s for s in DEFAULT_SETTINGS.speakers.values() if s.language == language]
        assert len(speakers) >= 4
        voices = {(s.engine, s.voice, s.variant, s.pitch) for s in speakers}
        assert len(voices) == len(speakers)
    assert DEFAULT_SETTINGS.speaker(None, "en").name == "joe"
    assert DEFAULT_SETTINGS.stt_for("en").engine == "pocketsphinx"
    assert DEFAULT_SETTINGS.stt_for("ko").engine == "vosk"


@pytest.mark.parametrize("project", [ROOT, ROOT / "assistant" / "templates" / "init"])
def test_shipped_configs_have_four_speakers_per_language(project: Path) -> None:
    config = read_config(project / "config.yml")
    assert "speech" in config.extra
    settings = read_speech_settings(config.extra, config.path)
    assert settings.speakers == DEFAULT_SETTINGS.speakers  # one set of speakers everywhere
    assert settings.default_speaker == DEFAULT_SETTINGS.default_speaker
    assert settings.stt == DEFAULT_SETTINGS.stt


def test_a_project_without_speech_gets_the_defaults(tmp_path: Path) -> None:
    assert settings_of(tmp_path, "language: en\n") is DEFAULT_SETTINGS


def test_a_custom_section(tmp_path: Path) -> None:
    settings = settings_of(
        tmp_path,
        "language: en\n"
        "speech:\n"
        "  stt:\n"
        "    en: {engine: faster-whisper, model: /models/whisper}\n"
        "  default_speaker: {en: bob}\n"
        "  speakers:\n"
        "    - {name: bob, engine: espeak-ng, voice: en-us, variant: m2, pitch: 30,\n"
        "       language: en}\n",
    )
    assert settings.stt_for("en").engine == "faster_whisper"
    assert settings.stt_for("en").options == {"model": "/models/whisper"}
    bob = settings.speaker(None, "en")
    assert (bob.name, bob.engine, bob.variant, bob.pitch, bob.rate) == (
        "bob", "espeak_ng", "m2", 30, 1.0
    )  # fmt: skip
    with pytest.raises(SpeakerError, match="no speech-to-text engine for language 'ko'"):
        settings.stt_for("ko")
    with pytest.raises(SpeakerError, match="unknown speaker 'alice'; known: bob"):
        settings.speaker("alice", "en")


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        settings_of(
            tmp_path,
            "speech:\n"
            "  stt:\n"
            "    en: {engine: kaldi}\n"
            "  speakers:\n"
            "    - {name: a, engine: espeak_ng, voice: en, language: en, colour: red}\n"
            "    - {name: b, engine: festival, voice: x, language: en}\n"
            "    - {name: c, engine: espeak_ng, voice: en, language: en, pitch: 150}\n"
            "  default_speaker: {en: zed}\n"
            "  volume: 3\n",
        )
    text = str(caught.value)
    assert "config.yml:3: speech.stt.en: unknown engine 'kaldi'" in text
    assert "config.yml:5: speaker: unknown key 'colour'" in text
    assert "config.yml:6: speaker 'b': unknown engine 'festival'" in text
    assert "config.yml:7: speaker 'c': pitch is 0-99" in text
    assert "config.yml:8: speech.default_speaker: 'zed' is not one of the speakers" in text
    assert "config.yml:9: speech: unknown key 'volume'" in text
