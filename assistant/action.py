"""Actions the core runs: responses, default actions, forms and custom actions.

Every action takes the tracker as it is and returns the events it caused; bot messages are
``BotUttered`` events. Custom actions (a project's own code) are run by an ``ActionExecutor``:
the action-server protocol, or code loaded in process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from assistant.nlg import ResponseGenerator
from assistant.shared.domain import Domain
from assistant.shared.events import BotUttered, Event
from assistant.tracker import DialogueStateTracker

logger = logging.getLogger(__name__)


@dataclass
class ActionContext:
    """What an action may use besides the tracker."""

    domain: Domain
    nlg: ResponseGenerator
    executor: ActionExecutor | None = None
    channel: str | None = None


class Action(Protocol):
    name: str

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]: ...


class ActionExecutor(Protocol):
    """Runs a project's custom action by name (action server or in-process code)."""

    def knows(self, name: str) -> bool: ...

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]: ...


class ActionNotFound(LookupError):
    pass


@dataclass
class ResponseAction:
    """``utter_*``: send one variation of the response."""

    name: str

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        event = context.nlg.generate(self.name, tracker, context.channel)
        if event is None:
            logger.warning("response '%s' has no variation that fits; nothing sent", self.name)
            return []
        return [event]


@dataclass
class RetrievalAction:
    """``utter_faq``: send the response of the sub-intent the response selector chose."""

    name: str

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        retrieval_intent = self.name[len("utter_") :]
        message = tracker.latest_message
        parse = (message.parse_data or {}) if message else {}
        selector = parse.get("response_selector", {})
        chosen = selector.get(retrieval_intent) or selector.get("default") or {}
        response = chosen.get("response", {})
        key = response.get("intent_response_key")
        if not key:
            logger.warning("%s: no response was selected for '%s'", self.name, retrieval_intent)
            return []
        event = context.nlg.generate(f"utter_{key}", tracker, context.channel)
        if event is None:
            texts = [r.get("text") for r in response.get("responses", []) if r.get("text")]
            if not texts:
                return []
            event = BotUttered(text=texts[0], metadata={"utter_action": f"utter_{key}"})
        return [event]


@dataclass
class CustomAction:
    name: str

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        executor = context.executor
        if executor is None or not executor.knows(self.name):
            logger.error(
                "custom action '%s' cannot run: no action server or local action provides it",
                self.name,
            )
            return []
        return executor.run(self.name, tracker, context.domain)
