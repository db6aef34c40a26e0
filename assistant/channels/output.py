"""Bot events as the JSON messages Rasa's channels send (``CollectingOutputChannel``'s shape)."""

from __future__ import annotations

from typing import Any

from assistant.shared.events import BotUttered


def to_messages(recipient_id: str, events: list[BotUttered]) -> list[dict[str, Any]]:
    """Text (with its buttons) first, then image, attachment, elements, custom: one message each."""
    out: list[dict[str, Any]] = []
    for event in events:
        data = event.data or {}
        buttons = data.get("buttons") or data.get("quick_replies")
        if event.text:
            message: dict[str, Any] = {"recipient_id": recipient_id, "text": event.text}
            if buttons:
                message["buttons"] = buttons
            out.append(message)
        elif buttons:
            out.append({"recipient_id": recipient_id, "text": "", "buttons": buttons})
        for key in ("image", "attachment", "elements", "custom"):
            if data.get(key) is not None:
                out.append({"recipient_id": recipient_id, key: data[key]})
    return out
