"""Issue 4 load: the starter assistant over the REST channel, on loopback, bounded.

    python -m tests.benchmarks.bench_server [--model models] [--requests 300]

For 1, 10 and 50 concurrent conversations: requests per second and p50/p99 latency of
``POST /webhooks/rest/webhook`` with the embedded SQLite store (one process), then with two
processes sharing PostgreSQL and a Redis lock store (conversations alternate between them).
Baseline in the same run: ``GET /version`` (no NLU, no store) at the same concurrency. Each level
sends at most ``--requests`` requests. Prints Markdown; asserts nothing.
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
    urls: list[str], concurrency: int, total: int, path: str
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    per_conversation = max(1, total // concurrency)

    async def conversation(client: httpx.AsyncClient, index: int) -> None:
        sender = uuid.uuid4().hex
        for turn in range(per_conversation):
            url = urls[(index + turn) % len(urls)]
            started = time.perf_counter()
            if path == "version":
                response = await client.get(f"{url}/version")
            else:
                response = await client.post(
                    f"{url}/webhooks/rest/webhook",
                    json={"sender": sender, "message": PHRASES[turn % len(PHRASES)]},
                )
            response.raise_for_status()
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(client, i) for i in range(concurrency)))
        elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies


def _row(label: str, concurrency: int, rps: float, latencies: list[float]) -> str:
    q = statistics.quantiles(latencies, n=100)
    return (
        f"| {label} | {concurrency} | {len(latencies)} | {rps:.1f} | {q[49] * 1000:.1f} | "
        f"{q[98] * 1000:.1f} |"
    )


def run(
    model: Path, endpoints: dict[str, object], processes: int, label: str, total: int
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
                rps, lat = asyncio.run(_load(urls, concurrency, total, "webhook"))
                rows.append(_row(f"{label}: REST turn", concurrency, rps, lat))
                rps, lat = asyncio.run(_load(urls, concurrency, total, "version"))
                rows.append(_row(f"{label}: baseline GET /version", concurrency, rps, lat))
        finally:
            for proc in procs:
                os.kill(proc.pid, signal.SIGTERM)
                proc.wait(timeout=60)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    model = Path(args.model).resolve()
    rows = run(
        model,
        {"tracker_store": {"type": "SQL", "dialect": "sqlite", "db": "t.db"}},
        1,
        "1 process, SQLite",
        args.requests,
    )
    try:
        rows += run(model, SHARED, 2, "2 processes, PostgreSQL + Redis lock", args.requests)
    except AssertionError as err:
        rows.append(f"| 2 processes: not run ({err}) | | | | | |")
    print("| setup | concurrent conversations | requests | req/s | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
