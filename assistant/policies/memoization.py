"""Memoization policies: predict exactly what a training story did in the same recent states."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.dialogue_state import State, freeze, past_states
from assistant.policies.policy import DialogueData, PolicyBase, PolicyPrediction, make_options
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, ActiveLoop, Event, SlotSet
from assistant.tracker import DialogueStateTracker


class MemoizationPolicy(PolicyBase):
    """Looks up the last ``max_history`` states in a table built from the stories."""

    name: ClassVar[str] = "memoization_policy"
    priority: ClassVar[int] = 3

    @dataclass
    class Options:
        max_history: int | None = 5
        priority: int | None = None

    def __init__(self, options: Options, lookup: dict[str, str] | None = None) -> None:
        self.options = options
        self.lookup: dict[str, str] = lookup or {}

    def _window(self, states: list[State] | tuple[State, ...]) -> list[State]:
        states = list(states)
        if self.options.max_history is None:
            return states
        return states[-self.options.max_history :]

    def train(self, training_data: DialogueData, domain: Domain) -> None:
        lookup: dict[str, str] = {}
        contradicting: set[str] = set()
        for _story, turns in training_data.turns_of(rules=False):
            for turn in turns:
                key = freeze(self._window(turn.states))
                if key in contradicting:
                    continue
                if key in lookup and lookup[key] != turn.action:
                    del lookup[key]
                    contradicting.add(key)
                else:
                    lookup[key] = turn.action
        self.lookup = lookup

    def _recall(self, states: list[State]) -> str | None:
        return self.lookup.get(freeze(self._window(states)))

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        action = self._recall(past_states(tracker, domain))
        if action is None:
            return PolicyPrediction.abstain(self.name, self._priority)
        return PolicyPrediction(action, 1.0, self.name, self._priority, source="memorised story")

    def persist(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "options.json").write_text(json.dumps(asdict(self.options)))
        (directory / "lookup.json").write_text(json.dumps(self.lookup, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        saved = json.loads((directory / "options.json").read_text())
        lookup = json.loads((directory / "lookup.json").read_text())
        return cls(make_options(cls.Options, saved, cls.name), lookup)


class AugmentedMemoizationPolicy(MemoizationPolicy):
    """Memoization that, on a miss, forgets the oldest turns one at a time and looks again,
    so a memorised story also matches when it starts in the middle of a conversation."""

    name: ClassVar[str] = "augmented_memoization_policy"

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        states = past_states(tracker, domain)
        action = self._recall(states)
        if action is None:
            action = self._recall_truncated(tracker, domain, states)
        if action is None:
            return PolicyPrediction.abstain(self.name, self._priority)
        return PolicyPrediction(action, 1.0, self.name, self._priority, source="memorised story")

    def _recall_truncated(
        self, tracker: DialogueStateTracker, domain: Domain, old_states: list[State]
    ) -> str | None:
        applied = tracker.applied_events()
        starts = [i for i, e in enumerate(applied) if isinstance(e, ActionExecuted)]
        for start in starts[1:]:
            # as Rasa does: forget everything before ``start``; then, as stories that open with
            # ``active_loop`` / ``slot_was_set`` describe, also try keeping the context it left
            for prefix in ([], _context_at(applied[:start], tracker, domain)):
                truncated = DialogueStateTracker(
                    tracker.sender_id, domain, [*prefix, *applied[start:]]
                )
                states = past_states(truncated, domain)
                if states != old_states:
                    action = self._recall(states)
                    if action is not None:
                        return action
                    old_states = states
        return None


def _context_at(events: list[Event], tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
    """The active loop and featurized slots that ``events`` leave behind, as events."""
    before = DialogueStateTracker(tracker.sender_id, domain, events)
    context: list[Event] = []
    if before.active_loop_name:
        context.append(ActiveLoop(name=before.active_loop_name))
    for slot in domain.slots:
        value = before.get_slot(slot.name)
        if slot.influence_conversation and value is not None:
            context.append(SlotSet(name=slot.name, value=value))
    return context
