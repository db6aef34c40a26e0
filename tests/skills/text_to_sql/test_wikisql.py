from __future__ import annotations

import json
from pathlib import Path

import pytest

from skills.text_to_sql import Condition, Query, SchemaError
from skills.text_to_sql.baseline import TemplateBaseline
from skills.text_to_sql.evaluation import evaluate
from skills.text_to_sql.wikisql import TableExecutor, read_wikisql, same_logical_form

TABLE = {
    "id": "1-1",
    "header": ["선수", "팀", "득점"],
    "types": ["text", "text", "real"],
    "rows": [["김민준", "한빛", 12], ["이서준", "번개", 7], ["박도윤", "한빛", 3]],
}
QUESTIONS = [
    {"table_id": "1-1", "question": "김민준의 팀은?",
     "sql": {"sel": 1, "conds": [[0, 0, "김민준"]], "agg": 0}},
    {"table_id": "1-1", "question": "한빛 선수는 몇 명이야?",
     "sql": {"sel": 0, "conds": [[1, 0, "한빛"]], "agg": 3}},
    {"table_id": "1-1", "question": "득점이 5보다 많은 선수는?",
     "sql": {"sel": 0, "conds": [[2, 1, 5]], "agg": 0}},
]  # fmt: skip


def _write(tmp_path: Path, questions: list[dict[str, object]]) -> tuple[Path, Path]:
    q, t = tmp_path / "q.jsonl", tmp_path / "t.jsonl"
    q.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in questions), "utf-8")
    t.write_text(json.dumps(TABLE, ensure_ascii=False), "utf-8")
    return q, t


def test_wikisql_lines_become_examples_that_execute(tmp_path: Path) -> None:
    examples, tables = read_wikisql(*_write(tmp_path, QUESTIONS))
    assert examples[1].query == Query("t.c0", "count", (Condition("t.c1", "=", "한빛"),))
    assert examples[0].schema.column("t.c0").names == ("선수",)
    executor = TableExecutor(tables)
    assert executor.execute(examples[1].query, examples[1].schema) == [(2,)]
    assert executor.execute(examples[2].query, examples[2].schema) == [("김민준",), ("이서준",)]


def test_logical_form_ignores_condition_order_and_value_spacing() -> None:
    gold = Query("t.c0", "", (Condition("t.c1", "=", "한빛 FC"), Condition("t.c2", ">", "5")))
    same = Query("t.c0", "", (Condition("t.c2", ">", 5.0), Condition("t.c1", "=", "한빛fc")))
    assert same_logical_form(same, gold)
    assert not same_logical_form(Query("t.c1", "", gold.conditions), gold)


def test_the_baseline_is_scored_in_both_measures(tmp_path: Path) -> None:
    examples, tables = read_wikisql(*_write(tmp_path, QUESTIONS))
    scores = evaluate(TemplateBaseline(), examples, tables)
    assert scores["questions"] == 3
    assert scores["execution_accuracy"] == pytest.approx(1.0)  # all three are keyword-easy
    # COUNT(*) is not COUNT(선수) as a logical form, though both give 2
    assert scores["logical_form_accuracy"] == pytest.approx(0.6667)


def test_a_broken_line_names_file_and_line(tmp_path: Path) -> None:
    q, t = _write(tmp_path, QUESTIONS)
    q.write_text(q.read_text("utf-8") + "\n{not json", "utf-8")
    with pytest.raises(SchemaError, match=r"q\.jsonl:4: not valid JSON"):
        read_wikisql(q, t)
    q.write_text(json.dumps({"table_id": "9-9", "question": "?", "sql": {}}), "utf-8")
    with pytest.raises(SchemaError, match=r"q\.jsonl:1: unknown table or missing field"):
        read_wikisql(q, t)
