"""Scoring a parser on WikiSQL-format examples: execution and logical-form accuracy."""

from __future__ import annotations

import time
from functools import partial
from typing import Protocol

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.guidance import BEAM, first_with_rows
from skills.text_to_sql.query import Example
from skills.text_to_sql.schema import Schema
from skills.text_to_sql.wikisql import TableExecutor, WikiTable, same_logical_form


class Parses(Protocol):
    def parse(self, question: str, schema: Schema, beam: int = 0) -> list[Reading]: ...


def evaluate(
    parser: Parses, examples: list[Example], tables: dict[str, WikiTable], guided: bool = False
) -> dict[str, float]:
    """Parse every question one at a time (as a user would ask) and score the best reading;
    ``guided``: the best of ``BEAM`` readings whose query runs and finds rows."""
    executor = TableExecutor(tables)
    executed = logical = 0
    started = time.perf_counter()
    for example in examples:
        if guided:
            readings = parser.parse(example.question, example.schema, BEAM)
            predicted = first_with_rows(readings, partial(executor.run, example.schema)).query
        else:
            predicted = parser.parse(example.question, example.schema)[0].query
        gold_rows = executor.execute(example.query, example.schema)
        rows = executor.execute(predicted, example.schema)
        executed += rows is not None and rows == gold_rows
        logical += same_logical_form(predicted, example.query)
    seconds = time.perf_counter() - started
    total = max(len(examples), 1)
    return {
        "questions": len(examples),
        "execution_accuracy": round(executed / total, 4),
        "logical_form_accuracy": round(logical / total, 4),
        "ms_per_question": round(1000 * seconds / total, 2),
    }
