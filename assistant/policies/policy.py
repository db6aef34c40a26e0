"""What policies share: the prediction they return and the dialogue data they train on."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assistant.dialogue_state import State, past_states
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, Event
from assistant.shared.story import Story
from assistant.tracker import DialogueStateTracker
from assistant.training_trackers import story_tracker


@dataclass(frozen=True)
class PolicyPrediction:
    """The next action one policy proposes. ``action`` None means "no opinion"."""

    action: str | None
    confidence: float
    policy: str
    priority: int
    events: tuple[Event, ...] = ()  # e.g. LoopInterrupted, applied before the action
    hide_rule_turn: bool = False
    source: str | None = None  # a human-readable reason (the matched rule or story)

    @classmethod
    def abstain(cls, policy: str, priority: int) -> PolicyPrediction:
        return cls(None, 0.0, policy, priority)


@dataclass(frozen=True)
class TrainingTurn:
    """One action of a training tracker with the states that preceded it (oldest first)."""

    states: tuple[State, ...]
    action: str


@dataclass
class DialogueData:
    """Stories and rules, with their trackers and states computed once for every policy."""

    stories: list[Story]
    domain: Domain
    fingerprint_extra: dict[str, str] = field(default_factory=dict)

    @cached_property
    def trackers(self) -> list[DialogueStateTracker]:
        return [story_tracker(story, self.domain) for story in self.stories]

    @cached_property
    def turns(self) -> list[list[TrainingTurn]]:
        """For each tracker, every action with its full state history."""
        out: list[list[TrainingTurn]] = []
        for tracker in self.trackers:
            states = past_states(tracker, self.domain)
            actions = [
                e.name or f"text:{e.action_text}"
                for e in tracker.applied_events()
                if isinstance(e, ActionExecuted)
            ]
            out.append(
                [TrainingTurn(tuple(states[: i + 1]), action) for i, action in enumerate(actions)]
            )
        return out

    def turns_of(self, rules: bool) -> list[tuple[Story, list[TrainingTurn]]]:
        return [
            (story, turns)
            for story, turns in zip(self.stories, self.turns, strict=True)
            if story.is_rule == rules
        ]
