"""English speech to text with PocketSphinx and the US English model its wheel bundles.

Works on any fresh install with no model to fetch. For command-style assistants, ``phrases`` (a
list of the sentences users say) or ``grammar`` (a JSGF file) narrows what it listens for, which
makes it far more accurate on those commands. ``model`` points at another acoustic model
folder with its ``dictionary`` and ``language_model`` files; ``decoder`` passes further
PocketSphinx settings through (e.g. ``{beam: 1e-60}``).

We decode with the first, tree-lexicon pass only (:data:`DECODER_DEFAULTS`), for a voice
turn's latency: PocketSphinx's flat-lexicon second pass and lattice rescoring take 15-34% more
time, for accuracy that was level within noise on a tuning set of synthesised queries and
recorded commands (BENCHMARKS.md, Issue 5). ``decoder: {fwdflat: true, bestpath: true}``
brings them back.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assistant.speech.audio import Audio
from assistant.speech.errors import EngineUnavailable, SpeakerError
from assistant.speech.stt import Transcript, engine_options

SAMPLE_RATE = 16000
DECODER_DEFAULTS: dict[str, Any] = {"fwdflat": False, "bestpath": False}
_OPTIONS = ("phrases", "grammar", "model", "dictionary", "language_model", "decoder")
_FILLER = re.compile(r"^(<s>|</s>|<sil>|\[.*\]|\+\+.*\+\+)$")


class PocketsphinxSpeechToText:
    """PocketSphinx decoding a whole utterance at 16 kHz."""

    name = "pocketsphinx"

    def __init__(self, language: str = "en", options: Mapping[str, Any] | None = None) -> None:
        options = engine_options("pocketsphinx", options, _OPTIONS)
        try:
            from pocketsphinx import Decoder
        except ImportError as err:
            raise EngineUnavailable(
                "pocketsphinx is not installed: pip install pocketsphinx"
            ) from err
        config: dict[str, Any] = {"samprate": SAMPLE_RATE, "logfn": "/dev/null"}
        config.update(DECODER_DEFAULTS)
        if options.get("model"):
            config["hmm"] = str(_existing(options["model"], "model"))
        for key, flag in (("dictionary", "dict"), ("language_model", "lm")):
            if options.get(key):
                config[flag] = str(_existing(options[key], key))
        if options.get("grammar"):
            config["jsgf"] = str(_existing(options["grammar"], "grammar"))
        config.update({str(k): v for k, v in dict(options.get("decoder") or {}).items()})
        try:
            self._decoder = Decoder(**config)
            if options.get("phrases") and not options.get("grammar"):
                self._decoder.add_jsgf_string("phrases", jsgf_of(list(options["phrases"])))
                self._decoder.activate_search("phrases")
        except (RuntimeError, ValueError, KeyError) as err:
            raise EngineUnavailable(f"pocketsphinx could not start: {err}") from err
        self.language = language
        self._lock = threading.Lock()

    def transcribe(self, audio: Audio) -> Transcript:
        pcm = audio.resampled(SAMPLE_RATE).pcm16()
        with self._lock:
            self._decoder.start_utt()
            self._decoder.process_raw(pcm, full_utt=True)
            self._decoder.end_utt()
            hyp = self._decoder.hyp()
            words = [s for s in self._decoder.seg() if not _FILLER.match(s.word)]
        if hyp is None or not hyp.hypstr.strip():
            return Transcript("", self.language, 0.0, self.name)
        probs = [float(s.prob) for s in words]
        confidence = sum(probs) / len(probs) if probs else 0.0
        return Transcript(hyp.hypstr.strip(), self.language, confidence, self.name)


def jsgf_of(phrases: list[str]) -> str:
    """A JSGF grammar that accepts exactly these phrases (lower-cased, punctuation dropped)."""
    cleaned = [" ".join(re.findall(r"[a-z']+", str(p).lower())) for p in phrases]
    choices = " | ".join(sorted({c for c in cleaned if c}))
    if not choices:
        raise SpeakerError("pocketsphinx: 'phrases' holds no words")
    return f"#JSGF V1.0;\ngrammar phrases;\npublic <phrase> = {choices};\n"


def _existing(value: Any, what: str) -> Path:
    path = Path(str(value)).expanduser()
    if not path.exists():
        raise EngineUnavailable(f"pocketsphinx: the {what} '{path}' does not exist")
    return path
