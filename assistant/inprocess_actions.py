"""Custom actions run in the assistant's own process: Rasa's ``actions_module``.

``endpoints.yml``::

    action_endpoint:
      actions_module: actions        # a package (or module) of Action subclasses

Each action gets what an action server would (a rasa_sdk-style ``Tracker`` built from the
tracker's JSON, the domain as a dict, a dispatcher) and its answer goes through the same
conversion into events, so an action behaves alike in both places. Sync and async ``run`` are
both accepted. A rejection becomes ``ActionExecutionRejected``; any other exception an
``ActionError``, which the agent logs before falling back, so the conversation goes on.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from actions.api import ActionExecutionRejection, CollectingDispatcher, Tracker
from actions.loading import ActionLoadError, load_actions
from assistant.action_server_client import events_from_body
from assistant.domain_json import domain_to_rasa_dict
from assistant.errors import ActionError, ConfigError, Problem
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecutionRejected, Event
from assistant.tracker import DialogueStateTracker


class InProcessExecutor:
    def __init__(self, module: str, domain: Domain, source: str = "endpoints.yml") -> None:
        try:
            self.actions = load_actions(module)
        except ActionLoadError as err:
            raise ConfigError([Problem(source, None, f"action_endpoint: {err}")]) from err
        self.module = module
        self.domain = domain
        self._domain_json: dict[str, Any] = domain_to_rasa_dict(domain)

    def knows(self, name: str) -> bool:
        return name in self.actions

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
        action = self.actions.get(name)
        if action is None:
            raise ActionError(f"action '{name}' is not in the actions module '{self.module}'")
        dispatcher = CollectingDispatcher()
        sdk_tracker = Tracker.from_dict(tracker.to_dict())
        try:
            result = action.run(dispatcher, sdk_tracker, self._domain_json)
            if inspect.isawaitable(result):
                result = asyncio.run(_awaited(result))
        except ActionExecutionRejection as err:
            return [ActionExecutionRejected(name=err.action_name)]
        except Exception as err:
            raise ActionError(f"action '{name}' failed: {err}") from err
        body = {"events": list(result or []), "responses": dispatcher.messages}
        return events_from_body(name, body, tracker, self.domain)


async def _awaited(result: Any) -> Any:
    return await result
