"""The computer's microphone and speaker for the live ``assistant voice`` loop (sounddevice).

``record_utterance`` listens in 100 ms blocks, starts at the first block louder than -45 dBFS
and stops after 0.8 s of quiet (or 15 s), so one call returns one thing said. Without a sound
device, or without PortAudio, :func:`check_devices` raises a :class:`NoSoundDevice` saying so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.speech.audio import Audio
from assistant.speech.errors import SpeechError
from assistant.speech.silence import ABSOLUTE_FLOOR_DB, frame_levels

SAMPLE_RATE = 16000
BLOCK_SECONDS = 0.1
QUIET_SECONDS_TO_STOP = 0.8
MAX_SECONDS = 15.0


class NoSoundDevice(SpeechError):
    """No microphone or no speaker on this machine (or no PortAudio to reach them)."""


def check_devices() -> Any:
    """The ``sounddevice`` module, once a default input and output device are known to exist."""
    sounddevice = _sounddevice()
    devices = sounddevice.query_devices()
    inputs = [d for d in devices if d["max_input_channels"] > 0]
    outputs = [d for d in devices if d["max_output_channels"] > 0]
    if not inputs or not outputs:
        missing = " and ".join(
            name for name, found in (("microphone", inputs), ("speaker", outputs)) if not found
        )
        raise NoSoundDevice(
            f"no {missing} found on this machine. "
            "Use `assistant voice --in question.wav --out answer.wav` instead."
        )
    return sounddevice


def _sounddevice() -> Any:
    try:
        import sounddevice
    except (ImportError, OSError) as err:  # OSError: the PortAudio library is missing
        raise NoSoundDevice(
            f"cannot reach the sound system ({err}); on Debian: apt-get install libportaudio2. "
            "Use `assistant voice --in question.wav --out answer.wav` instead."
        ) from err
    return sounddevice


def record_utterance(sounddevice: Any) -> Audio:
    """Block until someone has said something, and return it."""
    block = int(SAMPLE_RATE * BLOCK_SECONDS)
    heard: list[np.ndarray] = []
    quiet = 0.0
    with sounddevice.InputStream(samplerate=SAMPLE_RATE, channels=1, dtype="float32") as stream:
        while True:
            data, _ = stream.read(block)
            samples = np.asarray(data[:, 0], dtype=np.float32)
            voiced = bool(np.max(frame_levels(Audio(samples, SAMPLE_RATE))) > ABSOLUTE_FLOOR_DB)
            if not heard and not voiced:
                continue
            heard.append(samples)
            quiet = 0.0 if voiced else quiet + BLOCK_SECONDS
            if quiet >= QUIET_SECONDS_TO_STOP or len(heard) * BLOCK_SECONDS >= MAX_SECONDS:
                return Audio(np.concatenate(heard), SAMPLE_RATE)


def play(sounddevice: Any, audio: Audio) -> None:
    """Play ``audio`` and wait until it has been heard."""
    sounddevice.play(audio.samples, audio.sample_rate)
    sounddevice.wait()
