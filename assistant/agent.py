"""The agent: one user turn in, the assistant's responses out.

handle(UserMessage):
  parse the text (or read ``/intent{...}``) → lock and load the tracker → start a session if
  needed → append ``UserUttered`` → fill slots → predict, run, log actions until
  ``action_listen`` → save the tracker → return the ``BotUttered`` events of this turn
"""

from __future__ import annotations

import logging
import time
from typing import Any, Protocol

from assistant.action import ActionContext, ActionExecutor, ActionNotFound
from assistant.default_actions import action_for_name
from assistant.event_broker import EventBroker
from assistant.nlg import ResponseGenerator
from assistant.policies.ensemble import PolicyEnsemble
from assistant.policies.policy import PolicyPrediction
from assistant.shared.domain import Domain
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    UserUttered,
)
from assistant.shared.message import Message
from assistant.slot_filling import extract_slots
from assistant.tracker import DialogueStateTracker
from assistant.tracker_store import InMemoryLockStore, InMemoryTrackerStore, LockStore, TrackerStore
from assistant.user_input import UserMessage, parse_intent_message

logger = logging.getLogger(__name__)
LISTEN = "action_listen"
STOP_AFTER = {LISTEN, "action_session_start"}
LISTEN_AFTER = {"action_restart", "action_default_fallback"}  # end the turn, then listen


class TextParser(Protocol):
    def parse(self, text: str) -> Message: ...


class Agent:
    def __init__(
        self,
        domain: Domain,
        interpreter: TextParser | None,
        ensemble: PolicyEnsemble,
        tracker_store: TrackerStore | None = None,
        executor: ActionExecutor | None = None,
        lock_store: LockStore | None = None,
        event_broker: EventBroker | None = None,
        max_actions_per_turn: int = 10,
        nlg_seed: int | None = None,
    ) -> None:
        self.domain = domain
        self.interpreter = interpreter
        self.ensemble = ensemble
        self.tracker_store = tracker_store or InMemoryTrackerStore(domain)
        self.lock_store = lock_store or InMemoryLockStore()
        self.event_broker = event_broker
        self.executor = executor
        self.max_actions_per_turn = max_actions_per_turn
        self.nlg = ResponseGenerator(domain, seed=nlg_seed)

    # ---- NLU -----------------------------------------------------------------------------
    def parse(self, text: str) -> Message:
        direct = parse_intent_message(text)
        if direct is not None:
            return direct
        if self.interpreter is None:
            return Message(text=text)
        return self.interpreter.parse(text)

    # ---- one turn --------------------------------------------------------------------------
    def handle(self, message: UserMessage) -> list[BotUttered]:
        with self.lock_store.lock(message.sender_id):
            tracker = self.get_tracker(message.sender_id)
            start = len(tracker.events)
            self._start_session_if_needed(tracker, message)
            parsed = self.parse(message.text or "")
            tracker.update(
                UserUttered.from_parse_data(
                    message.text,
                    parsed.parse_data(),
                    message.input_channel,
                    message.message_id,
                    message.metadata or None,
                )
            )
            tracker.update_many(extract_slots(tracker, self.domain))
            self.predict_and_run(tracker, message.input_channel)
            self.tracker_store.save(tracker)
            self._publish(tracker, start)
            return [e for e in tracker.events[start:] if isinstance(e, BotUttered)]

    def _publish(self, tracker: DialogueStateTracker, start: int) -> None:
        if self.event_broker is None:
            return
        try:
            self.event_broker.publish(tracker.sender_id, tracker.events[start:])
        except Exception:  # analytics must never break a conversation
            logger.exception("%s: publishing events failed", tracker.sender_id)

    def add_message(
        self,
        sender_id: str,
        text: str,
        parse_data: dict[str, Any] | None = None,
        channel: str | None = None,
    ) -> DialogueStateTracker:
        """Log a user message without predicting (the HTTP API's ``/messages``)."""
        with self.lock_store.lock(sender_id):
            tracker = self.get_tracker(sender_id)
            self._start_session_if_needed(tracker, UserMessage(text, sender_id, channel))
            data = self.parse(text).parse_data() if parse_data is None else parse_data
            tracker.update(UserUttered.from_parse_data(text, data, channel))
            tracker.update_many(extract_slots(tracker, self.domain))
            self.tracker_store.save(tracker)
            return tracker

    def execute_action(
        self, sender_id: str, name: str, channel: str | None = None
    ) -> tuple[DialogueStateTracker, list[BotUttered]]:
        """Run one action as if predicted (the HTTP API's ``/execute``); no further prediction."""
        with self.lock_store.lock(sender_id):
            tracker = self.get_tracker(sender_id)
            start = len(tracker.events)
            self.run_action(
                name, tracker, channel, PolicyPrediction(name, 1.0, "request", 0, source="http api")
            )
            self.tracker_store.save(tracker)
            return tracker, [e for e in tracker.events[start:] if isinstance(e, BotUttered)]

    def update_events(
        self, sender_id: str, events: list[Event], replace: bool = False
    ) -> DialogueStateTracker:
        """Append events to a conversation, or replace all of them (the HTTP API)."""
        with self.lock_store.lock(sender_id):
            if replace:
                tracker = DialogueStateTracker(sender_id, self.domain, events)
                self.tracker_store.replace(tracker)
                return tracker
            tracker = self.get_tracker(sender_id)
            tracker.update_many(events)
            self.tracker_store.save(tracker)
            return tracker

    def get_tracker(self, sender_id: str) -> DialogueStateTracker:
        tracker = self.tracker_store.retrieve(sender_id)
        return tracker if tracker is not None else DialogueStateTracker(sender_id, self.domain)

    def _session_expired(self, tracker: DialogueStateTracker) -> bool:
        config = self.domain.session_config
        if not config.expires:
            return False
        last_user = next((e for e in reversed(tracker.events) if isinstance(e, UserUttered)), None)
        if last_user is None:
            return False
        return time.time() - last_user.timestamp > config.session_expiration_time * 60

    def _start_session_if_needed(self, tracker: DialogueStateTracker, message: UserMessage) -> None:
        has_session = any(isinstance(e, (SessionStarted, Restarted)) for e in tracker.events)
        if has_session and not self._session_expired(tracker):
            return
        tracker.update(
            ActionExecuted(name="action_session_start", metadata=message.metadata or None)
        )
        self.run_action("action_session_start", tracker, message.input_channel)

    # ---- the predict-act loop ------------------------------------------------------------
    def predict_next(self, tracker: DialogueStateTracker) -> PolicyPrediction:
        if tracker.followup_action:
            return PolicyPrediction(tracker.followup_action, 1.0, "followup", 100)
        return self.ensemble.predict(tracker, self.domain)

    def predict_and_run(self, tracker: DialogueStateTracker, channel: str | None = None) -> None:
        for _ in range(self.max_actions_per_turn):
            prediction = self.predict_next(tracker)
            name = prediction.action or LISTEN
            events = self.run_action(name, tracker, channel, prediction)
            if any(isinstance(e, ActionExecutionRejected) for e in events):
                continue
            if name in LISTEN_AFTER:
                tracker.update(ActionExecuted(name=LISTEN, policy=prediction.policy))
                return
            if name in STOP_AFTER or tracker.latest_action_name == LISTEN:
                return
        logger.warning(
            "%s: stopped after %d actions in one turn", tracker.sender_id, self.max_actions_per_turn
        )
        tracker.update(ActionExecuted(name=LISTEN, policy="circuit_breaker"))

    def run_action(
        self,
        name: str,
        tracker: DialogueStateTracker,
        channel: str | None = None,
        prediction: PolicyPrediction | None = None,
    ) -> list[Event]:
        """Run one action and log it with its events on the tracker; returns its events."""
        context = ActionContext(self.domain, self.nlg, self.executor, channel)
        try:
            action = action_for_name(name, context)
            events = action.run(tracker, context)
        except ActionNotFound as err:
            logger.error("%s: %s; falling back", tracker.sender_id, err)
            return self._fallback(tracker, channel)
        except Exception:  # a failing action must not end the conversation
            logger.exception("%s: action '%s' failed; falling back", tracker.sender_id, name)
            return self._fallback(tracker, channel)
        rejected = any(isinstance(e, ActionExecutionRejected) for e in events)
        if not rejected and name != "action_session_start":
            if prediction is not None:
                tracker.update_many(prediction.events)
            tracker.update(
                ActionExecuted(
                    name=name,
                    policy=prediction.policy if prediction else None,
                    confidence=prediction.confidence if prediction else None,
                    hide_rule_turn=prediction.hide_rule_turn if prediction else False,
                )
            )
        tracker.update_many(events)
        return events

    def _fallback(self, tracker: DialogueStateTracker, channel: str | None) -> list[Event]:
        event = self.nlg.generate("utter_default", tracker, channel) or BotUttered(
            text="Sorry, something went wrong on my side. Please try again."
        )
        tracker.update(event)
        tracker.update(ActionExecuted(name=LISTEN, policy="error_fallback"))
        return [event]
