"""``assistant run actions``: serve a package's custom actions with Rasa's action-server protocol.

``POST /webhook`` takes ``{"next_action", "sender_id", "tracker", "domain", "version"}`` and
answers ``{"events", "responses"}``; an unknown action is a 404 and a rejected one a 400 with
``{"action_name", "error"}`` (what rasa_sdk servers do). Sync ``run`` methods run in a thread.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from actions.api import Action, ActionExecutionRejection, CollectingDispatcher, Tracker
from assistant.channels.request_body import BadRequest, read_json

logger = logging.getLogger(__name__)


async def run_action(action: Action, body: dict[str, Any]) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    tracker = Tracker.from_dict(body.get("tracker") or {})
    domain = body.get("domain") or {}
    if inspect.iscoroutinefunction(action.run):
        events = await action.run(dispatcher, tracker, domain)
    else:
        events = await asyncio.to_thread(action.run, dispatcher, tracker, domain)
    return {"events": list(events or []), "responses": dispatcher.messages}


def create_action_app(actions: dict[str, Action]) -> Starlette:
    async def webhook(request: Request) -> JSONResponse:
        try:
            body = await read_json(request, limit=10_000_000)
        except BadRequest as err:
            return JSONResponse({"error": str(err)}, err.status)
        name = body.get("next_action") if isinstance(body, dict) else None
        if not isinstance(name, str):
            return JSONResponse({"error": "the body needs 'next_action'"}, 400)
        action = actions.get(name)
        if action is None:
            return JSONResponse(
                {"error": f"No registered action found for name '{name}'.", "action_name": name},
                404,
            )
        try:
            return JSONResponse(await run_action(action, body))
        except ActionExecutionRejection as err:
            return JSONResponse({"error": err.message, "action_name": err.action_name}, 400)
        except Exception as err:
            logger.exception("action '%s' failed", name)
            return JSONResponse(
                {"error": f"action '{name}' failed: {err}", "action_name": name}, 500
            )

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def listing(request: Request) -> JSONResponse:
        return JSONResponse([{"name": name} for name in sorted(actions)])

    return Starlette(
        routes=[
            Route("/webhook", webhook, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
            Route("/actions", listing, methods=["GET"]),
        ]
    )
