"""Slack (Events API): ``POST /webhooks/slack/webhook``; replies with ``chat.postMessage``.

Every request's signature (``X-Slack-Signature``, HMAC-SHA256 of ``v0:timestamp:body`` with the
app's signing secret) is verified, and requests older than five minutes are refused. The URL
challenge is answered; retries (``X-Slack-Retry-Num``) and the bot's own messages are ignored. The
turn runs after Slack gets its 200, so Slack's 3-second limit is never hit.

credentials.yml::

    slack:
      slack_token: "xoxb-..."
      slack_signing_secret: "..."
      api_url: https://slack.com/api     # optional; tests point it at a fake server
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assistant.channels.output import to_messages
from assistant.user_input import UserMessage

logger = logging.getLogger(__name__)
NAME = "slack"


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def _blocks(message: dict[str, Any]) -> list[dict[str, Any]] | None:
    buttons = message.get("buttons")
    if not buttons:
        return None
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": message.get("text") or " "}},
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": b["title"]},
                    "value": b["payload"],
                }
                for b in buttons
            ],
        },
    ]


class SlackChannel:
    def __init__(
        self,
        slack_token: str,
        slack_signing_secret: str,
        api_url: str = "https://slack.com/api",
        **_: Any,
    ) -> None:
        self.token = slack_token
        self.secret = slack_signing_secret
        self.api_url = api_url.rstrip("/")

    def verified(self, request: Request, body: bytes) -> bool:
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        given = request.headers.get("x-slack-signature", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
            return False
        return hmac.compare_digest(signature(self.secret, timestamp, body), given)

    def send(self, channel: str, messages: list[dict[str, Any]]) -> None:
        with httpx.Client(timeout=10, headers={"Authorization": f"Bearer {self.token}"}) as client:
            for message in messages:
                payload: dict[str, Any] = {"channel": channel, "text": message.get("text") or ""}
                blocks = _blocks(message)
                if blocks:
                    payload["blocks"] = blocks
                if message.get("image"):
                    payload["text"] = payload["text"] or message["image"]
                    payload["blocks"] = [
                        {"type": "image", "image_url": message["image"], "alt_text": "image"}
                    ]
                answer = client.post(f"{self.api_url}/chat.postMessage", json=payload).json()
                if not answer.get("ok"):
                    logger.error("slack: chat.postMessage failed: %s", answer.get("error"))

    def routes(self, app_state: Any) -> list[Route]:
        async def webhook(request: Request) -> Response:
            body = await request.body()
            if not self.verified(request, body):
                return JSONResponse({"error": "invalid Slack signature"}, 401)
            try:
                payload = json.loads(body)
            except json.JSONDecodeError:
                return JSONResponse({"error": "the body is not valid JSON"}, 400)
            if payload.get("type") == "url_verification":
                return JSONResponse({"challenge": payload.get("challenge")})
            event = payload.get("event") or {}
            if (
                request.headers.get("x-slack-retry-num")
                or event.get("type") != "message"
                or event.get("bot_id")
                or event.get("subtype")
                or not event.get("text")
            ):
                return Response(status_code=200)
            message = UserMessage(
                str(event["text"]), str(event.get("user")), NAME, {"channel": event.get("channel")}
            )

            async def reply() -> None:
                sent = await asyncio.to_thread(app_state.handle, message)
                messages = to_messages(message.sender_id, sent)
                await asyncio.to_thread(self.send, str(event.get("channel")), messages)

            return Response(status_code=200, background=BackgroundTask(reply))

        return [Route(f"/webhooks/{NAME}/webhook", webhook, methods=["POST"])]
