"""Forms: ask each required slot, reject when the answer fills nothing, deactivate when done."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant.action import ActionContext
from assistant.form_action import FormAction
from assistant.nlg import ResponseGenerator
from assistant.shared.domain import (
    Domain,
    Form,
    IntentSpec,
    ResponseVariation,
    Slot,
    SlotMapping,
)
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    Event,
    LoopInterrupted,
    SlotSet,
    UserUttered,
)
from assistant.tracker import DialogueStateTracker

FORM = Form("booking_form", ("cuisine", "guest_name", "size"))
DOMAIN = Domain(
    intents=(IntentSpec("book_table"), IntentSpec("inform"), IntentSpec("chitchat")),
    slots=(
        Slot("cuisine"),
        Slot("guest_name"),
        Slot("size"),
        Slot(
            "channel",
            mappings=(SlotMapping("from_trigger_intent", intent=("book_table",), value="chat"),),
        ),
    ),
    responses={
        "utter_ask_cuisine": (ResponseVariation(text="Which cuisine?"),),
        "utter_ask_booking_form_guest_name": (ResponseVariation(text="Name for the booking?"),),
        "utter_ask_guest_name": (ResponseVariation(text="Your name?"),),
    },
    forms={"booking_form": FORM},
)
LISTEN = ActionExecuted(name="action_listen")


@dataclass
class Executor:
    results: dict[str, list[Event]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def knows(self, name: str) -> bool:
        return name in self.results

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
        self.calls.append(name)
        return self.results[name]


def run(*events: Event, executor: Executor | None = None) -> list[Event]:
    tracker = DialogueStateTracker("u", DOMAIN, events)
    return FormAction("booking_form", FORM).run(
        tracker, ActionContext(DOMAIN, ResponseGenerator(DOMAIN), executor)
    )


def texts(events: list[Event]) -> list[str | None]:
    return [e.text for e in events if isinstance(e, BotUttered)]


def test_activation_asks_for_the_first_empty_slot() -> None:
    events = run(LISTEN, UserUttered(text="book", intent="book_table"))
    assert events[:3] == [
        ActiveLoop(name="booking_form"),
        SlotSet(name="channel", value="chat"),
        SlotSet(name="requested_slot", value="cuisine"),
    ]
    assert texts(events) == ["Which cuisine?"]


def test_slots_filled_before_activation_are_skipped() -> None:
    events = run(
        LISTEN,
        UserUttered(text="book", intent="book_table"),
        SlotSet(name="cuisine", value="korean"),
    )
    assert SlotSet(name="requested_slot", value="guest_name") in events
    assert texts(events) == ["Name for the booking?"]  # utter_ask_<form>_<slot> comes first


ASKED_CUISINE = (
    LISTEN,
    UserUttered(intent="book_table"),
    ActionExecuted(name="booking_form"),
    ActiveLoop(name="booking_form"),
    SlotSet(name="requested_slot", value="cuisine"),
)


def test_an_answer_fills_and_the_form_asks_on() -> None:
    events = run(
        *ASKED_CUISINE,
        LISTEN,
        UserUttered(intent="inform"),
        SlotSet(name="cuisine", value="korean"),
    )
    assert events[0] == SlotSet(name="requested_slot", value="guest_name")
    assert texts(events) == ["Name for the booking?"]


def test_an_answer_that_fills_nothing_rejects() -> None:
    assert run(*ASKED_CUISINE, LISTEN, UserUttered(intent="chitchat")) == [
        ActionExecutionRejected(name="booking_form")
    ]


def test_after_an_interruption_the_form_asks_again_without_rejecting() -> None:
    events = run(
        *ASKED_CUISINE,
        LISTEN,
        UserUttered(intent="chitchat"),
        LoopInterrupted(is_interrupted=True),
        ActionExecuted(name="utter_chitchat"),
    )
    assert texts(events) == ["Which cuisine?"]


def test_all_slots_filled_deactivates() -> None:
    events = run(
        *ASKED_CUISINE,
        SlotSet(name="guest_name", value="Minsu"),
        SlotSet(name="size", value="2"),
        LISTEN,
        UserUttered(intent="inform"),
        SlotSet(name="cuisine", value="korean"),
    )
    assert events == [SlotSet(name="requested_slot", value=None), ActiveLoop(name=None)]


def test_missing_ask_response_uses_action_ask_or_a_plain_question(
    caplog: pytest.LogCaptureFixture,
) -> None:
    filled = (SlotSet(name="cuisine", value="k"), SlotSet(name="guest_name", value="n"))
    events = run(
        *ASKED_CUISINE,
        LISTEN,
        UserUttered(intent="inform"),
        *filled,
        executor=Executor({"action_ask_size": [BotUttered(text="How many?")]}),
    )
    assert texts(events) == ["How many?"]
    assert texts(run(*ASKED_CUISINE, LISTEN, UserUttered(intent="inform"), *filled)) == ["size?"]
    assert "size" in caplog.text


def test_validation_action_runs_and_may_reject() -> None:
    executor = Executor(
        {
            "validate_booking_form": [
                SlotSet(name="cuisine", value="KOREAN"),
                ActionExecuted(name="validate_booking_form"),
            ]
        }
    )
    events = run(
        *ASKED_CUISINE,
        LISTEN,
        UserUttered(intent="inform"),
        SlotSet(name="cuisine", value="korean"),
        executor=executor,
    )
    assert executor.calls == ["validate_booking_form"]
    assert SlotSet(name="cuisine", value="KOREAN") in events
    assert not any(isinstance(e, ActionExecuted) for e in events)
    rejecting = Executor({"validate_booking_form": [ActionExecutionRejected(name="booking_form")]})
    assert run(*ASKED_CUISINE, LISTEN, UserUttered(intent="inform"), executor=rejecting) == [
        ActionExecutionRejected(name="booking_form")
    ]


def test_validation_can_deactivate_the_form() -> None:
    executor = Executor({"validate_booking_form": [ActiveLoop(name=None)]})
    events = run(
        *ASKED_CUISINE,
        LISTEN,
        UserUttered(intent="inform"),
        SlotSet(name="cuisine", value="x"),
        executor=executor,
    )
    assert events == [ActiveLoop(name=None)]
