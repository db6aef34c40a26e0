"""The domain as JSON for model archives: every field survives a round trip."""

from __future__ import annotations

import json

from assistant.domain_json import domain_from_dict, domain_to_dict
from assistant.shared.domain import (
    Button,
    Domain,
    EntitySpec,
    Form,
    IntentSpec,
    MappingCondition,
    ResponseCondition,
    ResponseVariation,
    SessionConfig,
    Slot,
    SlotMapping,
)

FULL = Domain(
    intents=(
        IntentSpec("greet", use_entities=False),
        IntentSpec("inform", use_entities=("cuisine",)),
        IntentSpec("chitchat", ignore_entities=("cuisine",)),
    ),
    entities=(
        EntitySpec("cuisine", roles=("main",), groups=("1",)),
        EntitySpec("mood", influence_conversation=False),
    ),
    slots=(
        Slot(
            "cuisine",
            mappings=(
                SlotMapping(
                    "from_entity",
                    entity="cuisine",
                    role="main",
                    conditions=(
                        MappingCondition("booking_form", "cuisine"),
                        MappingCondition(None),
                    ),
                ),
            ),
        ),
        Slot(
            "vip",
            type="bool",
            initial_value=True,
            mappings=(
                SlotMapping("from_intent", intent=("affirm",), not_intent=("deny",), value=True),
            ),
        ),
        Slot("size", type="categorical", values=("small", "large")),
        Slot("budget", type="float", min_value=1.0, max_value=9.5, influence_conversation=False),
        Slot(
            "extra",
            type="any",
            initial_value={"a": [1, 2]},
            mappings=(SlotMapping("custom", action="action_fill"),),
        ),
    ),
    responses={
        "utter_greet": (
            ResponseVariation(
                text="hi {cuisine}",
                buttons=(Button("Yes", "/affirm"),),
                channel="slack",
                conditions=(ResponseCondition("slot", "vip", True),),
                metadata={"rephrase": True},
            ),
            ResponseVariation(
                image="https://x/y.png",
                custom={"k": [1]},
                quick_replies=(Button("a", "b"),),
                button_type="vertical",
            ),
        ),
        "utter_faq/ask_price": (ResponseVariation(text="free"),),
    },
    actions=("action_fill", "validate_booking_form"),
    forms={"booking_form": Form("booking_form", ("cuisine", "vip"), ignored_intents=("chitchat",))},
    session_config=SessionConfig(0, carry_over_slots=False),
    version="3.1",
    action_send_domain={"action_fill": True},
)


def test_round_trip_of_every_field() -> None:
    data = json.loads(json.dumps(domain_to_dict(FULL), ensure_ascii=False))
    assert domain_from_dict(data) == FULL


def test_round_trip_of_the_tiny_project(tiny_domain: Domain) -> None:
    assert domain_from_dict(json.loads(json.dumps(domain_to_dict(tiny_domain)))) == tiny_domain


def test_empty_domain() -> None:
    assert domain_from_dict(domain_to_dict(Domain())) == Domain()
