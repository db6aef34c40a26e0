"""`assistant run --workers 2` on shared PostgreSQL and Redis answers every conversation whole."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from servers import free_port, shared_stores, start_server

pytestmark = pytest.mark.slow

ENDPOINTS = shared_stores(redis_db=7)


def test_two_workers(tiny_model_path: Path, tmp_path: Path) -> None:
    from assistant.shared.domain import Domain
    from assistant.stores import create_tracker_store

    try:
        create_tracker_store(ENDPOINTS["tracker_store"], Domain())
    except Exception as err:
        pytest.skip(f"PostgreSQL is not reachable: {err}")
    (tmp_path / "endpoints.yml").write_text(yaml.safe_dump(ENDPOINTS))
    port = free_port()
    proc = start_server(
        tiny_model_path, tmp_path / "endpoints.yml", port, tmp_path, "--workers", "2"
    )
    url = f"http://127.0.0.1:{port}"
    try:
        senders = [uuid.uuid4().hex for _ in range(10)]

        async def talk(client: httpx.AsyncClient, sender: str) -> None:
            for text in ("/greet", "/book_table", "/goodbye"):
                reply = await client.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
                )
                assert reply.status_code == 200

        async def run() -> None:
            async with httpx.AsyncClient(timeout=60) as client:
                await asyncio.gather(*(talk(client, s) for s in senders))

        asyncio.run(run())
        for sender in senders:
            events = httpx.get(f"{url}/conversations/{sender}/tracker", timeout=30).json()["events"]
            assert [e["text"] for e in events if e["event"] == "user"] == [
                "/greet",
                "/book_table",
                "/goodbye",
            ]
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
