"""Slot filling from the latest message through the domain's mappings (Rasa 3 semantics)."""

from __future__ import annotations

from assistant.shared.domain import (
    REQUESTED_SLOT,
    Domain,
    EntitySpec,
    Form,
    IntentSpec,
    MappingCondition,
    Slot,
    SlotMapping,
)
from assistant.shared.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.slot_filling import extract_slots, slots_for_entities, trigger_intent_slots
from assistant.tracker import DialogueStateTracker

IN_FORM = (MappingCondition("booking_form"),)
DOMAIN = Domain(
    intents=tuple(IntentSpec(n) for n in ("inform", "affirm", "deny", "chitchat", "book_table")),
    entities=(EntitySpec("cuisine"), EntitySpec("city", roles=("from", "to"))),
    slots=(
        Slot("cuisine", mappings=(SlotMapping("from_entity", entity="cuisine"),)),
        Slot("dishes", type="list", mappings=(SlotMapping("from_entity", entity="cuisine"),)),
        Slot("origin", mappings=(SlotMapping("from_entity", entity="city", role="from"),)),
        Slot(
            "form_city",
            mappings=(SlotMapping("from_entity", entity="city", role="to", conditions=IN_FORM),),
        ),
        Slot(
            "guest_name",
            mappings=(
                SlotMapping(
                    "from_text",
                    not_intent=("chitchat",),
                    conditions=(MappingCondition("booking_form", "guest_name"),),
                ),
            ),
        ),
        Slot(
            "outdoor",
            type="bool",
            mappings=(
                SlotMapping("from_intent", intent=("affirm",), value=True),
                SlotMapping("from_intent", intent=("deny",), value=False),
            ),
        ),
        Slot(
            "source",
            mappings=(SlotMapping("from_trigger_intent", intent=("book_table",), value="booking"),),
        ),
        Slot("custom_one", mappings=(SlotMapping("custom", action="action_fill"),)),
    ),
    forms={
        "booking_form": Form(
            "booking_form", ("cuisine", "guest_name", "outdoor"), ignored_intents=("chitchat",)
        )
    },
)


def tracker(message: UserUttered, *before: Event) -> DialogueStateTracker:
    return DialogueStateTracker(
        "u", DOMAIN, [*before, ActionExecuted(name="action_listen"), message]
    )


def said(text: str, intent: str, *entities: Entity) -> UserUttered:
    return UserUttered(text=text, intent=intent, entities=entities)


def as_dict(events: list[SlotSet]) -> dict[str, object]:
    return {e.name: e.value for e in events}


def test_slots_for_entities_ignores_conditioned_mappings() -> None:
    entities = (
        Entity(entity="cuisine", value="korean"),
        Entity(entity="cuisine", value="thai"),
        Entity(entity="city", value="Seoul", role="to"),
        Entity(entity="city", value="Busan", role="from"),
    )
    assert as_dict(slots_for_entities(entities, DOMAIN)) == {
        "cuisine": "thai",
        "dishes": ["korean", "thai"],
        "origin": "Busan",
    }


def test_from_entity_outside_a_form() -> None:
    t = tracker(
        said(
            "korean from Busan to Seoul",
            "inform",
            Entity(entity="cuisine", value="korean"),
            Entity(entity="city", value="Busan", role="from"),
            Entity(entity="city", value="Seoul", role="to"),
        )
    )
    assert as_dict(extract_slots(t, DOMAIN)) == {
        "cuisine": "korean",
        "dishes": ["korean"],
        "origin": "Busan",
    }


def test_conditions_need_the_active_loop_and_requested_slot() -> None:
    in_form = [ActiveLoop(name="booking_form"), SlotSet(name=REQUESTED_SLOT, value="cuisine")]
    t = tracker(
        said("to Seoul", "inform", Entity(entity="city", value="Seoul", role="to")), *in_form
    )
    assert as_dict(extract_slots(t, DOMAIN)) == {"form_city": "Seoul"}
    # from_text for guest_name only when it is the requested slot
    t = tracker(said("Minsu", "inform"), *in_form)
    assert "guest_name" not in as_dict(extract_slots(t, DOMAIN))
    t = tracker(
        said("Minsu", "inform"),
        ActiveLoop(name="booking_form"),
        SlotSet(name=REQUESTED_SLOT, value="guest_name"),
    )
    assert as_dict(extract_slots(t, DOMAIN))["guest_name"] == "Minsu"


def test_not_intent_and_ignored_intents() -> None:
    asked_name = [ActiveLoop(name="booking_form"), SlotSet(name=REQUESTED_SLOT, value="guest_name")]
    assert extract_slots(tracker(said("tell me a joke", "chitchat"), *asked_name), DOMAIN) == []
    # an intent the form ignores fills nothing while the form is active, even from entities
    t = tracker(said("korean?", "chitchat", Entity(entity="cuisine", value="korean")), *asked_name)
    assert extract_slots(t, DOMAIN) == []


def test_from_intent_of_a_form_slot_only_when_requested() -> None:
    assert "outdoor" not in as_dict(extract_slots(tracker(said("yes", "affirm")), DOMAIN))
    t = tracker(
        said("no", "deny"),
        ActiveLoop(name="booking_form"),
        SlotSet(name=REQUESTED_SLOT, value="outdoor"),
    )
    assert as_dict(extract_slots(t, DOMAIN))["outdoor"] is False


def test_unconditioned_from_text_of_a_non_form_slot_fills_always() -> None:
    domain = Domain(
        intents=DOMAIN.intents, slots=(Slot("note", mappings=(SlotMapping("from_text"),)),)
    )
    t = DialogueStateTracker(
        "u", domain, [ActionExecuted(name="action_listen"), said("hello", "inform")]
    )
    assert as_dict(extract_slots(t, domain)) == {"note": "hello"}


def test_unchanged_values_are_not_set_again() -> None:
    t = tracker(
        said("korean", "inform", Entity(entity="cuisine", value="korean")),
        SlotSet(name="cuisine", value="korean"),
    )
    assert as_dict(extract_slots(t, DOMAIN)) == {"dishes": ["korean"]}


def test_custom_and_trigger_mappings_are_not_extracted() -> None:
    t = tracker(said("book", "book_table"))
    names = as_dict(extract_slots(t, DOMAIN))
    assert "source" not in names and "custom_one" not in names


def test_trigger_intent_slots() -> None:
    assert as_dict(
        trigger_intent_slots("booking_form", tracker(said("book", "book_table")), DOMAIN)
    ) == {
        "source": "booking",
    }
    assert trigger_intent_slots("booking_form", tracker(said("hi", "inform")), DOMAIN) == []


def test_no_message_no_slots() -> None:
    assert extract_slots(DialogueStateTracker("u", DOMAIN), DOMAIN) == []
