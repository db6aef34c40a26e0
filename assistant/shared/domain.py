"""The domain: what the assistant knows (intents, entities, slots, responses, actions, forms).

Plain frozen data. Reading ``domain.yml`` (with file and line in errors) lives in
``assistant.importers.domain_reader``; slot filling and state featurisation live in the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_ACTIONS: tuple[str, ...] = (
    "action_listen",
    "action_restart",
    "action_session_start",
    "action_default_fallback",
    "action_deactivate_loop",
    "action_revert_fallback_events",
    "action_default_ask_affirmation",
    "action_default_ask_rephrase",
    "action_two_stage_fallback",
    "action_unlikely_intent",
    "action_back",
    "action_send_text",
    "action_extract_slots",
)
DEFAULT_INTENTS: tuple[str, ...] = (
    "restart",
    "back",
    "out_of_scope",
    "session_start",
    "nlu_fallback",
)
REQUESTED_SLOT = "requested_slot"
SLOT_TYPES: tuple[str, ...] = ("text", "bool", "categorical", "float", "list", "any")


@dataclass(frozen=True)
class IntentSpec:
    name: str
    use_entities: bool | tuple[str, ...] = True  # True: all; a tuple: only these
    ignore_entities: tuple[str, ...] = ()

    def uses_entity(self, entity: str) -> bool:
        if entity in self.ignore_entities:
            return False
        if self.use_entities is True:
            return True
        if self.use_entities is False:
            return False
        return entity in self.use_entities


@dataclass(frozen=True)
class EntitySpec:
    name: str
    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    influence_conversation: bool = True


@dataclass(frozen=True)
class MappingCondition:
    active_loop: str | None
    requested_slot: str | None = None


@dataclass(frozen=True)
class SlotMapping:
    """One way to fill a slot: ``from_entity``, ``from_intent``, ``from_trigger_intent``,
    ``from_text`` or ``custom`` (filled by an action)."""

    type: str
    entity: str | None = None
    role: str | None = None
    group: str | None = None
    intent: tuple[str, ...] = ()
    not_intent: tuple[str, ...] = ()
    value: Any = None
    action: str | None = None
    conditions: tuple[MappingCondition, ...] = ()


@dataclass(frozen=True)
class Slot:
    name: str
    type: str = "text"  # one of SLOT_TYPES, or a custom slot class's import path
    mappings: tuple[SlotMapping, ...] = ()
    influence_conversation: bool = True
    initial_value: Any = None
    values: tuple[str, ...] = ()  # categorical
    min_value: float = 0.0  # float
    max_value: float = 1.0

    def as_feature(self, value: Any) -> tuple[float, ...]:
        """How the slot's value appears in a dialogue state (Rasa's slot featurisation)."""
        if self.type == "bool":
            if value is None:
                return (0.0, 0.0)
            truthy = (
                value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")
            )
            return (1.0, 1.0 if truthy else 0.0)
        if self.type == "categorical":
            options = [v.lower() for v in self.values]
            vec = [0.0] * len(options)
            if value is not None:
                text = str(value).lower()
                if text in options:
                    vec[options.index(text)] = 1.0
                elif "__other__" in options:
                    vec[options.index("__other__")] = 1.0
            return tuple(vec)
        if self.type == "float":
            if value is None:
                return (0.0,)
            try:
                number = float(value)
            except (TypeError, ValueError):
                return (0.0,)
            span = self.max_value - self.min_value
            scaled = (number - self.min_value) / span if span else 1.0
            return (max(0.0, min(1.0, scaled)),)
        if self.type == "list":
            return (1.0 if value else 0.0,)
        return (1.0 if value is not None else 0.0,)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class ResponseCondition:
    type: str  # "slot"
    name: str
    value: Any


@dataclass(frozen=True)
class ResponseVariation:
    text: str | None = None
    buttons: tuple[Button, ...] = ()
    image: str | None = None
    custom: dict[str, Any] | None = None
    attachment: Any = None
    elements: Any = None
    quick_replies: tuple[Button, ...] = ()
    channel: str | None = None
    conditions: tuple[ResponseCondition, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    button_type: str | None = None


@dataclass(frozen=True)
class Form:
    name: str
    required_slots: tuple[str, ...] = ()
    ignored_intents: tuple[str, ...] = ()


@dataclass(frozen=True)
class SessionConfig:
    session_expiration_time: float = 60.0  # minutes; 0 means sessions never expire
    carry_over_slots: bool = True

    @property
    def expires(self) -> bool:
        return self.session_expiration_time > 0


@dataclass(frozen=True)
class Domain:
    intents: tuple[IntentSpec, ...] = ()
    entities: tuple[EntitySpec, ...] = ()
    slots: tuple[Slot, ...] = ()
    responses: dict[str, tuple[ResponseVariation, ...]] = field(default_factory=dict)
    actions: tuple[str, ...] = ()  # custom actions declared under ``actions:``
    forms: dict[str, Form] = field(default_factory=dict)
    session_config: SessionConfig = SessionConfig()
    version: str | None = None
    # action name -> send_domain (the action server gets the domain when True)
    action_send_domain: dict[str, bool] = field(default_factory=dict)

    @property
    def intent_names(self) -> list[str]:
        return [i.name for i in self.intents]

    @property
    def entity_names(self) -> list[str]:
        return [e.name for e in self.entities]

    @property
    def slot_names(self) -> list[str]:
        return [s.name for s in self.slots]

    @property
    def form_names(self) -> list[str]:
        return list(self.forms)

    @property
    def action_names(self) -> list[str]:
        """Every action the policies may predict: defaults, custom actions, responses, forms."""
        seen: dict[str, None] = {}
        for name in (*DEFAULT_ACTIONS, *self.actions, *self.responses, *self.forms):
            if "/" in name:  # retrieval responses (utter_faq/ask_x) are run via utter_faq
                continue
            seen.setdefault(name, None)
        return list(seen)

    def intent(self, name: str) -> IntentSpec | None:
        for spec in self.intents:
            if spec.name == name:
                return spec
        return None

    def slot(self, name: str) -> Slot | None:
        for slot in self.slots:
            if slot.name == name:
                return slot
        return None

    def retrieval_responses(
        self, retrieval_intent: str
    ) -> dict[str, tuple[ResponseVariation, ...]]:
        prefix = f"utter_{retrieval_intent}/"
        return {k: v for k, v in self.responses.items() if k.startswith(prefix)}

    def merge(self, other: Domain) -> Domain:
        """Combine two domain files; ``other`` wins on conflicting keys (Rasa's domain/ folder)."""

        def union(a: tuple[Any, ...], b: tuple[Any, ...], key: Any) -> tuple[Any, ...]:
            out = {key(x): x for x in a}
            out.update({key(x): x for x in b})
            return tuple(out.values())

        return Domain(
            intents=union(self.intents, other.intents, lambda i: i.name),
            entities=union(self.entities, other.entities, lambda e: e.name),
            slots=union(self.slots, other.slots, lambda s: s.name),
            responses={**self.responses, **other.responses},
            actions=tuple(dict.fromkeys((*self.actions, *other.actions))),
            forms={**self.forms, **other.forms},
            session_config=other.session_config
            if other.session_config != SessionConfig()
            else self.session_config,
            version=other.version or self.version,
            action_send_domain={**self.action_send_domain, **other.action_send_domain},
        )
