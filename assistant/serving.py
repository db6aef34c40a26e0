"""Building the server app from `assistant run`'s options, in this process or in each worker.

With ``--workers N`` uvicorn starts N processes; each rebuilds the app from the options passed in
``ASSISTANT_RUN_OPTIONS``. Several processes need a shared tracker store and a cross-process lock
store (one turn at a time per conversation), so an in-memory store or lock is refused then.
"""

from __future__ import annotations

import gc
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from starlette.applications import Starlette

from assistant.channels.registry import Channel
from assistant.errors import ConfigError, Problem

ENV = "ASSISTANT_RUN_OPTIONS"


@dataclass(frozen=True)
class RunOptions:
    model: str = "models"
    endpoints: str = "endpoints.yml"
    credentials: str = "credentials.yml"
    root: str = "."
    enable_api: bool = False
    auth_token: str | None = None
    jwt_secret: str | None = None
    cors: tuple[str, ...] = field(default_factory=tuple)


def check_workers(options: RunOptions, workers: int) -> None:
    """Several workers need stores that every process shares."""
    if workers <= 1:
        return
    from assistant.config import read_endpoints

    endpoints = read_endpoints(Path(options.endpoints))
    lock = str((endpoints.get("lock_store") or {}).get("type", "in_memory")).lower()
    store = str((endpoints.get("tracker_store") or {}).get("type", "sql")).lower()
    problems = []
    if lock in ("in_memory", "inmemory"):
        problems.append(
            Problem(
                options.endpoints,
                None,
                f"--workers {workers} needs a shared lock "
                "store (lock_store: type: redis); in-memory locks cannot keep one "
                "turn at a time per conversation across processes",
            )
        )
    if store in ("in_memory", "inmemory", "memory"):
        problems.append(
            Problem(
                options.endpoints,
                None,
                f"--workers {workers} needs a shared tracker store (SQL or redis), not in_memory",
            )
        )
    if problems:
        raise ConfigError(problems)


def build_app(options: RunOptions) -> tuple[Starlette, str]:
    """The app and a one-line description of what it serves."""
    from assistant.action_server_client import executor_from_endpoints
    from assistant.agent import Agent
    from assistant.channels.registry import create_channels
    from assistant.config import read_credentials, read_endpoints
    from assistant.event_broker import create_event_broker
    from assistant.model import load_model
    from assistant.server import ServerConfig, create_app
    from assistant.stores import create_lock_store, create_tracker_store

    root = Path(options.root)
    loaded = load_model(Path(options.model))
    endpoints = read_endpoints(Path(options.endpoints))
    store = create_tracker_store(endpoints.get("tracker_store"), loaded.domain, root)
    agent = Agent(
        loaded.domain,
        loaded.interpreter,
        loaded.ensemble,
        store,
        executor_from_endpoints(endpoints, loaded.domain),
        lock_store=create_lock_store(endpoints.get("lock_store")),
        event_broker=create_event_broker(endpoints.get("event_broker"), root),
    )
    config = ServerConfig(
        enable_api=options.enable_api,
        auth_token=options.auth_token,
        jwt_secret=options.jwt_secret,
        cors=tuple(options.cors),
        model_path=str(loaded.path),
    )
    channels = create_channels(read_credentials(Path(options.credentials)))
    channels.append(voice_channel(root / "config.yml"))
    about = (
        f"{loaded.path} (tracker store: {type(store).__name__}; "
        f"API {'on' if options.enable_api else 'off'})"
    )
    app = create_app(agent, config, channels)
    # The model (vocabularies, weights, the Korean analyser's objects) lives as long as the
    # process: moved out of the garbage collector's reach, a full collection during a turn takes
    # well under a millisecond instead of ~90 ms over the starter model (which set the p99).
    gc.collect()
    gc.freeze()
    return app, about


def voice_channel(config_path: Path) -> Channel:
    """The voice endpoint, with the speakers and engines of the project's config.yml."""
    from assistant.channels.voice import VoiceChannel
    from assistant.config import read_config
    from assistant.speech.settings import read_speech_settings
    from assistant.speech.voice import Voice

    config = read_config(config_path)
    return VoiceChannel(Voice(read_speech_settings(config.extra, config.path), config.language))


def export(options: RunOptions) -> None:
    os.environ[ENV] = json.dumps(asdict(options))


def app_from_env() -> Starlette:
    """uvicorn's factory in each worker process."""
    data = json.loads(os.environ[ENV])
    data["cors"] = tuple(data.get("cors") or ())
    app, _ = build_app(RunOptions(**data))
    return app
