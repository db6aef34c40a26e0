"""Stories, rules and test stories as read from ``data/`` (before checkpoints are resolved)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant.shared.events import Event
from assistant.shared.training_data import SourceLocation

FILLED_TEXT = "filled"  # the value of `- slot_name` in slot_was_set, as Rasa does
STORY_START = "STORY_START"


@dataclass(frozen=True)
class OrGroup:
    """``- or:`` inside a story: any one of these user turns (or slot events) continues it."""

    alternatives: tuple[Event, ...]


@dataclass(frozen=True)
class Checkpoint:
    name: str
    conditions: dict[str, object] = field(default_factory=dict)


Step = Event | OrGroup


@dataclass(frozen=True)
class StoryBlock:
    """One ``- story:`` or ``- rule:`` entry.

    ``steps`` are events in order; ``step_sources`` gives each step's location (same length).
    Checkpoints at the start/end of the steps are lifted into ``start_checkpoints`` and
    ``end_checkpoints``; a story without a start checkpoint starts at ``STORY_START``.
    """

    name: str
    kind: Literal["story", "rule"]
    steps: tuple[Step, ...]
    source: SourceLocation | None = None
    step_sources: tuple[SourceLocation | None, ...] = ()
    start_checkpoints: tuple[Checkpoint, ...] = ()
    end_checkpoints: tuple[Checkpoint, ...] = ()
    condition: tuple[Event, ...] = ()  # rules only
    conversation_start: bool = False  # rules only
    wait_for_user_input: bool = True  # rules only

    @property
    def is_rule(self) -> bool:
        return self.kind == "rule"


@dataclass(frozen=True)
class Story:
    """A linear conversation: checkpoints and ``or`` resolved. What policies train on."""

    name: str
    events: tuple[Event, ...]
    is_rule: bool = False
    source: SourceLocation | None = None
    event_sources: tuple[SourceLocation | None, ...] = ()
    condition: tuple[Event, ...] = ()
    conversation_start: bool = False
    wait_for_user_input: bool = True
