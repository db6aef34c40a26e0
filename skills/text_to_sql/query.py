"""The structured query a question is parsed into, and the SQL it stands for.

    Query(select="players.name", conditions=(Condition("teams.name", "=", "서울 FC"),))
    -> SELECT "players"."name" FROM "players" JOIN "teams" ON ... WHERE "teams"."name" = '서울 FC'

A ``Query`` is richer than WikiSQL's sketch (one column, one aggregate, AND-ed conditions): it
adds GROUP BY, ORDER BY ... LIMIT and joins, which are not chosen but implied: every table a
column belongs to is joined along the shortest chain of foreign keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills.text_to_sql.errors import ParseError
from skills.text_to_sql.schema import ForeignKey, Schema

AGGREGATES = ("", "count", "sum", "avg", "min", "max")
OPERATORS = ("=", ">", "<", "between", "like", ">=", "<=")
ORDER_BY_AGGREGATE = "@aggregate"
_NUMBER = re.compile(r"-?\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass(frozen=True)
class Condition:
    """``column op value``; ``between`` also uses ``high``, ``like`` matches a substring, or
    with ``%`` at one end a prefix ("김%": 김씨 성) or a suffix ("%수": 수로 끝나는)."""

    column: str
    op: str
    value: str | float
    high: str | float | None = None


@dataclass(frozen=True)
class Query:
    """``select`` is a qualified column, or None for ``*`` (with ``count``); ``also``: more
    columns asked beside it, without an aggregate ("지역이랑 대표 이름 같이")."""

    select: str | None
    agg: str = ""
    conditions: tuple[Condition, ...] = ()
    group_by: str | None = None
    order_by: str | None = None
    descending: bool = True
    limit: int | None = None
    also: tuple[str, ...] = ()

    def columns(self) -> list[str]:
        used = [self.select, *self.also, self.group_by, *(c.column for c in self.conditions)]
        if self.order_by != ORDER_BY_AGGREGATE:
            used.append(self.order_by)
        return [c for c in used if c]


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str | float) -> str:
    if isinstance(value, int | float):
        number = float(value)
        return repr(int(number)) if number.is_integer() else repr(number)
    return "'" + value.replace("'", "''") + "'"


def _column_sql(qualified: str) -> str:
    table, _, column = qualified.partition(".")
    return f"{quote_identifier(table)}.{quote_identifier(column)}"


def _value(schema: Schema, column: str, value: str | float) -> str:
    if schema.column(column).is_number and isinstance(value, str):
        found = _NUMBER.search(value)
        return literal(float(found.group().replace(",", ""))) if found else literal(value)
    return literal(value)


def _condition_sql(schema: Schema, cond: Condition) -> str:
    column = _column_sql(cond.column)
    if cond.op == "between":
        high = cond.value if cond.high is None else cond.high
        low_sql, high_sql = (
            _value(schema, cond.column, cond.value),
            _value(schema, cond.column, high),
        )
        return f"{column} BETWEEN {low_sql} AND {high_sql}"
    if cond.op == "like":
        return f"{column} LIKE {literal(like_pattern(str(cond.value)))}"
    if cond.op not in OPERATORS:
        raise ParseError(f"unknown operator {cond.op!r}")
    return f"{column} {cond.op} {_value(schema, cond.column, cond.value)}"


def like_pattern(value: str) -> str:
    """The LIKE pattern of a condition's value: anchored where it says so ("김%"), else
    anywhere ("바다" -> "%바다%")."""
    anchored = value.startswith("%") != value.endswith("%") and value.strip("%")
    return value if anchored else f"%{value.strip('%')}%"


def _joins(schema: Schema, base: str, tables: list[str]) -> list[str]:
    joined, clauses = {base}, []
    for table in tables:
        if table in joined:
            continue
        path = schema.join_path(base, table)
        if path is None:
            raise ParseError(f"no foreign key joins {base} and {table}")
        for fk in path:
            new = _new_side(fk, joined)
            if new is None:
                continue
            on = (
                f"{_column_sql(f'{fk.table}.{fk.column}')} = "
                f"{_column_sql(f'{fk.ref_table}.{fk.ref_column}')}"
            )
            clauses.append(f"JOIN {quote_identifier(new)} ON {on}")
            joined.add(new)
    return clauses


def _new_side(fk: ForeignKey, joined: set[str]) -> str | None:
    if fk.table in joined and fk.ref_table not in joined:
        return fk.ref_table
    if fk.ref_table in joined and fk.table not in joined:
        return fk.table
    return None


def joinable(query: Query, schema: Schema) -> Query:
    """``query`` without the conditions, grouping or ordering on tables that no chain of
    foreign keys joins to the selected column's table (they cannot be meant together)."""
    if query.select is None:
        return query
    base = query.select.partition(".")[0]

    def ok(column: str | None) -> bool:
        return column is None or schema.join_path(base, column.partition(".")[0]) is not None

    keep_order = query.order_by == ORDER_BY_AGGREGATE or ok(query.order_by)
    return Query(
        query.select,
        query.agg,
        tuple(c for c in query.conditions if ok(c.column)),
        query.group_by if ok(query.group_by) else None,
        query.order_by if keep_order else None,
        query.descending,
        query.limit if keep_order else None,
        tuple(c for c in query.also if ok(c)),
    )


def to_sql(query: Query, schema: Schema) -> str:
    """The SQL text of ``query`` (SQLite's syntax, which the guard transpiles)."""
    if query.agg not in AGGREGATES:
        raise ParseError(f"unknown aggregate {query.agg!r}")
    target = _column_sql(query.select) if query.select else "*"
    if query.select is None and query.agg != "count":
        raise ParseError("only COUNT may select *")
    aggregate = f"{query.agg.upper()}({target})" if query.agg else target
    items = [aggregate, *(_column_sql(c) for c in query.also)]
    if query.group_by:
        items.insert(0, _column_sql(query.group_by))
    tables = list(dict.fromkeys(c.partition(".")[0] for c in query.columns()))
    if not tables:
        tables = [schema.tables[0].name]
    parts = [f"SELECT {', '.join(items)}", f"FROM {quote_identifier(tables[0])}"]
    parts += _joins(schema, tables[0], tables[1:])
    if query.conditions:
        parts.append("WHERE " + " AND ".join(_condition_sql(schema, c) for c in query.conditions))
    if query.group_by:
        parts.append(f"GROUP BY {_column_sql(query.group_by)}")
    if query.order_by:
        key = aggregate if query.order_by == ORDER_BY_AGGREGATE else _column_sql(query.order_by)
        parts.append(f"ORDER BY {key} {'DESC' if query.descending else 'ASC'}")
    if query.limit is not None:
        parts.append(f"LIMIT {int(query.limit)}")
    return " ".join(parts)


@dataclass(frozen=True)
class Example:
    """One training or test pair: a question about ``schema`` and the query it means."""

    question: str
    query: Query
    schema: Schema
