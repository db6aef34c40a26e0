"""The tracker: slots, active loop, rewind / undo / restart / session start, applied events."""

from __future__ import annotations

from assistant.dialogue_state import past_states
from assistant.shared.domain import Domain, EntitySpec, Form, IntentSpec, Slot
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    EntitiesAdded,
    Event,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from assistant.shared.message import Entity
from assistant.tracker import SHOULD_NOT_BE_SET, DialogueStateTracker

DOMAIN = Domain(
    intents=(
        IntentSpec("greet"),
        IntentSpec("inform"),
        IntentSpec("book_table"),
        IntentSpec("chitchat"),
    ),
    entities=(EntitySpec("cuisine"),),
    slots=(Slot("cuisine"), Slot("guest_name"), Slot("vip", type="bool", initial_value=False)),
    forms={"booking_form": Form("booking_form", ("cuisine", "guest_name"))},
)
LISTEN = ActionExecuted(name="action_listen")


def user(intent: str, **entities: str) -> UserUttered:
    return UserUttered(
        text=intent,
        intent=intent,
        entities=tuple(Entity(entity=k, value=v) for k, v in entities.items()),
    )


def act(name: str) -> ActionExecuted:
    return ActionExecuted(name=name)


def tracker(*events: Event, rule: bool = False) -> DialogueStateTracker:
    return DialogueStateTracker("u1", DOMAIN, events, is_rule_tracker=rule)


def test_initial_state() -> None:
    t = tracker()
    assert t.slots == {"cuisine": None, "guest_name": None, "vip": False, "requested_slot": None}
    assert t.active_loop_name is None and t.latest_message is None and t.latest_action is None
    assert not t.paused


def test_slots_loop_and_latest_turn() -> None:
    greet = user("greet")
    t = tracker(
        LISTEN,
        greet,
        SlotSet(name="cuisine", value="korean"),
        act("utter_greet"),
        ActiveLoop(name="booking_form"),
    )
    assert t.get_slot("cuisine") == "korean"
    assert t.latest_message == greet and t.latest_intent == "greet"
    assert t.latest_action_name == "utter_greet"
    assert t.active_loop_name == "booking_form"
    t.update(ActiveLoop(name=None))
    assert t.active_loop_name is None
    t.update(AllSlotsReset())
    assert t.slots["cuisine"] is None and t.slots["vip"] is False


def test_loop_rejection_and_interruption() -> None:
    t = tracker(ActiveLoop(name="booking_form"), ActionExecutionRejected(name="booking_form"))
    assert t.loop_rejected
    t.update(act("utter_chitchat"))
    assert t.loop_rejected  # still rejected until the loop runs again or the user speaks
    t.update(LoopInterrupted(is_interrupted=True))
    assert t.loop_interrupted
    t.update(act("booking_form"))
    assert not t.loop_rejected
    t.update(ActionExecutionRejected(name="other_action"))
    assert not t.loop_rejected


def test_rule_tracker_marks_unset_slots_and_loops() -> None:
    t = tracker(SlotSet(name="cuisine", value=None), ActiveLoop(name=None), rule=True)
    assert t.slots["cuisine"] == SHOULD_NOT_BE_SET and t.get_slot("cuisine") is None
    assert t.active_loop == SHOULD_NOT_BE_SET and t.active_loop_name is None
    live = tracker(SlotSet(name="cuisine", value=None), ActiveLoop(name=None))
    assert live.slots["cuisine"] is None and live.active_loop is None


def test_followup_action_and_pause() -> None:
    t = tracker(FollowupAction(name="utter_greet"), ConversationPaused())
    assert t.followup_action == "utter_greet" and t.paused
    t.update(act("utter_greet"))
    t.update(ConversationResumed())
    assert t.followup_action is None and not t.paused


def test_rewind_removes_the_latest_user_turn_and_its_slots() -> None:
    greet = user("greet")
    t = tracker(
        LISTEN,
        greet,
        act("utter_greet"),
        LISTEN,
        user("inform", cuisine="korean"),
        SlotSet(name="cuisine", value="korean"),
        act("action_default_fallback"),
        BotUttered(text="sorry"),
        UserUtteranceReverted(),
    )
    assert t.latest_message == greet
    assert t.latest_action_name == "utter_greet"
    assert t.get_slot("cuisine") is None
    assert [e for e in t.applied_events() if isinstance(e, ActionExecuted)] == [
        LISTEN,
        act("utter_greet"),
    ]
    assert len(t.events) == 9  # the log keeps everything


def test_undo_removes_the_latest_action() -> None:
    t = tracker(
        LISTEN,
        user("greet"),
        act("utter_greet"),
        SlotSet(name="vip", value=True),
        act("utter_chitchat"),
        SlotSet(name="cuisine", value="x"),
        ActionReverted(),
    )
    assert t.latest_action_name == "utter_greet"
    assert t.get_slot("cuisine") is None and t.get_slot("vip") is True


def test_restart_forgets_everything() -> None:
    t = tracker(
        LISTEN,
        user("greet"),
        SlotSet(name="cuisine", value="korean"),
        ActiveLoop(name="booking_form"),
        act("action_restart"),
        Restarted(),
    )
    assert t.get_slot("cuisine") is None and t.active_loop_name is None
    assert t.latest_message is None
    assert t.applied_events() == []
    assert t.events_after_latest_restart() == []


def test_applied_events_start_at_the_latest_session() -> None:
    t = tracker(
        LISTEN,
        user("greet"),
        act("action_session_start"),
        SessionStarted(),
        SlotSet(name="cuisine", value="korean"),
        LISTEN,
    )
    assert t.applied_events() == [SlotSet(name="cuisine", value="korean"), LISTEN]


def test_session_start_resets_state() -> None:
    t = tracker(
        LISTEN,
        user("book_table"),
        SlotSet(name="cuisine", value="korean"),
        ActiveLoop(name="booking_form"),
        act("action_session_start"),
        SessionStarted(),
    )
    assert t.get_slot("cuisine") is None
    assert t.active_loop_name is None
    assert t.latest_message is None


def test_copy_and_json_round_trip() -> None:
    t = tracker(
        LISTEN,
        user("inform", cuisine="korean"),
        SlotSet(name="cuisine", value="korean"),
        act("booking_form"),
        ActiveLoop(name="booking_form"),
    )
    data = t.to_dict()
    assert data["slots"]["cuisine"] == "korean"
    assert data["active_loop"] == {"name": "booking_form"}
    assert data["latest_action_name"] == "booking_form"
    assert data["latest_message"]["intent"]["name"] == "inform"
    back = DialogueStateTracker.from_dict(data, DOMAIN)
    assert back.events == t.events and back.slots == t.slots
    clone = t.copy()
    clone.update(SlotSet(name="cuisine", value="italian"))
    assert t.get_slot("cuisine") == "korean"


# ---- repeated loop runs -------------------------------------------------------------------
FORM_ASKS_CUISINE = [
    LISTEN,
    user("book_table"),
    act("booking_form"),
    ActiveLoop(name="booking_form"),
    SlotSet(name="requested_slot", value="cuisine"),
]


def _actions(events: list[Event]) -> list[str]:
    return [e.name for e in events if isinstance(e, ActionExecuted)]


def test_happy_loop_runs_collapse_into_one() -> None:
    t = tracker(
        *FORM_ASKS_CUISINE,
        LISTEN,
        user("inform", cuisine="korean"),
        SlotSet(name="cuisine", value="korean"),
        act("booking_form"),
        SlotSet(name="requested_slot", value="guest_name"),
        LISTEN,
        user("inform"),
        SlotSet(name="guest_name", value="Minsu"),
        act("booking_form"),
        SlotSet(name="requested_slot", value=None),
        ActiveLoop(name=None),
        act("utter_submit"),
    )
    applied = t.applied_events()
    assert _actions(applied) == ["action_listen", "booking_form", "utter_submit"]
    assert [e for e in applied if isinstance(e, UserUttered)] == [user("book_table")]
    slots = [(e.name, e.value) for e in applied if isinstance(e, SlotSet)]
    assert ("cuisine", "korean") in slots and ("guest_name", "Minsu") in slots
    # states see the form once, then the submission
    assert len(past_states(t, DOMAIN)) == 4


def test_unhappy_loop_runs_are_kept() -> None:
    t = tracker(
        *FORM_ASKS_CUISINE,
        LISTEN,
        user("chitchat"),
        ActionExecutionRejected(name="booking_form"),
        act("utter_chitchat"),
        act("booking_form"),
        LISTEN,
        user("chitchat"),
        act("utter_chitchat"),
        act("booking_form"),
    )
    assert _actions(t.applied_events()) == [
        "action_listen",
        "booking_form",
        "action_listen",
        "utter_chitchat",
        "booking_form",
        "action_listen",
        "utter_chitchat",
        "booking_form",
    ]


def test_a_new_loop_after_deactivation_is_a_first_run() -> None:
    t = tracker(
        *FORM_ASKS_CUISINE,
        ActiveLoop(name=None),
        LISTEN,
        user("book_table"),
        act("booking_form"),
    )
    assert _actions(t.applied_events()).count("booking_form") == 2


def test_prior_trackers_one_per_action_then_the_whole() -> None:
    t = tracker(LISTEN, user("greet"), act("utter_greet"), LISTEN)
    # one tracker updated in place, as Rasa's generate_all_prior_trackers: read it as it comes
    seen = [p.latest_action_name for p in t.prior_trackers()]
    assert seen == [None, "action_listen", "utter_greet", "action_listen"]
    assert t.latest_user_turn_started() == 1


def test_entities_added_extend_the_latest_message() -> None:
    t = tracker(
        LISTEN, user("inform"), EntitiesAdded(entities=(Entity(entity="cuisine", value="k"),))
    )
    assert t.latest_message is not None
    assert t.latest_message.entities == (Entity(entity="cuisine", value="k"),)
