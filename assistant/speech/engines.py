"""The engines config.yml can name, one table each for hearing and speaking.

Each factory imports its library only when called, so ``import assistant`` stays fast and a
missing optional engine fails only when a project asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from assistant.speech.errors import SpeakerError
from assistant.speech.settings import EngineSpec
from assistant.speech.stt import SpeechToText
from assistant.speech.tts import TextToSpeech


def _pocketsphinx(language: str, options: Mapping[str, Any]) -> SpeechToText:
    from assistant.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    return PocketsphinxSpeechToText(language, options)


def _faster_whisper(language: str, options: Mapping[str, Any]) -> SpeechToText:
    from assistant.speech.whisper_stt import WhisperSpeechToText

    return WhisperSpeechToText(language, options)


def _vosk(language: str, options: Mapping[str, Any]) -> SpeechToText:
    from assistant.speech.vosk_stt import VoskSpeechToText

    return VoskSpeechToText(language, options)


def _espeak_ng() -> TextToSpeech:
    from assistant.speech.espeak_tts import EspeakTextToSpeech

    return EspeakTextToSpeech()


def _piper() -> TextToSpeech:
    from assistant.speech.piper_tts import PiperTextToSpeech

    return PiperTextToSpeech()


STT_FACTORIES: dict[str, Callable[[str, Mapping[str, Any]], SpeechToText]] = {
    "pocketsphinx": _pocketsphinx,
    "faster_whisper": _faster_whisper,
    "vosk": _vosk,
}
TTS_FACTORIES: dict[str, Callable[[], TextToSpeech]] = {"espeak_ng": _espeak_ng, "piper": _piper}


def create_stt(spec: EngineSpec, language: str) -> SpeechToText:
    """The STT engine ``spec`` names, loaded for ``language``."""
    if spec.engine not in STT_FACTORIES:
        raise SpeakerError(
            f"unknown speech-to-text engine '{spec.engine}'; known: {', '.join(STT_FACTORIES)}"
        )
    return STT_FACTORIES[spec.engine](language, spec.options)


def create_tts(engine: str) -> TextToSpeech:
    """The TTS engine called ``engine``."""
    if engine not in TTS_FACTORIES:
        raise SpeakerError(
            f"unknown text-to-speech engine '{engine}'; known: {', '.join(TTS_FACTORIES)}"
        )
    return TTS_FACTORIES[engine]()
