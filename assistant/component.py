"""The one contract every trainable piece follows: NLU components and dialogue policies.

A component is constructed by name from ``config.yml`` through ``assistant.registry``. Its knobs
are a nested ``Options`` dataclass; an unknown key, or a value that does not fit its field's type
(``assistant/shared/options.py``), is a ``ConfigError`` naming key and line.
Leaves (``nlu``, policies) satisfy these protocols structurally, without importing this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol, Self, runtime_checkable

from assistant.shared.domain import Domain
from assistant.shared.message import Message
from assistant.shared.training_data import TrainingData


class UnknownOptionError(ValueError):
    """An option a component does not know; the registry adds file and line."""


@runtime_checkable
class Component(Protocol):
    name: ClassVar[str]

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self: ...

    def train(self, training_data: TrainingData, domain: Domain) -> None: ...

    def persist(self, directory: Path) -> None: ...

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self: ...


@runtime_checkable
class NLUComponent(Component, Protocol):
    def process(self, messages: list[Message]) -> list[Message]: ...
