"""Dialogue states: what policies see of a tracker, one state per action (Rasa's featurisation).

A state is a mapping of sub-states::

    {"user": {"intent": "inform", "entities": ("city",)},
     "prev_action": {"action_name": "utter_ask_city"},
     "active_loop": {"name": "booking_form"},
     "slots": {"city": (1.0,)}}

States are frozen into hashable, order-independent keys by ``freeze``.
"""

from __future__ import annotations

import json
from typing import Any

from assistant.shared.domain import Domain
from assistant.shared.events import UserUttered
from assistant.tracker import SHOULD_NOT_BE_SET, DialogueStateTracker

State = dict[str, dict[str, Any]]


def user_sub_state(message: UserUttered | None, domain: Domain) -> dict[str, Any]:
    if message is None or (message.intent is None and not message.text):
        return {}
    if message.intent is None:
        return {"text": message.text}
    out: dict[str, Any] = {"intent": message.intent}
    spec = domain.intent(message.intent)
    known = {e.name: e for e in domain.entities}
    names: set[str] = set()
    for entity in message.entities:
        ent_spec = known.get(entity.entity)
        if ent_spec is None or not ent_spec.influence_conversation:
            continue
        if spec is not None and not spec.uses_entity(entity.entity):
            continue
        names.add(entity.entity)
        if entity.role:
            names.add(f"{entity.entity}#{entity.role}")
        if entity.group:
            names.add(f"{entity.entity}#{entity.group}")
    if names:
        out["entities"] = tuple(sorted(names))
    return out


def slots_sub_state(tracker: DialogueStateTracker, domain: Domain) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for slot in domain.slots:
        if not slot.influence_conversation:
            continue
        value = tracker.slots.get(slot.name)
        if value == SHOULD_NOT_BE_SET:
            out[slot.name] = SHOULD_NOT_BE_SET
            continue
        features = slot.as_feature(value)
        if any(features):
            out[slot.name] = features
    return out


def active_state(tracker: DialogueStateTracker, domain: Domain) -> State:
    """The state of ``tracker`` now; empty sub-states are left out."""
    state: State = {}
    user = user_sub_state(tracker.latest_message, domain)
    if user:
        state["user"] = user
    action = tracker.latest_action
    if action is not None:
        state["prev_action"] = (
            {"action_name": action.name} if action.name else {"action_text": action.action_text}
        )
    if tracker.active_loop is not None:
        state["active_loop"] = {"name": tracker.active_loop}
    slots = slots_sub_state(tracker, domain)
    if slots:
        state["slots"] = slots
    return state


def past_states(tracker: DialogueStateTracker, domain: Domain) -> list[State]:
    """One state before each action of the tracker, and the current one last.

    Cached on the tracker until its next event (events are only ever appended), so the
    policies of one prediction compute the states once. Callers must not mutate the result.
    """
    key = (len(tracker.events), id(domain))
    cached = tracker.__dict__.get("_past_states")
    if cached is not None and cached[0] == key:
        return cached[1]  # type: ignore[no-any-return]
    states = [active_state(prior, domain) for prior in tracker.prior_trackers()]
    tracker.__dict__["_past_states"] = (key, states)
    return states


def freeze(states: list[State]) -> str:
    """A stable key for a sequence of states (sorted JSON)."""
    return json.dumps(states, sort_keys=True, ensure_ascii=False, default=list)


def thaw(key: str) -> list[State]:
    return json.loads(key)  # type: ignore[no-any-return]


def is_rule_snippet_state(state: State) -> bool:
    return state.get("prev_action", {}).get("action_name") == "..."


def state_matches(rule_state: State, state: State) -> bool:
    """Does ``state`` have every feature ``rule_state`` asks for (and none it forbids)?"""
    for kind, rule_sub in rule_state.items():
        sub = state.get(kind, {})
        for key, value in rule_sub.items():
            have = sub.get(key)
            if isinstance(value, list):
                value = tuple(value)
            if isinstance(have, list):
                have = tuple(have)
            if value == SHOULD_NOT_BE_SET:
                if have and have != SHOULD_NOT_BE_SET:
                    return False
            elif value and have != value:
                return False
    return True
