"""Responses from the domain: choose a variation (channel, slot conditions), fill in slots."""

from __future__ import annotations

import random
import re
from typing import Any

from assistant.shared.domain import Button, Domain, ResponseVariation
from assistant.shared.events import BotUttered, UserUttered
from assistant.tracker import DialogueStateTracker

_SLOT_TEMPLATE = re.compile(r"{([^\n{}]+?)}")


def interpolate(text: str, values: dict[str, Any]) -> str:
    """Replace ``{slot}`` with the slot's value; unknown names are left as written."""

    def sub(match: re.Match[str]) -> str:
        key = match.group(1).strip()
        return str(values[key]) if key in values and values[key] is not None else match.group(0)

    return _SLOT_TEMPLATE.sub(sub, text)


def _conditions_hold(variation: ResponseVariation, tracker: DialogueStateTracker) -> bool:
    for cond in variation.conditions:
        value = tracker.get_slot(cond.name)
        if value != cond.value and str(value).lower() != str(cond.value).lower():
            return False
    return True


def _user_language(tracker: DialogueStateTracker) -> str | None:
    """The language of the latest user message that showed one (``/intent`` payloads and
    digits-only answers do not, so the conversation keeps the language it had)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered) and (event.parse_data or {}).get("language"):
            return str((event.parse_data or {})["language"])
    return None


def _in_language(pool: list[ResponseVariation], language: str | None) -> list[ResponseVariation]:
    """Variations tagged ``metadata: {language: ko}`` answer in the user's language; untagged
    ones suit every language. Without a match, every variation stays a candidate."""
    if not language or not any("language" in v.metadata for v in pool):
        return pool
    matching = [v for v in pool if v.metadata.get("language") in (language, None)]
    return matching or pool


class ResponseGenerator:
    """Turns ``utter_*`` names into ``BotUttered`` events."""

    def __init__(self, domain: Domain, seed: int | None = None) -> None:
        self.domain = domain
        self.rng = random.Random(seed)

    def candidates(
        self, name: str, tracker: DialogueStateTracker, channel: str | None
    ) -> list[ResponseVariation]:
        variations = self.domain.responses.get(name, ())
        usable = [v for v in variations if _conditions_hold(v, tracker)]
        # Rasa's order: conditional for this channel, default for this channel, conditional
        # for any channel, default for any channel
        for on_channel in (True, False):
            fitting = [v for v in usable if (v.channel == channel if on_channel else not v.channel)]
            if on_channel and not channel:
                continue
            pool = [v for v in fitting if v.conditions] or fitting
            if pool:
                return _in_language(pool, _user_language(tracker))
        return []

    def generate(
        self,
        name: str,
        tracker: DialogueStateTracker,
        channel: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> BotUttered | None:
        options = self.candidates(name, tracker, channel)
        if not options:
            return None
        variation = self.rng.choice(options)
        return render(variation, name, {**tracker.slots, **(extra or {})})


def _button_dict(button: Button, values: dict[str, Any]) -> dict[str, str]:
    return {
        "title": interpolate(button.title, values),
        "payload": interpolate(button.payload, values),
    }


def render(variation: ResponseVariation, name: str, values: dict[str, Any]) -> BotUttered:
    data: dict[str, Any] = {}
    if variation.buttons:
        data["buttons"] = [_button_dict(b, values) for b in variation.buttons]
    if variation.quick_replies:
        data["quick_replies"] = [_button_dict(b, values) for b in variation.quick_replies]
    if variation.image:
        data["image"] = interpolate(variation.image, values)
    if variation.custom is not None:
        data["custom"] = variation.custom
    if variation.attachment is not None:
        data["attachment"] = variation.attachment
    if variation.elements is not None:
        data["elements"] = variation.elements
    text = interpolate(variation.text, values) if variation.text is not None else None
    metadata = {"utter_action": name, **variation.metadata}
    return BotUttered(text=text, data=data, metadata=metadata)
