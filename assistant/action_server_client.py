"""Running custom actions on an action server (Rasa's protocol; rasa_sdk servers work as is).

Request: ``{"next_action", "sender_id", "tracker", "domain", "version"}``; response:
``{"events": [...], "responses": [...]}``. A 400 with ``{"action_name", "error"}`` is the server
rejecting the action (a form's validation rejecting the input): it becomes
``ActionExecutionRejected``. Network failures and timeouts raise ``ActionError``; the agent logs
them and falls back, so the conversation goes on.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from assistant import __version__
from assistant.action import ActionExecutor
from assistant.domain_json import domain_to_rasa_dict
from assistant.errors import ActionError
from assistant.nlg import ResponseGenerator
from assistant.shared.domain import Domain
from assistant.shared.events import (
    ActionExecutionRejected,
    BotUttered,
    Event,
    EventFormatError,
    event_from_dict,
)
from assistant.tracker import DialogueStateTracker

logger = logging.getLogger(__name__)


def executor_from_endpoints(endpoints: dict[str, Any], domain: Domain) -> ActionExecutor | None:
    """The executor ``endpoints.yml``'s ``action_endpoint`` describes, if any: an action server
    (``url``) or, as Rasa's ``actions_module``, a package of actions run in this process."""
    config = endpoints.get("action_endpoint") or {}
    if config.get("actions_module"):
        from assistant.inprocess_actions import InProcessExecutor

        return InProcessExecutor(str(config["actions_module"]), domain)
    if not config.get("url"):
        return None
    return ActionServerExecutor(
        str(config["url"]),
        domain,
        float(config.get("timeout", 10)),
        config.get("token"),
    )


class ActionServerExecutor:
    """Custom actions declared in the domain, run on the server at ``url``."""

    def __init__(
        self,
        url: str,
        domain: Domain,
        timeout: float = 10.0,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = url
        self.domain = domain
        self.timeout = timeout
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._client = httpx.Client(timeout=timeout, transport=transport)
        self._domain_json = domain_to_rasa_dict(domain)

    def knows(self, name: str) -> bool:
        return name in self.domain.actions

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
        send_domain = self.domain.action_send_domain.get(name, True)
        payload = {
            "next_action": name,
            "sender_id": tracker.sender_id,
            "tracker": tracker.to_dict(),
            "domain": self._domain_json if send_domain else None,
            "version": __version__,
        }
        try:
            response = self._client.post(self.url, json=payload, headers=self.headers)
        except httpx.TimeoutException as err:
            raise ActionError(
                f"action '{name}': the action server at {self.url} did not answer "
                f"within {self.timeout:.0f} s"
            ) from err
        except httpx.HTTPError as err:
            raise ActionError(
                f"action '{name}': cannot reach the action server at {self.url}: {err}"
            ) from err
        if response.status_code == 400:
            body = _json(response)
            logger.info("action '%s' rejected: %s", name, body.get("error"))
            return [ActionExecutionRejected(name=str(body.get("action_name") or name))]
        if response.status_code != 200:
            raise ActionError(
                f"action '{name}': the action server answered "
                f"{response.status_code}: {response.text[:200]}"
            )
        return events_from_body(name, _json(response), tracker, self.domain)


def events_from_body(
    name: str, body: dict[str, Any], tracker: DialogueStateTracker, domain: Domain
) -> list[Event]:
    """An action's answer (``{"events", "responses"}``) as events: the responses first, as
    ``BotUttered`` (named ones rendered from the domain), then the events it returned."""
    nlg = ResponseGenerator(domain)
    out: list[Event] = []
    for message in body.get("responses") or []:
        out.extend(_response_events(message, nlg, tracker))
    for item in body.get("events") or []:
        try:
            out.append(event_from_dict(item))
        except EventFormatError as err:
            raise ActionError(f"action '{name}' returned a bad event: {err}") from err
    return out


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as err:
        raise ActionError(f"the action server answered with invalid JSON: {err}") from err
    return body if isinstance(body, dict) else {}


def _response_events(
    message: dict[str, Any], nlg: ResponseGenerator, tracker: DialogueStateTracker
) -> list[Event]:
    """A ``dispatcher.utter_message`` result: a named response, or text/buttons/image/custom."""
    template = message.get("response") or message.get("template")
    if template:
        kwargs = {k: v for k, v in message.items() if k not in ("response", "template")}
        event = nlg.generate(str(template), tracker, extra=kwargs)
        return [event] if event else []
    data = {
        k: message[k]
        for k in ("buttons", "image", "custom", "attachment", "elements", "quick_replies")
        if message.get(k)
    }
    if message.get("json_message"):
        data["custom"] = message["json_message"]
    if not message.get("text") and not data:
        return []
    return [BotUttered(text=message.get("text"), data=data)]
