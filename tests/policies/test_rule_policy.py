"""The rule policy: longest rule wins, conditions, conversation start, loops, core fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from dialogue_helpers import stories_from_yaml

from assistant.policies import DialogueData, RulePolicy
from assistant.shared.domain import Domain, EntitySpec, Form, IntentSpec, Slot, SlotMapping
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from assistant.tracker import DialogueStateTracker

DOMAIN = Domain(
    intents=tuple(
        IntentSpec(n) for n in ("greet", "inform", "chitchat", "book_table", "goodbye", "hello")
    ),
    entities=(EntitySpec("cuisine"),),
    slots=(Slot("cuisine", mappings=(SlotMapping("from_entity", entity="cuisine"),)),),
    forms={"booking_form": Form("booking_form", ("cuisine",))},
)
RULES = """
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: welcome at the start
    conversation_start: true
    steps:
      - intent: hello
      - action: utter_welcome
  - rule: goodbye
    steps:
      - intent: goodbye
      - action: utter_goodbye
  - rule: goodbye after a greeting
    steps:
      - intent: greet
      - action: utter_greet
      - intent: goodbye
      - action: utter_goodbye_chatty
  - rule: ask for the cuisine only when it is unset
    condition:
      - slot_was_set:
          - cuisine: null
    steps:
      - intent: inform
      - action: utter_ask_cuisine
  - rule: chitchat only outside a form
    condition:
      - active_loop: null
    steps:
      - intent: chitchat
      - action: utter_chitchat
  - rule: activate the form
    steps:
      - intent: book_table
      - action: booking_form
      - active_loop: booking_form
  - rule: submit
    condition:
      - active_loop: booking_form
    steps:
      - action: booking_form
      - active_loop: null
      - action: utter_submit
"""
LISTEN = ActionExecuted(name="action_listen")


def user(intent: str) -> UserUttered:
    return UserUttered(text=intent, intent=intent)


def act(name: str) -> ActionExecuted:
    return ActionExecuted(name=name)


def live(*events: Event) -> DialogueStateTracker:
    """A live conversation, started as the agent starts one."""
    start = [
        act("action_session_start"),
        SessionStarted(),
        LISTEN,
        user("chitchat"),
        act("utter_chitchat"),
    ]
    return DialogueStateTracker("u", DOMAIN, [*start, *events])


def at_start(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker(
        "u", DOMAIN, [act("action_session_start"), SessionStarted(), *events]
    )


@pytest.fixture(scope="module")
def policy() -> RulePolicy:
    p = RulePolicy.create({})
    p.train(DialogueData(stories_from_yaml(RULES), DOMAIN), DOMAIN)
    assert p.problems == []
    return p


def predict(policy: RulePolicy, tracker: DialogueStateTracker) -> str | None:
    return policy.predict(tracker, DOMAIN).action


def test_a_rule_and_then_listen(policy: RulePolicy) -> None:
    t = live(LISTEN, user("greet"))
    prediction = policy.predict(t, DOMAIN)
    assert (prediction.action, prediction.confidence, prediction.policy) == (
        "utter_greet",
        1.0,
        "rule_policy",
    )
    assert "greet" in (prediction.source or "")
    t.update(act("utter_greet"))
    assert predict(policy, t) == "action_listen"


def test_the_longest_matching_rule_wins(policy: RulePolicy) -> None:
    t = live(LISTEN, user("greet"), act("utter_greet"), LISTEN, user("goodbye"))
    assert predict(policy, t) == "utter_goodbye_chatty"
    assert (
        predict(
            policy, live(LISTEN, user("inform"), act("utter_ask_cuisine"), LISTEN, user("goodbye"))
        )
        == "utter_goodbye"
    )


def test_conversation_start_rule_only_at_the_start(policy: RulePolicy) -> None:
    t = at_start(LISTEN, user("hello"))
    assert predict(policy, t) == "utter_welcome"
    t.update(act("utter_welcome"))
    assert predict(policy, t) == "action_listen"
    assert predict(policy, live(LISTEN, user("hello"))) == "action_default_fallback"


def test_condition_slot_null_means_unset(policy: RulePolicy) -> None:
    assert predict(policy, live(LISTEN, user("inform"))) == "utter_ask_cuisine"
    t = live(LISTEN, user("inform"), SlotSet(name="cuisine", value="korean"))
    prediction = policy.predict(t, DOMAIN)
    assert (prediction.action, prediction.confidence) == ("action_default_fallback", 0.3)


def test_condition_active_loop_null_means_no_loop(policy: RulePolicy) -> None:
    assert predict(policy, live(LISTEN, user("chitchat"))) == "utter_chitchat"
    t = live(
        LISTEN,
        user("book_table"),
        act("booking_form"),
        ActiveLoop(name="booking_form"),
        LISTEN,
        user("chitchat"),
        ActionExecutionRejected(name="booking_form"),
    )
    assert predict(policy, t) == "action_default_fallback"


def test_an_active_loop_runs_until_rejected(policy: RulePolicy) -> None:
    t = live(LISTEN, user("book_table"))
    assert predict(policy, t) == "booking_form"
    t.update_many([act("booking_form"), ActiveLoop(name="booking_form")])
    assert predict(policy, t) == "action_listen"
    t.update_many([LISTEN, user("inform")])
    assert predict(policy, t) == "booking_form"
    t.update_many([act("booking_form"), ActiveLoop(name=None)])
    assert predict(policy, t) == "utter_submit"


def test_default_intents(policy: RulePolicy) -> None:
    assert predict(policy, live(LISTEN, user("restart"))) == "action_restart"
    assert predict(policy, live(LISTEN, user("back"))) == "action_back"
    assert predict(policy, live(LISTEN, user("session_start"))) == "action_session_start"


def test_core_fallback_and_its_options(policy: RulePolicy) -> None:
    t = live(LISTEN, UserUttered(text="???", intent="out_of_scope"))
    assert predict(policy, t) == "action_default_fallback"
    custom = RulePolicy(
        RulePolicy.Options(
            core_fallback_action_name="action_my_fallback", core_fallback_threshold=0.4
        ),
        policy.rules,
    )
    prediction = custom.predict(t, DOMAIN)
    assert (prediction.action, prediction.confidence) == ("action_my_fallback", 0.4)
    silent = RulePolicy(RulePolicy.Options(enable_fallback_prediction=False), policy.rules)
    assert silent.predict(t, DOMAIN).action is None


UNHAPPY = (
    RULES
    + """
  - rule: chitchat inside the form
    condition:
      - active_loop: booking_form
    steps:
      - intent: chitchat
      - action: utter_chitchat
      - action: booking_form
      - active_loop: booking_form
"""
)


def test_unhappy_path_returns_to_the_form() -> None:
    p = RulePolicy.create({})
    p.train(DialogueData(stories_from_yaml(UNHAPPY), DOMAIN), DOMAIN)
    t = live(
        LISTEN,
        user("book_table"),
        act("booking_form"),
        ActiveLoop(name="booking_form"),
        SlotSet(name="requested_slot", value="cuisine"),
        LISTEN,
        user("chitchat"),
    )
    assert predict(p, t) == "booking_form"  # the form first: it may fill something
    t.update(ActionExecutionRejected(name="booking_form"))
    prediction = p.predict(t, DOMAIN)
    assert prediction.action == "utter_chitchat"
    t.update_many([*prediction.events, act("utter_chitchat")])
    assert predict(p, t) == "booking_form"


def test_contradicting_rules_are_reported_with_file_and_line() -> None:
    rules = """
rules:
  - rule: one
    steps:
      - intent: greet
      - action: utter_greet
  - rule: two
    steps:
      - intent: greet
      - action: utter_welcome
"""
    p = RulePolicy.create({})
    p.train(DialogueData(stories_from_yaml(rules), DOMAIN), DOMAIN)
    assert p.problems
    text = str(p.problems[0])
    assert text.startswith("data/rules.yml:") and "'two'" in text and "'one'" in text


def test_a_story_contradicting_a_rule_is_reported() -> None:
    stories = (
        RULES
        + """
stories:
  - story: greeted differently
    steps:
      - intent: chitchat
      - action: utter_chitchat
      - intent: goodbye
      - action: utter_see_you
"""
    )
    p = RulePolicy.create({})
    p.train(DialogueData(stories_from_yaml(stories), DOMAIN), DOMAIN)
    assert any(
        "greeted differently" in str(problem) and "utter_goodbye" in str(problem)
        for problem in p.problems
    )


def test_unknown_option_is_an_error() -> None:
    with pytest.raises(Exception, match="core_fallback_treshold"):
        RulePolicy.create({"core_fallback_treshold": 0.5})


def test_persist_and_load_predict_the_same(policy: RulePolicy, tmp_path: Path) -> None:
    policy.persist(tmp_path / "rule")
    loaded = RulePolicy.load(tmp_path / "rule", {})
    for t in (
        live(LISTEN, user("greet")),
        at_start(LISTEN, user("hello")),
        live(LISTEN, user("inform"), SlotSet(name="cuisine", value="x")),
    ):
        assert loaded.predict(t, DOMAIN) == policy.predict(t, DOMAIN)
