"""WikiSQL's JSONL format: questions and tables in, ``Example``s out, and its two scores.

Each WikiSQL table becomes a one-table ``Schema`` named ``t`` with columns ``c0, c1, ...``
whose name is the header and whose values are the cells (every cell is linkable). Execution
accuracy runs gold and predicted queries on an in-memory SQLite copy of the table (text
lowercased on both sides, as WikiSQL's own engine compares); logical-form accuracy compares
select column, aggregate and the set of conditions.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skills.text_to_sql.errors import SchemaError, TextToSQLError
from skills.text_to_sql.query import Condition, Example, Query, quote_identifier, to_sql
from skills.text_to_sql.schema import Column, Schema, Table
from skills.text_to_sql.text import compact_form, number_text

WIKISQL_AGGREGATES = ("", "max", "min", "count", "sum", "avg")
WIKISQL_OPERATORS = ("=", ">", "<")
TABLE = "t"


@dataclass(frozen=True)
class WikiTable:
    schema: Schema
    rows: list[list[Any]]


def _jsonl(path: Path, strict: bool = True) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as err:
        raise SchemaError(f"{path}: cannot read ({err.strerror})") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            if not strict:
                continue
            raise SchemaError(f"{path}:{number}: not valid JSON ({err.msg})") from err


def _cell_text(cell: Any) -> str:
    return number_text(cell) if isinstance(cell, int | float) else str(cell)


def read_tables(path: Path, strict: bool = True) -> dict[str, WikiTable]:
    """Tables by id; ``strict=False`` skips lines that are not valid JSON."""
    tables: dict[str, WikiTable] = {}
    for number, raw in _jsonl(path, strict):
        try:
            header, rows, table_id = raw["header"], raw["rows"], str(raw["id"])
        except KeyError as err:
            if not strict:
                continue
            raise SchemaError(f"{path}:{number}: a table needs field {err}") from err
        types = raw.get("types") or [_infer_type(rows, i) for i in range(len(header))]
        columns = []
        for i, name in enumerate(header):
            kind = "number" if types[i] == "real" else "text"
            values = tuple(dict.fromkeys(_cell_text(r[i]) for r in rows if _cell_text(r[i])))
            columns.append(Column(TABLE, f"c{i}", kind, (str(name),), values))
        tables[table_id] = WikiTable(Schema((Table(TABLE, tuple(columns)),)), rows)
    return tables


def _infer_type(rows: list[list[Any]], index: int) -> str:
    """``real`` when every cell of the column is a number (for tables without ``types``)."""
    try:
        for row in rows:
            float(str(row[index]).replace(",", ""))
    except (ValueError, IndexError):
        return "text"
    return "real" if rows else "text"


def to_query(sql: dict[str, Any], schema: Schema) -> Query:
    """WikiSQL's ``{sel, agg, conds}`` as a ``Query``."""
    conditions = tuple(
        Condition(f"{TABLE}.c{col}", WIKISQL_OPERATORS[op], _cell_text(value))
        for col, op, value in sql["conds"]
    )
    select = f"{TABLE}.c{sql['sel']}"
    return Query(select, WIKISQL_AGGREGATES[sql["agg"]], conditions)


def read_questions(path: Path, tables: dict[str, WikiTable], strict: bool = True) -> list[Example]:
    """Questions as ``Example``s; ``strict=False`` skips those whose table was skipped."""
    examples = []
    for number, raw in _jsonl(path, strict):
        if not strict and str(raw.get("table_id")) not in tables:
            continue
        try:
            table = tables[str(raw["table_id"])]
            query = to_query(raw["sql"], table.schema)
            examples.append(Example(str(raw["question"]).strip(), query, table.schema))
        except KeyError as err:
            raise SchemaError(f"{path}:{number}: unknown table or missing field {err}") from err
        except (IndexError, TypeError) as err:
            raise SchemaError(f"{path}:{number}: malformed sql ({err})") from err
    return examples


def read_wikisql(
    questions: Path, tables: Path, strict: bool = True
) -> tuple[list[Example], dict[str, WikiTable]]:
    read = read_tables(tables, strict)
    return read_questions(questions, read, strict), read


class TableExecutor:
    """Runs queries on in-memory SQLite copies of WikiSQL tables (built once per table)."""

    def __init__(self, tables: dict[str, WikiTable]) -> None:
        self._by_schema = {id(t.schema): t for t in tables.values()}
        self._conn = sqlite3.connect(":memory:")
        self._names: dict[int, str] = {}

    def _table_name(self, schema: Schema) -> str:
        key = id(schema)
        if key not in self._names:
            table = self._by_schema[key]
            name = f"t{len(self._names)}"
            columns = schema.tables[0].columns
            kinds = ", ".join(
                f"{quote_identifier(c.name)} {'REAL' if c.is_number else 'TEXT'}" for c in columns
            )
            self._conn.execute(f"CREATE TABLE {name} ({kinds})")
            rows = [[_stored(c, r[i]) for i, c in enumerate(columns)] for r in table.rows]
            marks = ", ".join("?" for _ in columns)
            self._conn.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
            self._names[key] = name
        return self._names[key]

    def execute(self, query: Query, schema: Schema) -> list[Any] | None:
        """The sorted result rows, or None when the query fails."""
        lowered = Query(
            query.select,
            query.agg,
            tuple(
                Condition(c.column, c.op, c.value.lower() if isinstance(c.value, str) else c.value)
                for c in query.conditions
            ),
        )
        try:
            sql = to_sql(lowered, schema)
            sql = sql.replace(f"{quote_identifier(TABLE)}.", "")
            sql = sql.replace(f"FROM {quote_identifier(TABLE)}", f"FROM {self._table_name(schema)}")
            rows = self._conn.execute(sql).fetchall()
        except (sqlite3.Error, TextToSQLError):
            return None
        return sorted((_comparable(r) for r in rows), key=repr)

    def run(self, schema: Schema, query: Query) -> list[Any] | None:
        """``execute`` with the schema first (to bind it with ``functools.partial``)."""
        return self.execute(query, schema)


def _stored(column: Column, cell: Any) -> Any:
    if column.is_number:
        try:
            return float(str(cell).replace(",", ""))
        except ValueError:
            return str(cell).lower()
    return _cell_text(cell).lower()


def _comparable(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(round(v, 4) if isinstance(v, float) else v for v in row)


def same_logical_form(predicted: Query, gold: Query) -> bool:
    def conds(q: Query) -> set[tuple[str, str, str]]:
        return {(c.column, c.op, _normal(c.value)) for c in q.conditions}

    return (predicted.select, predicted.agg) == (gold.select, gold.agg) and conds(
        predicted
    ) == conds(gold)


def _normal(value: str | float) -> str:
    if isinstance(value, float):
        return number_text(value)
    try:
        return number_text(float(value.replace(",", "")))
    except ValueError:
        return compact_form(value)
