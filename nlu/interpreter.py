"""The NLU pipeline: an ordered list of components that train and then process in turn.

Training fills ``training_data.messages`` with one ``Message`` per example; each component trains
on the messages as every earlier component left them, then processes them, so later components
train on the same tokens and features they will see when serving. A component may add examples
for the components after it (``intent_name_examples``); they are dropped when training ends.
Registry lookup and the on-disk layout belong to the core, which builds the components and
persists each one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from assistant.shared import Domain, Entity, Message, TrainingData
from nlu.errors import NLUError, NLUTrainingError


@runtime_checkable
class PipelineComponent(Protocol):
    """What the interpreter needs of a component (the NLU side of the core's contract)."""

    name: ClassVar[str]

    def train(self, training_data: TrainingData, domain: Domain) -> None: ...

    def process(self, messages: list[Message]) -> list[Message]: ...

    def persist(self, directory: Path) -> None: ...


def _without_duplicates(entities: list[Entity]) -> list[Entity]:
    """The same span found by two extractors (a CRF and a lookup table) is reported once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for entity in entities:
        key = (
            entity.start,
            entity.end,
            entity.entity,
            entity.role,
            entity.group,
            str(entity.value),
        )
        if key not in seen:
            seen.add(key)
            out.append(entity)
    return out


class Interpreter:
    def __init__(self, components: Sequence[Any]) -> None:
        self.components: list[PipelineComponent] = list(components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def train(
        self,
        training_data: TrainingData,
        domain: Domain,
        on_progress: Callable[[str], None] | None = None,
    ) -> None:
        """Train every component in order; ``on_progress`` hears each component's name.

        A component that cannot train raises ``NLUTrainingError`` naming its place in the
        pipeline, so the core can point at its line of config.yml."""
        training_data.messages = [Message(text=e.text) for e in training_data.examples]
        given = len(training_data.examples)
        try:
            for index, component in enumerate(self.components, start=1):
                if on_progress is not None:
                    on_progress(f"training {component.name} ({index}/{len(self.components)})")
                try:
                    component.train(training_data, domain)
                    component.process(training_data.messages)
                except NLUError as err:
                    raise NLUTrainingError(index - 1, component.name, err) from err
        finally:  # examples a component added (intent_name_examples) served this run only
            del training_data.examples[given:]
            del training_data.messages[given:]

    def process(self, messages: list[Message]) -> list[Message]:
        for component in self.components:
            messages = component.process(messages)
        for message in messages:
            message.entities = _without_duplicates(message.entities)
        return messages

    def parse(self, text: str) -> Message:
        return self.process([Message(text=text)])[0]
