"""Custom actions over Rasa's action-server protocol, against a fake server speaking it."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from assistant.action_server_client import ActionServerExecutor
from assistant.errors import ActionError
from assistant.shared.domain import Domain, Form, IntentSpec, ResponseVariation, Slot
from assistant.shared.events import ActionExecutionRejected, BotUttered, SlotSet
from assistant.tracker import DialogueStateTracker

DOMAIN = Domain(
    intents=(IntentSpec("inform"),),
    slots=(Slot("cuisine"),),
    actions=("action_search", "validate_food_form", "action_broken"),
    forms={"food_form": Form("food_form", ("cuisine",))},
    responses={"utter_found": (ResponseVariation(text="Found {count} places"),)},
)


def fake_server(request: httpx.Request) -> httpx.Response:
    body: dict[str, Any] = json.loads(request.content)
    assert body["sender_id"] == "u1" and "events" in body["tracker"]
    assert body["domain"]["forms"]["food_form"]["required_slots"] == ["cuisine"]
    action = body["next_action"]
    if action == "action_search":
        return httpx.Response(
            200,
            json={
                "events": [
                    {"event": "slot", "name": "cuisine", "value": "thai", "timestamp": None}
                ],
                "responses": [
                    {"response": "utter_found", "count": 3},
                    {"text": "Enjoy!", "buttons": []},
                ],
            },
        )
    if action == "validate_food_form":
        return httpx.Response(400, json={"action_name": action, "error": "not a cuisine"})
    return httpx.Response(500, text="boom")


@pytest.fixture()
def executor() -> ActionServerExecutor:
    return ActionServerExecutor(
        "http://actions/webhook", DOMAIN, transport=httpx.MockTransport(fake_server)
    )


def test_events_and_responses_come_back(executor: ActionServerExecutor) -> None:
    events = executor.run("action_search", DialogueStateTracker("u1", DOMAIN), DOMAIN)
    texts = [e.text for e in events if isinstance(e, BotUttered)]
    assert texts == ["Found 3 places", "Enjoy!"]
    assert SlotSet(name="cuisine", value="thai") in events


def test_a_rejection_is_an_event(executor: ActionServerExecutor) -> None:
    events = executor.run("validate_food_form", DialogueStateTracker("u1", DOMAIN), DOMAIN)
    assert events == [ActionExecutionRejected(name="validate_food_form")]


def test_server_errors_and_unreachable_servers_raise_action_error(
    executor: ActionServerExecutor,
) -> None:
    with pytest.raises(ActionError, match="answered 500"):
        executor.run("action_broken", DialogueStateTracker("u1", DOMAIN), DOMAIN)
    offline = ActionServerExecutor("http://127.0.0.1:9/webhook", DOMAIN, timeout=1)
    with pytest.raises(ActionError, match="cannot reach"):
        offline.run("action_search", DialogueStateTracker("u1", DOMAIN), DOMAIN)


def test_only_declared_actions_are_sent(executor: ActionServerExecutor) -> None:
    assert executor.knows("validate_food_form")
    assert not executor.knows("utter_found")
