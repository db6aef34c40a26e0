"""Speech in and out: audio decoding, speech-to-text and text-to-speech engines, speakers."""

from assistant.speech.audio import Audio, decode_audio, read_audio
from assistant.speech.errors import (
    AudioError,
    EngineUnavailable,
    NoSpeechError,
    SpeakerError,
    SpeechError,
)
from assistant.speech.settings import DEFAULT_SETTINGS, SpeechSettings, read_speech_settings
from assistant.speech.stt import SpeechToText, Transcript
from assistant.speech.tts import Speaker, TextToSpeech
from assistant.speech.voice import Voice

__all__ = [
    "DEFAULT_SETTINGS",
    "Audio",
    "AudioError",
    "EngineUnavailable",
    "NoSpeechError",
    "Speaker",
    "SpeakerError",
    "SpeechError",
    "SpeechSettings",
    "SpeechToText",
    "TextToSpeech",
    "Transcript",
    "Voice",
    "decode_audio",
    "read_audio",
    "read_speech_settings",
]
