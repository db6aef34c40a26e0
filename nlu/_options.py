"""A component's ``Options``: built from config.yml (unknown keys, value types and ranges are
errors naming the option), saved as options.json and loaded back; ``OptionsOnly`` does all three
for a component whose whole state is its options."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

from assistant.shared.options import OptionValueError, typed_options
from nlu.errors import NLUModelError, NLUOptionsError, NLUOptionValueError

T = TypeVar("T")

# Keys the core may leave in a pipeline item; they are not knobs of the component.
_IGNORED_KEYS = frozenset({"name"})
OPTIONS_FILE = "options.json"


def build_options(component: str, options_cls: type[T], options: Mapping[str, Any]) -> T:
    """``options_cls(**options)``, raising ``NLUOptionsError`` for the first unknown key and
    ``NLUOptionValueError`` for the first value that does not fit its field's type."""
    known = {f.name for f in dataclasses.fields(options_cls)}  # type: ignore[arg-type]
    for key in options:
        if key not in known and key not in _IGNORED_KEYS:
            raise NLUOptionsError(component, str(key), known)
    values = {k: v for k, v in options.items() if k in known}
    try:
        return typed_options(options_cls, values)
    except OptionValueError as err:
        raise NLUOptionValueError(component, err.key, str(err)) from None


def save_options(directory: Path, options: Any) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    data = dataclasses.asdict(options)
    (directory / OPTIONS_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def read_json(component: str, path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise NLUModelError(f"{component}: cannot read {path}: {err}") from err


def load_options(
    component: str, options_cls: type[T], directory: Path, options: Mapping[str, Any]
) -> T:
    """The options a component was trained with (options.json), overlaid with ``options``."""
    path = directory / OPTIONS_FILE
    saved = read_json(component, path) if path.exists() else {}
    return build_options(component, options_cls, {**saved, **options})


# What an option's value may be: a test and the words an error uses for it. None ("automatic")
# always passes.
RANGES: dict[str, tuple[Callable[[float], bool], str]] = {
    "count": (lambda v: v >= 1, "at least 1"),
    "non_negative": (lambda v: v >= 0, "at least 0"),
    "fraction": (lambda v: 0 <= v < 1, "within 0 (included) and 1"),
    "unit": (lambda v: 0 <= v <= 1, "within 0 and 1"),
}
# The StarSpace models' (intent_classifier, response_selector)
STARSPACE_RANGES = {
    **dict.fromkeys(
        ("epochs", "embedding_dim", "hidden_size", "batch_size", "negatives", "towers"), "count"
    ),
    "dropout": "fraction",
    "label_smoothing": "fraction",
}


def check_ranges(component: str, options: Any, ranges: Mapping[str, str]) -> None:
    """``NLUOptionValueError`` for the first option whose value is outside its range (a key of
    ``RANGES``)."""
    for key, kind in ranges.items():
        value = getattr(options, key)
        test, words = RANGES[kind]
        if value is not None and not test(value):
            raise NLUOptionValueError(
                component, key, f"option '{key}' must be {words}, not {value}"
            )


class OptionsOnly:
    """``create``, ``persist`` and ``load`` for a component whose whole state is its options
    (rule-based, or pretrained elsewhere): it persists options.json and nothing else, and loads
    with the options it was trained with, overlaid with the pipeline's."""

    name: ClassVar[str]
    Options: ClassVar[type[Any]]
    options: Any

    def __init__(self, options: Any) -> None:
        self.options = options

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options))

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        return cls(load_options(cls.name, cls.Options, directory, options))
