"""Conversation events, serialised with Rasa's JSON names so trackers move between the two.

Event
 ├── UserUttered ("user")            ├── ActionExecuted ("action")
 ├── BotUttered ("bot")              ├── ActiveLoop ("active_loop")
 ├── SlotSet ("slot")                ├── ActionExecutionRejected ("action_execution_rejected")
 ├── Restarted ("restart")           ├── LoopInterrupted ("loop_interrupted")
 ├── SessionStarted ("session_started") ├── FollowupAction ("followup")
 ├── AllSlotsReset ("reset_slots")   ├── UserUtteranceReverted ("rewind")
 ├── ActionReverted ("undo")         ├── ConversationPaused / Resumed ("pause" / "resume")
 ├── EntitiesAdded ("entities")      └── ReminderScheduled / ReminderCancelled, StoryExported
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

from assistant.shared.message import Entity


class EventFormatError(ValueError):
    """A JSON event that cannot be read (unknown ``event`` name or a missing field)."""


@dataclass(frozen=True)
class Event:
    type_name: ClassVar[str] = ""
    timestamp: float = field(default_factory=time.time, kw_only=True, compare=False)
    metadata: dict[str, Any] | None = field(default=None, kw_only=True, compare=False)

    def _body(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("timestamp", "metadata")
        }

    def to_dict(self) -> dict[str, Any]:
        out = {"event": self.type_name, "timestamp": self.timestamp, **self._body()}
        if self.metadata:
            out["metadata"] = self.metadata
        return out

    @classmethod
    def _from_body(cls, data: dict[str, Any]) -> Event:
        names = {f.name for f in fields(cls)} - {"timestamp", "metadata"}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class UserUttered(Event):
    type_name: ClassVar[str] = "user"
    text: str | None = None
    intent: str | None = None
    intent_confidence: float = 1.0
    entities: tuple[Entity, ...] = ()
    parse_data: dict[str, Any] | None = field(default=None, compare=False)
    input_channel: str | None = field(default=None, compare=False)
    message_id: str | None = field(default=None, compare=False)

    def _body(self) -> dict[str, Any]:
        parse = dict(self.parse_data or {})
        parse.setdefault("intent", {"name": self.intent, "confidence": self.intent_confidence})
        parse.setdefault("entities", [e.to_dict() for e in self.entities])
        parse.setdefault("text", self.text)
        return {
            "text": self.text,
            "parse_data": parse,
            "input_channel": self.input_channel,
            "message_id": self.message_id,
        }

    @classmethod
    def from_parse_data(
        cls,
        text: str | None,
        parse_data: dict[str, Any],
        input_channel: str | None = None,
        message_id: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> UserUttered:
        """The event for a message NLU parsed into Rasa's ``parse_data`` shape."""
        intent = parse_data.get("intent") or {}
        return cls(
            text=text,
            intent=intent.get("name"),
            intent_confidence=float(intent.get("confidence") or 0.0),
            entities=tuple(Entity.from_dict(e) for e in parse_data.get("entities", [])),
            parse_data=parse_data or None,
            input_channel=input_channel,
            message_id=message_id,
            metadata=metadata,
        )

    @classmethod
    def _from_body(cls, data: dict[str, Any]) -> Event:
        return cls.from_parse_data(
            data.get("text"),
            data.get("parse_data") or {},
            data.get("input_channel"),
            data.get("message_id"),
        )


@dataclass(frozen=True)
class BotUttered(Event):
    type_name: ClassVar[str] = "bot"
    text: str | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def _from_body(cls, data: dict[str, Any]) -> Event:
        return cls(text=data.get("text"), data=dict(data.get("data") or {}))


@dataclass(frozen=True)
class SlotSet(Event):
    type_name: ClassVar[str] = "slot"
    name: str = ""
    value: Any = None

    def __hash__(self) -> int:
        return hash((self.name, repr(self.value)))


@dataclass(frozen=True)
class ActionExecuted(Event):
    type_name: ClassVar[str] = "action"
    name: str = ""
    policy: str | None = field(default=None, compare=False)
    confidence: float | None = field(default=None, compare=False)
    action_text: str | None = None  # end-to-end stories: the bot's text instead of a name
    hide_rule_turn: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class ActiveLoop(Event):
    type_name: ClassVar[str] = "active_loop"
    name: str | None = None


@dataclass(frozen=True)
class ActionExecutionRejected(Event):
    type_name: ClassVar[str] = "action_execution_rejected"
    name: str = ""
    policy: str | None = None
    confidence: float | None = None


@dataclass(frozen=True)
class LoopInterrupted(Event):
    type_name: ClassVar[str] = "loop_interrupted"
    is_interrupted: bool = False


@dataclass(frozen=True)
class Restarted(Event):
    type_name: ClassVar[str] = "restart"


@dataclass(frozen=True)
class SessionStarted(Event):
    type_name: ClassVar[str] = "session_started"


@dataclass(frozen=True)
class AllSlotsReset(Event):
    type_name: ClassVar[str] = "reset_slots"


@dataclass(frozen=True)
class FollowupAction(Event):
    type_name: ClassVar[str] = "followup"
    name: str = ""


@dataclass(frozen=True)
class UserUtteranceReverted(Event):
    type_name: ClassVar[str] = "rewind"


@dataclass(frozen=True)
class ActionReverted(Event):
    type_name: ClassVar[str] = "undo"


@dataclass(frozen=True)
class ConversationPaused(Event):
    type_name: ClassVar[str] = "pause"


@dataclass(frozen=True)
class ConversationResumed(Event):
    type_name: ClassVar[str] = "resume"


@dataclass(frozen=True)
class StoryExported(Event):
    type_name: ClassVar[str] = "export"
    path: str | None = None


@dataclass(frozen=True)
class EntitiesAdded(Event):
    type_name: ClassVar[str] = "entities"
    entities: tuple[Entity, ...] = ()

    def _body(self) -> dict[str, Any]:
        return {"entities": [e.to_dict() for e in self.entities]}

    @classmethod
    def _from_body(cls, data: dict[str, Any]) -> Event:
        return cls(entities=tuple(Entity.from_dict(e) for e in data.get("entities", [])))


@dataclass(frozen=True)
class ReminderScheduled(Event):
    type_name: ClassVar[str] = "reminder"
    intent: str = ""
    trigger_date_time: str = ""
    entities: list[dict[str, Any]] | None = None
    name: str | None = None
    kill_on_user_message: bool = True

    def _body(self) -> dict[str, Any]:  # Rasa's JSON names
        return {
            "intent": self.intent,
            "date_time": self.trigger_date_time,
            "entities": self.entities,
            "name": self.name,
            "kill_on_user_msg": self.kill_on_user_message,
        }

    @classmethod
    def _from_body(cls, data: dict[str, Any]) -> Event:
        return cls(
            intent=str(data.get("intent", "")),
            trigger_date_time=str(data.get("date_time", "")),
            entities=data.get("entities"),
            name=data.get("name"),
            kill_on_user_message=bool(data.get("kill_on_user_msg", True)),
        )


@dataclass(frozen=True)
class ReminderCancelled(Event):
    type_name: ClassVar[str] = "cancel_reminder"
    name: str | None = None
    intent: str | None = None
    entities: list[dict[str, Any]] | None = None


@dataclass(frozen=True)
class AgentUttered(Event):
    type_name: ClassVar[str] = "agent"
    text: str | None = None
    data: Any = None


EVENT_TYPES: dict[str, type[Event]] = {
    cls.type_name: cls
    for cls in (
        UserUttered,
        BotUttered,
        SlotSet,
        ActionExecuted,
        ActiveLoop,
        ActionExecutionRejected,
        LoopInterrupted,
        Restarted,
        SessionStarted,
        AllSlotsReset,
        FollowupAction,
        UserUtteranceReverted,
        ActionReverted,
        ConversationPaused,
        ConversationResumed,
        StoryExported,
        EntitiesAdded,
        ReminderScheduled,
        ReminderCancelled,
        AgentUttered,
    )
}
# Older names Rasa also accepts.
EVENT_TYPES["form"] = ActiveLoop
EVENT_TYPES["form_validation"] = LoopInterrupted


def event_from_dict(data: dict[str, Any]) -> Event:
    """Read one event in Rasa's JSON shape; raises ``EventFormatError`` naming the problem."""
    if not isinstance(data, dict):
        raise EventFormatError(f"an event must be a JSON object, got {type(data).__name__}")
    name = data.get("event")
    cls = EVENT_TYPES.get(str(name))
    if cls is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise EventFormatError(f"unknown event {name!r}; known: {known}")
    if cls is LoopInterrupted and "validate" in data:  # the old "form_validation" event
        data = {**data, "is_interrupted": not data["validate"]}
    try:
        event = cls._from_body(data)
    except (TypeError, ValueError) as err:
        raise EventFormatError(f"event {name!r}: {err}") from err
    ts = data.get("timestamp")
    meta = data.get("metadata")
    object.__setattr__(event, "timestamp", float(ts) if ts is not None else time.time())
    object.__setattr__(event, "metadata", meta if isinstance(meta, dict) else None)
    return event


def events_from_list(items: list[dict[str, Any]]) -> list[Event]:
    return [event_from_dict(item) for item in items]
