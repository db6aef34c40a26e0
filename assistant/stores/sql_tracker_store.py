"""Conversations in SQL: SQLite (one file, the embedded default) or PostgreSQL.

Events are appended, one row each, keyed by (sender_id, position): saving a tracker inserts only
the events the store does not have yet, inside one transaction, so a crash never loses or
half-writes an event that was saved, and two servers sharing the database see the same rows.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.shared.domain import Domain
from assistant.shared.events import event_from_dict
from assistant.stores.tracker_cache import TrackerCache, stored_json
from assistant.tracker import DialogueStateTracker

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    sender_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    type_name TEXT NOT NULL,
    timestamp DOUBLE PRECISION,
    data TEXT NOT NULL,
    PRIMARY KEY (sender_id, position)
)
"""


class TrackerStoreError(AssistantError):
    """A tracker store that cannot be reached or read."""


class SQLTrackerStore:
    """``dialect`` is ``sqlite`` (``db`` is a file path) or ``postgresql`` (a URL or parts)."""

    def __init__(
        self,
        domain: Domain,
        dialect: str = "sqlite",
        db: str = "tracker.db",
        url: str | None = None,
        tracker_cache_size: int = 1000,
        **parts: Any,
    ) -> None:
        self.domain = domain
        self._cache = TrackerCache(int(tracker_cache_size))
        self.dialect = dialect.lower()
        self._local = threading.local()
        # SQLite allows one writer at a time and makes a blocked writer poll with growing sleeps
        # (up to 100 ms each): this process's writers queue on a lock instead, so a commit
        # waits only for the commits in front of it. Other processes still meet the busy wait.
        self._write_lock: threading.Lock | contextlib.nullcontext[None] = contextlib.nullcontext()
        if self.dialect == "sqlite":
            self._placeholder = "?"
            self._path = str(Path(db).expanduser())
            self._write_lock = threading.Lock()
        elif self.dialect in ("postgresql", "postgres"):
            self._placeholder = "%s"
            self._dsn = url if url and "://" in url else _postgres_dsn(url, db, parts)
        else:
            raise TrackerStoreError(f"tracker store: unsupported SQL dialect '{dialect}'")
        with self._cursor() as cursor:
            cursor.execute(SCHEMA)

    def _connect(self) -> Any:
        if self.dialect == "sqlite":
            conn = sqlite3.connect(self._path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            return conn
        import psycopg

        try:
            return psycopg.connect(self._dsn, autocommit=True)
        except psycopg.Error as err:
            raise TrackerStoreError(f"tracker store: cannot connect to PostgreSQL: {err}") from err

    @contextlib.contextmanager
    def _cursor(self, transaction: bool = False) -> Iterator[Any]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        with self._write_lock if transaction else contextlib.nullcontext():
            cursor = conn.cursor()
            try:
                if transaction:  # SQLite: take the write lock up front, so writers queue
                    cursor.execute("BEGIN IMMEDIATE" if self.dialect == "sqlite" else "BEGIN")
                yield cursor
                if transaction:
                    cursor.execute("COMMIT")
            except BaseException:
                if transaction:
                    cursor.execute("ROLLBACK")
                raise
            finally:
                cursor.close()

    def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        p = self._placeholder
        cached = self._cache.take(sender_id)
        if cached is not None:
            with self._cursor() as cursor:
                cursor.execute(
                    f"SELECT data FROM events WHERE sender_id = {p} AND position >= {p} "
                    "ORDER BY position",
                    (sender_id, cached.count - 1),
                )
                tracker = cached.extend([row[0] for row in cursor.fetchall()])
            if tracker is not None:
                return tracker
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT data FROM events WHERE sender_id = {p} ORDER BY position", (sender_id,)
            )
            rows = cursor.fetchall()
        if not rows:
            return None
        events = [event_from_dict(json.loads(row[0])) for row in rows]
        return DialogueStateTracker(sender_id, self.domain, events)

    def save(self, tracker: DialogueStateTracker) -> None:
        p = self._placeholder
        with self._cursor(transaction=True) as cursor:
            cursor.execute(
                f"SELECT COALESCE(MAX(position) + 1, 0) FROM events WHERE sender_id = {p}",
                (tracker.sender_id,),
            )
            stored = int(cursor.fetchone()[0])
            rows = [
                (tracker.sender_id, i, e.type_name, e.timestamp, stored_json(e))
                for i, e in enumerate(tracker.events[stored:], start=stored)
            ]
            if rows:
                cursor.executemany(
                    f"INSERT INTO events (sender_id, position, type_name, timestamp, data) "
                    f"VALUES ({p}, {p}, {p}, {p}, {p})",
                    rows,
                )
        self._cache.saved(tracker, stored, [row[4] for row in rows])

    def replace(self, tracker: DialogueStateTracker) -> None:
        """Overwrite a conversation's events (the HTTP API's PUT)."""
        self._cache.take(tracker.sender_id)
        with self._cursor(transaction=True) as cursor:
            cursor.execute(
                f"DELETE FROM events WHERE sender_id = {self._placeholder}", (tracker.sender_id,)
            )
        self.save(tracker)

    def keys(self) -> list[str]:
        with self._cursor() as cursor:
            cursor.execute("SELECT DISTINCT sender_id FROM events")
            return [row[0] for row in cursor.fetchall()]


def _postgres_dsn(host: str | None, db: str, parts: dict[str, Any]) -> str:
    fields = {
        "host": host or parts.get("host") or "localhost",
        "port": parts.get("port") or 5432,
        "dbname": db if db != "tracker.db" else "rasa",
        "user": parts.get("username") or parts.get("user"),
        "password": parts.get("password"),
    }
    return " ".join(f"{k}={v}" for k, v in fields.items() if v is not None)
