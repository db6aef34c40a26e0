from __future__ import annotations

from skills.text_to_sql import Database, Schema, Synthesizer, to_sql


def test_the_same_seed_gives_the_same_pairs(league_schema: Schema, league_db: Database) -> None:
    first = Synthesizer(league_schema, league_db, seed=3).examples(50)
    second = Synthesizer(league_schema, league_db, seed=3).examples(50)
    assert [(e.question, e.query) for e in first] == [(e.question, e.query) for e in second]
    third = Synthesizer(league_schema, league_db, seed=4).examples(50)
    assert [e.question for e in third] != [e.question for e in first]


def test_pairs_cover_the_query_kinds_and_all_run(
    league_schema: Schema, league_db: Database
) -> None:
    examples = Synthesizer(league_schema, league_db, seed=1).examples(600)
    assert len(examples) == 600
    queries = [e.query for e in examples]
    ops = {c.op for q in queries for c in q.conditions}
    assert ops == {"=", ">", "<", ">=", "<=", "between", "like"}
    assert {q.agg for q in queries} == {"", "count", "sum", "avg", "min", "max"}
    assert any(q.group_by for q in queries) and any(q.order_by for q in queries)
    assert any(" JOIN " in to_sql(q, league_schema) for q in queries)
    korean = [e for e in examples if any("\uac00" <= ch <= "\ud7a3" for ch in e.question)]
    assert 0.5 < len(korean) / len(examples) < 0.85  # about two thirds Korean
    for example in examples:
        league_db.execute(to_sql(example.query, league_schema))
        for condition in example.query.conditions:
            if condition.op in ("=", "like") and isinstance(condition.value, str):
                assert condition.value in example.question  # values are copied or linked


def test_korean_particles_agree_in_synthesized_questions(
    league_schema: Schema, league_db: Database
) -> None:
    questions = [e.question for e in Synthesizer(league_schema, league_db, seed=2).examples(400)]
    text = "\n".join(questions)
    for wrong in ("선수이 ", "팀가 ", "득점를 ", "나이을 ", "골수가"):
        assert wrong not in text
