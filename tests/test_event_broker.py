"""Every event of a turn is published as JSON with its sender id (file and RabbitMQ brokers)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.agent import Agent
from assistant.errors import ConfigError
from assistant.event_broker import create_event_broker
from assistant.shared.events import BotUttered, UserUttered
from assistant.user_input import UserMessage


def test_file_broker_appends_json_lines(tmp_path: Path) -> None:
    broker = create_event_broker({"type": "file", "path": "events.log"}, tmp_path)
    assert broker is not None
    broker.publish("u1", [UserUttered(text="안녕", intent="greet"), BotUttered(text="hi")])
    lines = [json.loads(x) for x in (tmp_path / "events.log").read_text().splitlines()]
    assert [(m["event"], m["sender_id"]) for m in lines] == [("user", "u1"), ("bot", "u1")]
    assert lines[0]["text"] == "안녕"


def test_agent_publishes_each_turn(make_agent: Callable[..., Agent], tmp_path: Path) -> None:
    broker = create_event_broker({"type": "file", "path": str(tmp_path / "e.log")})
    agent = make_agent(event_broker=broker)
    agent.handle(UserMessage("/greet", "s1"))
    events = [json.loads(x)["event"] for x in (tmp_path / "e.log").read_text().splitlines()]
    assert "user" in events and "bot" in events


def test_rabbitmq_broker_publishes_to_its_queue() -> None:
    pika = pytest.importorskip("pika")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    try:
        broker = create_event_broker({"type": "pika", "url": "127.0.0.1", "queues": [queue]})
    except ConfigError:
        pytest.skip("RabbitMQ is not reachable on 127.0.0.1:5672")
    assert broker is not None
    broker.publish("u2", [BotUttered(text="hello")])
    connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1"))
    channel = connection.channel()
    _method, _props, body = channel.basic_get(queue, auto_ack=True)
    channel.queue_delete(queue)
    connection.close()
    assert json.loads(body) | {"timestamp": 0} == {
        "event": "bot",
        "text": "hello",
        "data": {},
        "sender_id": "u2",
        "timestamp": 0,
    }


def test_unknown_broker_type_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="event_broker: unknown type 'kafka'"):
        create_event_broker({"type": "kafka"})
