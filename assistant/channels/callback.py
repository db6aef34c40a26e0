"""Rasa's callback channel: ``POST /webhooks/callback/webhook`` answers at once, and the replies
are POSTed, one JSON message each, to the URL given in ``credentials.yml``.

Request body as for the REST channel (``{"sender", "message", "metadata"}``); the immediate
answer is ``success`` (200), or a 400 that says what is wrong. Each reply goes to ``url`` as
``{"recipient_id", "text" | "image" | "buttons" | "custom"}``, in order; a reply the receiving
server refuses or cannot take is logged and the rest still go out.

credentials.yml::

    callback:
      url: "http://localhost:5034/bot"
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from assistant.channels.output import to_messages
from assistant.channels.request_body import read_json
from assistant.channels.rest import user_message

logger = logging.getLogger(__name__)
NAME = "callback"


class CallbackChannel:
    def __init__(self, url: str, timeout: float = 10.0, **_: Any) -> None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise TypeError(f"'url' must be an http(s) URL, not {url!r}")
        self.url = url
        self.timeout = timeout

    async def send(self, messages: list[dict[str, Any]]) -> None:
        async with httpx.AsyncClient(timeout=self.timeout) as client:
            for message in messages:
                try:
                    answer = await client.post(self.url, json=message)
                    answer.raise_for_status()
                except httpx.HTTPError as err:
                    logger.error("callback: could not deliver a reply to %s: %s", self.url, err)

    def routes(self, app_state: Any) -> list[Route]:
        async def health(request: Request) -> JSONResponse:
            return JSONResponse({"status": "ok"})

        async def webhook(request: Request) -> Response:
            message = user_message(await read_json(request), NAME)

            async def reply() -> None:
                sent = await asyncio.to_thread(app_state.handle, message)
                await self.send(to_messages(message.sender_id, sent))

            return PlainTextResponse("success", background=BackgroundTask(reply))

        return [
            Route(f"/webhooks/{NAME}/", health, methods=["GET"]),
            Route(f"/webhooks/{NAME}/webhook", webhook, methods=["POST"]),
        ]
