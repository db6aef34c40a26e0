"""Building the tracker and lock stores that ``endpoints.yml`` names (Rasa's keys)::

tracker_store:            # default for `assistant run`: SQLite in <project>/tracker.db
  type: SQL               # SQL (dialect sqlite | postgresql), redis, in_memory, or a class path
  dialect: postgresql
  url: localhost
  db: rasa
lock_store:
  type: redis             # redis or in_memory (default)
  url: localhost
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, Problem
from assistant.shared.domain import Domain
from assistant.stores.redis_lock_store import RedisLockStore
from assistant.stores.redis_tracker_store import RedisTrackerStore
from assistant.stores.sql_tracker_store import SQLTrackerStore
from assistant.tracker_store import InMemoryLockStore, InMemoryTrackerStore, LockStore, TrackerStore


def _options(config: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in config.items() if k != "type"}


def _custom(path: str, *args: Any, **kwargs: Any) -> Any:
    module, _, name = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    except (ImportError, AttributeError, ValueError) as err:
        raise ConfigError(
            Problem("endpoints.yml", None, f"cannot load store '{path}': {err}")
        ) from err


def create_tracker_store(
    config: dict[str, Any] | None,
    domain: Domain,
    root: Path | None = None,
    default: str = "sqlite",
) -> TrackerStore:
    """The store ``config`` (``endpoints.yml``'s ``tracker_store``) describes; without one,
    ``default``: ``sqlite`` (a file in ``root``) or ``in_memory``."""
    if not config:
        if default == "in_memory":
            return InMemoryTrackerStore(domain)
        return SQLTrackerStore(domain, "sqlite", str((root or Path.cwd()) / "tracker.db"))
    kind = str(config.get("type", "in_memory"))
    options = _options(config)
    if kind.lower() in ("in_memory", "inmemory", "memory"):
        return InMemoryTrackerStore(domain)
    if kind.lower() == "sql":
        dialect = str(options.pop("dialect", "sqlite"))
        db = str(options.pop("db", "rasa.db"))
        if dialect == "sqlite" and root is not None and not Path(db).is_absolute():
            db = str(root / db)
        return SQLTrackerStore(domain, dialect, db, **options)
    if kind.lower() == "redis":
        return RedisTrackerStore(domain, **options)
    if "." in kind:
        store: TrackerStore = _custom(kind, domain, **options)
        return store
    raise ConfigError(
        Problem(
            "endpoints.yml",
            None,
            f"tracker_store: unknown type '{kind}'; known: SQL, redis, in_memory, or a class path",
        )
    )


def create_lock_store(config: dict[str, Any] | None) -> LockStore:
    if not config or str(config.get("type", "in_memory")).lower() in ("in_memory", "inmemory"):
        return InMemoryLockStore()
    kind = str(config["type"])
    if kind.lower() == "redis":
        return RedisLockStore(**_options(config))
    if "." in kind:
        store: LockStore = _custom(kind, **_options(config))
        return store
    raise ConfigError(
        Problem(
            "endpoints.yml",
            None,
            f"lock_store: unknown type '{kind}'; known: redis, in_memory",
        )
    )
