from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.guidance import finds_rows, first_with_rows
from skills.text_to_sql.query import Condition, Query

TITLE = Query("books.title", "", (Condition("books.genre", "=", "소설"),))
COUNT = Query(None, "count", (Condition("books.genre", "=", "소설"),))
TOTAL = Query("books.price", "sum")


def test_a_query_that_matches_nothing_finds_no_rows() -> None:
    assert finds_rows([("데미안",)])
    assert not finds_rows([])
    assert not finds_rows(None)  # it failed to run
    assert not finds_rows([(None,)])
    assert finds_rows([(0,)])  # none is an answer to "how many"


def test_the_first_reading_that_finds_rows_is_chosen_else_the_best() -> None:
    readings = [Reading(TITLE, 0.6), Reading(COUNT, 0.3), Reading(TOTAL, 0.1)]
    results: dict[Query, Sequence[Sequence[Any]] | None] = {
        TITLE: [],
        COUNT: [(0,)],
        TOTAL: [(9,)],
    }
    assert first_with_rows(readings, results.__getitem__).query == COUNT
    assert first_with_rows(readings, lambda _: None).query == TITLE
