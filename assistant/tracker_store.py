"""Where conversations are kept between turns: the protocols, and the in-memory stores.

Persistent stores (SQLite, PostgreSQL, Redis) live in ``assistant.stores``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from assistant.shared.domain import Domain
from assistant.tracker import DialogueStateTracker


class TrackerStore(Protocol):
    def retrieve(self, sender_id: str) -> DialogueStateTracker | None: ...

    def save(self, tracker: DialogueStateTracker) -> None: ...

    def keys(self) -> list[str]: ...

    def replace(self, tracker: DialogueStateTracker) -> None:
        """Overwrite the stored conversation (saving only appends)."""
        ...


class LockStore(Protocol):
    def lock(self, sender_id: str) -> AbstractContextManager[None]: ...


class InMemoryTrackerStore:
    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        self._events: dict[str, list[dict[str, object]]] = {}

    def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        data = self._events.get(sender_id)
        if data is None:
            return None
        return DialogueStateTracker.from_dict({"sender_id": sender_id, "events": data}, self.domain)

    def save(self, tracker: DialogueStateTracker) -> None:
        self._events[tracker.sender_id] = [e.to_dict() for e in tracker.events]

    def keys(self) -> list[str]:
        return list(self._events)

    def replace(self, tracker: DialogueStateTracker) -> None:
        self.save(tracker)


class InMemoryLockStore:
    """One turn at a time per conversation, within this process."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    @contextmanager
    def lock(self, sender_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(sender_id, threading.Lock())
        with lock:
            yield
