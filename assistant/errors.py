"""Errors of the core. Every message names what failed and where (file and line when known).

AssistantError
 ├── ConfigError            config.yml, endpoints.yml, credentials.yml, component options
 ├── TrainingDataError      domain, nlu, stories, rules: every problem of a run at once
 ├── ModelLoadError         a model archive that is missing, corrupt or too old
 ├── ActionError            an action that failed while running
 └── ConversationError      a request the dialogue cannot honour (unknown action, ...)
"""

from __future__ import annotations

from dataclasses import dataclass


class AssistantError(Exception):
    """Base of every error the framework raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem in one file: prints as ``data/nlu.yml:42: entity '[x(food)' is not closed``."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class TrainingDataError(AssistantError):
    """One or more problems in project files; ``problems`` lists each with file and line."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        first = self.problems[0] if self.problems else Problem("?", None, "unknown problem")
        self.path, self.line, self.text = first.path, first.line, first.message
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = "\n".join(f"  {p}" for p in self.problems)
        return f"{len(self.problems)} problems found:\n{lines}"


class ConfigError(TrainingDataError):
    """A problem in config.yml (or endpoints/credentials), same shape as ``TrainingDataError``."""


class ModelLoadError(AssistantError):
    """A trained model that cannot be loaded."""


class ActionError(AssistantError):
    """An action failed while running."""


class ConversationError(AssistantError):
    """A request the dialogue cannot honour."""
