"""Default actions (Rasa's names) and how an action is found by name."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from assistant.action import (
    ActionContext,
    ActionNotFound,
    CustomAction,
    ResponseAction,
    RetrievalAction,
)
from assistant.default_actions import (
    DEFAULT_ACTION_CLASSES,
    ActionBack,
    ActionDeactivateLoop,
    ActionDefaultAskAffirmation,
    ActionDefaultFallback,
    ActionNoop,
    ActionRestart,
    ActionSendText,
    ActionSessionStart,
    ActionTwoStageFallback,
    action_for_name,
)
from assistant.form_action import FormAction
from assistant.nlg import ResponseGenerator
from assistant.shared.domain import (
    DEFAULT_ACTIONS,
    Domain,
    Form,
    ResponseVariation,
    SessionConfig,
    Slot,
)
from assistant.shared.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from assistant.tracker import DialogueStateTracker

DOMAIN = Domain(
    slots=(Slot("cuisine"), Slot("guest_name")),
    responses={
        "utter_greet": (ResponseVariation(text="hi"),),
        "utter_faq/ask_price": (ResponseVariation(text="It is free."),),
        "utter_restart": (ResponseVariation(text="Starting over."),),
    },
    actions=("action_check", "action_restart"),
    forms={"booking_form": Form("booking_form", ("cuisine",))},
)


@dataclass
class Executor:
    known: set[str] = field(default_factory=set)

    def knows(self, name: str) -> bool:
        return name in self.known

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
        return [BotUttered(text=f"ran {name}")]


def context(domain: Domain = DOMAIN, executor: Executor | None = None) -> ActionContext:
    return ActionContext(domain, ResponseGenerator(domain, seed=0), executor)


def tracker(*events: Event, domain: Domain = DOMAIN) -> DialogueStateTracker:
    return DialogueStateTracker("u", domain, events)


def test_every_default_action_has_a_class_or_is_a_noop() -> None:
    for name in DEFAULT_ACTIONS:
        assert action_for_name(name, context()).name == name


def test_action_for_name_kinds() -> None:
    ctx = context(executor=Executor({"action_check", "action_restart"}))
    assert isinstance(action_for_name("utter_greet", ctx), ResponseAction)
    assert isinstance(action_for_name("utter_faq", ctx), RetrievalAction)
    assert isinstance(action_for_name("booking_form", ctx), FormAction)
    assert isinstance(action_for_name("action_check", ctx), CustomAction)
    assert isinstance(action_for_name("action_extract_slots", ctx), ActionNoop)
    # the project's own action_restart (declared and served) wins over the default
    assert isinstance(action_for_name("action_restart", ctx), CustomAction)
    assert isinstance(action_for_name("action_restart", context()), ActionRestart)
    with pytest.raises(ActionNotFound, match="action_nope"):
        action_for_name("action_nope", ctx)


def test_custom_action_without_executor_does_nothing(caplog: pytest.LogCaptureFixture) -> None:
    assert CustomAction("action_check").run(tracker(), context()) == []
    assert "action_check" in caplog.text
    assert CustomAction("action_check").run(
        tracker(), context(executor=Executor({"action_check"}))
    ) == [BotUttered(text="ran action_check")]


def test_restart() -> None:
    events = ActionRestart().run(tracker(), context())
    assert [type(e) for e in events] == [BotUttered, Restarted]
    assert events[0].text == "Starting over."  # type: ignore[attr-defined]


def test_session_start_carries_slots_over() -> None:
    t = tracker(
        SlotSet(name="cuisine", value="korean"), SlotSet(name="requested_slot", value="guest_name")
    )
    events = ActionSessionStart().run(t, context())
    assert events == [
        SessionStarted(),
        SlotSet(name="cuisine", value="korean"),
        ActionExecuted(name="action_listen"),
    ]
    no_carry = Domain(slots=DOMAIN.slots, session_config=SessionConfig(60, carry_over_slots=False))
    assert ActionSessionStart().run(tracker(domain=no_carry), context(no_carry)) == [
        SessionStarted(),
        ActionExecuted(name="action_listen"),
    ]


def test_default_fallback_reverts_the_user_message() -> None:
    events = ActionDefaultFallback().run(tracker(), context())
    assert events[0] == BotUttered(text="Sorry, I didn't get that. Can you rephrase?")
    assert events[0].metadata == {"utter_action": "utter_default"}
    assert events[1] == UserUtteranceReverted()
    own = Domain(responses={"utter_default": (ResponseVariation(text="뭐라고요?"),)})
    assert ActionDefaultFallback().run(tracker(domain=own), context(own))[0].text == "뭐라고요?"  # type: ignore[attr-defined]


def test_deactivate_loop_and_back() -> None:
    assert ActionDeactivateLoop().run(tracker(), context()) == [
        ActiveLoop(name=None),
        SlotSet(name="requested_slot", value=None),
    ]
    assert ActionBack().run(tracker(), context())[-2:] == [
        UserUtteranceReverted(),
        UserUtteranceReverted(),
    ]


def test_ask_affirmation_offers_the_likeliest_intent() -> None:
    message = UserUttered(
        text="hm",
        intent="nlu_fallback",
        parse_data={
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.9},
                {"name": "greet", "confidence": 0.2},
            ]
        },
    )
    (event,) = ActionDefaultAskAffirmation().run(tracker(message), context())
    assert isinstance(event, BotUttered) and event.text == "Did you mean 'greet'?"
    assert event.data["buttons"] == [
        {"title": "Yes", "payload": "/greet"},
        {"title": "No", "payload": "/out_of_scope"},
    ]


def test_two_stage_fallback_activates_then_deactivates() -> None:
    message = UserUttered(
        text="hm",
        intent="nlu_fallback",
        parse_data={"intent_ranking": [{"name": "greet", "confidence": 0.2}]},
    )
    first = ActionTwoStageFallback().run(tracker(message), context())
    assert first[0] == ActiveLoop(name="action_two_stage_fallback")
    affirmed = tracker(message, *first, UserUttered(text="/greet", intent="greet"))
    assert ActionTwoStageFallback().run(affirmed, context()) == [ActiveLoop(name=None)]


def test_send_text() -> None:
    message = UserUttered(text="x", metadata={"message": {"text": "echo"}})
    assert ActionSendText().run(tracker(message), context()) == [BotUttered(text="echo")]
    assert ActionSendText().run(tracker(), context()) == []


def test_retrieval_action_sends_the_selected_answer() -> None:
    message = UserUttered(
        text="price?",
        intent="faq",
        parse_data={
            "response_selector": {
                "faq": {"response": {"intent_response_key": "faq/ask_price", "responses": []}}
            }
        },
    )
    assert RetrievalAction("utter_faq").run(tracker(message), context())[0].text == "It is free."  # type: ignore[attr-defined]
    assert RetrievalAction("utter_faq").run(tracker(UserUttered(text="?")), context()) == []


def test_the_default_table_is_complete() -> None:
    assert set(DEFAULT_ACTION_CLASSES) <= set(DEFAULT_ACTIONS)
