"""Filling slots from the latest user message through the domain's slot mappings.

``extract_slots`` is what ``action_extract_slots`` does before every prediction;
``slots_for_entities`` is the implicit filling Rasa applies to story events (unconditioned
``from_entity`` mappings), so training and test trackers see the same slots as live ones.
"""

from __future__ import annotations

from typing import Any

from assistant.shared.domain import REQUESTED_SLOT, Domain, Slot, SlotMapping
from assistant.shared.events import SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.tracker import DialogueStateTracker


def _entity_matches(mapping: SlotMapping, entity: Entity) -> bool:
    return (
        entity.entity == mapping.entity
        and entity.role == mapping.role
        and entity.group == mapping.group
    )


def _value_for_slot(slot: Slot, values: list[Any]) -> Any:
    if not values:
        return None
    return list(values) if slot.type == "list" else values[-1]


def slots_for_entities(entities: tuple[Entity, ...], domain: Domain) -> list[SlotSet]:
    events: list[SlotSet] = []
    for slot in domain.slots:
        values: list[Any] = []
        for mapping in slot.mappings:
            if mapping.type != "from_entity":
                continue
            if mapping.conditions and any(c.active_loop for c in mapping.conditions):
                continue
            values.extend(e.value for e in entities if _entity_matches(mapping, e))
        if values:
            events.append(SlotSet(name=slot.name, value=_value_for_slot(slot, values)))
    return events


def _intent_allowed(mapping: SlotMapping, intent: str | None) -> bool:
    if mapping.intent and intent not in mapping.intent:
        return False
    return not (mapping.not_intent and intent in mapping.not_intent)


def _conditions_hold(mapping: SlotMapping, tracker: DialogueStateTracker) -> bool:
    if not mapping.conditions:
        return True
    loop = tracker.active_loop_name
    requested = tracker.get_slot(REQUESTED_SLOT)
    for cond in mapping.conditions:
        if cond.active_loop != loop:
            continue
        if cond.requested_slot is None or cond.requested_slot == requested:
            return True
    return False


def mapping_value(
    mapping: SlotMapping,
    slot: Slot,
    message: UserUttered,
    tracker: DialogueStateTracker,
    domain: Domain,
) -> tuple[bool, Any]:
    """(found, value) for one mapping against the latest message."""
    if not _intent_allowed(mapping, message.intent):
        return False, None
    if mapping.type == "from_entity":
        values = [e.value for e in message.entities if _entity_matches(mapping, e)]
        return (True, _value_for_slot(slot, values)) if values else (False, None)
    if mapping.type == "from_intent":
        return True, mapping.value
    if mapping.type == "from_text":
        return (True, message.text) if message.text is not None else (False, None)
    if mapping.type == "from_trigger_intent":
        # fills the slot when the message triggers a form's activation (handled by the form)
        return False, None
    return False, None


def _is_form_slot(name: str, domain: Domain) -> bool:
    return any(name in form.required_slots for form in domain.forms.values())


def extract_slots(tracker: DialogueStateTracker, domain: Domain) -> list[SlotSet]:
    """Slot events for the latest user message, as ``action_extract_slots`` runs them."""
    message = tracker.latest_message
    if message is None:
        return []
    loop = tracker.active_loop_name
    form = domain.forms.get(loop) if loop else None
    if form is not None and message.intent in form.ignored_intents:
        return []
    events: list[SlotSet] = []
    for slot in domain.slots:
        for mapping in slot.mappings:
            if mapping.type in ("custom", "from_trigger_intent"):
                continue
            if (
                mapping.type in ("from_text", "from_intent")
                and not mapping.conditions
                and _is_form_slot(slot.name, domain)
                and tracker.get_slot(REQUESTED_SLOT) != slot.name
            ):
                continue  # an unconditioned text/intent mapping of a form slot: only when asked
            if not _conditions_hold(mapping, tracker):
                continue
            found, value = mapping_value(mapping, slot, message, tracker, domain)
            if found:
                if tracker.get_slot(slot.name) != value:
                    events.append(SlotSet(name=slot.name, value=value))
                break
    return events


def trigger_intent_slots(
    form_name: str, tracker: DialogueStateTracker, domain: Domain
) -> list[SlotSet]:
    """``from_trigger_intent`` mappings, applied when ``form_name`` is activated."""
    message = tracker.latest_message
    if message is None:
        return []
    events: list[SlotSet] = []
    for slot in domain.slots:
        for mapping in slot.mappings:
            if mapping.type != "from_trigger_intent" or not _intent_allowed(
                mapping, message.intent
            ):
                continue
            if mapping.conditions and not any(
                c.active_loop in (None, form_name) for c in mapping.conditions
            ):
                continue
            events.append(SlotSet(name=slot.name, value=mapping.value))
            break
    return events
