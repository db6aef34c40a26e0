"""``rasa data validate``: cross-checks between domain, NLU data, stories and rules.

Each finding is a :class:`ValidationProblem` (a :class:`Problem` with a ``severity``), with the
file and line of the step or example that uses the unknown name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from assistant.errors import Problem
from assistant.importers.project import Project
from assistant.shared.domain import DEFAULT_ACTIONS, DEFAULT_INTENTS
from assistant.shared.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from assistant.shared.story import OrGroup, StoryBlock
from assistant.shared.training_data import SourceLocation
from assistant.story_graph import unused_checkpoints

Severity = Literal["error", "warning"]
_Add = Callable[[SourceLocation | None, str, Severity], None]


@dataclass(frozen=True)
class ValidationProblem(Problem):
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{super().__str__()} [{self.severity}]"


def validate_project(project: Project) -> list[ValidationProblem]:
    """Every finding, errors and warnings, in a stable order (errors first)."""
    out: list[ValidationProblem] = [
        ValidationProblem(w.path, w.line, w.message, "warning") for w in project.warnings
    ]
    domain_path = str(project.domain_path or project.root / "domain.yml")
    domain = project.domain
    intents = set(domain.intent_names) | set(DEFAULT_INTENTS)
    actions = (
        set(domain.action_names)
        | set(DEFAULT_ACTIONS)
        | {n.split("/", 1)[0] for n in [*domain.responses, *project.nlu.responses] if "/" in n}
    )
    slots = set(domain.slot_names) | {"requested_slot"}
    entities = set(domain.entity_names)

    def add(loc: SourceLocation | None, message: str, severity: Severity) -> None:
        path = loc.path if loc else domain_path
        out.append(ValidationProblem(path, loc.line if loc else None, message, severity))

    nlu_intents: set[str] = set()
    for example in project.nlu.examples:
        base = example.base_intent or ""
        nlu_intents.add(base)
        if base not in intents:
            add(
                example.source, f"intent '{base}' is in the NLU data but not in the domain", "error"
            )
        for ent in example.entities:
            if ent.entity not in entities:
                add(
                    example.source,
                    f"entity '{ent.entity}' is annotated but not in the domain",
                    "error",
                )
    for name in domain.intent_names:
        if name not in nlu_intents and name not in DEFAULT_INTENTS:
            add(None, f"intent '{name}' is in the domain but has no NLU examples", "warning")
    seen: dict[str, tuple[str, SourceLocation | None]] = {}
    for example in project.nlu.examples:
        key = example.text.strip().lower()
        earlier = seen.setdefault(key, (example.intent or "", example.source))
        if earlier[0] != (example.intent or ""):
            add(
                example.source,
                f"example '{example.text}' is also an example of intent "
                f"'{earlier[0]}' ({earlier[1]})",
                "warning",
            )

    for block in [*project.stories, *project.test_stories]:
        steps = [(s, src) for s, src in zip(block.steps, _sources(block), strict=False)]
        steps += [(e, block.source) for e in block.condition]
        for step, src in steps:
            events: tuple[Event, ...] = step.alternatives if isinstance(step, OrGroup) else (step,)
            for event in events:
                _check_event(
                    event, src or block.source, block, intents, actions, slots, entities, add
                )
    for checkpoint, block, side in unused_checkpoints(project.stories):
        what = "ends" if side == "end" else "starts"
        add(
            block.source,
            f"checkpoint '{checkpoint.name}' {what} {block.kind} '{block.name}' "
            f"but no story {'starts' if side == 'end' else 'ends'} with it",
            "warning",
        )
    out.sort(key=lambda p: p.severity != "error")
    return out


def _sources(block: StoryBlock) -> tuple[SourceLocation | None, ...]:
    return block.step_sources or (block.source,) * len(block.steps)


def _check_event(
    event: Event,
    src: SourceLocation | None,
    block: StoryBlock,
    intents: set[str],
    actions: set[str],
    slots: set[str],
    entities: set[str],
    add: _Add,
) -> None:
    report = add
    where = f"{block.kind} '{block.name}'"
    if isinstance(event, UserUttered):
        if event.intent and event.intent not in intents:
            report(
                src,
                f"{where} uses intent '{event.intent}', which the domain does not declare",
                "error",
            )
        for ent in event.entities:
            if ent.entity not in entities:
                report(
                    src,
                    f"{where} uses entity '{ent.entity}', which the domain does not declare",
                    "error",
                )
    elif isinstance(event, ActionExecuted) and event.name and event.name not in actions:
        report(
            src,
            f"{where} uses action '{event.name}', which the domain does not "
            f"declare (responses, actions, forms)",
            "error",
        )
    elif isinstance(event, SlotSet) and event.name not in slots:
        report(src, f"{where} sets slot '{event.name}', which the domain does not declare", "error")
    elif isinstance(event, ActiveLoop) and event.name and event.name not in actions:
        report(
            src,
            f"{where} activates loop '{event.name}', which the domain does not declare as a form",
            "error",
        )
