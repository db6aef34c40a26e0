"""The domain as JSON, for model archives (no pickle): frozen dataclasses to and from dicts."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union, get_args, get_origin, get_type_hints

from assistant.shared.domain import Domain


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        for option in options:
            if option is bool and isinstance(value, bool):
                return value
        for option in options:
            if dataclasses.is_dataclass(option) and isinstance(value, dict):
                return _build(option, value)
            if get_origin(option) in (tuple, list) and isinstance(value, list):
                return _build(option, value)
        return value
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = get_type_hints(tp)
        return tp(
            **{
                f.name: _build(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.name in value
            }
        )
    if origin is tuple:
        args = get_args(tp)
        inner = args[0] if args else Any
        return tuple(_build(inner, v) for v in value)
    if origin is list:
        (inner,) = get_args(tp) or (Any,)
        return [_build(inner, v) for v in value]
    if origin is dict:
        _, inner = get_args(tp) or (Any, Any)
        return {k: _build(inner, v) for k, v in value.items()}
    return value


def domain_to_dict(domain: Domain) -> dict[str, Any]:
    return typing.cast(dict[str, Any], to_jsonable(domain))


def domain_from_dict(data: dict[str, Any]) -> Domain:
    return typing.cast(Domain, _build(Domain, data))


def domain_to_rasa_dict(domain: Domain) -> dict[str, Any]:
    """The domain in Rasa's JSON shape (``Domain.as_dict``), as action servers expect it."""

    def mapping(m: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"type": m.type}
        for key in ("entity", "role", "group", "value", "action"):
            if getattr(m, key) is not None:
                out[key] = getattr(m, key)
        if m.intent:
            out["intent"] = list(m.intent)
        if m.not_intent:
            out["not_intent"] = list(m.not_intent)
        if m.conditions:
            out["conditions"] = [
                {
                    "active_loop": c.active_loop,
                    **({"requested_slot": c.requested_slot} if c.requested_slot else {}),
                }
                for c in m.conditions
            ]
        return out

    slots: dict[str, Any] = {}
    for slot in domain.slots:
        entry: dict[str, Any] = {
            "type": slot.type,
            "initial_value": slot.initial_value,
            "influence_conversation": slot.influence_conversation,
            "mappings": [mapping(m) for m in slot.mappings],
        }
        if slot.type == "categorical":
            entry["values"] = list(slot.values)
        if slot.type == "float":
            entry["min_value"], entry["max_value"] = slot.min_value, slot.max_value
        slots[slot.name] = entry
    responses = {
        name: [
            {k: v for k, v in to_jsonable(var).items() if v not in (None, (), [], {})}
            for var in variations
        ]
        for name, variations in domain.responses.items()
    }
    return {
        "version": domain.version or "3.1",
        "session_config": {
            "session_expiration_time": domain.session_config.session_expiration_time,
            "carry_over_slots_to_new_session": domain.session_config.carry_over_slots,
        },
        "intents": [
            {
                i.name: {
                    "use_entities": i.use_entities
                    if isinstance(i.use_entities, bool)
                    else list(i.use_entities),
                    "ignore_entities": list(i.ignore_entities),
                }
            }
            for i in domain.intents
        ],
        "entities": [e.name for e in domain.entities],
        "slots": slots,
        "responses": responses,
        "actions": list(domain.actions),
        "forms": {
            name: {
                "required_slots": list(f.required_slots),
                "ignored_intents": list(f.ignored_intents),
            }
            for name, f in domain.forms.items()
        },
    }
