"""Every query is checked with sqlglot before it runs, whoever wrote it.

It must be one SELECT statement; it may read only the schema's tables and columns and call
only plain functions (aggregates, ``lower``, ``cast``, ...); a row LIMIT is added or lowered to
``max_rows``; and the checked tree is written out in the target dialect. The connection is
read-only as well (``skills.text_to_sql.database``), so this is the second lock on the door.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from skills.text_to_sql.errors import UnsafeQueryError
from skills.text_to_sql.schema import Schema

_ALLOWED_FUNCTIONS: tuple[type[exp.Expression], ...] = (
    exp.Count,
    exp.Sum,
    exp.Avg,
    exp.Min,
    exp.Max,
    exp.Lower,
    exp.Upper,
    exp.Cast,
    exp.Abs,
    exp.Round,
    exp.Coalesce,
    exp.Length,
    exp.Distinct,
)
_WRITES: tuple[type[exp.Expression], ...] = (
    exp.Insert,
    exp.Update,
    exp.Delete,
    exp.Drop,
    exp.Create,
    exp.Alter,
    exp.Command,
    exp.Merge,
    exp.TruncateTable,
    exp.Into,
)


def check_query(
    sql: str, schema: Schema, *, dialect: str = "sqlite", read: str = "sqlite", max_rows: int = 100
) -> str:
    """The safe SQL to run in ``dialect``, or ``UnsafeQueryError`` saying what is wrong."""
    try:
        statements = [s for s in sqlglot.parse(sql, read=read) if s is not None]
    except SqlglotError as err:
        raise UnsafeQueryError("not valid SQL", sql) from err
    if len(statements) != 1:
        raise UnsafeQueryError("exactly one statement is allowed", sql)
    tree = statements[0]
    if not isinstance(tree, exp.Select):
        raise UnsafeQueryError("only SELECT statements are allowed", sql)
    for node in tree.walk():
        if isinstance(node, _WRITES):
            raise UnsafeQueryError("the query would write", sql)
        if isinstance(node, exp.Func) and not isinstance(
            node, _ALLOWED_FUNCTIONS + (exp.Connector,)
        ):
            name = node.name if isinstance(node, exp.Anonymous) else node.sql_name()
            raise UnsafeQueryError(f"function {name} is not allowed", sql)
    _check_names(tree, schema, sql)
    _enforce_limit(tree, max_rows)
    return tree.sql(dialect=dialect)


def _check_names(tree: exp.Expression, schema: Schema, sql: str) -> None:
    known = {t.name.lower(): t.name for t in schema.tables}
    aliases: dict[str, str] = {}
    for table in tree.find_all(exp.Table):
        if table.db or table.catalog:
            raise UnsafeQueryError(f"table {table.sql()} is outside the database", sql)
        if table.name.lower() not in known:
            raise UnsafeQueryError(f"unknown table {table.name}", sql)
        aliases[(table.alias_or_name).lower()] = known[table.name.lower()]
    select_aliases = {a.alias.lower() for a in tree.find_all(exp.Alias)}
    for column in tree.find_all(exp.Column):
        name = column.name
        if isinstance(column.this, exp.Star):
            continue
        owners = [aliases[column.table.lower()]] if column.table else list(aliases.values())
        if column.table and column.table.lower() not in aliases:
            raise UnsafeQueryError(f"unknown table {column.table}", sql)
        if not any(_has_column(schema, t, name) for t in owners):
            if not column.table and name.lower() in select_aliases:
                continue
            raise UnsafeQueryError(f"unknown column {name}", sql)


def _has_column(schema: Schema, table: str, column: str) -> bool:
    return any(c.name.lower() == column.lower() for c in schema.table(table).columns)


def _enforce_limit(tree: exp.Select, max_rows: int) -> None:
    limit = tree.args.get("limit")
    current = None
    if isinstance(limit, exp.Limit) and isinstance(limit.expression, exp.Literal):
        current = int(limit.expression.this) if limit.expression.is_int else None
    if current is None or current > max_rows:
        tree.limit(max_rows, copy=False)
