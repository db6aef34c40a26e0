"""Dialogue states: what policies see of a tracker, and how rule states match them."""

from __future__ import annotations

from assistant.dialogue_state import (
    active_state,
    freeze,
    is_rule_snippet_state,
    past_states,
    slots_sub_state,
    state_matches,
    thaw,
    user_sub_state,
)
from assistant.shared.domain import Domain, EntitySpec, IntentSpec, Slot
from assistant.shared.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.tracker import SHOULD_NOT_BE_SET, DialogueStateTracker

DOMAIN = Domain(
    intents=(
        IntentSpec("greet", ignore_entities=("cuisine",)),
        IntentSpec("inform"),
        IntentSpec("only_city", use_entities=("city",)),
    ),
    entities=(
        EntitySpec("cuisine", roles=("main",)),
        EntitySpec("city"),
        EntitySpec("mood", influence_conversation=False),
    ),
    slots=(
        Slot("cuisine"),
        Slot("vip", type="bool"),
        Slot("size", type="categorical", values=("small", "large", "__other__")),
        Slot("budget", type="float", min_value=0.0, max_value=100.0),
        Slot("names", type="list"),
        Slot("note", influence_conversation=False),
    ),
)
LISTEN = ActionExecuted(name="action_listen")


def msg(intent: str | None, *entities: Entity, text: str = "x") -> UserUttered:
    return UserUttered(text=text, intent=intent, entities=entities)


def test_user_sub_state_filters_entities_by_domain() -> None:
    cuisine = Entity(entity="cuisine", value="korean", role="main")
    city, mood = Entity(entity="city", value="Seoul"), Entity(entity="mood", value="ok")
    assert user_sub_state(msg("inform", cuisine, city, mood), DOMAIN) == {
        "intent": "inform",
        "entities": ("city", "cuisine", "cuisine#main"),
    }
    assert user_sub_state(msg("greet", cuisine, city), DOMAIN) == {
        "intent": "greet",
        "entities": ("city",),
    }
    assert user_sub_state(msg("only_city", cuisine, city), DOMAIN) == {
        "intent": "only_city",
        "entities": ("city",),
    }
    assert user_sub_state(msg("inform"), DOMAIN) == {"intent": "inform"}
    assert user_sub_state(msg(None, text="free text"), DOMAIN) == {"text": "free text"}
    assert user_sub_state(None, DOMAIN) == {}


def test_slot_features() -> None:
    t = DialogueStateTracker(
        "u",
        DOMAIN,
        [
            SlotSet(name="cuisine", value="korean"),
            SlotSet(name="vip", value=False),
            SlotSet(name="size", value="medium"),
            SlotSet(name="budget", value=150),
            SlotSet(name="names", value=[]),
            SlotSet(name="note", value="x"),
        ],
    )
    assert slots_sub_state(t, DOMAIN) == {
        "cuisine": (1.0,),
        "vip": (1.0, 0.0),
        "size": (0.0, 0.0, 1.0),
        "budget": (1.0,),
    }


def test_active_state_and_past_states_shapes() -> None:
    t = DialogueStateTracker(
        "u",
        DOMAIN,
        [
            LISTEN,
            msg("inform", Entity(entity="city", value="Seoul")),
            SlotSet(name="cuisine", value="korean"),
            ActionExecuted(name="utter_ok"),
            ActiveLoop(name="some_form"),
            LISTEN,
        ],
    )
    states = past_states(t, DOMAIN)
    user = {"intent": "inform", "entities": ("city",)}
    assert states == [
        {},
        {
            "user": user,
            "prev_action": {"action_name": "action_listen"},
            "slots": {"cuisine": (1.0,)},
        },
        {
            "user": user,
            "prev_action": {"action_name": "utter_ok"},
            "active_loop": {"name": "some_form"},
            "slots": {"cuisine": (1.0,)},
        },
        {
            "user": user,
            "prev_action": {"action_name": "action_listen"},
            "active_loop": {"name": "some_form"},
            "slots": {"cuisine": (1.0,)},
        },
    ]
    assert active_state(t, DOMAIN) == states[-1]


def test_end_to_end_bot_text_is_the_previous_action() -> None:
    t = DialogueStateTracker("u", DOMAIN, [ActionExecuted(name="", action_text="Hi!")])
    assert active_state(t, DOMAIN)["prev_action"] == {"action_text": "Hi!"}


def test_rule_trackers_keep_must_not_be_set() -> None:
    t = DialogueStateTracker(
        "r",
        DOMAIN,
        [SlotSet(name="cuisine", value=None), ActiveLoop(name=None)],
        is_rule_tracker=True,
    )
    state = active_state(t, DOMAIN)
    assert state["slots"] == {"cuisine": SHOULD_NOT_BE_SET}
    assert state["active_loop"] == {"name": SHOULD_NOT_BE_SET}


def test_freeze_is_order_independent_and_thaws() -> None:
    a = [{"user": {"intent": "greet", "entities": ("a", "b")}, "prev_action": {"action_name": "x"}}]
    b = [{"prev_action": {"action_name": "x"}, "user": {"entities": ("a", "b"), "intent": "greet"}}]
    assert freeze(a) == freeze(b)
    assert thaw(freeze(a)) == [
        {"user": {"intent": "greet", "entities": ["a", "b"]}, "prev_action": {"action_name": "x"}}
    ]


def test_state_matches() -> None:
    state = {
        "user": {"intent": "inform", "entities": ("city",)},
        "prev_action": {"action_name": "action_listen"},
        "slots": {"cuisine": (1.0,)},
    }
    assert state_matches({"user": {"intent": "inform"}}, state)
    assert state_matches({"user": {"entities": ["city"]}}, state)  # thawed keys hold lists
    assert not state_matches({"user": {"intent": "greet"}}, state)
    assert not state_matches({"active_loop": {"name": "f"}}, state)
    # "must not be set": fails when set, holds when unset
    assert not state_matches({"slots": {"cuisine": SHOULD_NOT_BE_SET}}, state)
    assert state_matches({"slots": {"vip": SHOULD_NOT_BE_SET}}, state)
    assert state_matches({"active_loop": {"name": SHOULD_NOT_BE_SET}}, state)
    assert not state_matches(
        {"active_loop": {"name": SHOULD_NOT_BE_SET}}, {**state, "active_loop": {"name": "f"}}
    )


def test_rule_snippet_state() -> None:
    assert is_rule_snippet_state({"prev_action": {"action_name": "..."}})
    assert not is_rule_snippet_state({"prev_action": {"action_name": "action_listen"}})
