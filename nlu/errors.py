"""Errors of the NLU pipeline.

    NLUError
     ├── NLUOptionsError   an unknown option key for a component (the core adds file and line)
     └── NLUModelError     a persisted component that is missing, corrupt or mismatched
"""

from __future__ import annotations

from collections.abc import Iterable


class NLUError(Exception):
    """Base of every error the NLU package raises on purpose."""


class NLUOptionsError(NLUError):
    """An option key that a component does not know; ``key`` is what the core reports."""

    def __init__(self, component: str, key: str, known: Iterable[str]) -> None:
        self.component = component
        self.key = key
        self.known = tuple(sorted(known))
        super().__init__(
            f"unknown option '{key}' for component '{component}'; "
            f"known: {', '.join(self.known) or '(none)'}"
        )


class NLUModelError(NLUError):
    """A persisted component that cannot be loaded or does not fit the data it is given."""
