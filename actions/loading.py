"""Finding a project's actions: every ``Action`` subclass defined in a package's modules."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

from actions.api import Action, FormValidationAction


class ActionLoadError(Exception):
    """The actions package cannot be imported, or two actions share a name."""


def _modules(package: ModuleType) -> list[ModuleType]:
    found = [package]
    for info in pkgutil.walk_packages(getattr(package, "__path__", []), package.__name__ + "."):
        found.append(importlib.import_module(info.name))
    return found


def load_actions(package_name: str) -> dict[str, Action]:
    try:
        package = importlib.import_module(package_name)
        modules = _modules(package)
    except Exception as err:
        raise ActionLoadError(f"cannot import actions package '{package_name}': {err}") from err
    actions: dict[str, Action] = {}
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, Action) or cls in (Action, FormValidationAction):
                continue
            if cls.__module__ != module.__name__ or inspect.isabstract(cls):
                continue
            action = cls()
            name = action.name()
            if name in actions and type(actions[name]) is not cls:
                raise ActionLoadError(
                    f"two actions are called '{name}': "
                    f"{type(actions[name]).__name__} and {cls.__name__}"
                )
            actions[name] = action
    return actions
