"""Speech to text with Whisper through faster-whisper (CTranslate2), from a local model folder.

The folder is a CTranslate2 conversion of a Whisper model (``model.bin``, ``config.json``,
``tokenizer.json``, ``vocabulary.*``); nothing is downloaded. Get one on a machine with network
with ``ct2-transformers-converter --model openai/whisper-base --output_dir whisper-base
--quantization int8`` (or download a ready ``faster-whisper-*`` folder) and set
``speech.stt.<language>: {engine: faster_whisper, model: path/to/whisper-base}``.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.speech.audio import Audio
from assistant.speech.errors import EngineUnavailable, SpeakerError
from assistant.speech.stt import Transcript, engine_options

SAMPLE_RATE = 16000
_OPTIONS = ("model", "beam_size", "compute_type", "threads", "detect_language")
_NEEDED = ("model.bin", "config.json")


class WhisperSpeechToText:
    """A Whisper model on the CPU; ``detect_language: true`` lets it say which language it heard."""

    name = "faster_whisper"

    def __init__(self, language: str = "en", options: Mapping[str, Any] | None = None) -> None:
        options = engine_options("faster_whisper", options, _OPTIONS)
        if not options.get("model"):
            raise SpeakerError(
                "faster_whisper needs 'model': the folder of a CTranslate2 Whisper model "
                "(see README, Voice)"
            )
        path = Path(str(options["model"])).expanduser()
        missing = [name for name in _NEEDED if not (path / name).is_file()]
        if missing:
            raise EngineUnavailable(
                f"faster_whisper: '{path}' is not a CTranslate2 Whisper model folder "
                f"(missing {', '.join(missing)})"
            )
        try:
            from faster_whisper import WhisperModel
        except ImportError as err:
            raise EngineUnavailable(
                "faster-whisper is not installed: pip install faster-whisper"
            ) from err
        try:
            self._model = WhisperModel(
                str(path),
                device="cpu",
                compute_type=str(options.get("compute_type", "int8")),
                cpu_threads=int(options.get("threads", 0)),
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as err:
            raise EngineUnavailable(f"faster_whisper could not load '{path}': {err}") from err
        self.language = language
        self._beam_size = int(options.get("beam_size", 5))
        self._detect = bool(options.get("detect_language", False))
        self._lock = threading.Lock()

    def transcribe(self, audio: Audio) -> Transcript:
        samples = audio.resampled(SAMPLE_RATE).samples
        with self._lock:
            segments, info = self._model.transcribe(
                samples,
                language=None if self._detect else self.language,
                beam_size=self._beam_size,
                condition_on_previous_text=False,
                vad_filter=False,
            )
            heard = [s for s in segments if s.no_speech_prob < 0.6 or s.avg_logprob > -1.0]
        text = " ".join(s.text.strip() for s in heard).strip()
        if not text:
            return Transcript("", self.language, 0.0, self.name)
        logprob = sum(s.avg_logprob for s in heard) / len(heard)
        language = str(info.language) if self._detect else self.language
        return Transcript(text, language, math.exp(logprob), self.name)
