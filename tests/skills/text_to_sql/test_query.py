from __future__ import annotations

import pytest

from skills.text_to_sql import Condition, Database, ParseError, Query, Schema, to_sql
from skills.text_to_sql.korean import attach
from skills.text_to_sql.query import ORDER_BY_AGGREGATE


def test_columns_in_other_tables_are_joined_along_foreign_keys(
    league_schema: Schema, league_db: Database
) -> None:
    query = Query("players.name", conditions=(Condition("teams.city", "=", "서울"),))
    sql = to_sql(query, league_schema)
    assert sql == (
        'SELECT "players"."name" FROM "players" JOIN "teams" ON "players"."team_id" = '
        '"teams"."id" WHERE "teams"."city" = \'서울\''
    )
    assert len(league_db.execute(sql)[1]) == 5


def test_group_order_limit_between_and_like(league_schema: Schema, league_db: Database) -> None:
    query = Query(
        "players.goals",
        "sum",
        (Condition("players.age", "between", 20, 30), Condition("players.name", "like", "김")),
        group_by="players.position",
        order_by=ORDER_BY_AGGREGATE,
        limit=2,
    )
    sql = to_sql(query, league_schema)
    assert sql == (
        'SELECT "players"."position", SUM("players"."goals") FROM "players" WHERE '
        '"players"."age" BETWEEN 20 AND 30 AND "players"."name" LIKE \'%김%\' '
        'GROUP BY "players"."position" ORDER BY SUM("players"."goals") DESC LIMIT 2'
    )
    assert len(league_db.execute(sql)[1]) == 2


def test_values_are_quoted_and_numbers_read_from_text(league_schema: Schema) -> None:
    sql = to_sql(
        Query("teams.name", conditions=(Condition("teams.name", "=", "x' OR '1'='1"),)),
        league_schema,
    )
    assert sql.endswith("= 'x'' OR ''1''=''1'")
    sql = to_sql(
        Query("teams.name", conditions=(Condition("teams.founded", ">", "1990년"),)), league_schema
    )
    assert sql.endswith('"teams"."founded" > 1990')


def test_only_count_may_select_star(league_schema: Schema) -> None:
    with pytest.raises(ParseError, match="only COUNT"):
        to_sql(Query(None, "sum"), league_schema)


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [("팀", "이", "팀이"), ("선수", "이", "선수가"), ("서울", "으로", "서울로"),
     ("부산", "으로", "부산으로"), ("득점", "은", "득점은"),
     ("나이", "을", "나이를"), ("10", "이", "10이"), ("2", "은", "2는"),
     ("FC", "과", "FC와"), ("선수", "인", "선수인")],
)  # fmt: skip
def test_korean_particles_agree_with_the_word(word: str, particle: str, expected: str) -> None:
    assert attach(word, particle) == expected
