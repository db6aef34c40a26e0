"""Stories and rules become trackers with Rasa's implicit events made explicit."""

from __future__ import annotations

from dialogue_helpers import stories_from_yaml

from assistant.shared.domain import Domain, EntitySpec, IntentSpec, Slot, SlotMapping
from assistant.shared.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.tracker import SHOULD_NOT_BE_SET
from assistant.training_trackers import explicit_events, story_events, story_tracker

DOMAIN = Domain(
    intents=(IntentSpec("greet"), IntentSpec("inform")),
    entities=(EntitySpec("cuisine"),),
    slots=(Slot("cuisine", mappings=(SlotMapping("from_entity", entity="cuisine"),)),),
)


def names(events: list) -> list[str]:
    out = []
    for e in events:
        if isinstance(e, ActionExecuted):
            out.append(e.name)
        elif isinstance(e, UserUttered):
            out.append(f"user:{e.intent}")
        elif isinstance(e, SlotSet):
            out.append(f"slot:{e.name}={e.value}")
        elif isinstance(e, ActiveLoop):
            out.append(f"loop:{e.name}")
    return out


def test_explicit_events_add_listens_and_entity_slots() -> None:
    events = explicit_events(
        [
            UserUttered(intent="inform", entities=(Entity(entity="cuisine", value="korean"),)),
            ActionExecuted(name="utter_ok"),
            UserUttered(intent="greet"),
        ],
        DOMAIN,
    )
    assert names(events) == [
        "action_listen",
        "user:inform",
        "slot:cuisine=korean",
        "utter_ok",
        "action_listen",
        "user:greet",
        "action_listen",
    ]
    assert names(explicit_events([], DOMAIN)) == ["action_listen"]
    assert names(explicit_events([UserUttered(intent="greet")], DOMAIN, final_listen=False)) == [
        "action_listen",
        "user:greet",
    ]


RULES = """
rules:
  - rule: plain
    steps:
      - intent: greet
      - action: utter_greet
  - rule: at the start
    conversation_start: true
    steps:
      - intent: greet
      - action: utter_welcome
  - rule: with a condition, no waiting
    condition:
      - active_loop: null
      - slot_was_set:
          - cuisine: null
    steps:
      - intent: inform
      - action: utter_ok
    wait_for_user_input: false
stories:
  - story: a story
    steps:
      - intent: greet
      - action: utter_greet
"""


def test_rule_and_story_events() -> None:
    by_name = {s.name: s for s in stories_from_yaml(RULES)}
    assert names(story_events(by_name["plain"], DOMAIN)) == [
        "...",
        "action_listen",
        "user:greet",
        "utter_greet",
        "action_listen",
    ]
    assert names(story_events(by_name["at the start"], DOMAIN)) == [
        "action_listen",
        "user:greet",
        "utter_welcome",
        "action_listen",
    ]
    assert names(story_events(by_name["with a condition, no waiting"], DOMAIN)) == [
        "loop:None",
        "slot:cuisine=None",
        "...",
        "action_listen",
        "user:inform",
        "utter_ok",
        "...",
    ]
    assert names(story_events(by_name["a story"], DOMAIN)) == [
        "action_listen",
        "user:greet",
        "utter_greet",
        "action_listen",
    ]


def test_story_tracker_marks_rules() -> None:
    by_name = {s.name: s for s in stories_from_yaml(RULES)}
    rule = story_tracker(by_name["with a condition, no waiting"], DOMAIN)
    assert rule.is_rule_tracker and rule.sender_id == "with a condition, no waiting"
    assert rule.slots["cuisine"] == SHOULD_NOT_BE_SET
    assert not story_tracker(by_name["a story"], DOMAIN).is_rule_tracker
