"""The channels ``credentials.yml`` turns on (REST and the web chat are always on)."""

from __future__ import annotations

from typing import Any, Protocol

from starlette.routing import BaseRoute

from assistant.channels.callback import CallbackChannel
from assistant.channels.slack import SlackChannel
from assistant.channels.telegram import TelegramChannel
from assistant.errors import ConfigError, Problem


class Channel(Protocol):
    def routes(self, app_state: Any) -> list[Any]: ...


KNOWN = {"slack": SlackChannel, "telegram": TelegramChannel, "callback": CallbackChannel}
BUILT_IN = {"rest", "socketio", "webchat"}


def create_channels(credentials: dict[str, Any]) -> list[Channel]:
    channels: list[Channel] = []
    problems = []
    for name, config in (credentials or {}).items():
        if name in BUILT_IN:
            continue
        if name not in KNOWN:
            problems.append(
                Problem(
                    "credentials.yml",
                    None,
                    f"unknown channel '{name}'; known: {', '.join(sorted(KNOWN))}",
                )
            )
            continue
        try:
            channels.append(KNOWN[name](**(config or {})))
        except TypeError as err:
            problems.append(Problem("credentials.yml", None, f"{name}: {err}"))
    if problems:
        raise ConfigError(problems)
    return channels


def channel_routes(channels: list[Channel], app_state: Any) -> list[BaseRoute]:
    return [route for channel in channels for route in channel.routes(app_state)]
