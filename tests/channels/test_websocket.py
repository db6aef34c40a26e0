"""The websocket channel and the web chat page's endpoints."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from assistant.agent import Agent
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
            ResponseVariation(text="안녕하세요!", buttons=(Button("규칙 질문", "/ask_rules"),)),
        )
    },
)


@pytest.fixture(scope="module")
def client() -> TestClient:
    rule = Story(
        "greet", (UserUttered(intent="greet"), ActionExecuted(name="utter_greet")), is_rule=True
    )
    policy = RulePolicy.create({})
    policy.train(DialogueData([rule], DOMAIN), DOMAIN)
    return TestClient(create_app(Agent(DOMAIN, None, PolicyEnsemble([policy]))))


def test_page_is_served_at_the_root(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "리그 도우미" in page.text and "/webchat/ws" in page.text


def test_a_turn_over_the_socket_and_its_history(client: TestClient) -> None:
    with client.websocket_connect("/webchat/ws") as socket:
        socket.send_json({"sender": "w1", "message": "/greet"})
        reply = socket.receive_json()
    assert reply["messages"] == [
        {
            "recipient_id": "w1",
            "text": "안녕하세요!",
            "buttons": [{"title": "규칙 질문", "payload": "/ask_rules"}],
        }
    ]
    history = client.get("/webchat/history?sender=w1").json()
    assert [(m["from"], m["text"]) for m in history] == [("user", "/greet"), ("bot", "안녕하세요!")]


@pytest.mark.parametrize(
    ("frame", "says"),
    [
        ("{oops", "not JSON"),
        ('{"sender": "", "message": "hi"}', "'sender'"),
        ('{"sender": "a", "message": 3}', "'message'"),
        ("[1]", "JSON object"),
    ],
)
def test_bad_frames_get_an_error_and_the_socket_stays_open(
    client: TestClient, frame: str, says: str
) -> None:
    with client.websocket_connect("/webchat/ws") as socket:
        socket.send_text(frame)
        assert says in socket.receive_json()["error"]
        socket.send_json({"sender": "w2", "message": "/greet"})
        assert socket.receive_json()["messages"][0]["text"] == "안녕하세요!"


def test_history_needs_a_sender(client: TestClient) -> None:
    assert client.get("/webchat/history").status_code == 400
