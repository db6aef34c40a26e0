"""The HTTP server: channels (REST), the HTTP API (``--enable-api``), status and metrics.

Each turn runs the synchronous core in a worker thread (``asyncio.to_thread``), so one slow turn
never stalls other conversations. Errors in a request become a 4xx/5xx JSON answer; the server
stays up. Auth for the API: a token (``?token=``) and/or a JWT (``Authorization: Bearer``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import jwt
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant import __version__
from assistant.agent import Agent
from assistant.channels import rest, websocket
from assistant.channels.output import to_messages
from assistant.channels.registry import Channel, channel_routes
from assistant.channels.request_body import BadRequest, read_json
from assistant.errors import AssistantError
from assistant.openapi import openapi_document
from assistant.shared.events import BotUttered, EventFormatError, event_from_dict
from assistant.user_input import UserMessage

logger = logging.getLogger(__name__)


@dataclass
class ServerConfig:
    enable_api: bool = False
    auth_token: str | None = None
    jwt_secret: str | None = None
    jwt_method: str = "HS256"
    cors: tuple[str, ...] = ()
    model_path: str = ""


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.turns = Counter(
            "assistant_turns", "User turns handled", ["channel"], registry=self.registry
        )
        self.errors = Counter(
            "assistant_errors", "Requests that failed", ["kind"], registry=self.registry
        )
        self.latency = Histogram(
            "assistant_turn_seconds",
            "Time to handle one user turn",
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )


class AppState:
    """What request handlers share: the agent and the counters."""

    def __init__(self, agent: Agent, config: ServerConfig) -> None:
        self.agent = agent
        self.config = config
        self.metrics = Metrics()

    def handle(self, message: UserMessage) -> list[BotUttered]:
        started = time.perf_counter()
        try:
            return self.agent.handle(message)
        finally:
            self.metrics.turns.labels(message.input_channel or "api").inc()
            self.metrics.latency.observe(time.perf_counter() - started)


def _authorized(request: Request, config: ServerConfig) -> bool:
    if not config.auth_token and not config.jwt_secret:
        return True
    if config.auth_token and request.query_params.get("token") == config.auth_token:
        return True
    header = request.headers.get("authorization", "")
    if config.jwt_secret and header.lower().startswith("bearer "):
        try:
            jwt.decode(header[7:], config.jwt_secret, algorithms=[config.jwt_method])
            return True
        except jwt.PyJWTError:
            return False
    return False


def _sender_path(request: Request) -> str:
    sender = request.path_params["conversation_id"]
    if not sender or len(sender) > 256:
        raise BadRequest("the conversation id must have 1 to 256 characters")
    return str(sender)


def _string_field(body: Any, key: str) -> str:
    if not isinstance(body, dict) or not isinstance(body.get(key), str) or not body[key]:
        raise BadRequest(f"the body must be a JSON object with a non-empty string '{key}'")
    return str(body[key])


def api_routes(state: AppState) -> list[Route]:
    agent = state.agent

    async def status(request: Request) -> JSONResponse:
        return JSONResponse({"model_file": state.config.model_path, "num_active_training_jobs": 0})

    async def parse(request: Request) -> JSONResponse:
        text = _string_field(await read_json(request), "text")
        message = await asyncio.to_thread(agent.parse, text)
        return JSONResponse(message.parse_data())

    async def get_tracker(request: Request) -> JSONResponse:
        tracker = await asyncio.to_thread(agent.get_tracker, _sender_path(request))
        return JSONResponse(tracker.to_dict())

    async def events(request: Request) -> JSONResponse:
        sender = _sender_path(request)
        body = await read_json(request)
        items = body if isinstance(body, list) else [body]
        try:
            parsed = [event_from_dict(item) for item in items]
        except EventFormatError as err:
            raise BadRequest(str(err)) from err
        replace = request.method == "PUT"
        tracker = await asyncio.to_thread(agent.update_events, sender, parsed, replace)
        return JSONResponse(tracker.to_dict())

    async def messages(request: Request) -> JSONResponse:
        sender = _sender_path(request)
        body = await read_json(request)
        text = _string_field(body, "text")
        parse_data = body.get("parse_data")
        if parse_data is not None and not isinstance(parse_data, dict):
            raise BadRequest("'parse_data' must be an object")
        tracker = await asyncio.to_thread(agent.add_message, sender, text, parse_data)
        return JSONResponse(tracker.to_dict())

    async def execute(request: Request) -> JSONResponse:
        sender = _sender_path(request)
        name = _string_field(await read_json(request), "name")
        if name not in agent.domain.action_names and name not in agent.domain.actions:
            raise BadRequest(f"unknown action '{name}'", 404)
        tracker, sent = await asyncio.to_thread(agent.execute_action, sender, name)
        return JSONResponse({"tracker": tracker.to_dict(), "messages": to_messages(sender, sent)})

    async def trigger_intent(request: Request) -> JSONResponse:
        sender = _sender_path(request)
        body = await read_json(request)
        name = _string_field(body, "name")
        entities = body.get("entities") or {}
        if not isinstance(entities, dict):
            raise BadRequest("'entities' must be an object of entity name to value")
        if name not in agent.domain.intent_names:
            raise BadRequest(f"unknown intent '{name}'", 404)
        text = f"/{name}{json.dumps(entities, ensure_ascii=False) if entities else ''}"
        sent = await asyncio.to_thread(state.handle, UserMessage(text, sender, "http_api"))
        tracker = await asyncio.to_thread(agent.get_tracker, sender)
        return JSONResponse({"tracker": tracker.to_dict(), "messages": to_messages(sender, sent)})

    return [
        Route("/status", status, methods=["GET"]),
        Route("/model/parse", parse, methods=["POST"]),
        Route("/conversations/{conversation_id}/tracker", get_tracker, methods=["GET"]),
        Route("/conversations/{conversation_id}/tracker/events", events, methods=["POST", "PUT"]),
        Route("/conversations/{conversation_id}/messages", messages, methods=["POST"]),
        Route("/conversations/{conversation_id}/execute", execute, methods=["POST"]),
        Route("/conversations/{conversation_id}/trigger_intent", trigger_intent, methods=["POST"]),
    ]


def create_app(
    agent: Agent, config: ServerConfig | None = None, channels: list[Channel] | None = None
) -> Starlette:
    config = config or ServerConfig()
    state = AppState(agent, config)
    protected = {r.path for r in api_routes(state)} if config.enable_api else set()

    async def version(request: Request) -> JSONResponse:
        return JSONResponse({"version": __version__, "minimum_compatible_version": __version__})

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(openapi_document(config.enable_api))

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    routes = [
        Route("/version", version, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        *rest.routes(state),
        *websocket.routes(state),
        *channel_routes(channels or [], state),
        *(api_routes(state) if config.enable_api else []),
    ]

    async def bad_request(request: Request, exc: Exception) -> Response:
        state.metrics.errors.labels("bad_request").inc()
        status = exc.status if isinstance(exc, BadRequest) else 400
        return JSONResponse({"error": str(exc)}, status)

    async def failed(request: Request, exc: Exception) -> Response:
        state.metrics.errors.labels("server").inc()
        logger.error("%s %s failed: %s", request.method, request.url.path, exc, exc_info=exc)
        return JSONResponse({"error": f"the request failed: {exc}"}, 500)

    middleware = [Middleware(AuthGuard, protected=protected, state=state)]
    if config.cors:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors),
                allow_methods=["*"],
                allow_headers=["*"],
            ),
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={BadRequest: bad_request, AssistantError: failed, Exception: failed},
    )
    app.state.assistant = state
    return app


class AuthGuard:
    """ASGI middleware: the API's routes answer 401 without a valid token or JWT.

    Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``, which runs every request of every
    route through an extra task and memory stream.
    """

    def __init__(self, app: ASGIApp, protected: set[str], state: AppState) -> None:
        self.app = app
        self.protected = protected
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._denied(scope):
            self.state.metrics.errors.labels("unauthorized").inc()
            message = "unauthorized: a valid token or JWT is required"
            response = JSONResponse({"error": message}, 401)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _denied(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        if not any(_matches(p, path) for p in self.protected):
            return False
        return not _authorized(Request(scope), self.state.config)


def _matches(pattern: str, path: str) -> bool:
    parts, actual = pattern.strip("/").split("/"), path.strip("/").split("/")
    return len(parts) == len(actual) and all(
        p.startswith("{") or p == a for p, a in zip(parts, actual, strict=True)
    )
