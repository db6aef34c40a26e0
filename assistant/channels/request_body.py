"""Reading a request's JSON body safely: size limit, valid JSON, clear 4xx errors."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

MAX_BODY_BYTES = 1_000_000


class BadRequest(Exception):
    """A request the server refuses; ``status`` is the HTTP code, the message says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, refused with a 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BadRequest(f"the body is {int(declared)} bytes; the limit is {limit}", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BadRequest(f"the body is larger than the limit of {limit} bytes", 413)
    return bytes(body)


async def read_json(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    body = await read_body(request, limit)
    if not body:
        raise BadRequest("the body is empty; send a JSON object")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BadRequest(f"the body is not valid JSON: {err}") from err
