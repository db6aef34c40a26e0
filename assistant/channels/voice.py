"""The voice channel: speech in, the same core turn as text, spoken replies out.

A voice turn is a thin wrapper around ``Agent.handle``: hear (STT, silence refused), one turn
through tracker, policies and actions, then each text reply spoken by its speaker. HTTP:

    POST /webhooks/voice/webhook?sender=ID&language=en&speaker=NAME[&rate=16000]
      body: WAV, FLAC or OGG at any sample rate (or raw 16-bit PCM with ?rate=)
      200:  {"sender", "transcript", "language", "confidence", "messages": [REST shapes],
             "replies": [{"text", "speaker"}], "audio": base64 WAV or null}
      400 bad or unreadable audio, unknown speaker · 413 too large · 422 no speech heard
    GET  /webhooks/voice/   the speakers and the languages heard
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from assistant.channels.output import to_messages
from assistant.channels.request_body import BadRequest, read_body
from assistant.shared.events import BotUttered, UserUttered
from assistant.speech.audio import Audio, decode_audio
from assistant.speech.errors import AudioError, EngineUnavailable, NoSpeechError, SpeakerError
from assistant.speech.stt import Transcript
from assistant.speech.voice import Voice
from assistant.tracker import DialogueStateTracker
from assistant.user_input import UserMessage

NAME = "voice"
MAX_AUDIO_BYTES = 20_000_000
PAUSE_SECONDS = 0.3


@dataclass(frozen=True, eq=False)
class SpokenReply:
    """One text reply, who spoke it and the sound."""

    text: str
    speaker: str
    audio: Audio


@dataclass(frozen=True, eq=False)
class VoiceTurn:
    """What one voice turn heard, answered and said."""

    transcript: Transcript
    responses: list[BotUttered]
    replies: list[SpokenReply]

    def audio(self) -> Audio | None:
        """All replies one after another with a short pause, or None when nothing was said."""
        if not self.replies:
            return None
        rate = self.replies[0].audio.sample_rate
        pause = np.zeros(int(rate * PAUSE_SECONDS), dtype=np.float32)
        parts: list[np.ndarray] = []
        for reply in self.replies:
            parts += [reply.audio.resampled(rate).samples, pause]
        return Audio(np.concatenate(parts[:-1]).astype(np.float32), rate)


def run_voice_turn(
    handle: Callable[[UserMessage], list[BotUttered]],
    voice: Voice,
    audio: Audio,
    sender: str,
    language: str | None = None,
    speaker: str | None = None,
    channel: str = NAME,
) -> VoiceTurn:
    """Hear ``audio``, run one turn through ``handle`` (``Agent.handle``), speak the replies.

    ``speaker`` is the conversation's speaker; a response's ``metadata.speaker`` overrides it.
    Raises :class:`NoSpeechError` before the turn when nothing was said.
    """
    if speaker is not None:
        voice.speaker(speaker)  # an unknown name fails before the turn, not after it
    transcript = voice.hear(audio, language)
    heard = {"engine": transcript.engine, "confidence": round(transcript.confidence, 4)}
    metadata: dict[str, Any] = {"stt": heard}
    if speaker:
        metadata["speaker"] = speaker
    responses = handle(UserMessage(transcript.text, sender, channel, metadata))
    replies = []
    for event in responses:
        if event.text:
            chosen = voice.speaker_for(event.text, event.metadata, speaker)
            replies.append(SpokenReply(event.text, chosen.name, voice.say(event.text, chosen)))
    return VoiceTurn(transcript, responses, replies)


def conversation_speaker(tracker: DialogueStateTracker) -> str | None:
    """The speaker the conversation last asked for (kept in its user messages' metadata)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered) and (event.metadata or {}).get("speaker"):
            return str((event.metadata or {})["speaker"])
    return None


class VoiceChannel:
    """The HTTP side of voice, added to the server's channels."""

    def __init__(self, voice: Voice, max_bytes: int = MAX_AUDIO_BYTES) -> None:
        self.voice = voice
        self.max_bytes = max_bytes

    def routes(self, app_state: Any) -> list[Route]:
        voice = self.voice

        async def about(request: Request) -> JSONResponse:
            speakers = [
                {"name": s.name, "language": s.language, "engine": s.engine}
                for s in voice.settings.speakers.values()
            ]
            return JSONResponse(
                {"status": "ok", "languages": sorted(voice.settings.stt), "speakers": speakers}
            )

        async def webhook(request: Request) -> JSONResponse:
            query = request.query_params
            sender = query.get("sender") or "default"
            if len(sender) > 256:
                raise BadRequest("'sender' must have 1 to 256 characters")
            rate = query.get("rate")
            if rate is not None and not rate.isdigit():
                raise BadRequest("'rate' must be the sample rate of raw PCM, in Hz")
            data = await read_body(request, self.max_bytes)
            try:
                audio = decode_audio(data, int(rate) if rate else None, source="the audio")
                speaker = query.get("speaker") or await asyncio.to_thread(
                    lambda: conversation_speaker(app_state.agent.get_tracker(sender))
                )
                turn = await asyncio.to_thread(
                    run_voice_turn,
                    app_state.handle,
                    voice,
                    audio,
                    sender,
                    query.get("language") or None,
                    speaker,
                )
            except NoSpeechError as err:
                raise BadRequest(str(err), 422) from err
            except (AudioError, SpeakerError) as err:
                raise BadRequest(str(err)) from err
            except EngineUnavailable as err:
                raise BadRequest(str(err), 503) from err
            return JSONResponse(turn_json(sender, turn))

        return [
            Route(f"/webhooks/{NAME}/", about, methods=["GET"]),
            Route(f"/webhooks/{NAME}/webhook", webhook, methods=["POST"]),
        ]


def turn_json(sender: str, turn: VoiceTurn) -> dict[str, Any]:
    """A voice turn as the webhook's JSON answer."""
    sound = turn.audio()
    return {
        "sender": sender,
        "transcript": turn.transcript.text,
        "language": turn.transcript.language,
        "confidence": round(turn.transcript.confidence, 4),
        "messages": to_messages(sender, turn.responses),
        "replies": [{"text": r.text, "speaker": r.speaker} for r in turn.replies],
        "audio": base64.b64encode(sound.wav_bytes()).decode("ascii") if sound else None,
    }
