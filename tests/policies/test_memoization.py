"""Memoization: exactly what a story did in the same recent states, and nothing else."""

from __future__ import annotations

from pathlib import Path

from dialogue_helpers import stories_from_yaml

from assistant.policies import AugmentedMemoizationPolicy, DialogueData, MemoizationPolicy
from assistant.shared.domain import Domain, IntentSpec
from assistant.shared.events import ActionExecuted, Event, SessionStarted, UserUttered
from assistant.tracker import DialogueStateTracker

DOMAIN = Domain(
    intents=tuple(IntentSpec(n) for n in ("greet", "mood_great", "mood_sad", "affirm", "deny"))
)
STORIES = """
stories:
  - story: happy
    steps:
      - intent: greet
      - action: utter_greet
      - intent: mood_great
      - action: utter_happy
  - story: sad
    steps:
      - intent: greet
      - action: utter_greet
      - intent: mood_sad
      - action: utter_cheer_up
      - action: utter_did_that_help
      - intent: affirm
      - action: utter_happy
rules:
  - rule: rules are not memorised
    steps:
      - intent: deny
      - action: utter_goodbye
"""
LISTEN = ActionExecuted(name="action_listen")


def turn(intent: str, *actions: str) -> list[Event]:
    return [
        LISTEN,
        UserUttered(text=intent, intent=intent),
        *(ActionExecuted(name=a) for a in actions),
    ]


def conversation(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker(
        "u", DOMAIN, [ActionExecuted(name="action_session_start"), SessionStarted(), *events]
    )


def trained(
    cls: type[MemoizationPolicy] = MemoizationPolicy, **options: object
) -> MemoizationPolicy:
    policy = cls.create(options)
    policy.train(DialogueData(stories_from_yaml(STORIES, "data/stories.yml"), DOMAIN), DOMAIN)
    return policy


def test_recalls_each_step_of_a_story() -> None:
    policy = trained()
    t = conversation(*turn("greet"))
    assert policy.predict(t, DOMAIN).action == "utter_greet"
    t = conversation(*turn("greet", "utter_greet"), *turn("mood_sad", "utter_cheer_up"))
    prediction = policy.predict(t, DOMAIN)
    assert (prediction.action, prediction.confidence, prediction.policy) == (
        "utter_did_that_help",
        1.0,
        "memoization_policy",
    )
    t.update(ActionExecuted(name="utter_did_that_help"))
    assert policy.predict(t, DOMAIN).action == "action_listen"


def test_abstains_on_unseen_states_and_rules() -> None:
    policy = trained()
    assert policy.predict(conversation(*turn("mood_great")), DOMAIN).action is None
    assert policy.predict(conversation(*turn("deny")), DOMAIN).action is None


def test_max_history_limits_what_must_match() -> None:
    long_ago = [*turn("deny", "utter_x"), *turn("deny", "utter_x"), *turn("deny", "utter_x")]
    t = conversation(*long_ago, *turn("greet", "utter_greet"), *turn("mood_great"))
    assert trained(max_history=2).predict(t, DOMAIN).action == "utter_happy"
    assert trained(max_history=None).predict(t, DOMAIN).action is None


def test_contradicting_stories_are_forgotten() -> None:
    policy = MemoizationPolicy.create({"max_history": 1})
    policy.train(DialogueData(stories_from_yaml(STORIES), DOMAIN), DOMAIN)
    # with one state of history, "after utter_greet... affirm" is unambiguous, but the state
    # {prev: action_listen, user: greet} → utter_greet stays; nothing contradicts it
    assert policy.predict(conversation(*turn("greet")), DOMAIN).action == "utter_greet"
    contradicting = (
        STORIES
        + """
  - story: happy, differently
    steps:
      - intent: greet
      - action: utter_hello
"""
    )
    other = MemoizationPolicy.create({"max_history": 1})
    other.train(DialogueData(stories_from_yaml(contradicting), DOMAIN), DOMAIN)
    assert other.predict(conversation(*turn("greet")), DOMAIN).action is None


def test_augmented_memoization_matches_mid_conversation() -> None:
    t = conversation(*turn("affirm", "utter_x"), *turn("greet", "utter_greet"), *turn("mood_great"))
    assert trained(max_history=None).predict(t, DOMAIN).action is None
    augmented = trained(AugmentedMemoizationPolicy, max_history=None)
    prediction = augmented.predict(t, DOMAIN)
    assert (prediction.action, prediction.policy) == ("utter_happy", "augmented_memoization_policy")


def test_persist_and_load(tmp_path: Path) -> None:
    policy = trained(max_history=3)
    policy.persist(tmp_path)
    loaded = MemoizationPolicy.load(tmp_path, {})
    assert loaded.options == policy.options and loaded.lookup == policy.lookup
    t = conversation(*turn("greet", "utter_greet"), *turn("mood_great"))
    assert loaded.predict(t, DOMAIN) == policy.predict(t, DOMAIN)


def test_priority_option() -> None:
    assert trained().predict(conversation(*turn("greet")), DOMAIN).priority == 3
    assert trained(priority=9).predict(conversation(*turn("greet")), DOMAIN).priority == 9
