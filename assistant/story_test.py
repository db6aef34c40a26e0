"""Test stories, as ``rasa test`` runs them.

Each story is replayed turn by turn on a fresh tracker that always receives the story's own
(gold) events: every user text is parsed and its intent and entities compared with the story,
and before every action the policies predict the next action, which is compared with the
story's. A story passes when nothing differed. When the policies predict the active form but the
story runs something else, the form's rejection is emulated first, as Rasa does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.agent import Agent
from assistant.shared.events import ActionExecuted, ActionExecutionRejected, Event, UserUttered
from assistant.shared.message import Entity
from assistant.shared.story import Story
from assistant.tracker import DialogueStateTracker
from assistant.training_trackers import explicit_events


@dataclass
class StepResult:
    """One step of a replayed story; ``predicted`` is set only where it differed."""

    event: Event
    predicted: str | None = None


@dataclass
class StoryResult:
    story: Story
    steps: list[StepResult] = field(default_factory=list)
    action_targets: list[str] = field(default_factory=list)
    action_predictions: list[str] = field(default_factory=list)
    intent_targets: list[str] = field(default_factory=list)
    intent_predictions: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(step.predicted is None for step in self.steps)


def _entity_key(entity: Entity) -> tuple[Any, ...]:
    return (entity.start, entity.end, entity.entity, str(entity.value), entity.role, entity.group)


def _entities_match(gold: tuple[Entity, ...], predicted: list[Entity]) -> bool:
    return sorted(map(_entity_key, gold), key=str) == sorted(map(_entity_key, predicted), key=str)


def _describe_entities(entities: list[Entity]) -> str:
    return ", ".join(f"{e.entity}={e.value}" for e in entities) or "no entities"


def _full_intent(event: UserUttered) -> str | None:
    parse = event.parse_data or {}
    full: str | None = parse.get("intent", {}).get("full_retrieval_intent_name")
    return full or event.intent


def replay_story(agent: Agent, story: Story) -> StoryResult:
    domain = agent.domain
    result = StoryResult(story)
    events = explicit_events(story.events, domain)
    tracker = DialogueStateTracker(story.name, domain)
    first = True
    for event in events:
        if isinstance(event, UserUttered):
            result.steps.append(_check_user_turn(agent, event, result))
            tracker.update(event)
        elif isinstance(event, ActionExecuted):
            if first and event.name == "action_listen":
                tracker.update(event)
                first = False
                continue
            first = False
            result.steps.append(_check_action(agent, tracker, event, result))
            tracker.update(event)
        else:
            tracker.update(event)
            result.steps.append(StepResult(event))
    return result


def _check_user_turn(agent: Agent, event: UserUttered, result: StoryResult) -> StepResult:
    gold_intent = _full_intent(event)
    if not event.text or event.text.startswith("/"):
        return StepResult(event)
    parsed = agent.parse(event.text)
    predicted = parsed.intent.name if parsed.intent else None
    if predicted != gold_intent and parsed.intent and gold_intent and "/" in gold_intent:
        selected = parsed.retrieval.get(predicted or "")
        predicted = selected.intent_response_key if selected else predicted
    result.intent_targets.append(str(gold_intent))
    result.intent_predictions.append(str(predicted))
    problems = []
    if gold_intent and predicted != gold_intent and predicted != event.intent:
        problems.append(f"{predicted}")
    if not _entities_match(event.entities, parsed.entities):
        problems.append(_describe_entities(parsed.entities))
    return StepResult(
        event,
        ": ".join([problems[0] if problems else str(predicted), event.text]) if problems else None,
    )


def _check_action(
    agent: Agent, tracker: DialogueStateTracker, event: ActionExecuted, result: StoryResult
) -> StepResult:
    gold = event.name or f"text:{event.action_text}"
    predicted = agent.predict_next(tracker).action or "action_listen"
    loop = tracker.active_loop_name
    if predicted != gold and loop == predicted and predicted in agent.domain.forms:
        tracker.update(ActionExecutionRejected(name=loop))
        predicted = agent.predict_next(tracker).action or "action_listen"
    result.action_targets.append(gold)
    result.action_predictions.append(predicted)
    return StepResult(event, None if predicted == gold else predicted)


def run_story_tests(agent: Agent, stories: list[Story]) -> list[StoryResult]:
    return [replay_story(agent, story) for story in stories if not story.is_rule]
