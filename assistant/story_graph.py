"""Turn story blocks into linear stories: ``or`` groups expanded, checkpoints followed.

A story ending in checkpoint X continues with every block that starts at X whose checkpoint
slot conditions hold; a block is not entered twice on one path (cycles are cut), and the
number of stories is bounded. Rules are expanded the same way but stay separate (``is_rule``).
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

from assistant.shared.events import Event, SlotSet
from assistant.shared.story import STORY_START, Checkpoint, OrGroup, Story, StoryBlock
from assistant.shared.training_data import SourceLocation

logger = logging.getLogger(__name__)

MAX_STORIES = 20_000
MAX_OR_EXPANSIONS = 1_000


@dataclass(frozen=True)
class _Path:
    events: tuple[Event, ...]
    sources: tuple[SourceLocation | None, ...]
    visited: frozenset[int]
    name: str


def build_stories(blocks: list[StoryBlock], max_stories: int = MAX_STORIES) -> list[Story]:
    """Linear stories and rules from ``blocks`` (stories first, then rules, in file order)."""
    stories = [b for b in blocks if not b.is_rule]
    rules = [b for b in blocks if b.is_rule]
    by_start: dict[str, list[int]] = {}
    for index, block in enumerate(stories):
        for checkpoint in block.start_checkpoints:
            by_start.setdefault(checkpoint.name, []).append(index)
    out: list[Story] = []
    roots = [
        i
        for i, b in enumerate(stories)
        if not b.start_checkpoints or any(c.name == STORY_START for c in b.start_checkpoints)
    ]
    for index in roots:
        _walk(stories, by_start, index, None, out, max_stories)
        if len(out) >= max_stories:
            logger.warning(
                "story expansion stopped at %d stories (checkpoints multiply)", max_stories
            )
            break
    for rule in rules:
        for events, sources in _expand_or(rule):
            out.append(
                Story(
                    name=rule.name,
                    events=events,
                    is_rule=True,
                    source=rule.source,
                    event_sources=sources,
                    condition=rule.condition,
                    conversation_start=rule.conversation_start,
                    wait_for_user_input=rule.wait_for_user_input,
                )
            )
    return out


def _walk(
    stories: list[StoryBlock],
    by_start: dict[str, list[int]],
    index: int,
    path: _Path | None,
    out: list[Story],
    limit: int,
) -> None:
    block = stories[index]
    for events, sources in _expand_or(block):
        if len(out) >= limit:
            return
        current = _Path(
            events=(path.events if path else ()) + events,
            sources=(path.sources if path else ()) + sources,
            visited=(path.visited if path else frozenset()) | {index},
            name=block.name if path is None else path.name,
        )
        nexts = [
            (checkpoint, n)
            for checkpoint in block.end_checkpoints
            for n in by_start.get(checkpoint.name, ())
            if n not in current.visited and _conditions_hold(stories[n], checkpoint.name, current)
        ]
        if not nexts:
            out.append(
                Story(
                    name=current.name,
                    events=current.events,
                    source=stories[index].source if path is None else None,
                    event_sources=current.sources,
                )
            )
            continue
        for _, n in nexts:
            _walk(stories, by_start, n, current, out, limit)


def _conditions_hold(block: StoryBlock, name: str, path: _Path) -> bool:
    conditions: dict[str, object] = {}
    for checkpoint in block.start_checkpoints:
        if checkpoint.name == name:
            conditions.update(checkpoint.conditions)
    if not conditions:
        return True
    slots: dict[str, object] = {}
    for event in path.events:
        if isinstance(event, SlotSet):
            slots[event.name] = event.value
    return all(slots.get(slot) == value for slot, value in conditions.items())


def _expand_or(
    block: StoryBlock,
) -> list[tuple[tuple[Event, ...], tuple[SourceLocation | None, ...]]]:
    """One event sequence per combination of ``or`` alternatives (bounded)."""
    sources = block.step_sources or (None,) * len(block.steps)
    choices: list[tuple[Event, ...]] = [
        step.alternatives if isinstance(step, OrGroup) else (step,) for step in block.steps
    ]
    out = []
    for combination in itertools.islice(itertools.product(*choices), MAX_OR_EXPANSIONS):
        out.append((tuple(combination), tuple(sources)))
    return out


def unused_checkpoints(blocks: list[StoryBlock]) -> list[tuple[Checkpoint, StoryBlock, str]]:
    """Checkpoints that end a story but start none (or start one but end none)."""
    starts = {c.name for b in blocks for c in b.start_checkpoints}
    ends = {c.name for b in blocks for c in b.end_checkpoints}
    out = []
    for block in blocks:
        out += [(c, block, "end") for c in block.end_checkpoints if c.name not in starts]
        out += [
            (c, block, "start")
            for c in block.start_checkpoints
            if c.name not in ends and c.name != STORY_START
        ]
    return out
