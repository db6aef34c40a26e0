"""Two server processes sharing PostgreSQL and a Redis lock store, hit alternately by 50
concurrent conversations (and by simultaneous turns of one conversation on both servers):
every conversation's events are complete and in order, no two turns interleaved."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from servers import free_port, shared_stores, start_server

pytestmark = pytest.mark.slow

ENDPOINTS = shared_stores(redis_db=5)
MESSAGES = ["/greet", "/book_table", '/inform{"cuisine": "pizza"}', "/goodbye"]


def _turns_are_whole(events: list[dict[str, Any]]) -> bool:
    """After each user event come its actions, ending with action_listen, before the next one."""
    listening = True
    for event in events:
        if event["event"] == "user":
            if not listening:
                return False
            listening = False
        elif event["event"] == "action" and event.get("name") == "action_listen":
            listening = True
    return listening


def test_two_servers_keep_every_conversation_whole(tiny_model_path: Path, tmp_path: Path) -> None:
    from assistant.shared.domain import Domain
    from assistant.stores import create_lock_store, create_tracker_store

    try:
        create_tracker_store(ENDPOINTS["tracker_store"], Domain())
        create_lock_store(ENDPOINTS["lock_store"]).redis.ping()  # type: ignore[attr-defined]
    except Exception as err:
        pytest.skip(f"PostgreSQL or Redis is not reachable: {err}")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(ENDPOINTS))
    ports = [free_port(), free_port()]
    procs = [start_server(tiny_model_path, endpoints, port, tmp_path) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    senders = [uuid.uuid4().hex for _ in range(50)]

    async def conversation(client: httpx.AsyncClient, index: int, sender: str) -> None:
        for turn, text in enumerate(MESSAGES):
            url = urls[(index + turn) % 2]
            reply = await client.post(
                f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            assert reply.status_code == 200, reply.text

    async def simultaneous(client: httpx.AsyncClient, sender: str) -> None:
        await asyncio.gather(
            *(
                client.post(
                    f"{urls[i % 2]}/webhooks/rest/webhook",
                    json={"sender": sender, "message": "/greet"},
                )
                for i in range(6)
            )
        )

    async def run_all() -> None:
        async with httpx.AsyncClient(timeout=120) as client:
            await asyncio.gather(*(conversation(client, i, s) for i, s in enumerate(senders)))
            await simultaneous(client, senders[0])

    try:
        asyncio.run(run_all())
        with httpx.Client(timeout=60) as client:
            for index, sender in enumerate(senders):
                events = client.get(f"{urls[index % 2]}/conversations/{sender}/tracker").json()[
                    "events"
                ]
                texts = [e.get("text") for e in events if e["event"] == "user"]
                expected = MESSAGES + (["/greet"] * 6 if index == 0 else [])
                assert texts == expected, sender
                assert _turns_are_whole(events), sender
                users = [e["timestamp"] for e in events if e["event"] == "user"]
                assert users == sorted(users), sender
    finally:
        for proc in procs:
            os.kill(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
