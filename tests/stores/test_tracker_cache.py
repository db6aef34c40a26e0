"""Stores that cache the trackers they saved: a turn reads only new events, never stale ones.

Two store instances on one database stand for two server processes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from store_configs import DOMAIN, STORES, store_factory

from assistant.shared.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from assistant.stores.tracker_cache import TrackerCache
from assistant.tracker import DialogueStateTracker
from assistant.tracker_store import TrackerStore


@pytest.fixture(params=[name for name in STORES if name != "in_memory"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], TrackerStore]:
    return store_factory(request.param, tmp_path)


def _turn(tracker: DialogueStateTracker, text: str) -> None:
    tracker.update_many([UserUttered(text=text, intent="inform"), SlotSet(name="team", value=text)])
    tracker.update_many([BotUttered(text=f"{text}!"), ActionExecuted(name="action_listen")])


def _dicts(tracker: DialogueStateTracker | None) -> list[dict[str, object]]:
    assert tracker is not None
    return [e.to_dict() for e in tracker.events]


def _started(store: TrackerStore) -> DialogueStateTracker:
    tracker = DialogueStateTracker(uuid.uuid4().hex, DOMAIN)
    tracker.update(ActionExecuted(name="action_listen"))
    _turn(tracker, "한빛")
    store.save(tracker)
    return tracker


def test_events_another_process_appended_are_read(
    make_store: Callable[[], TrackerStore],
) -> None:
    mine, theirs = make_store(), make_store()
    tracker = _started(mine)
    other = theirs.retrieve(tracker.sender_id)
    assert other is not None
    _turn(other, "번개")
    theirs.save(other)
    loaded = mine.retrieve(tracker.sender_id)
    assert _dicts(loaded) == _dicts(other)
    assert loaded is not None and loaded.get_slot("team") == "번개"


def test_history_replaced_elsewhere_is_read_again(
    make_store: Callable[[], TrackerStore],
) -> None:
    mine, theirs = make_store(), make_store()
    tracker = _started(mine)
    replaced = DialogueStateTracker(tracker.sender_id, DOMAIN)
    for text in ("a", "b", "c"):
        _turn(replaced, text)
    theirs.replace(replaced)
    assert _dicts(mine.retrieve(tracker.sender_id)) == _dicts(replaced)


def test_turn_that_fails_before_saving_leaves_nothing_behind(
    make_store: Callable[[], TrackerStore],
) -> None:
    store = make_store()
    tracker = _started(store)
    saved = _dicts(tracker)
    half_done = store.retrieve(tracker.sender_id)
    assert half_done is not None
    _turn(half_done, "unsaved")  # the turn fails here: no save
    assert _dicts(store.retrieve(tracker.sender_id)) == saved


def test_cached_tracker_is_a_snapshot_not_the_callers_object(
    make_store: Callable[[], TrackerStore],
) -> None:
    store = make_store()
    tracker = _started(store)
    saved = _dicts(tracker)
    _turn(tracker, "after save")  # the caller goes on using its object
    assert _dicts(store.retrieve(tracker.sender_id)) == saved


def test_cache_keeps_the_most_recently_saved() -> None:
    cache = TrackerCache(size=2)
    trackers = [DialogueStateTracker(name, DOMAIN) for name in "abc"]
    for tracker in trackers:
        tracker.update(ActionExecuted(name="action_listen"))
        cache.keep(tracker, "{}")
    assert len(cache) == 2
    assert cache.take("a") is None
    entry = cache.take("c")
    assert entry is not None and entry.count == 1
    assert cache.take("c") is None  # taken: a second turn reads the store


def test_cache_of_size_zero_keeps_nothing() -> None:
    cache = TrackerCache(size=0)
    tracker = DialogueStateTracker("a", DOMAIN)
    tracker.update(ActionExecuted(name="action_listen"))
    cache.keep(tracker, "{}")
    assert cache.take("a") is None
    with pytest.raises(ValueError, match="tracker_cache_size"):
        TrackerCache(size=-1)
