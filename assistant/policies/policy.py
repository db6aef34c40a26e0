"""What policies share: the prediction they return and the dialogue data they train on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any, ClassVar, Self

from assistant.component import UnknownOptionError
from assistant.dialogue_state import State, past_states
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, Event
from assistant.shared.options import typed_options
from assistant.shared.story import Story
from assistant.tracker import DialogueStateTracker
from assistant.training_trackers import story_tracker


def make_options(cls: type[Any], options: Mapping[str, Any], component: str) -> Any:
    """``cls(**options)``; an unknown key raises ``UnknownOptionError`` and a value that does not
    fit its field's type ``OptionValueError`` (the registry adds the file and line)."""
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(options) - known - {"name"})
    if unknown:
        raise UnknownOptionError(
            f"unknown option(s) {', '.join(map(repr, unknown))} for component '{component}'; "
            f"known: {', '.join(sorted(known))}"
        )
    return typed_options(cls, {k: v for k, v in options.items() if k in known})


class PolicyBase:
    """What every built-in policy shares: an ``Options`` dataclass (with an optional
    ``priority`` override) built strictly from config.yml."""

    name: ClassVar[str] = ""
    priority: ClassVar[int] = 0
    Options: ClassVar[type[Any]]
    options: Any

    def __init__(self, options: Any) -> None:
        self.options = options

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(make_options(cls.Options, options, cls.name))

    @property
    def _priority(self) -> int:
        override = getattr(self.options, "priority", None)
        return override if override is not None else self.priority


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
