"""Events read and write Rasa's JSON shapes, and every event type survives a round trip."""

from __future__ import annotations

import json

import pytest

from assistant.shared.events import (
    EVENT_TYPES,
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AgentUttered,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    EntitiesAdded,
    Event,
    EventFormatError,
    FollowupAction,
    LoopInterrupted,
    ReminderCancelled,
    ReminderScheduled,
    Restarted,
    SessionStarted,
    SlotSet,
    StoryExported,
    UserUtteranceReverted,
    UserUttered,
    event_from_dict,
    events_from_list,
)
from assistant.shared.message import Entity

CUISINE = Entity(entity="cuisine", value="한식", start=0, end=2, confidence=0.9, extractor="crf")

EXAMPLES: list[Event] = [
    UserUttered(
        text="[한식] 예약",
        intent="book_table",
        intent_confidence=0.75,
        entities=(CUISINE,),
        input_channel="rest",
        message_id="m1",
        metadata={"lang": "ko"},
    ),
    BotUttered(
        text="Hello {name}",
        data={"buttons": [{"title": "Yes", "payload": "/affirm"}]},
        metadata={"utter_action": "utter_greet"},
    ),
    SlotSet(name="cuisine", value={"nested": ["a", 1]}),
    ActionExecuted(name="utter_greet", policy="rule_policy", confidence=1.0, hide_rule_turn=True),
    ActionExecuted(name=None, action_text="Hi there!"),  # type: ignore[arg-type]
    ActiveLoop(name="booking_form"),
    ActiveLoop(name=None),
    ActionExecutionRejected(name="booking_form", policy="rule_policy", confidence=0.8),
    LoopInterrupted(is_interrupted=True),
    Restarted(),
    SessionStarted(),
    AllSlotsReset(),
    FollowupAction(name="utter_greet"),
    UserUtteranceReverted(),
    ActionReverted(),
    ConversationPaused(),
    ConversationResumed(),
    StoryExported(path="stories.yml"),
    EntitiesAdded(entities=(CUISINE,)),
    ReminderScheduled(
        intent="remind",
        trigger_date_time="2030-01-01T10:00:00+00:00",
        entities=[{"entity": "x", "value": 1}],
        name="r1",
        kill_on_user_message=False,
    ),
    ReminderCancelled(name="r1", intent="remind", entities=[{"entity": "x", "value": 1}]),
    AgentUttered(text="agent says", data={"k": 1}),
]


def test_every_event_type_has_an_example() -> None:
    assert {type(e) for e in EXAMPLES} == set(EVENT_TYPES.values())


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: f"{e.type_name}")
def test_json_round_trip(event: Event) -> None:
    data = json.loads(json.dumps(event.to_dict(), ensure_ascii=False))
    assert data["event"] == event.type_name
    back = event_from_dict(data)
    assert type(back) is type(event)
    assert back == event
    assert back.timestamp == event.timestamp
    assert back.metadata == event.metadata
    assert back.to_dict() == event.to_dict()


def test_user_uttered_writes_rasa_parse_data() -> None:
    data = EXAMPLES[0].to_dict()
    assert data["parse_data"]["intent"] == {"name": "book_table", "confidence": 0.75}
    assert data["parse_data"]["entities"][0] == {
        "entity": "cuisine",
        "value": "한식",
        "start": 0,
        "end": 2,
        "extractor": "crf",
        "confidence_entity": 0.9,
    }
    assert data["input_channel"] == "rest"
    assert data["metadata"] == {"lang": "ko"}


def test_reads_a_rasa_tracker_dump() -> None:
    events = events_from_list(
        [
            {
                "event": "action",
                "timestamp": 1.0,
                "name": "action_session_start",
                "policy": None,
                "confidence": 1.0,
                "action_text": None,
                "hide_rule_turn": False,
            },
            {"event": "session_started", "timestamp": 2.0},
            {
                "event": "user",
                "timestamp": 3.0,
                "text": "hi",
                "parse_data": {
                    "intent": {"name": "greet", "confidence": 0.9},
                    "entities": [],
                    "text": "hi",
                    "message_id": "x",
                    "metadata": {},
                },
                "input_channel": "rest",
                "message_id": "x",
                "metadata": {},
            },
            {"event": "slot", "timestamp": 4.0, "name": "cuisine", "value": "korean"},
            {"event": "form", "timestamp": 5.0, "name": "booking_form"},  # Rasa 2's name
            {"event": "form_validation", "timestamp": 6.0, "validate": False},
        ]
    )
    assert [type(e) for e in events] == [
        ActionExecuted,
        SessionStarted,
        UserUttered,
        SlotSet,
        ActiveLoop,
        LoopInterrupted,
    ]
    user = events[2]
    assert isinstance(user, UserUttered)
    assert (user.intent, user.intent_confidence, user.timestamp) == ("greet", 0.9, 3.0)
    assert events[3] == SlotSet(name="cuisine", value="korean")
    assert events[4] == ActiveLoop(name="booking_form")
    assert events[5] == LoopInterrupted(is_interrupted=True)


def test_unknown_event_names_the_known_ones() -> None:
    with pytest.raises(EventFormatError, match=r"unknown event 'dance'; known: .*slot"):
        event_from_dict({"event": "dance"})
    with pytest.raises(EventFormatError, match="JSON object"):
        event_from_dict(["slot"])  # type: ignore[arg-type]


def test_equality_ignores_timestamps_and_policy() -> None:
    assert ActionExecuted(name="a", policy="x", timestamp=1.0) == ActionExecuted(
        name="a", timestamp=2.0
    )
    assert SlotSet(name="s", value=[1]) != SlotSet(name="s", value=[2])
    assert len({SlotSet(name="s", value=[1]), SlotSet(name="s", value=[1])}) == 1


def test_reminder_uses_rasa_json_names() -> None:
    rasa = {
        "event": "reminder",
        "timestamp": 1.0,
        "intent": "remind",
        "entities": None,
        "date_time": "2030-01-01T10:00:00+00:00",
        "name": "r1",
        "kill_on_user_msg": False,
    }
    event = event_from_dict(rasa)
    assert isinstance(event, ReminderScheduled)
    assert event.trigger_date_time == "2030-01-01T10:00:00+00:00"
    assert event.kill_on_user_message is False
    data = event.to_dict()
    assert data["date_time"] == "2030-01-01T10:00:00+00:00"
    assert data["kill_on_user_msg"] is False
