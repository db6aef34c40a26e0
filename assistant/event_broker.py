"""Publishing every conversation event as JSON, for analytics (``endpoints.yml``'s
``event_broker``, Rasa's keys): to a RabbitMQ queue (``type: pika``) or a file of JSON lines
(``type: file``). Each message is the event's Rasa JSON plus ``sender_id``. A broker that
fails is logged and does not fail the turn."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any, Protocol

from assistant.errors import ConfigError, Problem
from assistant.shared.events import Event

logger = logging.getLogger(__name__)


class EventBroker(Protocol):
    def publish(self, sender_id: str, events: list[Event]) -> None: ...


def _message(sender_id: str, event: Event) -> str:
    return json.dumps({**event.to_dict(), "sender_id": sender_id}, ensure_ascii=False)


class FileEventBroker:
    def __init__(self, path: str = "events.log", **_: Any) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def publish(self, sender_id: str, events: list[Event]) -> None:
        lines = "".join(_message(sender_id, e) + "\n" for e in events)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(lines)


class PikaEventBroker:
    """RabbitMQ through pika; one connection per thread, durable queues, persistent messages."""

    def __init__(
        self,
        url: str = "localhost",
        username: str = "guest",
        password: str = "guest",
        port: int = 5672,
        queues: list[str] | None = None,
        queue: str | None = None,
        **_: Any,
    ) -> None:
        import pika  # type: ignore[import-untyped]

        self.queues = queues or [queue or "rasa_production_events"]
        self._params = pika.ConnectionParameters(
            host=url,
            port=int(port),
            credentials=pika.PlainCredentials(username, password),
            connection_attempts=3,
            retry_delay=1,
        )
        self._local = threading.local()
        self._channel()  # fail at start-up, not mid-conversation

    def _channel(self) -> Any:
        import pika

        channel = getattr(self._local, "channel", None)
        if channel is None or channel.is_closed:
            try:
                connection = pika.BlockingConnection(self._params)
            except pika.exceptions.AMQPError as err:
                raise ConfigError(
                    Problem("endpoints.yml", None, f"event_broker: cannot reach RabbitMQ: {err}")
                ) from err
            channel = connection.channel()
            for queue in self.queues:
                channel.queue_declare(queue=queue, durable=True)
            self._local.channel = channel
        return channel

    def publish(self, sender_id: str, events: list[Event]) -> None:
        import pika

        channel = self._channel()
        properties = pika.BasicProperties(content_type="application/json", delivery_mode=2)
        for event in events:
            body = _message(sender_id, event).encode()
            for queue in self.queues:
                channel.basic_publish(
                    exchange="", routing_key=queue, body=body, properties=properties
                )


def create_event_broker(
    config: dict[str, Any] | None, root: Path | None = None
) -> EventBroker | None:
    if not config:
        return None
    kind = str(config.get("type", "")).lower()
    options = {k: v for k, v in config.items() if k != "type"}
    if kind == "file":
        path = Path(options.pop("path", "events.log"))
        return FileEventBroker(str(path if path.is_absolute() or root is None else root / path))
    if kind == "pika":
        return PikaEventBroker(**options)
    raise ConfigError(
        Problem("endpoints.yml", None, f"event_broker: unknown type '{kind}'; known: pika, file")
    )
