"""``config.yml``, ``endpoints.yml`` and ``credentials.yml``, read with file and line in errors.

``read_config`` keeps each pipeline/policy entry's line so a later unknown component or option
is reported as ``config.yml:7: ...``. Endpoints and credentials are tolerant: a missing file is
empty, and ``${VAR}`` is replaced from the environment as Rasa does.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError, Problem, TrainingDataError
from assistant.importers.yaml_loading import line_of, read_yaml, type_name
from assistant.shared.training_data import SourceLocation

_ENV = re.compile(r"\$\{([^}]+)\}")


@dataclass(frozen=True)
class ComponentSpec:
    """One ``- name: ...`` entry of ``pipeline`` or ``policies``; options are the other keys."""

    name: str
    options: dict[str, Any]
    source: SourceLocation


@dataclass(frozen=True)
class ProjectConfig:
    """``config.yml``. An empty ``pipeline`` or ``policies`` means "use the defaults"."""

    language: str = "en"
    pipeline: tuple[ComponentSpec, ...] = ()
    policies: tuple[ComponentSpec, ...] = ()
    assistant_id: str | None = None
    path: str = "config.yml"
    extra: dict[str, Any] = field(default_factory=dict)
    recipe: str = "default.v1"


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")  # en, ko, en-US, zh_Hant


def read_config(path: Path | str) -> ProjectConfig:
    """Read ``config.yml``; a missing file gives the defaults. Raises :class:`ConfigError`."""
    name = str(path)
    if not Path(path).exists():
        return ProjectConfig(path=name)
    data, problems = _read(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(
            Problem(name, line_of(data), f"config must be a mapping, not {type_name(data)}")
        )
    pipeline = _components(data, "pipeline", name, problems)
    policies = _components(data, "policies", name, problems)
    language = data.get("language") or "en"
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
        message = f"'language' must be a language code such as en or ko, not {language!r}"
        problems.append(Problem(name, line_of(data, "language"), message))
    assistant_id = data.get("assistant_id")
    if problems:
        raise ConfigError(problems)
    return ProjectConfig(
        language=str(language),
        pipeline=pipeline,
        policies=policies,
        assistant_id=str(assistant_id) if assistant_id is not None else None,
        path=name,
        extra={
            k: v
            for k, v in data.items()
            if k not in ("language", "pipeline", "policies", "assistant_id", "recipe")
        },
        recipe=str(data.get("recipe") or "default.v1"),
    )


def _components(
    data: dict[str, Any],
    key: str,
    path: str,
    problems: list[Problem],
) -> tuple[ComponentSpec, ...]:
    raw = data.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(
            Problem(path, line_of(data, key), f"'{key}' must be a list of '- name: ...' entries")
        )
        return ()
    out = []
    for i, item in enumerate(raw):
        line = line_of(raw, i)
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not item.get("name"):
            problems.append(Problem(path, line, f"each '{key}' entry needs a 'name'"))
            continue
        options = {str(k): _plain(v) for k, v in item.items() if k != "name"}
        out.append(ComponentSpec(str(item["name"]), options, SourceLocation(path, line)))
    return tuple(out)


def read_endpoints(path: Path | str) -> dict[str, Any]:
    """``endpoints.yml`` as a plain dict with ``${VAR}`` substituted; a missing file is ``{}``."""
    return _read_plain(path)


def read_credentials(path: Path | str) -> dict[str, Any]:
    """``credentials.yml`` as a plain dict with ``${VAR}`` substituted; a missing file is ``{}``."""
    return _read_plain(path)


def _read_plain(path: Path | str) -> dict[str, Any]:
    if not Path(path).is_file():
        return {}
    data, problems = _read(path)
    if problems:
        raise ConfigError(problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(
            Problem(str(path), line_of(data), f"must be a mapping, not {type_name(data)}")
        )
    out = _plain(data)
    missing = sorted(_missing_env(out))
    if missing:
        raise ConfigError(
            Problem(str(path), None, f"environment variable(s) not set: {', '.join(missing)}")
        )
    return _substitute(out)  # type: ignore[no-any-return]


def _read(path: Path | str) -> tuple[Any, list[Problem]]:
    try:
        return read_yaml(path)
    except TrainingDataError as err:
        if isinstance(err, ConfigError):
            raise
        raise ConfigError(err.problems) from err


def _plain(value: Any) -> Any:
    """Line-tracking containers → plain dicts and lists (what later code and JSON expect)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _missing_env(value: Any) -> set[str]:
    if isinstance(value, str):
        return {name for name in _ENV.findall(value) if name not in os.environ}
    if isinstance(value, dict):
        return set().union(*(_missing_env(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_missing_env(v) for v in value))
    return set()


def _substitute(value: Any) -> Any:
    if isinstance(value, str):
        return _ENV.sub(lambda m: os.environ[m.group(1)], value)
    if isinstance(value, dict):
        return {k: _substitute(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v) for v in value]
    return value
