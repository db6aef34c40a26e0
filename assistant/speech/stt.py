"""The speech-to-text seam: audio in; text, language and confidence out.

An engine is any object with ``language`` and ``transcribe(audio)``; it receives mono audio at
any rate and resamples to what it needs. Engines are built from ``config.yml`` by
:func:`assistant.speech.engines.create_stt` and import their heavy libraries only when created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.speech.audio import Audio
from assistant.speech.errors import SpeakerError


@dataclass(frozen=True)
class Transcript:
    """What an engine heard. ``confidence`` is in [0, 1]; empty ``text`` means nothing heard."""

    text: str
    language: str
    confidence: float
    engine: str = ""


class SpeechToText(Protocol):
    """Audio in, :class:`Transcript` out."""

    language: str

    def transcribe(self, audio: Audio) -> Transcript: ...


def engine_options(
    engine: str, options: Mapping[str, Any] | None, known: tuple[str, ...]
) -> dict[str, Any]:
    """``options`` as a dict; a :class:`SpeakerError` names keys ``engine`` does not know."""
    options = dict(options or {})
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise SpeakerError(
            f"{engine}: unknown option(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return options


class FakeSpeechToText:
    """Hears what it was told to, whatever the audio: for tests of what sits around STT."""

    def __init__(self, text: str, language: str = "en", confidence: float = 1.0) -> None:
        self.text, self.language, self.confidence = text, language, confidence
        self.heard: list[Audio] = []

    def transcribe(self, audio: Audio) -> Transcript:
        self.heard.append(audio)
        return Transcript(self.text, self.language, self.confidence, "fake")
