"""Telegram, Slack and callback connectors against fake API servers on loopback that speak the
real wire format: secrets and signatures are checked, replies go out as sendMessage /
chat.postMessage / a POST to the callback URL."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from assistant.agent import Agent
from assistant.channels.callback import CallbackChannel
from assistant.channels.registry import create_channels
from assistant.channels.slack import SlackChannel, signature
from assistant.channels.telegram import TelegramChannel
from assistant.errors import ConfigError
from assistant.policies import PolicyEnsemble, RulePolicy
from assistant.policies.policy import DialogueData
from assistant.server import create_app
from assistant.shared.domain import Button, Domain, IntentSpec, ResponseVariation
from assistant.shared.events import ActionExecuted, UserUttered
from assistant.shared.story import Story

DOMAIN = Domain(
    intents=(IntentSpec("greet"),),
    responses={
        "utter_greet": (
            ResponseVariation(
                text="안녕하세요!", buttons=(Button("Report a match", "/report_match"),)
            ),
        )
    },
)
SECRET = "a-slack-signing-secret"


class FakeApi:
    """Records the JSON bodies posted to it; answers ``{"ok": true}`` like both APIs."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

        async def record(request: Request) -> JSONResponse:
            self.calls.append((request.url.path, json.loads(await request.body())))
            return JSONResponse({"ok": True, "result": {}})

        self.app = Starlette(routes=[Route("/{path:path}", record, methods=["POST"])])

    def wait_for(self, n: int) -> None:
        deadline = time.monotonic() + 10
        while len(self.calls) < n and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.fixture(scope="module")
def fake_api() -> Iterator[tuple[FakeApi, str]]:
    api = FakeApi()
    server = uvicorn.Server(uvicorn.Config(api.app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield api, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


def _client(channels: list[Any]) -> TestClient:
    rule = Story(
        "greet", (UserUttered(intent="greet"), ActionExecuted(name="utter_greet")), is_rule=True
    )
    policy = RulePolicy.create({})
    policy.train(DialogueData([rule], DOMAIN), DOMAIN)
    return TestClient(create_app(Agent(DOMAIN, None, PolicyEnsemble([policy])), channels=channels))


def test_telegram(fake_api: tuple[FakeApi, str]) -> None:
    api, url = fake_api
    api.calls.clear()
    client = _client([TelegramChannel("123:ABC", secret_token="s3cret-token", api_url=url)])
    update = {
        "update_id": 1,
        "message": {
            "message_id": 5,
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42},
            "text": "/greet",
        },
    }
    hook = "/webhooks/telegram/webhook"
    assert client.post(hook, json=update).status_code == 401
    wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
    assert client.post(hook, json=update, headers=wrong).status_code == 401
    good = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
    assert client.post(hook, json=update, headers=good).status_code == 200
    api.wait_for(1)
    path, body = api.calls[0]
    assert path == "/bot123:ABC/sendMessage"
    assert body["chat_id"] == 42 and body["text"] == "안녕하세요!"
    assert body["reply_markup"]["inline_keyboard"] == [
        [{"text": "Report a match", "callback_data": "/report_match"}]
    ]
    press = {
        "update_id": 2,
        "callback_query": {"id": "q", "data": "/greet", "message": {"chat": {"id": 42}}},
    }
    assert client.post(hook, json=press, headers=good).status_code == 200
    api.wait_for(2)
    assert api.calls[1][1]["chat_id"] == 42
    assert client.post(hook, content=b"{", headers=good).status_code == 400


def _slack_post(
    client: TestClient, payload: dict[str, Any], secret: str = SECRET, age: float = 0
) -> int:
    body = json.dumps(payload).encode()
    stamp = str(int(time.time() - age))
    headers = {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(secret, stamp, body),
        "Content-Type": "application/json",
    }
    return client.post("/webhooks/slack/webhook", content=body, headers=headers).status_code


def test_slack(fake_api: tuple[FakeApi, str]) -> None:
    api, url = fake_api
    api.calls.clear()
    client = _client([SlackChannel("xoxb-token", SECRET, api_url=url)])
    event = {
        "type": "event_callback",
        "event": {"type": "message", "user": "U1", "text": "/greet", "channel": "C9"},
    }
    assert _slack_post(client, event, secret="forged") == 401
    assert _slack_post(client, event, age=600) == 401  # replayed: too old
    challenge = client.post(
        "/webhooks/slack/webhook",
        content=b'{"type": "url_verification", "challenge": "c1"}',
        headers={
            "X-Slack-Request-Timestamp": str(int(time.time())),
            "X-Slack-Signature": signature(
                SECRET, str(int(time.time())), b'{"type": "url_verification", "challenge": "c1"}'
            ),
        },
    )
    assert challenge.json() == {"challenge": "c1"}
    assert _slack_post(client, event) == 200
    api.wait_for(1)
    path, body = api.calls[0]
    assert path == "/chat.postMessage"
    assert body["channel"] == "C9" and body["text"] == "안녕하세요!"
    assert body["blocks"][1]["elements"][0]["value"] == "/report_match"
    bot_echo = {
        "type": "event_callback",
        "event": {"type": "message", "bot_id": "B1", "text": "x", "channel": "C9"},
    }
    assert _slack_post(client, bot_echo) == 200
    time.sleep(0.2)
    assert len(api.calls) == 1  # the bot's own message is not answered


def test_callback_answers_at_once_and_posts_the_replies(fake_api: tuple[FakeApi, str]) -> None:
    api, url = fake_api
    api.calls.clear()
    (channel,) = create_channels({"callback": {"url": f"{url}/bot"}})
    client = _client([channel])
    assert client.get("/webhooks/callback/").json() == {"status": "ok"}
    answer = client.post("/webhooks/callback/webhook", json={"sender": "u7", "message": "/greet"})
    assert answer.status_code == 200 and answer.text == "success"
    api.wait_for(1)
    path, body = api.calls[0]
    assert path == "/bot"
    assert body["recipient_id"] == "u7" and body["text"] == "안녕하세요!"
    assert body["buttons"] == [{"title": "Report a match", "payload": "/report_match"}]
    bad = client.post("/webhooks/callback/webhook", json={"sender": "u7", "message": 3})
    assert bad.status_code == 400 and "'message' must be a string" in bad.text


def test_callback_survives_an_unreachable_receiver(caplog: pytest.LogCaptureFixture) -> None:
    client = _client([CallbackChannel("http://127.0.0.1:9/bot", timeout=1)])  # port 9: discard
    with caplog.at_level("ERROR"):
        body = {"sender": "u", "message": "/greet"}
        answer = client.post("/webhooks/callback/webhook", json=body)
    assert answer.text == "success"  # TestClient runs the background task before returning
    assert "could not deliver a reply" in caplog.text
    assert client.get("/webhooks/callback/").status_code == 200


def test_credentials_name_unknown_channels() -> None:
    with pytest.raises(ConfigError, match="callback: 'url' must be an http"):
        create_channels({"callback": {"url": "ftp://x"}})
    with pytest.raises(ConfigError, match="credentials.yml: unknown channel 'fax'"):
        create_channels({"rest": None, "fax": {}})
    assert create_channels({"rest": None}) == []
