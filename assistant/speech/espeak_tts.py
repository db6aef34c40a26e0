"""Text to speech with Debian's ``espeak-ng`` program: many languages, voices and variants.

A speaker's ``voice`` is an espeak-ng voice (``en-us``, ``en-gb``, ``ko``), ``variant`` one of
its variants (``m1``-``m7``, ``f1``-``f5``, ``klatt``, ...; list them with
``espeak-ng --voices=variant``), ``pitch`` 0-99 and ``rate`` a factor of 175 words a minute.
"""

from __future__ import annotations

import shutil
import subprocess

from assistant.speech.audio import Audio, decode_audio
from assistant.speech.errors import EngineUnavailable, SpeechError
from assistant.speech.tts import Speaker

PROGRAM = "espeak-ng"
WORDS_PER_MINUTE = 175


class EspeakTextToSpeech:
    """Runs ``espeak-ng --stdout`` once per text; the program itself starts in milliseconds."""

    name = "espeak_ng"

    def __init__(self) -> None:
        program = shutil.which(PROGRAM)
        if program is None:
            raise EngineUnavailable(
                "espeak-ng is not installed; on Debian or Ubuntu: apt-get install espeak-ng"
            )
        self._program = program

    def command(self, speaker: Speaker) -> list[str]:
        voice = f"{speaker.voice}+{speaker.variant}" if speaker.variant else speaker.voice
        rate = max(80, min(450, round(WORDS_PER_MINUTE * speaker.rate)))
        return [self._program, "-b", "1", "-v", voice, "-p", str(speaker.pitch), "-s", str(rate),
                "--stdout"]  # fmt: skip

    def synthesize(self, text: str, speaker: Speaker) -> Audio:
        try:
            done = subprocess.run(
                self.command(speaker), input=text.encode("utf-8"), capture_output=True, timeout=60
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise SpeechError(f"espeak-ng failed for speaker '{speaker.name}': {err}") from err
        if done.returncode != 0 or not done.stdout:
            message = done.stderr.decode("utf-8", "replace").strip() or "no audio"
            raise SpeechError(f"espeak-ng failed for speaker '{speaker.name}': {message}")
        return decode_audio(done.stdout, source="espeak-ng's output", max_seconds=3600)
