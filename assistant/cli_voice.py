"""The voice commands: ``assistant transcribe``, ``assistant speak`` and ``assistant voice``.

assistant transcribe question.wav [--language en]
assistant speak "Hello!" --speaker ava --out hello.wav
assistant voice --in question.wav --out answer.wav [--speaker joe]    one turn from a file
assistant voice                                                        talk on mic and speaker
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the speech package loads numpy and more: imported when a command runs
    from assistant.speech.audio import Audio
    from assistant.speech.voice import Voice


def _voice(args: argparse.Namespace) -> Voice:
    from assistant.config import read_config
    from assistant.speech.settings import read_speech_settings
    from assistant.speech.voice import Voice

    config = read_config(args.config)
    return Voice(read_speech_settings(config.extra, config.path), config.language)


def _write(audio: Audio, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(audio.wav_bytes())


def cmd_transcribe(args: argparse.Namespace) -> int:
    from assistant.speech.audio import read_audio

    voice = _voice(args)
    transcript = voice.hear(read_audio(args.file, args.rate), args.language)
    print(transcript.text)
    print(
        f"({transcript.engine}, {transcript.language}, confidence {transcript.confidence:.2f})",
        file=sys.stderr,
    )
    return 0


def cmd_speak(args: argparse.Namespace) -> int:
    voice = _voice(args)
    if args.list:
        for s in voice.settings.speakers.values():
            default = (
                " (default)" if voice.settings.default_speaker.get(s.language) == s.name else ""
            )
            variant = f"+{s.variant}" if s.variant else ""
            print(f"{s.name:<10} {s.language}  {s.engine:<9} {s.voice}{variant}{default}")
        return 0
    if not args.text or not args.out:
        print("error: give the TEXT and --out FILE (or --list)", file=sys.stderr)
        return 2
    speaker = voice.speaker(args.speaker, args.language) if args.speaker else None
    if speaker is None:
        speaker = voice.speaker_for(
            args.text, {"language": args.language} if args.language else {}, None
        )
    audio = voice.say(args.text, speaker)
    _write(audio, Path(args.out))
    print(f"Wrote {args.out}: {audio.seconds:.1f} s spoken by {speaker.name}")
    return 0


def cmd_voice(args: argparse.Namespace) -> int:
    from assistant.channels.voice import run_voice_turn
    from assistant.cli import _load_agent
    from assistant.speech.audio import read_audio

    if args.input is None:
        from assistant.speech.microphone import check_devices

        sounddevice = check_devices()  # says clearly when there is no sound device
        return _live(args, sounddevice)
    voice = _voice(args)
    agent = _load_agent(Path(args.model), Path(args.endpoints))
    turn = run_voice_turn(
        agent.handle, voice, read_audio(args.input, args.rate), args.sender, args.language,
        args.speaker,
    )  # fmt: skip
    print(f"You said: {turn.transcript.text}")
    for reply in turn.replies:
        print(f"Bot ({reply.speaker}): {reply.text}")
    sound = turn.audio()
    if args.out and sound is not None:
        _write(sound, Path(args.out))
        print(f"Wrote {args.out} ({sound.seconds:.1f} s)")
    elif args.out:
        print("The assistant said nothing to speak; no audio written.")
    return 0


def _live(args: argparse.Namespace, sounddevice: Any) -> int:
    from assistant.channels.voice import run_voice_turn
    from assistant.cli import _load_agent
    from assistant.speech.errors import NoSpeechError
    from assistant.speech.microphone import play, record_utterance

    voice = _voice(args)
    agent = _load_agent(Path(args.model), Path(args.endpoints))
    print("Listening. Speak after the prompt; press Ctrl+C to stop.", flush=True)
    while True:
        print("> ", end="", flush=True)
        audio = record_utterance(sounddevice)
        try:
            turn = run_voice_turn(
                agent.handle, voice, audio, args.sender, args.language, args.speaker
            )
        except NoSpeechError as err:
            print(f"({err})")
            continue
        print(turn.transcript.text)
        for reply in turn.replies:
            print(f"Bot ({reply.speaker}): {reply.text}")
        sound = turn.audio()
        if sound is not None:
            play(sounddevice, sound)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=Path("config.yml"), help="speech settings (config.yml)"
    )
    parser.add_argument(
        "--language", help="language spoken, e.g. en or ko (default: config.yml's language)"
    )


def _audio_in(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rate", type=int, help="sample rate of a raw 16-bit PCM file (default for .raw: 16000)"
    )


def register(sub: Any) -> None:
    """Add the voice commands to the ``assistant`` parser's subcommands."""
    p = sub.add_parser("transcribe", help="speech to text: print what an audio file says")
    p.add_argument("file", type=Path, help="WAV, FLAC, OGG, or raw 16-bit PCM (.raw, .pcm)")
    _common(p)
    _audio_in(p)
    p.set_defaults(func=cmd_transcribe)

    p = sub.add_parser("speak", help="text to speech: write TEXT spoken by a speaker as WAV")
    p.add_argument("text", nargs="?", help="what to say")
    p.add_argument("--speaker", help="a speaker from config.yml (default: the language's)")
    p.add_argument("--out", type=Path, help="the WAV file to write")
    p.add_argument("--list", action="store_true", help="list the speakers and exit")
    _common(p)
    p.set_defaults(func=cmd_speak)

    p = sub.add_parser(
        "voice", help="talk with the assistant: microphone and speaker, or --in/--out files"
    )
    p.add_argument("--in", dest="input", type=Path, help="one turn from this audio file")
    p.add_argument("--out", type=Path, help="with --in: write the spoken answer here (WAV)")
    p.add_argument("--speaker", help="who answers (default: each language's default speaker)")
    p.add_argument("--sender", default="voice", help="conversation id (default: voice)")
    p.add_argument(
        "--model", default="models", help="model archive or folder (default: newest in models/)"
    )
    p.add_argument(
        "--endpoints", default="endpoints.yml", help="action server etc. (default: endpoints.yml)"
    )
    _common(p)
    _audio_in(p)
    p.set_defaults(func=cmd_voice)
