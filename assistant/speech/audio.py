"""Audio in memory: decoding WAV, FLAC, OGG or raw PCM bytes, resampling, writing WAV.

Everything inside the speech package works on :class:`Audio`: mono float32 samples in [-1, 1]
with their sample rate. ``decode_audio`` is the one door in; it refuses empty, corrupt, unknown
and too-long audio with an :class:`AudioError` that says which, before reading a long file whole.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.speech.errors import AudioError

MAX_SECONDS = 120.0
"""The longest audio one turn or one transcription accepts, unless a caller says otherwise."""

_CONTAINERS = {b"RIFF": "WAV", b"fLaC": "FLAC", b"OggS": "OGG"}
_RAW_SUFFIXES = {".raw", ".pcm"}


@dataclass(frozen=True, eq=False)
class Audio:
    """Mono float32 samples in [-1, 1] at ``sample_rate`` Hz."""

    samples: npt.NDArray[np.float32]
    sample_rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate

    def resampled(self, rate: int) -> Audio:
        """The same sound at ``rate`` Hz (polyphase filtering, scipy's ``resample_poly``)."""
        if rate == self.sample_rate or len(self.samples) == 0:
            return Audio(self.samples, rate) if len(self.samples) == 0 else self
        from scipy.signal import resample_poly

        common = math.gcd(rate, self.sample_rate)
        out = resample_poly(self.samples, rate // common, self.sample_rate // common)
        return Audio(np.clip(out, -1.0, 1.0).astype(np.float32), rate)

    def pcm16(self) -> bytes:
        """Signed 16-bit little-endian PCM, what most recognisers read; 16-bit audio that was
        decoded (WAV, FLAC, raw) comes back as the very samples it held."""
        scaled = np.clip(np.round(self.samples * 32768.0), -32768.0, 32767.0)
        return bytes(scaled.astype("<i2").tobytes())

    def wav_bytes(self) -> bytes:
        """A 16-bit PCM WAV file."""
        import soundfile

        buffer = io.BytesIO()
        soundfile.write(buffer, self.samples, self.sample_rate, format="WAV", subtype="PCM_16")
        return buffer.getvalue()


def from_pcm16(data: bytes, sample_rate: int) -> Audio:
    """Raw signed 16-bit little-endian mono PCM at ``sample_rate`` Hz."""
    if sample_rate <= 0:
        raise AudioError(f"raw PCM needs a positive sample rate, not {sample_rate}")
    if len(data) % 2:
        raise AudioError(
            f"raw PCM must be 16-bit samples (an even number of bytes); got {len(data)} bytes"
        )
    samples = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    return Audio(samples, sample_rate)


def container_of(data: bytes) -> str | None:
    """``WAV``, ``FLAC`` or ``OGG`` from the first bytes, or None for anything else."""
    kind = _CONTAINERS.get(data[:4])
    if kind == "WAV" and data[8:12] != b"WAVE":
        return None
    return kind


def decode_audio(
    data: bytes,
    raw_sample_rate: int | None = None,
    max_seconds: float = MAX_SECONDS,
    source: str = "the audio",
) -> Audio:
    """Decode WAV, FLAC or OGG bytes (or raw 16-bit PCM when ``raw_sample_rate`` is given).

    Multi-channel audio is mixed down to mono. Raises :class:`AudioError` for empty, corrupt,
    unrecognised or longer-than-``max_seconds`` audio; ``source`` names it in the message.
    """
    if not data:
        raise AudioError(f"{source} is empty (0 bytes)")
    if raw_sample_rate is not None and container_of(data) is None:
        audio = from_pcm16(data, raw_sample_rate)
        _check_length(len(audio.samples), raw_sample_rate, max_seconds, source)
        return _non_empty(audio, source)
    kind = container_of(data)
    if kind is None:
        raise AudioError(
            f"{source} is not WAV, FLAC or OGG (it starts with {data[:4]!r}); send one of those, "
            "or raw 16-bit PCM together with its sample rate"
        )
    import soundfile

    try:
        with soundfile.SoundFile(io.BytesIO(data)) as file:
            _check_length(file.frames, file.samplerate, max_seconds, source)
            samples = file.read(dtype="float32", always_2d=True)
            rate = int(file.samplerate)
    except (RuntimeError, soundfile.LibsndfileError, ValueError) as err:
        raise AudioError(f"{source} looks like {kind} but cannot be decoded: {err}") from err
    mono = samples.mean(axis=1, dtype=np.float32) if samples.shape[1] > 1 else samples[:, 0]
    return _non_empty(Audio(np.ascontiguousarray(mono, dtype=np.float32), rate), source)


def read_audio(
    path: Path | str, raw_sample_rate: int | None = None, max_seconds: float = MAX_SECONDS
) -> Audio:
    """Decode an audio file; ``.raw`` and ``.pcm`` files are 16-bit PCM (16 kHz unless told)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as err:
        raise AudioError(f"{file}: cannot read the audio file: {err.strerror or err}") from err
    if raw_sample_rate is None and file.suffix.lower() in _RAW_SUFFIXES:
        raw_sample_rate = 16000
    return decode_audio(data, raw_sample_rate, max_seconds, source=str(file))


def _check_length(frames: int, rate: int, max_seconds: float, source: str) -> None:
    if rate > 0 and frames / rate > max_seconds:
        raise AudioError(
            f"{source} is {frames / rate:.0f} s long; the limit is {max_seconds:.0f} s "
            "(split it into shorter pieces)"
        )


def _non_empty(audio: Audio, source: str) -> Audio:
    if len(audio.samples) == 0:
        raise AudioError(f"{source} holds no samples")
    return audio
