"""Conversations in Redis: one list of JSON events per conversation, appended with RPUSH."""

from __future__ import annotations

import json
from typing import Any

from assistant.shared.domain import Domain
from assistant.shared.events import event_from_dict
from assistant.stores.sql_tracker_store import TrackerStoreError
from assistant.stores.tracker_cache import TrackerCache, stored_json
from assistant.tracker import DialogueStateTracker


class RedisTrackerStore:
    def __init__(
        self,
        domain: Domain,
        url: str = "localhost",
        port: int = 6379,
        db: int = 0,
        password: str | None = None,
        key_prefix: str = "tracker:",
        record_exp: float | None = None,
        use_ssl: bool = False,
        tracker_cache_size: int = 1000,
        **_: Any,
    ) -> None:
        import redis

        self.domain = domain
        self._cache = TrackerCache(int(tracker_cache_size))
        self.prefix = key_prefix if key_prefix.endswith(":") else f"{key_prefix}:"
        self.expiry = int(record_exp) if record_exp else None
        if "://" in url:
            self.redis = redis.Redis.from_url(url)
        else:
            self.redis = redis.Redis(
                host=url, port=int(port), db=int(db), password=password, ssl=use_ssl
            )
        try:
            self.redis.ping()
        except redis.RedisError as err:
            raise TrackerStoreError(
                f"tracker store: cannot reach Redis at {url}:{port}: {err}"
            ) from err

    def _key(self, sender_id: str) -> str:
        return f"{self.prefix}{sender_id}"

    def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        cached = self._cache.take(sender_id)
        if cached is not None:
            rows = self.redis.lrange(self._key(sender_id), cached.count - 1, -1)
            tracker = cached.extend([r.decode() if isinstance(r, bytes) else r for r in rows])
            if tracker is not None:
                return tracker
        items = self.redis.lrange(self._key(sender_id), 0, -1)
        if not items:
            return None
        events = [event_from_dict(json.loads(item)) for item in items]
        return DialogueStateTracker(sender_id, self.domain, events)

    def save(self, tracker: DialogueStateTracker) -> None:
        key = self._key(tracker.sender_id)
        stored = int(self.redis.llen(key))
        new = [stored_json(e) for e in tracker.events[stored:]]
        if new:
            pipe = self.redis.pipeline(transaction=True)
            pipe.rpush(key, *new)
            if self.expiry:
                pipe.expire(key, self.expiry)
            pipe.execute()
        self._cache.saved(tracker, stored, new)

    def replace(self, tracker: DialogueStateTracker) -> None:
        self._cache.take(tracker.sender_id)
        self.redis.delete(self._key(tracker.sender_id))
        self.save(tracker)

    def keys(self) -> list[str]:
        return [k.decode()[len(self.prefix) :] for k in self.redis.scan_iter(f"{self.prefix}*")]
