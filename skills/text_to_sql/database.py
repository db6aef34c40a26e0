"""Read-only access to the user's database: SQLite (a file path) or PostgreSQL (a DSN).

SQLite is opened with ``mode=ro`` and ``PRAGMA query_only``; PostgreSQL sessions are
read-only, so even a query that slipped past the guard cannot change data. ``introspect``
reads tables, column types and foreign keys, and indexes the distinct values of text columns
with few of them (team names, positions), which question words are linked to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from skills.text_to_sql.errors import SchemaError
from skills.text_to_sql.schema import Column, ForeignKey, Schema, Table, column_kind

Row = tuple[Any, ...]
# table -> [(column, declared type)], and the foreign keys
Layout = tuple[dict[str, list[tuple[str, str]]], list[ForeignKey]]


class Database:
    """One read-only connection; ``dialect`` is ``sqlite`` or ``postgres`` (sqlglot's names)."""

    def __init__(
        self, location: str | Path, *, max_values: int = 200, max_numbers: int = 12
    ) -> None:
        self.location = str(location)
        self.max_values = max_values
        self.max_numbers = max_numbers
        if self.location.startswith(("postgresql://", "postgres://")):
            self.dialect = "postgres"
            self._conn: Any = _connect_postgres(self.location)
        else:
            self.dialect = "sqlite"
            self._conn = _connect_sqlite(Path(self.location))

    def close(self) -> None:
        self._conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[Row]]:
        """Column names and rows of one (already checked) query."""
        cursor = self._conn.cursor()
        try:
            cursor.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description or ()]
            return names, [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()
            if self.dialect == "postgres":
                self._conn.rollback()

    def introspect(self) -> Schema:
        """Tables, columns (typed), foreign keys and the value index of this database."""
        raw = _sqlite_layout(self) if self.dialect == "sqlite" else _postgres_layout(self)
        layout, foreign_keys = raw
        tables = []
        for table, columns in layout.items():
            built = []
            for name, declared in columns:
                kind = column_kind(declared)
                values = self._index_values(table, name, kind)
                built.append(Column(table, name, kind, (), values))
            tables.append(Table(table, tuple(built)))
        return Schema(tuple(tables), tuple(foreign_keys))

    def _index_values(self, table: str, column: str, kind: str) -> tuple[str, ...]:
        """Distinct values of a text column with at most ``max_values`` of them, or of a
        number column with at most ``max_numbers`` (seasons, rounds: not goals or prices)."""
        most = self.max_values if kind == "text" else self.max_numbers
        quoted = f'"{table}"."{column}"'
        sql = f'SELECT DISTINCT {quoted} FROM "{table}" WHERE {quoted} IS NOT NULL LIMIT {most + 1}'
        _, rows = self.execute(sql)
        if len(rows) > most:
            return ()
        return tuple(sorted(_text(r[0]) for r in rows if str(r[0]).strip()))


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _connect_sqlite(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise SchemaError(f"{path}: no such database file")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.Error as err:
        raise SchemaError(f"{path}: not a readable SQLite database ({err})") from err
    return conn


def _connect_postgres(dsn: str) -> Any:
    import psycopg

    try:
        conn = psycopg.connect(dsn, connect_timeout=5)
    except psycopg.Error as err:
        raise SchemaError(f"{_hide_password(dsn)}: cannot connect ({err})") from err
    conn.read_only = True
    return conn


def _hide_password(dsn: str) -> str:
    head, sep, tail = dsn.rpartition("@")
    return f"{head.split(':')[0]}:...@{tail}" if sep and ":" in head.split("//")[-1] else dsn


def _sqlite_layout(db: Database) -> Layout:
    _, rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    layout: dict[str, list[tuple[str, str]]] = {}
    keys: list[ForeignKey] = []
    for (table,) in rows:
        _, info = db.execute(f'PRAGMA table_info("{table}")')
        layout[table] = [(str(r[1]), str(r[2])) for r in info]
        _, fks = db.execute(f'PRAGMA foreign_key_list("{table}")')
        for fk in fks:
            ref_column = fk[4] if fk[4] else "rowid"
            keys.append(ForeignKey(table, str(fk[3]), str(fk[2]), str(ref_column)))
    return layout, keys


def _postgres_layout(db: Database) -> Layout:
    _, rows = db.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    )
    layout: dict[str, list[tuple[str, str]]] = {}
    for table, column, declared in rows:
        layout.setdefault(str(table), []).append((str(column), str(declared)))
    _, fks = db.execute(
        "SELECT kcu.table_name, kcu.column_name, ccu.table_name, ccu.column_name "
        "FROM information_schema.table_constraints tc "
        "JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name "
        "JOIN information_schema.constraint_column_usage ccu "
        "ON tc.constraint_name = ccu.constraint_name "
        "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'"
    )
    keys = [ForeignKey(str(a), str(b), str(c), str(d)) for a, b, c, d in fks]
    return layout, keys
