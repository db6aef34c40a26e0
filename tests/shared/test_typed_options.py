"""typed_options: option values checked against (and converted to) their declared types."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pytest

from assistant.shared.options import OptionValueError, typed_options


@dataclass(frozen=True)
class Options:
    epochs: int = 10
    threshold: float = 0.3
    calibrate: bool = True
    layers: tuple[int, ...] | None = None
    mode: Literal["uniform", "confusion"] = "uniform"
    names: list[str] = field(default_factory=list)


def test_defaults_and_lax_conversions() -> None:
    assert typed_options(Options, {}) == Options()
    options = typed_options(Options, {"threshold": 1, "layers": [3, 4], "epochs": 5.0})
    assert options == Options(epochs=5, threshold=1.0, layers=(3, 4))
    assert isinstance(options.threshold, float) and isinstance(options.layers, tuple)


@pytest.mark.parametrize(
    ("values", "key", "shown"),
    [
        ({"epochs": "ten"}, "epochs", "'ten'"),
        ({"epochs": 2.5}, "epochs", "2.5"),
        ({"calibrate": "maybe"}, "calibrate", "'maybe'"),
        ({"mode": "hard"}, "mode", "'hard'"),
        ({"names": "greet"}, "names", "'greet'"),
        ({"layers": [3, "x"]}, "layers.1", "'x'"),
    ],
)
def test_a_value_that_does_not_fit_names_its_option(
    values: dict[str, object], key: str, shown: str
) -> None:
    with pytest.raises(OptionValueError) as info:
        typed_options(Options, values)
    assert info.value.key == key
    assert str(info.value).startswith(f"option '{key}': ")
    assert str(info.value).endswith(f", not {shown}")
