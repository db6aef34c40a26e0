"""Answers as people read them: one short sentence for one value, a small table otherwise."""

from __future__ import annotations

from typing import Any

from skills.text_to_sql.korean import attach
from skills.text_to_sql.query import Query
from skills.text_to_sql.schema import Schema
from skills.text_to_sql.text import number_text

MAX_TABLE_ROWS = 10
_AGG_KO = {"count": "개수", "sum": "합계", "avg": "평균", "max": "최댓값", "min": "최솟값"}
_AGG_EN = {"count": "number", "sum": "total", "avg": "average", "max": "maximum", "min": "minimum"}


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return number_text(round(value, 2))
    return "" if value is None else str(value)


def _counts_rows(query: Query, schema: Schema) -> bool:
    """``COUNT`` of a table's first column (its key) counts the table's rows."""
    if query.agg != "count" or query.select is None:
        return False
    table = schema.table(query.select.partition(".")[0])
    return table.columns[0].qualified == query.select


def describe(query: Query, schema: Schema, language: str) -> str:
    """What the answer is: "평균 득점", "the number of players"."""
    if query.select is None or _counts_rows(query, schema):
        first = query.select or query.group_by or schema.tables[0].columns[0].qualified
        noun = schema.table(first.partition(".")[0]).label(language)
        return f"{noun} 수" if language == "ko" else f"number of {noun}"
    label = schema.column(query.select).label(language)
    if not query.agg:
        return label
    if language == "ko":
        return f"{label} {_AGG_KO[query.agg]}"
    return f"{_AGG_EN[query.agg]} {label}"


def render(
    query: Query, schema: Schema, columns: list[str], rows: list[tuple[Any, ...]], language: str
) -> str:
    """A sentence for a single value, else a plain-text table of at most ten rows."""
    ko = language == "ko"
    if not rows:
        return "조건에 맞는 결과가 없습니다." if ko else "No rows match that question."
    what = describe(query, schema, language)
    if len(rows) == 1 and len(rows[0]) == 1:
        value = _cell(rows[0][0])
        return f"{attach(what, '은')} {value}입니다." if ko else f"The {what} is {value}."
    header = [what] if len(columns) == 1 else columns
    if query.group_by is not None and len(columns) == 2:
        header = [schema.column(query.group_by).label(language), what]
    shown = rows[:MAX_TABLE_ROWS]
    lines = [" | ".join(header)] + [" | ".join(_cell(v) for v in row) for row in shown]
    if len(rows) > MAX_TABLE_ROWS:
        more = len(rows) - MAX_TABLE_ROWS
        lines.append(f"… 외 {more}개" if ko else f"… and {more} more")
    return "\n".join(lines)
