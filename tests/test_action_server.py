"""`assistant run actions`: a package's actions served with Rasa's action-server protocol, and
the core calling them over real HTTP (sync and async run, validation, rejection, failures)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from action_scenario import agent_for, check_scenario
from starlette.testclient import TestClient

from actions.loading import ActionLoadError, load_actions
from assistant.action_server import create_action_app

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
ACTIONS = load_actions("league_actions")


def test_actions_are_found_by_name() -> None:
    assert set(ACTIONS) == {
        "action_show_leader",
        "action_async_greeting",
        "action_refuse",
        "validate_team_form",
    }
    with pytest.raises(ActionLoadError, match="cannot import"):
        load_actions("no_such_actions_package")


def _call(client: TestClient, name: str, slots: dict[str, object] | None = None) -> object:
    tracker = {"sender_id": "u1", "slots": slots or {}, "events": [], "latest_message": {}}
    return client.post(
        "/webhook",
        json={
            "next_action": name,
            "sender_id": "u1",
            "tracker": tracker,
            "domain": {},
            "version": "x",
        },
    )


def test_webhook_speaks_the_protocol() -> None:
    client = TestClient(create_action_app(ACTIONS))
    sync = _call(client, "action_show_leader", {"team": "번개"}).json()  # type: ignore[attr-defined]
    assert sync["events"] == [
        {"event": "slot", "timestamp": None, "name": "leader", "value": "한빛"}
    ]
    assert sync["responses"][0]["text"] == "선두는 번개입니다"
    async_ = _call(client, "action_async_greeting").json()  # type: ignore[attr-defined]
    assert async_["responses"][0]["response"] == "utter_greet"
    refused = _call(client, "action_refuse")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert refused.json() == {"error": "not now", "action_name": "action_refuse"}  # type: ignore[attr-defined]
    assert _call(client, "nope").status_code == 404  # type: ignore[attr-defined]
    assert client.post("/webhook", content=b"{").status_code == 400


@pytest.fixture(scope="module")
def action_url() -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_action_app(ACTIONS), port=port, log_level="error")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/webhook"
    server.should_exit = True
    thread.join(timeout=5)


def test_the_core_runs_actions_and_form_validation_over_http(action_url: str) -> None:
    check_scenario(agent_for(action_url), not_a_team="/inform", team="한빛")
