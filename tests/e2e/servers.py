"""Starting real `assistant run` processes for end-to-end tests and benchmarks."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shared_stores(redis_db: int) -> dict[str, dict[str, object]]:
    """endpoints.yml for several processes: PostgreSQL (local ``test`` db) and a Redis lock."""
    return {
        "tracker_store": {
            "type": "SQL",
            "dialect": "postgresql",
            "url": "127.0.0.1",
            "db": "test",
            "username": "postgres",
        },
        "lock_store": {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": redis_db},
    }


def start_server(
    model: Path, endpoints: Path, port: int, cwd: Path, *extra: str
) -> subprocess.Popen[bytes]:
    """`assistant run` with the API on, once ``/version`` answers (90 s at most)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant",
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--endpoints",
            str(endpoints),
            "--enable-api",
            *extra,
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise AssertionError(f"server exited: {err}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/version", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("server did not start in 90 s")
