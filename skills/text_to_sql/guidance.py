"""Execution-guided choice: of the parser's readings, the best whose query finds something.

As in execution-guided decoding for WikiSQL (Wang et al., 2018), a reading whose query fails
to run, or whose conditions match no row (no rows, only NULLs, or a count of zero), is passed
over for the next best; if none finds anything, the best reading stands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.query import Query

BEAM = 8  # readings tried per question


def finds_rows(query: Query, rows: Sequence[Sequence[Any]] | None) -> bool:
    """Did the query run and match at least one row?"""
    if not rows:
        return False
    if all(v is None for row in rows for v in row):
        return False
    return not (query.agg == "count" and query.group_by is None and rows[0][-1] == 0)


def first_with_rows(
    readings: list[Reading], run: Callable[[Query], Sequence[Sequence[Any]] | None]
) -> Reading:
    """The first of ``readings`` (best first) whose query ``run`` finds rows for."""
    for reading in readings:
        if finds_rows(reading.query, run(reading.query)):
            return reading
    return readings[0]
