"""Errors of speech in and out. Each message says what was wrong and what to do about it.

SpeechError                 (an AssistantError)
 ├── AudioError             audio we cannot use: empty, corrupt, unknown format, too long
 │    └── NoSpeechError     audio that holds only silence or steady noise
 ├── EngineUnavailable      an engine whose package, program or model is not installed
 └── SpeakerError           a speaker or STT engine that config.yml names badly
"""

from __future__ import annotations

from assistant.errors import AssistantError


class SpeechError(AssistantError):
    """Base of every speech error."""


class AudioError(SpeechError):
    """Audio that cannot be decoded or used (empty, corrupt, wrong format, too long)."""


class EngineUnavailable(SpeechError):
    """An engine whose Python package, program or model files are missing."""


class SpeakerError(SpeechError):
    """An unknown speaker, or a ``speech:`` section of config.yml that is wrong."""


class NoSpeechError(AudioError):
    """Audio that decodes but holds only silence or steady noise: nothing to send to NLU."""
