"""A speaker's median pitch, by autocorrelation over voiced frames (for tests and benchmarks)."""

from __future__ import annotations

import numpy as np

from assistant.speech.audio import Audio

LOWEST_HZ, HIGHEST_HZ = 60.0, 400.0


def median_pitch(audio: Audio) -> float:
    """The median fundamental frequency in Hz of the frames that are loud and periodic."""
    audio = audio.resampled(16000)
    size, hop = 640, 320  # 40 ms frames every 20 ms
    lags = np.arange(int(16000 / HIGHEST_HZ), int(16000 / LOWEST_HZ) + 1)
    found = []
    for start in range(0, len(audio.samples) - size, hop):
        frame = audio.samples[start : start + size].astype(np.float64)
        frame = frame - frame.mean()
        energy = float(np.dot(frame, frame))
        if energy < size * 1e-4:  # quieter than about -40 dBFS
            continue
        corr = np.correlate(frame, frame, "full")[size - 1 :]
        scores = corr[lags] / energy
        best = int(np.argmax(scores))
        if scores[best] > 0.5:  # clearly periodic: a voiced sound
            found.append(16000 / lags[best])
    return float(np.median(found)) if found else 0.0
