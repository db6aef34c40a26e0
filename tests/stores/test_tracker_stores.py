"""Every tracker store keeps every saved event, in order, across store instances (restarts)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from store_configs import DOMAIN, REDIS, STORES, reachable, store_factory

from assistant.shared.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from assistant.stores import create_lock_store, create_tracker_store
from assistant.tracker import DialogueStateTracker
from assistant.tracker_store import TrackerStore


def sqlite_store(tmp: Path) -> TrackerStore:
    return create_tracker_store({"type": "SQL", "dialect": "sqlite", "db": "t.db"}, DOMAIN, tmp)


@pytest.fixture(params=list(STORES))
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], TrackerStore]:
    return store_factory(request.param, tmp_path)


def test_saved_events_come_back_in_order(make_store: Callable[[], TrackerStore]) -> None:
    store = make_store()
    sender = uuid.uuid4().hex
    tracker = DialogueStateTracker(sender, DOMAIN)
    tracker.update_many(
        [ActionExecuted(name="action_listen"), UserUttered(text="한빛", intent="inform")]
    )
    store.save(tracker)
    tracker.update_many([SlotSet(name="team", value="한빛"), BotUttered(text="좋아요")])
    store.save(tracker)
    again = make_store()  # a new instance, as after a restart
    loaded = again.retrieve(sender)
    assert loaded is not None
    assert [e.to_dict() for e in loaded.events] == [e.to_dict() for e in tracker.events]
    assert loaded.get_slot("team") == "한빛"
    assert sender in again.keys()  # noqa: SIM118 (a store, not a dict)


def test_unknown_sender_is_none(make_store: Callable[[], TrackerStore]) -> None:
    assert make_store().retrieve(uuid.uuid4().hex) is None


def test_replace_overwrites(make_store: Callable[[], TrackerStore]) -> None:
    store = make_store()
    sender = uuid.uuid4().hex
    store.save(DialogueStateTracker(sender, DOMAIN, [BotUttered(text="a"), BotUttered(text="b")]))
    store.replace(DialogueStateTracker(sender, DOMAIN, [BotUttered(text="c")]))
    loaded = store.retrieve(sender)
    assert loaded is not None and [e.text for e in loaded.events] == ["c"]  # type: ignore[attr-defined]


def test_redis_lock_serialises_turns() -> None:
    if not reachable(REDIS):
        pytest.skip("Redis is not reachable")
    import threading

    store = create_lock_store({"type": "redis", "url": "127.0.0.1", "db": 3})
    inside, overlaps = [0], []

    def turn() -> None:
        with store.lock("same-conversation"):
            inside[0] += 1
            overlaps.append(inside[0])
            threading.Event().wait(0.01)
            inside[0] -= 1

    threads = [threading.Thread(target=turn) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps == [1] * 8


def test_unknown_store_type_names_the_file() -> None:
    from assistant.errors import ConfigError

    with pytest.raises(ConfigError, match="endpoints.yml.*unknown type 'mongo'"):
        create_tracker_store({"type": "mongo"}, DOMAIN)


def test_sqlite_takes_concurrent_writers(tmp_path: Path) -> None:
    """Many threads saving at once queue for the write lock instead of failing."""
    import threading

    store = sqlite_store(tmp_path)
    errors: list[Exception] = []

    def save_many(n: int) -> None:
        try:
            for turn in range(5):
                tracker = store.retrieve(f"c{n}") or DialogueStateTracker(f"c{n}", DOMAIN)
                tracker.update(BotUttered(text=f"{n}-{turn}"))
                store.save(tracker)
        except Exception as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=save_many, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    tracker = store.retrieve("c7")
    assert tracker is not None and len(tracker.events) == 5
