"""Reading what the user sent: a message to the agent, or ``/intent{"entity": "value"}``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.shared.message import Entity, IntentPrediction, Message

_INTENT_MESSAGE = re.compile(r"^/([^{@\s]+)(?:@([0-9.]+))?\s*(\{.*\})?\s*$", re.DOTALL)


@dataclass(frozen=True)
class UserMessage:
    """One incoming user turn, as a channel hands it to the agent."""

    text: str | None
    sender_id: str = "default"
    input_channel: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    message_id: str | None = None


class IntentMessageError(ValueError):
    pass


def parse_intent_message(text: str) -> Message | None:
    """``/greet``, ``/inform{"city": "서울"}`` or ``/faq@0.8``: bypass NLU. None for plain text."""
    match = _INTENT_MESSAGE.match(text.strip())
    if match is None:
        return None
    intent, confidence, payload = match.groups()
    entities: list[Entity] = []
    if payload:
        try:
            values = json.loads(payload)
        except json.JSONDecodeError as err:
            raise IntentMessageError(
                f"{text!r}: the entities after the intent are not JSON: {err}"
            ) from err
        if not isinstance(values, dict):
            raise IntentMessageError(f"{text!r}: entities must be a JSON object")
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                entities.append(Entity(entity=str(name), value=item))
    prediction = IntentPrediction(intent, float(confidence) if confidence else 1.0)
    return Message(
        text=text,
        intent=prediction,
        intent_ranking=[prediction],
        entities=entities,
    )
