"""Decoding every accepted format at any rate, and refusing bad audio with a clear message."""

from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile

from assistant.speech.audio import Audio, decode_audio, from_pcm16, read_audio
from assistant.speech.errors import AudioError


def tone(seconds: float = 1.0, rate: int = 16000, hz: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.5 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def encoded(samples: np.ndarray, rate: int, fmt: str, channels: int = 1) -> bytes:
    data = np.stack([samples] * channels, axis=1) if channels > 1 else samples
    buffer = io.BytesIO()
    subtype = "VORBIS" if fmt == "OGG" else "PCM_16"
    soundfile.write(buffer, data, rate, format=fmt, subtype=subtype)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["WAV", "FLAC", "OGG"])
@pytest.mark.parametrize("rate", [8000, 22050, 44100])
def test_formats_and_rates_decode_to_mono_of_the_same_length(fmt: str, rate: int) -> None:
    audio = decode_audio(encoded(tone(1.0, rate), rate, fmt, channels=2))
    assert audio.sample_rate == rate
    assert audio.samples.ndim == 1 and audio.samples.dtype == np.float32
    assert audio.seconds == pytest.approx(1.0, abs=0.01)


def test_raw_pcm_needs_its_rate_and_an_even_length() -> None:
    pcm = Audio(tone(0.5, 8000), 8000).pcm16()
    audio = decode_audio(pcm, raw_sample_rate=8000)
    assert audio.seconds == pytest.approx(0.5)
    with pytest.raises(AudioError, match="not WAV, FLAC or OGG"):
        decode_audio(pcm)
    with pytest.raises(AudioError, match="even number of bytes"):
        decode_audio(pcm[:-1], raw_sample_rate=8000)


def test_resampling_keeps_duration_and_pitch() -> None:
    audio = Audio(tone(1.0, 44100, hz=440.0), 44100).resampled(16000)
    assert audio.sample_rate == 16000 and len(audio.samples) == 16000
    spectrum = np.abs(np.fft.rfft(audio.samples))
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)  # 1 s of audio: bin = Hz


def test_16_bit_samples_come_back_unchanged() -> None:
    samples = np.random.default_rng(0).integers(-32768, 32768, 16000).astype("<i2")
    samples[:2] = (-32768, 32767)
    data = samples.tobytes()
    assert from_pcm16(data, 16000).pcm16() == data
    wav = encoded(samples.astype(np.float32) / 32768.0, 16000, "WAV")
    assert decode_audio(wav).pcm16() == data
    assert Audio(np.array([1.5, -1.5], dtype=np.float32), 16000).pcm16() == (
        np.array([32767, -32768], dtype="<i2").tobytes()
    )


def test_wav_bytes_round_trip() -> None:
    audio = Audio(tone(0.3, 22050), 22050)
    back = decode_audio(audio.wav_bytes())
    assert back.sample_rate == 22050
    assert np.max(np.abs(back.samples - audio.samples)) < 1e-3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"ID3\x03\x00 an mp3 file", "not WAV, FLAC or OGG"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt garbage garbage", "cannot be decoded"),
        (b"%PDF-1.4", "not WAV, FLAC or OGG"),
    ],
)
def test_bad_audio_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(AudioError, match=message):
        decode_audio(data)


def test_a_truncated_file_is_refused() -> None:
    data = encoded(tone(1.0), 16000, "FLAC")
    with pytest.raises(AudioError, match="cannot be decoded|holds no samples"):
        decode_audio(data[: len(data) // 3])


def test_a_header_with_no_samples_is_refused() -> None:
    with pytest.raises(AudioError, match="holds no samples"):
        decode_audio(encoded(np.zeros(0, dtype=np.float32), 16000, "WAV"))


def test_ten_minutes_is_refused_before_it_is_read() -> None:
    data = encoded(np.zeros(600 * 8000, dtype=np.float32), 8000, "FLAC")
    with pytest.raises(AudioError, match="600 s long; the limit is 120 s"):
        decode_audio(data)
    assert decode_audio(data, max_seconds=900).seconds == pytest.approx(600)


def test_read_audio_names_the_file_and_reads_raw_files_at_16k(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AudioError, match="missing.wav"):
        read_audio(tmp_path / "missing.wav")
    raw = tmp_path / "x.raw"
    raw.write_bytes(from_pcm16(b"\x00\x10" * 1600, 16000).pcm16())
    assert read_audio(raw).seconds == pytest.approx(0.1)
