"""A component's options from config.yml, each value checked against its field's declared type.

Every NLU component and policy declares its knobs as an ``Options`` dataclass. ``typed_options``
builds one with pydantic checking each value against the field's annotation, so ``epochs: ten``
or ``max_history: five`` is an error naming the option, not a traceback from deep in training.
Lax, as YAML values need: 5 for a float field is 5.0, a list for a tuple field a tuple.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


class OptionValueError(ValueError):
    """An option whose value does not fit its declared type; ``key`` names the option."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        super().__init__(message)


_ADAPTERS: dict[type[Any], Any] = {}  # one pydantic TypeAdapter per Options class


def _adapter(options_cls: type[Any]) -> Any:
    if options_cls not in _ADAPTERS:
        from pydantic import TypeAdapter  # imported when the first component is built

        _ADAPTERS[options_cls] = TypeAdapter(options_cls)
    return _ADAPTERS[options_cls]


def typed_options(options_cls: type[T], values: Mapping[str, Any]) -> T:
    """``options_cls(**values)``, every value checked against its field's type (known keys only:
    the caller rejects unknown ones first)."""
    from pydantic import ValidationError

    try:
        options: T = _adapter(options_cls).validate_python(dict(values))
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "?"
        message = first["msg"][:1].lower() + first["msg"][1:]
        raise OptionValueError(key, f"option '{key}': {message}, not {first['input']!r}") from None
    return options
