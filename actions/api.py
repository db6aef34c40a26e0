"""The Action API: write custom actions as with rasa_sdk, served by ``assistant run actions``.

    class ActionShowScore(Action):
        def name(self) -> str:
            return "action_show_score"

        def run(self, dispatcher, tracker, domain):
            dispatcher.utter_message(text=f"{tracker.get_slot('home_team')} won")
            return [SlotSet("reported", True)]

``run`` may be ``async``. Events are plain dicts in Rasa's JSON shape (``SlotSet(...)`` builds
one), so the same code runs here and on a rasa_sdk server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from typing import Any

EventType = dict[str, Any]
DomainDict = dict[str, Any]


def SlotSet(key: str, value: Any = None) -> EventType:  # noqa: N802 (rasa_sdk's name)
    return {"event": "slot", "timestamp": None, "name": key, "value": value}


def FollowupAction(name: str) -> EventType:  # noqa: N802
    return {"event": "followup", "timestamp": None, "name": name}


def ActiveLoop(name: str | None) -> EventType:  # noqa: N802
    return {"event": "active_loop", "timestamp": None, "name": name}


def AllSlotsReset() -> EventType:  # noqa: N802
    return {"event": "reset_slots", "timestamp": None}


def Restarted() -> EventType:  # noqa: N802
    return {"event": "restart", "timestamp": None}


def UserUtteranceReverted() -> EventType:  # noqa: N802
    return {"event": "rewind", "timestamp": None}


def ConversationPaused() -> EventType:  # noqa: N802
    return {"event": "pause", "timestamp": None}


class ActionExecutionRejection(Exception):
    """Raised by an action that refuses to run now (a form validation rejecting the input)."""

    def __init__(self, action_name: str, message: str | None = None) -> None:
        self.action_name = action_name
        self.message = message or f"Custom action '{action_name}' rejected execution."
        super().__init__(self.message)


@dataclass
class Tracker:
    """A read-only view of the conversation the core sent (rasa_sdk's ``Tracker``)."""

    sender_id: str
    slots: dict[str, Any]
    latest_message: dict[str, Any]
    events: list[EventType]
    paused: bool = False
    followup_action: str | None = None
    active_loop: dict[str, Any] = field(default_factory=dict)
    latest_action_name: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tracker:
        return cls(
            sender_id=str(data.get("sender_id", "default")),
            slots=dict(data.get("slots") or {}),
            latest_message=dict(data.get("latest_message") or {}),
            events=list(data.get("events") or []),
            paused=bool(data.get("paused", False)),
            followup_action=data.get("followup_action"),
            active_loop=dict(data.get("active_loop") or {}),
            latest_action_name=data.get("latest_action_name"),
        )

    @property
    def active_loop_name(self) -> str | None:
        name = self.active_loop.get("name")
        return str(name) if name else None

    def get_slot(self, key: str) -> Any:
        return self.slots.get(key)

    def get_intent_of_latest_message(self, skip_fallback_intent: bool = True) -> str | None:
        intent = (self.latest_message.get("intent") or {}).get("name")
        if skip_fallback_intent and intent == "nlu_fallback":
            ranking = self.latest_message.get("intent_ranking") or []
            return ranking[1]["name"] if len(ranking) > 1 else None
        return str(intent) if intent else None

    def get_latest_entity_values(
        self, entity_type: str, entity_role: str | None = None, entity_group: str | None = None
    ) -> Iterator[Any]:
        for entity in self.latest_message.get("entities") or []:
            if (
                entity.get("entity") == entity_type
                and entity.get("role") == entity_role
                and entity.get("group") == entity_group
            ):
                yield entity.get("value")

    def slots_to_validate(self) -> dict[str, Any]:
        """Slots set since the latest user message (what a form's validation should check)."""
        found: dict[str, Any] = {}
        for event in reversed(self.events):
            if event.get("event") == "user":
                break
            if event.get("event") == "slot" and event.get("name") != "requested_slot":
                found.setdefault(event["name"], event.get("value"))
        return found


class CollectingDispatcher:
    """Collects the messages an action sends (``utter_message``), returned as ``responses``."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    def utter_message(
        self,
        text: str | None = None,
        image: str | None = None,
        json_message: dict[str, Any] | None = None,
        response: str | None = None,
        attachment: str | None = None,
        buttons: list[dict[str, Any]] | None = None,
        elements: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        message = {
            "text": text,
            "image": image,
            "json_message": json_message or {},
            "response": response,
            "attachment": attachment,
            "buttons": buttons or [],
            "elements": elements or [],
            **kwargs,
        }
        self.messages.append(message)


class Action:
    """A custom action: ``name()`` and ``run(dispatcher, tracker, domain)`` (sync or async)."""

    def name(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} must define name()")

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType] | Awaitable[list[EventType]]:
        raise NotImplementedError(f"action '{self.name()}' must define run()")

    def __str__(self) -> str:
        return f"Action('{self.name()}')"


class FormValidationAction(Action):
    """``validate_<form>``: calls ``validate_<slot>(value, dispatcher, tracker, domain)`` for each
    slot the user just filled; each returns the slot updates (``{slot: None}`` rejects a value)."""

    def form_name(self) -> str:
        name = self.name()
        return name[len("validate_") :] if name.startswith("validate_") else name

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        updates: dict[str, Any] = {}
        required = ((domain.get("forms") or {}).get(self.form_name()) or {}).get("required_slots")
        for slot, value in tracker.slots_to_validate().items():
            if required is not None and slot not in required:
                updates.setdefault(slot, value)
                continue
            validate = getattr(self, f"validate_{slot}", None)
            result = validate(value, dispatcher, tracker, domain) if validate else {slot: value}
            updates.update(result or {})
        return [SlotSet(slot, value) for slot, value in updates.items()]
