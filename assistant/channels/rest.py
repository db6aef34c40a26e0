"""Rasa's REST channel, wire-compatible: ``POST /webhooks/rest/webhook``.

Request ``{"sender": "id", "message": "text", "metadata": {...}}``; response a list of
``{"recipient_id", "text" | "image" | "buttons" | "custom"}``. Bad requests get a 400 that says
what is wrong; the server keeps serving.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from assistant.channels.output import to_messages
from assistant.channels.request_body import BadRequest, read_json
from assistant.user_input import UserMessage

NAME = "rest"


def user_message(body: Any, channel: str) -> UserMessage:
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object with 'sender' and 'message'")
    sender, text, metadata = (
        body.get("sender", "default"),
        body.get("message"),
        body.get("metadata"),
    )
    if not isinstance(sender, (str, int)) or isinstance(sender, bool) or str(sender) == "":
        raise BadRequest("'sender' must be a non-empty string")
    if not isinstance(text, str):
        raise BadRequest("'message' must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be an object")
    return UserMessage(text, str(sender), channel, metadata or {}, body.get("message_id"))


def routes(app_state: Any, name: str = NAME) -> list[Route]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def webhook(request: Request) -> JSONResponse:
        message = user_message(await read_json(request), name)
        responses = await asyncio.to_thread(app_state.handle, message)
        return JSONResponse(to_messages(message.sender_id, responses))

    return [
        Route(f"/webhooks/{name}/", health, methods=["GET"]),
        Route(f"/webhooks/{name}/webhook", webhook, methods=["POST"]),
    ]
