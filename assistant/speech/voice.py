"""Hearing and speaking for one project: its settings, engines loaded once, silence kept out.

``Voice.hear`` refuses audio with no speech in it (:class:`NoSpeechError`) before any engine
runs, so silence never reaches NLU as text. ``Voice.say`` writes a reply out as it is read
before a speaker speaks it: Korean numbers, dates and Latin words for a Korean speaker;
abbreviations, scores, emoji and Hangul for an English one.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from assistant.speech.audio import Audio
from assistant.speech.engines import create_stt, create_tts
from assistant.speech.english_text import normalize_english
from assistant.speech.errors import NoSpeechError
from assistant.speech.korean_text import normalize_korean
from assistant.speech.settings import DEFAULT_SETTINGS, SpeechSettings
from assistant.speech.silence import is_silent
from assistant.speech.stt import SpeechToText, Transcript
from assistant.speech.tts import Speaker, TextToSpeech

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def language_of(text: str, fallback: str = "en") -> str:
    """``ko`` for text with Hangul in it, else ``fallback``."""
    return "ko" if _HANGUL.search(text) else fallback


class Voice:
    """The speech side of an assistant, built from config.yml's ``speech:`` section."""

    def __init__(
        self,
        settings: SpeechSettings = DEFAULT_SETTINGS,
        language: str = "en",
        stt: dict[str, SpeechToText] | None = None,
        tts: dict[str, TextToSpeech] | None = None,
    ) -> None:
        self.settings = settings
        self.language = language
        self._stt: dict[str, SpeechToText] = dict(stt or {})
        self._tts: dict[str, TextToSpeech] = dict(tts or {})
        self._lock = threading.Lock()

    def stt(self, language: str | None = None) -> SpeechToText:
        """The engine that hears ``language`` (the project's language by default)."""
        language = language or self.language
        with self._lock:
            if language not in self._stt:
                self._stt[language] = create_stt(self.settings.stt_for(language), language)
            return self._stt[language]

    def tts(self, engine: str) -> TextToSpeech:
        with self._lock:
            if engine not in self._tts:
                self._tts[engine] = create_tts(engine)
            return self._tts[engine]

    def hear(self, audio: Audio, language: str | None = None) -> Transcript:
        """What was said; raises :class:`NoSpeechError` for silence or when nothing was heard."""
        if is_silent(audio):
            raise NoSpeechError(
                f"no speech in the audio ({audio.seconds:.1f} s of silence or steady noise)"
            )
        transcript = self.stt(language).transcribe(audio)
        if not transcript.text.strip():
            raise NoSpeechError("the speech could not be made out; please say it again")
        return transcript

    def speaker(self, name: str | None = None, language: str | None = None) -> Speaker:
        return self.settings.speaker(name, language or self.language)

    def say(self, text: str, speaker: Speaker) -> Audio:
        """``text`` spoken by ``speaker``."""
        if speaker.language == "ko":
            text = normalize_korean(text)
        elif speaker.language == "en":
            text = normalize_english(text)
        return self.tts(speaker.engine).synthesize(text, speaker)

    def speaker_for(
        self, text: str, metadata: dict[str, Any] | None, conversation_speaker: str | None
    ) -> Speaker:
        """Who speaks a response: its own ``metadata.speaker``, else the conversation's speaker
        when that one speaks the response's language, else the language's default."""
        metadata = metadata or {}
        if metadata.get("speaker"):
            return self.speaker(str(metadata["speaker"]))
        language = str(metadata.get("language") or language_of(text, self.language))
        if conversation_speaker:
            chosen = self.speaker(conversation_speaker)
            if chosen.language == language:
                return chosen
        return self.speaker(None, language)
