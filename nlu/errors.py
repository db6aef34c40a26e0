"""Errors of the NLU pipeline.

NLUError
 ├── NLUOptionsError       an unknown option key for a component (the core adds file and line)
 ├── NLUOptionValueError   an option value that does not fit its declared type
 ├── NLUModelError         a persisted component that is missing, corrupt or mismatched
 └── NLUTrainingError      a component of a pipeline that could not train (its place in it)
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


class NLUOptionValueError(NLUError):
    """An option whose value does not fit the type its ``Options`` field declares."""

    def __init__(self, component: str, key: str, message: str) -> None:
        self.component = component
        self.key = key
        super().__init__(f"{component}: {message}")


class NLUModelError(NLUError):
    """A persisted component that cannot be loaded or does not fit the data it is given."""


class NLUTrainingError(NLUError):
    """The pipeline's component at ``index`` (``component`` its name) could not train on the
    data as configured; its own error is ``error`` (also the ``__cause__``) and the message."""

    def __init__(self, index: int, component: str, error: NLUError) -> None:
        self.index = index
        self.component = component
        self.error = error
        super().__init__(str(error))
