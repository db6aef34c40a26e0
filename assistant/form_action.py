"""Forms: a loop that asks for each required slot until all are filled.

Rasa 3 semantics: slots are extracted from the user's message before the form runs
(``assistant.slot_filling``); the form validates them (through ``validate_<form>`` when the
project defines that action), asks for the next empty slot with ``utter_ask_<form>_<slot>``,
``utter_ask_<slot>`` or ``action_ask_<slot>``, and deactivates when every slot is filled. When
a slot was asked for and the answer filled none, the form rejects, so rules and stories can
handle the detour (the unhappy path) before the loop resumes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from assistant.action import ActionContext
from assistant.shared.domain import REQUESTED_SLOT, Form
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from assistant.slot_filling import trigger_intent_slots
from assistant.tracker import DialogueStateTracker

logger = logging.getLogger(__name__)


def _slot_events_this_turn(tracker: DialogueStateTracker) -> list[SlotSet]:
    out: list[SlotSet] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, SlotSet) and event.name != REQUESTED_SLOT:
            out.append(event)
    return out


@dataclass
class FormAction:
    name: str
    form: Form

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        events: list[Event] = []
        activating = tracker.active_loop_name != self.name
        if activating:
            events.append(ActiveLoop(name=self.name))
            events.extend(trigger_intent_slots(self.name, tracker, context.domain))
        working = tracker.copy()
        working.update_many(events)

        validation = self._validate(working, context, activating)
        if any(isinstance(e, ActionExecutionRejected) for e in validation):
            return [ActionExecutionRejected(name=self.name)]
        if not activating and not working.loop_interrupted:
            requested = working.get_slot(REQUESTED_SLOT)
            filled = [
                e
                for e in _slot_events_this_turn(working)
                + [e for e in validation if isinstance(e, SlotSet)]
                if e.name != REQUESTED_SLOT
            ]
            if requested and working.latest_action_name == "action_listen" and not filled:
                return [ActionExecutionRejected(name=self.name)]
        events.extend(validation)
        working.update_many(validation)
        if working.active_loop_name != self.name:  # the validation deactivated the form
            return events
        next_slot = next((s for s in self.form.required_slots if working.get_slot(s) is None), None)
        if next_slot is None:
            events += [SlotSet(name=REQUESTED_SLOT, value=None), ActiveLoop(name=None)]
            return events
        events.append(SlotSet(name=REQUESTED_SLOT, value=next_slot))
        working.update(events[-1])
        events.extend(self._ask(next_slot, working, context))
        return events

    def _validate(
        self, tracker: DialogueStateTracker, context: ActionContext, activating: bool
    ) -> list[Event]:
        validator = f"validate_{self.name}"
        executor = context.executor
        if executor is None or not executor.knows(validator):
            return []
        events = executor.run(validator, tracker, context.domain)
        return [e for e in events if not isinstance(e, ActionExecuted)]

    def _ask(self, slot: str, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        for response in (f"utter_ask_{self.name}_{slot}", f"utter_ask_{slot}"):
            if response in context.domain.responses:
                event = context.nlg.generate(response, tracker, context.channel)
                return [event] if event else []
        custom = f"action_ask_{slot}"
        executor = context.executor
        if executor is not None and executor.knows(custom):
            return executor.run(custom, tracker, context.domain)
        logger.warning("form '%s' has no response to ask for slot '%s'", self.name, slot)
        return [BotUttered(text=f"{slot}?", metadata={"utter_action": None})]
