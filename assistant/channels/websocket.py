"""The websocket channel and the built-in web chat page (served at ``/``).

Protocol on ``/webchat/ws``: the page sends ``{"sender": id, "message": text}``; the server answers
``{"sender": id, "messages": [...]}`` with the REST channel's message shapes, or
``{"error": ...}`` for a bad frame (the socket stays open). The page keeps its sender id in
``localStorage`` and reloads the conversation from ``/webchat/history`` when it reconnects, so a
dropped connection or a reload keeps the conversation.
"""

from __future__ import annotations

import asyncio
import json
from importlib import resources
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from assistant.channels.output import to_messages
from assistant.shared.events import BotUttered, UserUttered
from assistant.user_input import UserMessage

NAME = "webchat"
MAX_MESSAGE_CHARS = 10_000


def page() -> str:
    return resources.files("assistant.channels").joinpath("webchat.html").read_text("utf-8")


def _frame(raw: str) -> tuple[str, str, dict[str, Any]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"not JSON: {err}") from err
    if not isinstance(data, dict):
        raise ValueError("send a JSON object with 'sender' and 'message'")
    sender, text = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not sender or len(sender) > 256:
        raise ValueError("'sender' must be a string of 1 to 256 characters")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'message' must be a non-empty string")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ValueError(f"'message' is longer than {MAX_MESSAGE_CHARS} characters")
    metadata = data.get("metadata")
    return sender, text, metadata if isinstance(metadata, dict) else {}


def routes(app_state: Any) -> list[Route | WebSocketRoute]:
    async def index(request: Request) -> HTMLResponse:
        return HTMLResponse(page())

    async def history(request: Request) -> JSONResponse:
        sender = request.query_params.get("sender", "")
        if not sender or len(sender) > 256:
            return JSONResponse({"error": "give ?sender= (1 to 256 characters)"}, 400)
        tracker = await asyncio.to_thread(app_state.agent.get_tracker, sender)
        items: list[dict[str, Any]] = []
        for event in tracker.events:
            if isinstance(event, UserUttered) and event.text:
                items.append({"from": "user", "text": event.text})
            elif isinstance(event, BotUttered):
                items += [{"from": "bot", **m} for m in to_messages(sender, [event])]
        return JSONResponse(items)

    async def socket(websocket: WebSocket) -> None:
        await websocket.accept()
        try:
            while True:
                raw = await websocket.receive_text()
                try:
                    sender, text, metadata = _frame(raw)
                except ValueError as err:
                    await websocket.send_json({"error": str(err)})
                    continue
                message = UserMessage(text, sender, NAME, metadata)
                try:
                    sent = await asyncio.to_thread(app_state.handle, message)
                except Exception as err:  # the conversation goes on
                    await websocket.send_json({"error": f"the turn failed: {err}"})
                    continue
                await websocket.send_json({"sender": sender, "messages": to_messages(sender, sent)})
        except WebSocketDisconnect:
            return

    return [
        Route("/", index, methods=["GET"]),
        Route("/webchat/history", history, methods=["GET"]),
        WebSocketRoute("/webchat/ws", socket),
    ]
