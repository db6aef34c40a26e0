"""Read ``stories:`` and ``rules:`` (training and test stories share the format) into
:class:`StoryBlock` values, each step with its file and line.

A checkpoint in the middle of a story splits it in two blocks, as Rasa does: the first ends at
the checkpoint, the second starts there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant.errors import Problem, TrainingDataError
from assistant.importers.annotations import AnnotationError, parse_annotated
from assistant.importers.yaml_loading import line_of, read_yaml, type_name
from assistant.shared.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.shared.story import FILLED_TEXT, Checkpoint, OrGroup, Step, StoryBlock
from assistant.shared.training_data import SourceLocation

logger = logging.getLogger(__name__)

STEP_KEYS = ("checkpoint", "intent", "user", "action", "bot", "slot_was_set", "active_loop", "or")
_STEP_EXTRA = {
    "intent": ("entities", "user", "metadata"),
    "user": ("intent", "entities", "metadata"),
    "checkpoint": ("slot_was_set",),
    "action": ("metadata",),
    "bot": ("metadata",),
}
_BLOCK_KEYS = {
    "story": ("story", "steps", "metadata"),
    "rule": ("rule", "steps", "condition", "conversation_start", "wait_for_user_input", "metadata"),
}


def read_stories(path: Path | str) -> list[StoryBlock]:
    """Stories and rules of one YAML file; raises :class:`TrainingDataError` with every problem."""
    data, problems = read_yaml(path)
    blocks = parse_stories(data, str(path), problems)
    if problems:
        raise TrainingDataError(problems)
    return blocks


def parse_stories(data: Any, path: str, problems: list[Problem]) -> list[StoryBlock]:
    if not isinstance(data, dict):
        if data is not None:
            problems.append(
                Problem(
                    path, line_of(data), f"training data must be a mapping, not {type_name(data)}"
                )
            )
        return []
    blocks: list[StoryBlock] = []
    for key, kind in (("stories", "story"), ("rules", "rule")):
        if key not in data or data[key] is None:
            continue
        items = data[key]
        if not isinstance(items, list):
            problems.append(
                Problem(
                    path, line_of(data, key), f"'{key}' must be a list of '- {kind}: name' items"
                )
            )
            continue
        reader = _BlockReader(path, problems)
        for i, item in enumerate(items):
            blocks.extend(reader.block(item, kind, line_of(items, i)))  # type: ignore[arg-type]
    return blocks


@dataclass
class _Segment:
    steps: list[Step] = field(default_factory=list)
    sources: list[SourceLocation | None] = field(default_factory=list)
    start: list[Checkpoint] = field(default_factory=list)
    end: list[Checkpoint] = field(default_factory=list)


class _BlockReader:
    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def block(
        self,
        item: Any,
        kind: Literal["story", "rule"],
        line: int | None,
    ) -> list[StoryBlock]:
        if not isinstance(item, dict):
            self.problem(
                line, f"a {kind} must be a mapping such as '- {kind}: name', not {type_name(item)}"
            )
            return []
        other: Literal["story", "rule"] = "rule" if kind == "story" else "story"
        if kind not in item and other in item:  # a rule listed under stories (or vice versa)
            kind = other
        name = item.get(kind)
        if name is None or str(name).strip() == "":
            self.problem(line, f"a {kind} needs a name ('- {kind}: ...')")
            return []
        name = str(name)
        for key in item:
            if key not in _BLOCK_KEYS[kind]:
                self.problem(line_of(item, key), f"{kind} '{name}': unknown key '{key}'")
        steps = item.get("steps")
        if not isinstance(steps, list) or not steps:
            self.problem(line, f"{kind} '{name}' has no steps")
            return []
        condition: list[Event] = []
        if kind == "rule" and item.get("condition") is not None:
            condition = self.condition(item["condition"], line_of(item, "condition"), name)
        segments = [_Segment()]
        for i, step in enumerate(steps):
            self.step(step, line_of(steps, i, line), name, kind, segments)
        source = SourceLocation(self.path, line)
        out = []
        for n, seg in enumerate(segments):
            if not seg.steps and (n > 0 or not (seg.start or seg.end)):
                continue  # the part after a story's final checkpoint
            out.append(
                StoryBlock(
                    name=name if n == 0 else f"{name} (part {n + 1})",
                    kind=kind,
                    steps=tuple(seg.steps),
                    source=source,
                    step_sources=tuple(seg.sources),
                    start_checkpoints=tuple(seg.start),
                    end_checkpoints=tuple(seg.end),
                    condition=tuple(condition),
                    conversation_start=bool(item.get("conversation_start", False)),
                    wait_for_user_input=bool(item.get("wait_for_user_input", True)),
                )
            )
        return out

    def condition(self, raw: Any, line: int | None, name: str) -> list[Event]:
        if not isinstance(raw, list):
            self.problem(
                line,
                f"rule '{name}': 'condition' must be a list of slot_was_set or active_loop steps",
            )
            return []
        out: list[Event] = []
        for i, step in enumerate(raw):
            step_line = line_of(raw, i, line)
            if isinstance(step, dict) and "slot_was_set" in step:
                out.extend(self.slots(step["slot_was_set"], step_line, name))
            elif isinstance(step, dict) and "active_loop" in step:
                out.append(ActiveLoop(name=_opt_str(step["active_loop"])))
            else:
                self.problem(
                    step_line, f"rule '{name}': a condition must be 'slot_was_set' or 'active_loop'"
                )
        return out

    def step(
        self, step: Any, line: int | None, name: str, kind: str, segments: list[_Segment]
    ) -> None:
        where = f"{kind} '{name}'"
        if not isinstance(step, dict):
            self.problem(
                line,
                f"{where}: a step must be a mapping such as '- intent: greet', "
                f"not {type_name(step)}",
            )
            return
        keys = [k for k in STEP_KEYS if k in step]
        main = "user" if "user" in keys and "checkpoint" not in keys else keys[0] if keys else None
        if main is None:
            self.problem(
                line,
                f"{where}: unknown step '{', '.join(map(str, step))}'; "
                f"known: {', '.join(STEP_KEYS)}",
            )
            return
        for key in step:
            if key != main and key not in _STEP_EXTRA.get(main, ()):
                self.problem(
                    line_of(step, key, line), f"{where}: unknown key '{key}' in a '{main}' step"
                )
        source = SourceLocation(self.path, line)
        seg = segments[-1]
        if main == "checkpoint":
            conditions: dict[str, object] = {
                slot.name: slot.value
                for slot in self.slots(step.get("slot_was_set") or [], line, name)
            }
            checkpoint = Checkpoint(str(step["checkpoint"]), conditions)
            if not seg.steps:
                seg.start.append(checkpoint)
            else:  # the story continues after this checkpoint: split it as Rasa does
                seg.end.append(checkpoint)
                segments.append(_Segment(start=[checkpoint]))
            return
        if seg.end:  # steps after an end checkpoint started a new segment already
            seg = segments[-1]
        events: list[Step]
        if main == "or":
            events = self.or_group(step["or"], line, where)
        elif main in ("intent", "user"):
            user = self.user(step, line, where)
            events = [user] if user else []
        elif main == "action":
            action = step["action"]
            if not isinstance(action, str) or not action.strip():
                self.problem(line, f"{where}: 'action' needs an action name")
                return
            events = [ActionExecuted(name=action.strip())]
        elif main == "bot":
            events = [ActionExecuted(name="", action_text=str(step["bot"]))]
        elif main == "slot_was_set":
            events = list(self.slots(step["slot_was_set"], line, name))
        else:
            events = [ActiveLoop(name=_opt_str(step["active_loop"]))]
        for item in events:
            seg.steps.append(item)
            seg.sources.append(source)

    def or_group(self, raw: Any, line: int | None, where: str) -> list[Step]:
        if not isinstance(raw, list) or not raw:
            self.problem(line, f"{where}: 'or' needs a list of alternatives")
            return []
        alternatives: list[Event] = []
        for i, alt in enumerate(raw):
            alt_line = line_of(raw, i, line)
            if isinstance(alt, dict) and ("intent" in alt or "user" in alt):
                event = self.user(alt, alt_line, where)
                if event:
                    alternatives.append(event)
            elif isinstance(alt, dict) and "slot_was_set" in alt:
                alternatives.extend(self.slots(alt["slot_was_set"], alt_line, where))
            else:
                self.problem(
                    alt_line,
                    f"{where}: an 'or' alternative must be an intent, user or slot_was_set step",
                )
        if not alternatives:
            return []
        return [OrGroup(tuple(alternatives))]

    def user(self, step: dict[str, Any], line: int | None, where: str) -> UserUttered | None:
        intent = step.get("intent")
        full_intent: str | None = None
        if intent is not None:
            if not isinstance(intent, str) or not intent.strip():
                self.problem(line, f"{where}: 'intent' needs an intent name")
                return None
            intent = intent.strip()
            if intent.startswith("/"):
                logger.warning(
                    "%s:%s: %s: intent '%s' starts with '/', which is not needed",
                    self.path,
                    line,
                    where,
                    intent,
                )
                intent = intent[1:]
            full_intent = intent
            intent = intent.split("/", 1)[0]
        entities = self.entities(step.get("entities"), line, where)
        text: str | None = None
        if "user" in step:
            raw = step["user"]
            if raw is None or isinstance(raw, (dict, list)):
                self.problem(line, f"{where}: 'user' needs the user's text")
                return None
            try:
                text, annotated = parse_annotated(str(raw).strip())
            except AnnotationError as err:
                self.problem(line, f"{where}: {err}")
                return None
            entities = entities + annotated
        parse_data = None
        if full_intent and full_intent != intent:
            parse_data = {
                "intent": {
                    "name": intent,
                    "confidence": 1.0,
                    "full_retrieval_intent_name": full_intent,
                }
            }
        return UserUttered(text=text, intent=intent, entities=entities, parse_data=parse_data)

    def entities(self, raw: Any, line: int | None, where: str) -> tuple[Entity, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(line, f"{where}: 'entities' must be a list")
            return ()
        out = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                out.append(Entity(entity=item, value=""))
            elif (
                isinstance(item, dict)
                and "entity" in item
                and len(item) > 1
                and set(item) <= {"entity", "value", "role", "group"}
            ):
                out.append(
                    Entity(
                        entity=str(item["entity"]),
                        value=item.get("value", ""),
                        role=_opt_str(item.get("role")),
                        group=_opt_str(item.get("group")),
                    )
                )
            elif isinstance(item, dict):
                out.extend(Entity(entity=str(k), value=v) for k, v in item.items())
            else:
                self.problem(
                    line_of(raw, i, line), f"{where}: an entity must be a name or '- entity: value'"
                )
        return tuple(out)

    def slots(self, raw: Any, line: int | None, where: str) -> list[SlotSet]:
        if isinstance(raw, (str, dict)):
            raw = [raw]
        if not isinstance(raw, list):
            self.problem(line, f"{where}: 'slot_was_set' must be a list")
            return []
        out = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                out.append(SlotSet(name=item, value=FILLED_TEXT))
            elif isinstance(item, dict):
                out.extend(SlotSet(name=str(k), value=v) for k, v in item.items())
            else:
                self.problem(
                    line_of(raw, i, line), f"{where}: a slot must be a name or '- slot: value'"
                )
        return out


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
