"""Trackers this process saved last, so the next turn reads only the events it has not seen.

A turn used to read and replay a conversation's whole history; with the cache it asks the store
for the rows from the cached tracker's last event on. The first of them must still be that event,
byte for byte, or the history was replaced (the HTTP API's PUT, maybe by another process) and the
store reads it all again. Every read still goes to the store, so events other processes appended
are never missed. A turn takes its conversation's entry out of the cache and the save puts a
snapshot back, so a turn that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from assistant.shared.events import Event, event_from_dict
from assistant.tracker import DialogueStateTracker


def stored_json(event: Event) -> str:
    """How stores write one event."""
    return json.dumps(event.to_dict(), ensure_ascii=False)


@dataclass
class CachedTracker:
    tracker: DialogueStateTracker
    last_row: str  # the stored JSON of the tracker's last event

    @property
    def count(self) -> int:
        return len(self.tracker.events)

    def extend(self, rows: list[str]) -> DialogueStateTracker | None:
        """The tracker updated with ``rows`` (stored JSON from position ``count - 1`` on), or
        None when the store no longer starts with the cached events."""
        if not rows or rows[0] != self.last_row:
            return None
        self.tracker.update_many(event_from_dict(json.loads(row)) for row in rows[1:])
        return self.tracker


class TrackerCache:
    """At most ``size`` conversations, least recently saved dropped first; 0 turns it off."""

    def __init__(self, size: int = 1000) -> None:
        if size < 0:
            raise ValueError("tracker_cache_size must be 0 or more")
        self.size = size
        self._entries: OrderedDict[str, CachedTracker] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, sender_id: str) -> CachedTracker | None:
        with self._lock:
            return self._entries.pop(sender_id, None)

    def saved(self, tracker: DialogueStateTracker, stored: int, written: list[str]) -> None:
        """After a save that found ``stored`` events and appended ``written`` (their JSON):
        keep a snapshot, unless the store held more events than the tracker (a stale one)."""
        if tracker.events and stored <= len(tracker.events):
            self.keep(tracker, written[-1] if written else stored_json(tracker.events[-1]))

    def keep(self, tracker: DialogueStateTracker, last_row: str) -> None:
        if not self.size or not tracker.events:
            return
        entry = CachedTracker(tracker.snapshot(), last_row)
        with self._lock:
            self._entries[tracker.sender_id] = entry
            self._entries.move_to_end(tracker.sender_id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
