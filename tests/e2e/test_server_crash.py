"""Nothing lost: SIGKILL the server mid-conversation, start it again on the same store, and the
conversation continues with every event from before the kill (SQLite, PostgreSQL, Redis)."""

from __future__ import annotations

import os
import signal
import uuid
from pathlib import Path

import httpx
import pytest
import yaml
from servers import free_port, start_server

pytestmark = pytest.mark.slow

STORES = {
    "sqlite": {"type": "SQL", "dialect": "sqlite", "db": "conversations.db"},
    "postgresql": {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "127.0.0.1",
        "db": "test",
        "username": "postgres",
    },
    "redis": {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 4},
}


@pytest.mark.parametrize("store", list(STORES))
def test_sigkill_loses_nothing(store: str, tiny_model_path: Path, tmp_path: Path) -> None:
    if store != "sqlite":
        from assistant.shared.domain import Domain
        from assistant.stores import create_tracker_store

        try:
            create_tracker_store(STORES[store], Domain())
        except Exception as err:  # the service is not running here
            pytest.skip(f"{store} is not reachable: {err}")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"tracker_store": STORES[store]}))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    sender = uuid.uuid4().hex
    proc = start_server(tiny_model_path, endpoints, port, tmp_path)
    try:
        for text in ("/greet", "/book_table", '/inform{"cuisine": "pizza"}'):
            assert (
                httpx.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": text},
                    timeout=30,
                ).status_code
                == 200
            )
        before = httpx.get(f"{url}/conversations/{sender}/tracker", timeout=30).json()["events"]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    proc = start_server(tiny_model_path, endpoints, port, tmp_path)
    try:
        after = httpx.get(f"{url}/conversations/{sender}/tracker", timeout=30).json()
        assert after["events"] == before
        assert after["slots"]["cuisine"] == "pizza"
        reply = httpx.post(
            f"{url}/webhooks/rest/webhook",
            json={"sender": sender, "message": "/goodbye"},
            timeout=30,
        )
        assert reply.status_code == 200
        final = httpx.get(f"{url}/conversations/{sender}/tracker", timeout=30).json()["events"]
        assert final[: len(before)] == before and len(final) > len(before)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
