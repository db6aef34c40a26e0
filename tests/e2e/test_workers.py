"""`assistant run --workers 2` on shared PostgreSQL and Redis answers every conversation whole."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from servers import free_port

pytestmark = pytest.mark.slow

ENDPOINTS = {
    "tracker_store": {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "127.0.0.1",
        "db": "test",
        "username": "postgres",
    },
    "lock_store": {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 7},
}


def test_two_workers(tiny_model_path: Path, tmp_path: Path) -> None:
    from assistant.shared.domain import Domain
    from assistant.stores import create_tracker_store

    try:
        create_tracker_store(ENDPOINTS["tracker_store"], Domain())
    except Exception as err:
        pytest.skip(f"PostgreSQL is not reachable: {err}")
    (tmp_path / "endpoints.yml").write_text(yaml.safe_dump(ENDPOINTS))
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant",
            "run",
            "--model",
            str(tiny_model_path),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--workers",
            "2",
            "--enable-api",
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{url}/version", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.3)
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
