"""The HTTP server: Rasa's REST channel, the HTTP API and its auth, hostile input."""

from __future__ import annotations

import jwt
import pytest
from starlette.testclient import TestClient

from assistant.agent import Agent
from assistant.policies import PolicyEnsemble, RulePolicy
from assistant.policies.policy import DialogueData
from assistant.server import ServerConfig, create_app
from assistant.shared.domain import Domain, IntentSpec, ResponseVariation
from assistant.shared.events import ActionExecuted, UserUttered
from assistant.shared.story import Story

DOMAIN = Domain(
    intents=(IntentSpec("greet"),),
    responses={"utter_greet": (ResponseVariation(text="Hello!"),)},
)


@pytest.fixture(scope="module")
def agent() -> Agent:
    rule = Story(
        "greet", (UserUttered(intent="greet"), ActionExecuted(name="utter_greet")), is_rule=True
    )
    policy = RulePolicy.create({})
    policy.train(DialogueData([rule], DOMAIN), DOMAIN)
    return Agent(DOMAIN, None, PolicyEnsemble([policy]))


def client(agent: Agent, **config: object) -> TestClient:
    return TestClient(create_app(agent, ServerConfig(**config)))  # type: ignore[arg-type]


def test_rest_webhook_speaks_rasa_wire_format(agent: Agent) -> None:
    response = client(agent).post(
        "/webhooks/rest/webhook", json={"sender": "a", "message": "/greet"}
    )
    assert response.status_code == 200
    assert response.json() == [{"recipient_id": "a", "text": "Hello!"}]


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b"{not json", 400, "not valid JSON"),
        (b'{"sender": "a", "message": 5}', 400, "'message' must be a string"),
        (b'{"sender": ["x"], "message": "hi"}', 400, "'sender'"),
        (b"[1, 2]", 400, "JSON object"),
        (b"", 400, "empty"),
        (b'{"message": "' + b"a" * 1_100_000 + b'"}', 413, "limit"),
    ],
)
def test_hostile_input_gets_a_clear_4xx(agent: Agent, body: bytes, status: int, says: str) -> None:
    test = client(agent)
    response = test.post("/webhooks/rest/webhook", content=body)
    assert response.status_code == status
    assert says in response.json()["error"]
    assert test.get("/version").status_code == 200  # still serving


def test_api_needs_token_or_jwt(agent: Agent) -> None:
    test = client(
        agent,
        enable_api=True,
        auth_token="t0k",
        jwt_secret="a-long-enough-secret-for-hs256-signing",
    )
    assert test.get("/conversations/a/tracker").status_code == 401
    assert test.get("/conversations/a/tracker?token=wrong").status_code == 401
    assert test.get("/conversations/a/tracker?token=t0k").status_code == 200
    token = jwt.encode(
        {"user": "admin"}, "a-long-enough-secret-for-hs256-signing", algorithm="HS256"
    )
    ok = test.get("/conversations/a/tracker", headers={"Authorization": f"Bearer {token}"})
    assert ok.status_code == 200
    bad = jwt.encode({"user": "admin"}, "another-long-enough-secret-for-hs256", algorithm="HS256")
    assert (
        test.get("/conversations/a/tracker", headers={"Authorization": f"Bearer {bad}"}).status_code
        == 401
    )
    assert test.post("/webhooks/rest/webhook", json={"message": "/greet"}).status_code == 200


def test_api_trigger_intent_events_and_execute(agent: Agent) -> None:
    test = client(agent, enable_api=True)
    answer = test.post("/conversations/b/trigger_intent", json={"name": "greet"}).json()
    assert answer["messages"] == [{"recipient_id": "b", "text": "Hello!"}]
    events = answer["tracker"]["events"]
    assert [e["event"] for e in events][-3:] == ["action", "bot", "action"]
    assert test.post("/conversations/b/trigger_intent", json={"name": "nope"}).status_code == 404
    put = test.put(
        "/conversations/b/tracker/events", json=[{"event": "slot", "name": "x", "value": 1}]
    )
    assert [e["event"] for e in put.json()["events"]] == ["slot"]
    bad = test.post("/conversations/b/tracker/events", json={"event": "nonsense"})
    assert bad.status_code == 400 and "unknown event" in bad.json()["error"]
    executed = test.post("/conversations/b/execute", json={"name": "utter_greet"}).json()
    assert executed["messages"][0]["text"] == "Hello!"


def test_metrics_count_turns_and_errors(agent: Agent) -> None:
    test = client(agent)
    test.post("/webhooks/rest/webhook", json={"sender": "m", "message": "/greet"})
    test.post("/webhooks/rest/webhook", content=b"{")
    text = test.get("/metrics").text
    assert 'assistant_turns_total{channel="rest"} 1.0' in text
    assert 'assistant_errors_total{kind="bad_request"} 1.0' in text


def test_openapi_document_is_valid_and_lists_the_api(agent: Agent) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    with_api = client(agent, enable_api=True).get("/openapi.json").json()
    validator.validate(with_api)
    assert "/conversations/{conversation_id}/trigger_intent" in with_api["paths"]
    without = client(agent).get("/openapi.json").json()
    assert "/model/parse" not in without["paths"] and "/webhooks/rest/webhook" in without["paths"]
