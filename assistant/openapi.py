"""The HTTP API described as OpenAPI 3.1, served at ``/openapi.json``."""

from __future__ import annotations

from typing import Any

from assistant import __version__

_ERROR = {
    "description": "a bad request; the body says why",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_TRACKER = {
    "description": "the conversation",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tracker"}}},
}
_ID = [{"name": "conversation_id", "in": "path", "required": True, "schema": {"type": "string"}}]


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _post(
    summary: str,
    body: dict[str, Any],
    ok: dict[str, Any],
    params: list[Any] | None = None,
    secured: bool = True,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "requestBody": _json_body(body),
        "responses": {"200": ok, "400": _ERROR},
    }
    if params:
        op["parameters"] = params
    if secured:
        op["security"] = [{"token": []}, {"jwt": []}]
        op["responses"]["401"] = _ERROR
    return {"post": op}


def openapi_document(enable_api: bool) -> dict[str, Any]:
    messages = {"type": "array", "items": {"$ref": "#/components/schemas/BotMessage"}}
    paths: dict[str, Any] = {
        "/webhooks/rest/webhook": _post(
            "Send a user message (Rasa's REST channel)",
            {"$ref": "#/components/schemas/UserMessage"},
            {
                "description": "the bot's replies",
                "content": {"application/json": {"schema": messages}},
            },
            secured=False,
        ),
        "/version": {"get": {"summary": "Version", "responses": {"200": {"description": "ok"}}}},
        "/metrics": {
            "get": {
                "summary": "Prometheus metrics",
                "responses": {"200": {"description": "text exposition format"}},
            }
        },
    }
    if enable_api:
        turn = {
            "description": "the tracker and the messages sent",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "tracker": {"$ref": "#/components/schemas/Tracker"},
                            "messages": messages,
                        },
                    }
                }
            },
        }
        paths.update(
            {
                "/status": {
                    "get": {
                        "summary": "The loaded model",
                        "security": [{"token": []}, {"jwt": []}],
                        "responses": {"200": {"description": "ok"}},
                    }
                },
                "/model/parse": _post(
                    "Parse a text with NLU",
                    {
                        "type": "object",
                        "required": ["text"],
                        "properties": {"text": {"type": "string"}},
                    },
                    {"description": "intent, entities, ranking"},
                ),
                "/conversations/{conversation_id}/tracker": {
                    "get": {
                        "summary": "A conversation's tracker",
                        "parameters": _ID,
                        "security": [{"token": []}, {"jwt": []}],
                        "responses": {"200": _TRACKER},
                    }
                },
                "/conversations/{conversation_id}/tracker/events": {
                    **_post(
                        "Append events",
                        {
                            "oneOf": [
                                {"$ref": "#/components/schemas/Event"},
                                {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                            ]
                        },
                        _TRACKER,
                        _ID,
                    ),
                    "put": {
                        "summary": "Replace all events",
                        "parameters": _ID,
                        "requestBody": _json_body(
                            {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}
                        ),
                        "security": [{"token": []}, {"jwt": []}],
                        "responses": {"200": _TRACKER, "400": _ERROR},
                    },
                },
                "/conversations/{conversation_id}/messages": _post(
                    "Log a user message without predicting",
                    {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            "text": {"type": "string"},
                            "parse_data": {"type": "object"},
                        },
                    },
                    _TRACKER,
                    _ID,
                ),
                "/conversations/{conversation_id}/execute": _post(
                    "Run an action",
                    {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string"}},
                    },
                    turn,
                    _ID,
                ),
                "/conversations/{conversation_id}/trigger_intent": _post(
                    "Act as if the user expressed an intent",
                    {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string"}, "entities": {"type": "object"}},
                    },
                    turn,
                    _ID,
                ),
            }
        )
    return {
        "openapi": "3.1.0",
        "info": {"title": "League assistant HTTP API", "version": __version__},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "token": {"type": "apiKey", "in": "query", "name": "token"},
                "jwt": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
                "UserMessage": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "sender": {"type": "string"},
                        "message": {"type": "string"},
                        "metadata": {"type": "object"},
                    },
                },
                "BotMessage": {
                    "type": "object",
                    "required": ["recipient_id"],
                    "properties": {
                        "recipient_id": {"type": "string"},
                        "text": {"type": "string"},
                        "image": {"type": "string"},
                        "buttons": {"type": "array"},
                        "custom": {"type": "object"},
                    },
                },
                "Event": {
                    "type": "object",
                    "required": ["event"],
                    "properties": {"event": {"type": "string"}},
                },
                "Tracker": {
                    "type": "object",
                    "properties": {
                        "sender_id": {"type": "string"},
                        "slots": {"type": "object"},
                        "events": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Event"},
                        },
                    },
                },
            },
        },
    }
