"""One turn at a time per conversation across processes: a lock per sender id in Redis.

``SET key token NX PX`` takes the lock; it expires by itself if its holder dies, and is released
only by its holder (a compare-and-delete script). Waiting polls with a short backoff.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from assistant.errors import AssistantError

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


class LockError(AssistantError):
    """A conversation's lock could not be taken in time."""


class RedisLockStore:
    def __init__(
        self,
        url: str = "localhost",
        port: int = 6379,
        db: int = 1,
        password: str | None = None,
        key_prefix: str = "lock:",
        lock_lifetime: float = 60.0,
        wait_timeout: float = 60.0,
        use_ssl: bool = False,
        **_: Any,
    ) -> None:
        import redis

        self.prefix = key_prefix if key_prefix.endswith(":") else f"{key_prefix}:"
        self.lifetime_ms = int(lock_lifetime * 1000)
        self.wait_timeout = wait_timeout
        if "://" in url:
            self.redis = redis.Redis.from_url(url)
        else:
            self.redis = redis.Redis(
                host=url, port=int(port), db=int(db), password=password, ssl=use_ssl
            )
        self._release = self.redis.register_script(_RELEASE)

    @contextmanager
    def lock(self, sender_id: str) -> Iterator[None]:
        key, token = f"{self.prefix}{sender_id}", uuid.uuid4().hex
        deadline = time.monotonic() + self.wait_timeout
        pause = 0.002
        while not self.redis.set(key, token, nx=True, px=self.lifetime_ms):
            if time.monotonic() > deadline:
                raise LockError(
                    f"conversation '{sender_id}' stayed locked for {self.wait_timeout:.0f} s"
                )
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            self._release(keys=[key], args=[token])
