"""Is there speech in this audio? A frame-energy check, so silence never reaches NLU as text.

A frame counts as voiced when it is louder than an absolute floor (-45 dBFS) and clearly louder
(12 dB) than the quietest tenth of the recording, which is taken as its background noise. Steady
hiss or hum therefore stays "silence" however loud it is.
"""

from __future__ import annotations

import numpy as np

from assistant.speech.audio import Audio

FRAME_SECONDS = 0.03
ABSOLUTE_FLOOR_DB = -45.0
ABOVE_NOISE_DB = 12.0
MIN_SPEECH_SECONDS = 0.15
DIGITAL_SILENCE_DB = -120.0


def frame_levels(audio: Audio) -> np.ndarray:
    """Each 30 ms frame's RMS level in dBFS (``-inf`` for digital silence)."""
    size = max(1, int(audio.sample_rate * FRAME_SECONDS))
    count = len(audio.samples) // size
    if count == 0:
        return np.zeros(0)
    frames = audio.samples[: count * size].reshape(count, size).astype(np.float64)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    with np.errstate(divide="ignore"):
        return np.asarray(20.0 * np.log10(rms))


def voiced_seconds(audio: Audio) -> float:
    """How many seconds of the audio sound like speech rather than background."""
    levels = frame_levels(audio)
    if levels.size == 0:
        return 0.0
    noise = float(np.percentile(np.maximum(levels, DIGITAL_SILENCE_DB), 10))
    threshold = max(ABSOLUTE_FLOOR_DB, noise + ABOVE_NOISE_DB)
    return float(np.count_nonzero(levels > threshold)) * FRAME_SECONDS


def is_silent(audio: Audio) -> bool:
    """True when the audio holds less than 150 ms of anything like speech."""
    return voiced_seconds(audio) < MIN_SPEECH_SECONDS
