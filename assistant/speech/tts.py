"""The text-to-speech seam and the speakers that config.yml names.

A :class:`Speaker` is a named voice: which engine speaks, with which voice and variant, at what
pitch and rate, in which language. An engine is any object with ``synthesize(text, speaker)``;
:func:`assistant.speech.engines.create_tts` builds one per engine name on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from assistant.speech.audio import Audio


@dataclass(frozen=True)
class Speaker:
    """One voice. ``pitch`` is 0-99 (50 normal), ``rate`` a speed factor (1.0 normal).

    ``voice`` is the engine's voice name (espeak-ng: ``en-us``, ``ko``) or, for piper, the path
    of a voice's ``.onnx`` file; ``variant`` is an espeak-ng variant (``f3``, ``m2``, ...).
    """

    name: str
    engine: str
    voice: str
    language: str
    variant: str | None = None
    pitch: int = 50
    rate: float = 1.0


class TextToSpeech(Protocol):
    """Text and a speaker in, audio out."""

    def synthesize(self, text: str, speaker: Speaker) -> Audio: ...


class FakeTextToSpeech:
    """A tone whose length follows the text: for tests of what sits around TTS."""

    def __init__(self, sample_rate: int = 16000) -> None:
        self.sample_rate = sample_rate
        self.spoken: list[tuple[str, str]] = []

    def synthesize(self, text: str, speaker: Speaker) -> Audio:
        self.spoken.append((text, speaker.name))
        seconds = 0.06 * max(1, len(text))
        t = np.arange(int(seconds * self.sample_rate)) / self.sample_rate
        tone = 0.3 * np.sin(2 * np.pi * (100 + 2 * speaker.pitch) * t)
        return Audio(tone.astype(np.float32), self.sample_rate)
