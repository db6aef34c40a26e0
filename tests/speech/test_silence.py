"""Silence and steady noise are not speech; a recording of speech is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.speech.audio import Audio, read_audio
from assistant.speech.silence import is_silent, voiced_seconds

RECORDING = Path("/usr/share/pocketsphinx/test/data/cards/001.wav")


def test_digital_silence_is_silent() -> None:
    assert is_silent(Audio(np.zeros(16000, dtype=np.float32), 16000))


def test_steady_noise_is_silent_however_loud() -> None:
    rng = np.random.default_rng(0)
    for level in (0.001, 0.05, 0.3):
        noise = (level * rng.standard_normal(32000)).astype(np.float32)
        assert is_silent(Audio(noise, 16000)), level


def test_a_short_click_is_not_speech() -> None:
    samples = np.zeros(16000, dtype=np.float32)
    samples[8000:8400] = 0.5
    assert is_silent(Audio(samples, 16000))


def test_a_burst_over_background_counts_as_voiced() -> None:
    rng = np.random.default_rng(1)
    samples = (0.002 * rng.standard_normal(32000)).astype(np.float32)
    t = np.arange(8000) / 16000
    samples[12000:20000] += (0.3 * np.sin(2 * np.pi * 200 * t)).astype(np.float32)
    assert voiced_seconds(Audio(samples, 16000)) == pytest.approx(0.5, abs=0.05)
    assert not is_silent(Audio(samples, 16000))


@pytest.mark.skipif(not RECORDING.exists(), reason="pocketsphinx-testdata not installed")
def test_recorded_speech_is_not_silent() -> None:
    assert not is_silent(read_audio(RECORDING))
