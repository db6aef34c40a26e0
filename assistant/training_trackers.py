"""Stories and rules as trackers: the explicit events policies train on.

Stories leave some events implicit; as Rasa does, every user turn is preceded by
``action_listen``, unconditioned ``from_entity`` mappings fill their slots, a story ends
listening, and a rule starts with the snippet action ``...`` (any history) unless it is a
``conversation_start`` rule, and ends with ``action_listen`` unless ``wait_for_user_input: false``.
"""

from __future__ import annotations

from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, Event, UserUttered
from assistant.shared.story import Story
from assistant.slot_filling import slots_for_entities
from assistant.tracker import RULE_SNIPPET_ACTION, DialogueStateTracker

LISTEN = "action_listen"


def _is_listen(event: Event) -> bool:
    return isinstance(event, ActionExecuted) and event.name == LISTEN


def explicit_events(
    events: tuple[Event, ...] | list[Event],
    domain: Domain,
    final_listen: bool = True,
) -> list[Event]:
    out: list[Event] = []
    for event in events:
        if isinstance(event, UserUttered):
            if not out or not _is_listen(out[-1]):
                out.append(ActionExecuted(name=LISTEN))
            out.append(event)
            out.extend(slots_for_entities(event.entities, domain))
        else:
            out.append(event)
    if final_listen and (not out or not _is_listen(out[-1])):
        out.append(ActionExecuted(name=LISTEN))
    return out


def story_events(story: Story, domain: Domain) -> list[Event]:
    """All events of a story or rule, implicit ones made explicit."""
    if not story.is_rule:
        return explicit_events(story.events, domain)
    events: list[Event] = list(story.condition)
    if not story.conversation_start:
        events.append(ActionExecuted(name=RULE_SNIPPET_ACTION))
    body = explicit_events(story.events, domain, final_listen=story.wait_for_user_input)
    if not story.wait_for_user_input:
        body.append(ActionExecuted(name=RULE_SNIPPET_ACTION))
    return events + body


def story_tracker(story: Story, domain: Domain) -> DialogueStateTracker:
    return DialogueStateTracker(
        story.name, domain, story_events(story, domain), is_rule_tracker=story.is_rule
    )
