"""Regex and lookup-table patterns of the training data, compiled once for several components,
and ``PatternComponent``, what the regex featurizer and the regex entity extractor share."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.shared import TrainingData
from nlu._options import build_options, load_options, read_json, save_options, write_json
from nlu.errors import NLUModelError

PATTERNS_FILE = "patterns.json"


@dataclass(frozen=True)
class Pattern:
    """A named regular expression: a ``regex:`` entry, or a lookup table as an alternation."""

    name: str
    pattern: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "pattern": self.pattern}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Pattern:
        return cls(name=str(data["name"]), pattern=str(data["pattern"]))


def lookup_pattern(elements: tuple[str, ...] | list[str], word_boundaries: bool = True) -> str:
    """One alternation of the escaped elements, longest first so the longest match wins."""
    items = sorted({e.strip() for e in elements if e.strip()}, key=lambda e: (-len(e), e))
    body = "|".join(re.escape(e) for e in items)
    if not word_boundaries:
        return f"(?:{body})"
    # a Korean word may carry a particle or ending right after it ("불꽃이요", "한빛이랑"),
    # so after Hangul only a Latin letter or digit ends the match early
    return rf"(?<!\w)(?:{body})(?:(?<=[가-힣])(?![A-Za-z0-9_])|(?<![가-힣])\b)"


def extract_patterns(
    training_data: TrainingData,
    use_regexes: bool = True,
    use_lookup_tables: bool = True,
    use_word_boundaries: bool = True,
    only_names: set[str] | None = None,
) -> list[Pattern]:
    """The data's regexes then lookup tables, optionally only those named in ``only_names``."""
    patterns: list[Pattern] = []
    if use_regexes:
        patterns += [Pattern(r.name, r.pattern) for r in training_data.regexes]
    if use_lookup_tables:
        patterns += [
            Pattern(t.name, lookup_pattern(t.elements, use_word_boundaries))
            for t in training_data.lookups
            if any(e.strip() for e in t.elements)
        ]
    if only_names is not None:
        patterns = [p for p in patterns if p.name in only_names]
    return patterns


def compile_patterns(
    component: str, patterns: list[Pattern], case_sensitive: bool
) -> list[re.Pattern[str]]:
    flags = 0 if case_sensitive else re.IGNORECASE
    compiled = []
    for p in patterns:
        try:
            compiled.append(re.compile(p.pattern, flags))
        except re.error as err:
            raise NLUModelError(
                f"{component}: regex '{p.name}' does not compile: {p.pattern!r}: {err}"
            ) from err
    return compiled


class PatternComponent:
    """A component whose model is the data's patterns: learnt in ``train``, saved as JSON.

    Subclasses set ``name`` and an ``Options`` dataclass with ``case_sensitive``,
    ``use_regexes``, ``use_lookup_tables`` and ``use_word_boundaries``.
    """

    name: ClassVar[str]
    Options: ClassVar[type[Any]]

    def __init__(self, options: Any, patterns: list[Pattern]) -> None:
        self.options = options
        self.patterns = patterns
        self._compiled = compile_patterns(self.name, patterns, options.case_sensitive)

    @classmethod
    def create(cls, options: Mapping[str, Any]) -> Self:
        return cls(build_options(cls.name, cls.Options, options), [])

    def learn_patterns(self, training_data: TrainingData, only_names: set[str] | None) -> None:
        o = self.options
        self.patterns = extract_patterns(
            training_data, o.use_regexes, o.use_lookup_tables, o.use_word_boundaries, only_names
        )
        self._compiled = compile_patterns(self.name, self.patterns, o.case_sensitive)

    def compiled(self) -> list[tuple[Pattern, re.Pattern[str]]]:
        return list(zip(self.patterns, self._compiled, strict=True))

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        write_json(directory / PATTERNS_FILE, [p.to_json() for p in self.patterns])

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        opts = load_options(cls.name, cls.Options, directory, options)
        data = read_json(cls.name, directory / PATTERNS_FILE)
        return cls(opts, [Pattern.from_json(p) for p in data])
