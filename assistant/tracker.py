"""The dialogue state tracker: one conversation's events and the state derived from them."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from assistant.shared.domain import REQUESTED_SLOT, Domain
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
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
    events_from_list,
)

SHOULD_NOT_BE_SET = "__should_not_be_set__"  # rule trackers: "slot / loop must be unset"
RULE_SNIPPET_ACTION = "..."


class DialogueStateTracker:
    """Events of one conversation plus the state they imply (slots, active loop, latest turn).

    ``is_rule_tracker`` marks trackers built from rules: there, setting a slot or loop to None
    records "must not be set", which rule matching needs.
    """

    def __init__(
        self,
        sender_id: str,
        domain: Domain,
        events: Iterable[Event] = (),
        is_rule_tracker: bool = False,
    ) -> None:
        self.sender_id = sender_id
        self.domain = domain
        self.is_rule_tracker = is_rule_tracker
        self.events: list[Event] = []
        self._reset()
        for event in events:
            self.update(event)

    # ---- state -------------------------------------------------------------------------
    def _reset(self) -> None:
        self.slots: dict[str, Any] = {
            s.name: copy.deepcopy(s.initial_value) for s in self.domain.slots
        }
        self.slots.setdefault(REQUESTED_SLOT, None)
        self.active_loop: str | None = None
        self.loop_rejected = False
        self.loop_interrupted = False
        self.latest_message: UserUttered | None = None
        self.latest_action: ActionExecuted | None = None
        self.followup_action: str | None = None
        self.paused = False

    def _reset_slots(self) -> None:
        self.slots = {s.name: copy.deepcopy(s.initial_value) for s in self.domain.slots}
        self.slots.setdefault(REQUESTED_SLOT, None)

    def update(self, event: Event) -> None:
        self.events.append(event)
        self._apply(event)

    def update_many(self, events: Iterable[Event]) -> None:
        for event in events:
            self.update(event)

    def _apply(self, event: Event) -> None:
        if isinstance(event, UserUttered):
            self.latest_message = event
            self.loop_rejected = False
        elif isinstance(event, ActionExecuted):
            self.latest_action = event
            self.followup_action = None
            if self.active_loop and event.name == self.active_loop:
                self.loop_rejected = False
        elif isinstance(event, SlotSet):
            value = event.value
            if value is None and self.is_rule_tracker:
                value = SHOULD_NOT_BE_SET
            self.slots[event.name] = value
        elif isinstance(event, ActiveLoop):
            name = event.name
            if name is None and self.is_rule_tracker:
                name = SHOULD_NOT_BE_SET
            self.active_loop = name
            self.loop_rejected = False
            self.loop_interrupted = False
        elif isinstance(event, ActionExecutionRejected):
            if self.active_loop and event.name == self.active_loop:
                self.loop_rejected = True
        elif isinstance(event, LoopInterrupted):
            self.loop_interrupted = event.is_interrupted
        elif isinstance(event, FollowupAction):
            self.followup_action = event.name
        elif isinstance(event, Restarted):
            self._reset()
        elif isinstance(event, SessionStarted):
            paused = self.paused  # a new session starts clean; slots return via carry-over
            self._reset()
            self.paused = paused
        elif isinstance(event, EntitiesAdded):
            if self.latest_message is not None:
                known = set(self.latest_message.entities)
                added = tuple(e for e in event.entities if e not in known)
                self.latest_message = dataclasses.replace(
                    self.latest_message, entities=(*self.latest_message.entities, *added)
                )
        elif isinstance(event, AllSlotsReset):
            self._reset_slots()
        elif isinstance(event, (UserUtteranceReverted, ActionReverted)):
            self._replay()
        elif isinstance(event, ConversationPaused):
            self.paused = True
        elif isinstance(event, ConversationResumed):
            self.paused = False

    def _replay(self) -> None:
        """Recompute state from the applied events (after a rewind or undo)."""
        paused = self.paused
        self._reset()
        for event in self.applied_events():
            self._apply(event)
        self.paused = paused

    # ---- views -------------------------------------------------------------------------
    @property
    def active_loop_name(self) -> str | None:
        if self.active_loop in (None, SHOULD_NOT_BE_SET):
            return None
        return self.active_loop

    @property
    def latest_action_name(self) -> str | None:
        return self.latest_action.name if self.latest_action else None

    @property
    def latest_intent(self) -> str | None:
        return self.latest_message.intent if self.latest_message else None

    def get_slot(self, name: str) -> Any:
        value = self.slots.get(name)
        return None if value == SHOULD_NOT_BE_SET else value

    def applied_events(self, events: list[Event] | None = None) -> list[Event]:
        """Events still in effect: after the last restart / session start, with rewinds,
        undos and repeated happy-path loop runs removed (Rasa's ``applied_events``)."""
        applied: list[Event] = []
        for event in self.events if events is None else events:
            if isinstance(event, (Restarted, SessionStarted)):
                applied = []
            elif isinstance(event, ActionReverted):
                _undo_till_previous(ActionExecuted, applied)
            elif isinstance(event, UserUtteranceReverted):
                _undo_till_previous(UserUttered, applied)
                _undo_till_previous(ActionExecuted, applied)
            elif (
                isinstance(event, ActionExecuted)
                and event.name in self.domain.forms
                and not _first_loop_run_or_unhappy_path(event.name, applied)
            ):
                _undo_till_previous_loop_run(event.name, applied)
            else:
                applied.append(event)
        return applied

    def prior_trackers(self) -> Iterator[DialogueStateTracker]:
        """A tracker before each applied ``ActionExecuted``, then the whole one (for states)."""
        tracker = DialogueStateTracker(
            self.sender_id, self.domain, is_rule_tracker=self.is_rule_tracker
        )
        for event in self.applied_events():
            if isinstance(event, ActionExecuted):
                yield tracker
            tracker.update(event)
        yield tracker

    def events_after_latest_restart(self) -> list[Event]:
        for i in range(len(self.events) - 1, -1, -1):
            if isinstance(self.events[i], Restarted):
                return self.events[i + 1 :]
        return list(self.events)

    def copy(self) -> DialogueStateTracker:
        return DialogueStateTracker(
            self.sender_id, self.domain, list(self.events), self.is_rule_tracker
        )

    def snapshot(self) -> DialogueStateTracker:
        """A copy made without replaying the events (they are immutable, so they are shared)."""
        clone = copy.copy(self)
        clone.events = list(self.events)
        clone.slots = dict(self.slots)
        return clone

    def latest_user_turn_started(self) -> int:
        """Index in ``events`` of the latest ``UserUttered`` (or -1)."""
        for i in range(len(self.events) - 1, -1, -1):
            if isinstance(self.events[i], UserUttered):
                return i
        return -1

    # ---- JSON (Rasa's tracker shape) -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        latest = self.latest_message
        return {
            "sender_id": self.sender_id,
            "slots": {k: self.get_slot(k) for k in self.slots},
            "latest_message": (latest.to_dict().get("parse_data") if latest else {}) or {},
            "latest_event_time": self.events[-1].timestamp if self.events else None,
            "followup_action": self.followup_action,
            "paused": self.paused,
            "events": [e.to_dict() for e in self.events],
            "latest_input_channel": latest.input_channel if latest else None,
            "active_loop": {"name": self.active_loop_name} if self.active_loop_name else {},
            "latest_action": {"action_name": self.latest_action_name} if self.latest_action else {},
            "latest_action_name": self.latest_action_name,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], domain: Domain) -> DialogueStateTracker:
        return cls(
            str(data.get("sender_id", "default")), domain, events_from_list(data.get("events", []))
        )


def _undo_till_previous(kind: type[Event], applied: list[Event]) -> None:
    while applied:
        if isinstance(applied.pop(), kind):
            return


def _first_loop_run_or_unhappy_path(loop: str, applied: list[Event]) -> bool:
    next_action: str | None = None
    for event in reversed(applied):
        if isinstance(event, ActiveLoop) and event.name is None:
            return True
        rejected = isinstance(event, ActionExecutionRejected) and event.name == loop
        other_after_user = (
            isinstance(event, UserUttered) and next_action is not None and next_action != loop
        )
        if rejected or other_after_user:
            return True
        if isinstance(event, ActionExecuted):
            if event.name == loop:
                return False
            next_action = event.name or None
    return True


def _undo_till_previous_loop_run(loop: str, applied: list[Event]) -> None:
    offset = 0
    for event in list(reversed(applied)):
        if isinstance(event, ActionExecuted) and event.name == loop:
            break
        if isinstance(event, (ActionExecuted, UserUttered)):
            del applied[-1 - offset]
        else:
            offset += 1
