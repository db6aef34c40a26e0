"""The shape of a database the skill answers about: tables, typed columns, foreign keys.

A ``Schema`` is plain data. ``skills.text_to_sql.database`` reads one from SQLite or
PostgreSQL, ``skills.text_to_sql.names`` adds Korean and English names from a YAML file, and
low-cardinality text columns carry their distinct ``values`` so a question's words can be
linked to them ("서울 FC" is a value of ``teams.name``).
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field, replace

_NUMERIC_TYPES = re.compile(r"INT|REAL|FLOA|DOUB|NUM|DEC", re.IGNORECASE)


def column_kind(declared_type: str) -> str:
    """``number`` for SQL numeric types (by SQLite's affinity rules), else ``text``."""
    return "number" if _NUMERIC_TYPES.search(declared_type or "") else "text"


def split_identifier(name: str) -> str:
    """``home_team`` and ``homeTeam`` -> ``home team``."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return re.sub(r"[_\s]+", " ", spaced).strip().lower()


def _phrases(identifier: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Every way to name a table or column: the given names, then the identifier in words."""
    spelled = split_identifier(identifier)
    return names + (() if spelled in names else (spelled,))


def _label(phrases: tuple[str, ...], language: str) -> str:
    """The first name in ``language`` (Hangul for ``ko``), else the first name at all."""
    for name in phrases:
        if _is_korean(name) == (language == "ko"):
            return name
    return phrases[0]


@dataclass(frozen=True)
class Column:
    """One column; ``names`` are its Korean and English names and synonyms."""

    table: str
    name: str
    kind: str = "text"
    names: tuple[str, ...] = ()
    values: tuple[str, ...] = ()

    @property
    def qualified(self) -> str:
        return f"{self.table}.{self.name}"

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    def phrases(self) -> tuple[str, ...]:
        return _phrases(self.name, self.names)

    def label(self, language: str = "ko") -> str:
        return _label(self.phrases(), language)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    names: tuple[str, ...] = ()

    def phrases(self) -> tuple[str, ...]:
        return _phrases(self.name, self.names)

    def label(self, language: str = "ko") -> str:
        return _label(self.phrases(), language)


@dataclass(frozen=True)
class ForeignKey:
    """``table.column`` references ``ref_table.ref_column``."""

    table: str
    column: str
    ref_table: str
    ref_column: str


@dataclass(frozen=True)
class Schema:
    tables: tuple[Table, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    _by_name: dict[str, Column] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for table in self.tables:
            for column in table.columns:
                self._by_name[column.qualified] = column

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for t in self.tables for c in t.columns)

    def column(self, qualified: str) -> Column:
        return self._by_name[qualified]

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def has_column(self, table: str, column: str) -> bool:
        return f"{table}.{column}" in self._by_name

    def is_key(self, column: Column) -> bool:
        """Is ``column`` an id or either end of a foreign key? Nobody asks for those."""
        name = column.name.lower()
        return (
            name == "id"
            or name.endswith("_id")
            or any(
                (fk.table, fk.column) == (column.table, column.name)
                or (fk.ref_table, fk.ref_column) == (column.table, column.name)
                for fk in self.foreign_keys
            )
        )

    def with_tables(self, tables: tuple[Table, ...]) -> Schema:
        return replace(self, tables=tables, _by_name={})

    def reach(self, table: str) -> frozenset[str]:
        """``table`` and the tables its rows refer to, two foreign keys on at most: a visit,
        its doctor and patient; a rental, its bike and the bike's station."""
        reached, frontier = {table}, {table}
        for _ in range(2):
            frontier = {fk.ref_table for fk in self.foreign_keys if fk.table in frontier}
            frontier -= reached
            reached |= frontier
        return frozenset(reached)

    def join_path(self, start: str, goal: str) -> list[ForeignKey] | None:
        """The shortest chain of foreign keys from table ``start`` to ``goal`` (either way)."""
        seen = {start}
        queue: deque[tuple[str, list[ForeignKey]]] = deque([(start, [])])
        while queue:
            here, path = queue.popleft()
            if here == goal:
                return path
            for fk in self.foreign_keys:
                for a, b in ((fk.table, fk.ref_table), (fk.ref_table, fk.table)):
                    if a == here and b not in seen:
                        seen.add(b)
                        queue.append((b, [*path, fk]))
        return None


def _is_korean(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)
