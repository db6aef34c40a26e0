"""The voice channel: a voice turn runs the same core as text; bad audio gets a clear 4xx."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
import soundfile
from starlette.testclient import TestClient

from assistant.agent import Agent
from assistant.channels.voice import VoiceChannel, run_voice_turn
from assistant.policies import PolicyEnsemble, RulePolicy
from assistant.policies.policy import DialogueData
from assistant.server import create_app
from assistant.shared.domain import Domain, IntentSpec, ResponseVariation
from assistant.shared.events import ActionExecuted, UserUttered
from assistant.shared.story import Story
from assistant.speech.audio import Audio
from assistant.speech.errors import NoSpeechError
from assistant.speech.settings import DEFAULT_SETTINGS
from assistant.speech.stt import FakeSpeechToText
from assistant.speech.tts import FakeTextToSpeech
from assistant.speech.voice import Voice

DOMAIN = Domain(
    intents=(IntentSpec("greet"), IntentSpec("bye")),
    responses={
        "utter_greet": (ResponseVariation(text="Hello there!"),),
        "utter_bye": (ResponseVariation(text="Bye!", metadata={"speaker": "emma"}),),
    },
)


def speech(seconds: float = 1.0, rate: int = 16000) -> Audio:
    """A loud vowel-like tone between quiet edges: 'speech' to the silence check."""
    samples = np.zeros(int(seconds * rate), dtype=np.float32)
    t = np.arange(len(samples) // 2) / rate
    start = len(samples) // 4
    samples[start : start + len(t)] = 0.3 * np.sin(2 * np.pi * 180 * t)
    return Audio(samples, rate)


def agent() -> Agent:
    rules = [
        Story(f"r{i}", (UserUttered(intent=i), ActionExecuted(name=f"utter_{i}")), is_rule=True)
        for i in ("greet", "bye")
    ]
    policy = RulePolicy.create({})
    policy.train(DialogueData(rules, DOMAIN), DOMAIN)
    return Agent(DOMAIN, None, PolicyEnsemble([policy]))


def fake_voice(heard: str = "/greet") -> tuple[Voice, FakeSpeechToText, FakeTextToSpeech]:
    stt, tts = FakeSpeechToText(heard), FakeTextToSpeech()
    voice = Voice(DEFAULT_SETTINGS, "en", stt={"en": stt}, tts={"piper": tts, "espeak_ng": tts})
    return voice, stt, tts


def test_a_voice_turn_goes_through_the_core() -> None:
    core = agent()
    voice, stt, tts = fake_voice()
    turn = run_voice_turn(core.handle, voice, speech(), "v1")
    assert turn.transcript.text == "/greet"
    assert [r.text for r in turn.responses] == ["Hello there!"]
    assert tts.spoken == [("Hello there!", "joe")]  # the English default speaker
    tracker = core.get_tracker("v1")
    uttered = [e for e in tracker.events if isinstance(e, UserUttered)]
    assert uttered[-1].intent == "greet" and uttered[-1].input_channel == "voice"
    assert (uttered[-1].metadata or {})["stt"]["engine"] == "fake"
    sound = turn.audio()
    assert sound is not None and sound.seconds > 0.5


def test_a_response_picks_its_own_speaker_over_the_conversations() -> None:
    voice, _, tts = fake_voice("/bye")
    run_voice_turn(agent().handle, voice, speech(), "v2", speaker="lily")
    assert tts.spoken == [("Bye!", "emma")]
    voice, _, tts = fake_voice("/greet")
    run_voice_turn(agent().handle, voice, speech(), "v3", speaker="lily")
    assert tts.spoken == [("Hello there!", "lily")]


def test_silence_never_reaches_the_core() -> None:
    core = agent()
    voice, stt, _ = fake_voice()
    with pytest.raises(NoSpeechError, match="no speech"):
        run_voice_turn(core.handle, voice, Audio(np.zeros(16000, dtype=np.float32), 16000), "v4")
    assert stt.heard == [] and core.get_tracker("v4").events == []


@pytest.fixture()
def client() -> tuple[TestClient, FakeTextToSpeech]:
    voice, _, tts = fake_voice()
    return TestClient(create_app(agent(), channels=[VoiceChannel(voice, max_bytes=2_000_000)])), tts


def wav(audio: Audio, fmt: str = "WAV") -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, audio.samples, audio.sample_rate, format=fmt)
    return buffer.getvalue()


def test_the_webhook_answers_with_text_and_audio(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    answer = http.post("/webhooks/voice/webhook?sender=h1", content=wav(speech(rate=44100), "FLAC"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["transcript"] == "/greet" and body["language"] == "en"
    assert body["messages"] == [{"recipient_id": "h1", "text": "Hello there!"}]
    assert body["replies"] == [{"text": "Hello there!", "speaker": "joe"}]
    sound, rate = soundfile.read(io.BytesIO(base64.b64decode(body["audio"])))
    assert rate == 16000 and len(sound) > 0


def test_the_conversation_keeps_its_speaker(client) -> None:  # type: ignore[no-untyped-def]
    http, tts = client
    assert http.post("/webhooks/voice/webhook?sender=h2&speaker=sam", content=wav(speech()))
    http.post("/webhooks/voice/webhook?sender=h2", content=wav(speech()))
    assert [name for _, name in tts.spoken] == ["sam", "sam"]


def test_raw_pcm_with_its_rate(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    pcm = speech(rate=8000).pcm16()
    assert http.post("/webhooks/voice/webhook?rate=8000", content=pcm).status_code == 200
    assert http.post("/webhooks/voice/webhook", content=pcm).status_code == 400


@pytest.mark.parametrize(
    ("query", "body", "status", "message"),
    [
        ("", b"", 400, "is empty"),
        ("", b"RIFF\x24\x00\x00\x00WAVEfmt broken", 400, "cannot be decoded"),
        ("", b"ID3\x03 an mp3", 400, "not WAV, FLAC or OGG"),
        ("", "silence", 422, "no speech"),
        ("", "long", 400, "limit is 120 s"),
        ("", "huge", 413, "limit"),
        ("?speaker=nobody", "speech", 400, "unknown speaker 'nobody'"),
        ("?rate=fast", "speech", 400, "'rate' must be"),
    ],
)
def test_bad_requests_get_a_clear_answer(client, query, body, status, message) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    bodies = {
        "silence": wav(Audio(np.zeros(16000, dtype=np.float32), 16000)),
        "long": wav(Audio(np.zeros(130 * 4000, dtype=np.float32), 4000), "FLAC"),
        "huge": b"RIFF" + bytes(2_000_001),
        "speech": wav(speech()),
    }
    answer = http.post(f"/webhooks/voice/webhook{query}", content=bodies.get(body, body))
    assert answer.status_code == status
    assert message in answer.json()["error"]


def test_the_channel_lists_its_speakers(client) -> None:  # type: ignore[no-untyped-def]
    http, _ = client
    about = http.get("/webhooks/voice/").json()
    assert about["languages"] == ["en", "ko"]
    assert {s["name"] for s in about["speakers"]} >= {"joe", "emma", "minji", "junho"}
