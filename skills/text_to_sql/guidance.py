"""Execution-guided choice: of the parser's readings, the best whose query finds something.

As in execution-guided decoding for WikiSQL (Wang et al., 2018), a reading whose query fails
to run, or that finds nothing (no rows, or only NULLs: an aggregate over no rows), is passed
over for the next best; if none finds anything, the best reading stands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.query import Query

BEAM = 8  # readings tried per question


def finds_rows(rows: Sequence[Sequence[Any]] | None) -> bool:
    """Did a query run (``rows`` is not None) and find something?"""
    if not rows:
        return False
    # an aggregate over no rows is one NULL; a count of none is 0, a real answer as well
    return not all(v is None for row in rows for v in row)


def first_with_rows(
    readings: list[Reading], run: Callable[[Query], Sequence[Sequence[Any]] | None]
) -> Reading:
    """The first of ``readings`` (best first) whose query ``run`` finds rows for."""
    for reading in readings:
        if finds_rows(run(reading.query)):
            return reading
    return readings[0]
