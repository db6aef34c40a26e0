"""Store settings the store tests share: the local PostgreSQL and Redis CI runs against."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.shared.domain import Domain, Slot
from assistant.stores import create_tracker_store
from assistant.tracker_store import TrackerStore

DOMAIN = Domain(slots=(Slot("team"),))
POSTGRES = {
    "type": "SQL",
    "dialect": "postgresql",
    "url": "127.0.0.1",
    "db": "test",
    "username": "postgres",
}
REDIS = {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 2}


def reachable(config: dict[str, object]) -> bool:
    try:
        create_tracker_store(config, DOMAIN)
        return True
    except Exception:
        return False


_MEMORY = create_tracker_store(None, DOMAIN, default="in_memory")  # one process, one store

# every store a server can use; all but in_memory are shared by processes
STORES: dict[str, Callable[[Path], TrackerStore]] = {
    "in_memory": lambda tmp: _MEMORY,
    "sqlite": lambda tmp: create_tracker_store(
        {"type": "SQL", "dialect": "sqlite", "db": "t.db"}, DOMAIN, tmp
    ),
    "postgresql": lambda tmp: create_tracker_store(POSTGRES, DOMAIN),
    "redis": lambda tmp: create_tracker_store(REDIS, DOMAIN),
}


def store_factory(name: str, tmp: Path) -> Callable[[], TrackerStore]:
    """New instances of store ``name`` (as after a restart); skips when its server is down."""
    if name == "postgresql" and not reachable(POSTGRES):
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    if name == "redis" and not reachable(REDIS):
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    return lambda: STORES[name](tmp)
