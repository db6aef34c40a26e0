"""Issue 4 load: the starter assistant over the REST channel, on loopback, bounded.

    python -m tests.benchmarks.bench_server [--model models] [--requests 300] [--client aiohttp]

For 1, 10 and 50 concurrent conversations: requests per second and p50/p99 latency of
``POST /webhooks/rest/webhook`` with the embedded SQLite store (one process), then with two
processes sharing PostgreSQL and a Redis lock store (conversations alternate between them).
Baseline in the same run: ``GET /version`` (no NLU, no store) at the same concurrency. Each level
sends at most ``--requests`` requests. The load generator runs on the same two cores as the
server, so its own CPU time shows in every latency: ``--client`` picks httpx (pure Python) or
aiohttp (C speedups, lighter), or both, measured one after the other against the same servers.
Prints Markdown; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from servers import free_port, shared_stores, start_server  # noqa: E402

PHRASES = [
    "안녕하세요",
    "what can you do?",
    "한 팀은 몇 명이에요?",
    "경기 결과 기록할래",
    "한빛",
    "번개",
    "2:1",
    "고마워요",
    "how long is a match?",
    "bye",
]
SHARED = shared_stores(redis_db=6)


async def _load(
    urls: list[str], concurrency: int, total: int, path: str, client: str = "httpx"
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    per_conversation = max(1, total // concurrency)
    session = _session(client, concurrency)
    async with session as http:

        async def conversation(index: int) -> None:
            sender = uuid.uuid4().hex
            for turn in range(per_conversation):
                url = urls[(index + turn) % len(urls)]
                started = time.perf_counter()
                if path == "version":
                    await _request(http, "GET", f"{url}/version", None)
                else:
                    body = {"sender": sender, "message": PHRASES[turn % len(PHRASES)]}
                    await _request(http, "POST", f"{url}/webhooks/rest/webhook", body)
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(conversation(i) for i in range(concurrency)))
        elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies


def _session(client: str, concurrency: int) -> Any:
    if client == "aiohttp":
        import aiohttp

        connector = aiohttp.TCPConnector(limit=concurrency + 5)
        return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(60))
    limits = httpx.Limits(max_connections=concurrency + 5)
    return httpx.AsyncClient(timeout=60, limits=limits)


async def _request(http: Any, method: str, url: str, body: object) -> None:
    """One request, its whole body read; raises on a non-2xx answer."""
    if isinstance(http, httpx.AsyncClient):
        response = await http.request(method, url, json=body)
        response.raise_for_status()
        return
    async with http.request(method, url, json=body) as answer:
        answer.raise_for_status()
        await answer.read()


def _row(label: str, concurrency: int, rps: float, latencies: list[float]) -> str:
    q = statistics.quantiles(latencies, n=100)
    return (
        f"| {label} | {concurrency} | {len(latencies)} | {rps:.1f} | {q[49] * 1000:.1f} | "
        f"{q[98] * 1000:.1f} |"
    )


def run(
    model: Path,
    endpoints: dict[str, object],
    processes: int,
    label: str,
    total: int,
    clients: list[str],
) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "endpoints.yml"
        path.write_text(yaml.safe_dump(endpoints))
        ports = [free_port() for _ in range(processes)]
        procs = [start_server(model, path, port, Path(tmp)) for port in ports]
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        try:
            asyncio.run(_load(urls, 4, 20, "webhook"))  # warm-up
            for concurrency in (1, 10, 50):
                for client in clients:
                    for kind, name in (("webhook", "REST turn"), ("version", "GET /version")):
                        rps, lat = asyncio.run(_load(urls, concurrency, total, kind, client))
                        what = name if kind == "webhook" else f"baseline {name}"
                        rows.append(_row(f"{label}: {what} ({client})", concurrency, rps, lat))
        finally:
            for proc in procs:
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(timeout=60)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--client", choices=["httpx", "aiohttp"], action="append", help="repeat for both"
    )
    args = parser.parse_args()
    clients = args.client or ["httpx"]
    model = Path(args.model).resolve()
    rows = run(
        model,
        {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": "t.db"}},
        1,
        "1 process, SQLite",
        args.requests,
        clients,
    )
    try:
        label = "2 processes, PostgreSQL + Redis lock"
        rows += run(model, SHARED, 2, label, args.requests, clients)
    except AssertionError as err:
        rows.append(f"| 2 processes: not run ({err}) | | | | | |")
    print("| setup | concurrent conversations | requests | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
