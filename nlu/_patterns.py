"""Regex and lookup-table patterns of the training data, compiled once for several components."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.shared import TrainingData
from nlu.errors import NLUModelError


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
