"""Linking question words to the database: which column's value does the question mention?

Each column's indexed values are looked for in the question's compact form; the longest match
per column wins, with its span in the question. Values that are plain numbers link only to a
whole number in the question ("10" is not found inside "2010"), and a one-syllable value only
as a morpheme of its own ("시" is a title in "시의 관람료", not in "상영 시간").
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.text_to_sql.schema import Column
from skills.text_to_sql.text import compact, compact_form, number_text, numbers, tokenize


@dataclass(frozen=True)
class Link:
    """``value`` (as stored in the database) of ``column`` is mentioned at ``start:end``."""

    column: str
    value: str
    start: int
    end: int


class ValueIndex:
    """The compact forms of every indexed value, longest first, per column."""

    def __init__(self, columns: tuple[Column, ...]) -> None:
        self._entries: list[tuple[str, str, str]] = []  # (column, compact, value)
        self._numeric: dict[str, list[tuple[str, str]]] = {}  # number -> (column, value)
        for column in columns:
            for value in column.values:
                try:
                    key = number_text(float(value))
                except ValueError:
                    squeezed = compact_form(value)
                    if len(squeezed) >= 2 or (squeezed and not squeezed.isascii()):
                        self._entries.append((column.qualified, squeezed, value))
                    continue
                self._numeric.setdefault(key, []).append((column.qualified, value))
        self._entries.sort(key=lambda e: -len(e[1]))

    def link(self, question: str) -> dict[str, Link]:
        """The longest mention of each column's values in ``question``."""
        squeezed, positions = compact(question)
        links: dict[str, Link] = {}
        words: dict[str, tuple[int, int]] | None = None
        for column, value_form, value in self._entries:
            if column in links:
                continue
            if len(value_form) == 1:  # one syllable ("시"): only as a word of its own, not in 시간
                if words is None:
                    words = {t.text.lower(): (t.start, t.end) for t in reversed(tokenize(question))}
                if value_form not in words:
                    continue
                links[column] = Link(column, value, *words[value_form])
                continue
            at = squeezed.find(value_form)
            if at < 0:
                continue
            start, end = positions[at], positions[at + len(value_form) - 1] + 1
            links[column] = Link(column, value, start, end)
        for number, start, end in numbers(question):
            for column, value in self._numeric.get(number_text(number), []):
                if column not in links:
                    links[column] = Link(column, value, start, end)
        return links
