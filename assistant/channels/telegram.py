"""Telegram (Bot API webhooks): ``POST /webhooks/telegram/webhook``.

Requests must carry the webhook's secret (``X-Telegram-Bot-Api-Secret-Token``, set with
``setWebhook``). Text messages and button presses (``callback_query``) become turns; replies go
out with ``sendMessage`` (buttons as an inline keyboard) and ``sendPhoto``.

credentials.yml::

    telegram:
      access_token: "123456:ABC..."
      verify: "my_league_bot"
      secret_token: "..."                 # the webhook secret
      api_url: https://api.telegram.org   # optional; tests point it at a fake server
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assistant.channels.output import to_messages
from assistant.user_input import UserMessage

logger = logging.getLogger(__name__)
NAME = "telegram"


class TelegramChannel:
    def __init__(
        self,
        access_token: str,
        secret_token: str,
        verify: str | None = None,
        api_url: str = "https://api.telegram.org",
        **_: Any,
    ) -> None:
        self.token = access_token
        self.secret = secret_token
        self.bot_name = verify
        self.api = f"{api_url.rstrip('/')}/bot{access_token}"

    def send(self, chat_id: int | str, messages: list[dict[str, Any]]) -> None:
        with httpx.Client(timeout=10) as client:
            for message in messages:
                if message.get("image"):
                    method, payload = "sendPhoto", {"chat_id": chat_id, "photo": message["image"]}
                else:
                    method = "sendMessage"
                    payload = {"chat_id": chat_id, "text": message.get("text") or " "}
                    if message.get("buttons"):
                        payload["reply_markup"] = {
                            "inline_keyboard": [
                                [{"text": b["title"], "callback_data": b["payload"][:64]}]
                                for b in message["buttons"]
                            ]
                        }
                answer = client.post(f"{self.api}/{method}", json=payload).json()
                if not answer.get("ok"):
                    logger.error("telegram: %s failed: %s", method, answer.get("description"))

    def routes(self, app_state: Any) -> list[Route]:
        async def webhook(request: Request) -> Response:
            given = request.headers.get("x-telegram-bot-api-secret-token", "")
            if not hmac.compare_digest(given, self.secret):
                return JSONResponse({"error": "invalid Telegram secret token"}, 401)
            try:
                update = json.loads(await request.body())
            except json.JSONDecodeError:
                return JSONResponse({"error": "the body is not valid JSON"}, 400)
            if not isinstance(update, dict):
                return JSONResponse({"error": "an update must be a JSON object"}, 400)
            if "callback_query" in update:
                query = update["callback_query"] or {}
                text, chat = query.get("data"), (query.get("message") or {}).get("chat") or {}
            else:
                message = update.get("message") or update.get("edited_message") or {}
                text, chat = message.get("text"), message.get("chat") or {}
            if not isinstance(text, str) or "id" not in chat:
                return Response(status_code=200)  # stickers, joins, ...: nothing to answer
            user = UserMessage(text, str(chat["id"]), NAME, {"update_id": update.get("update_id")})

            async def reply() -> None:
                sent = await asyncio.to_thread(app_state.handle, user)
                await asyncio.to_thread(self.send, chat["id"], to_messages(user.sender_id, sent))

            return Response(status_code=200, background=BackgroundTask(reply))

        return [Route(f"/webhooks/{NAME}/webhook", webhook, methods=["POST"])]
