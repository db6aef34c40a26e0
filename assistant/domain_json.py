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
