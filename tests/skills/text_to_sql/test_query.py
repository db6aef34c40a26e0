from __future__ import annotations

import pytest

from skills.text_to_sql import Condition, Database, ParseError, Query, Schema, to_sql
from skills.text_to_sql.korean import attach, looks_like_names
from skills.text_to_sql.query import ORDER_BY_AGGREGATE, joinable, like_pattern
from skills.text_to_sql.render import render


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


def test_conditions_on_tables_no_key_joins_are_dropped(league_schema: Schema) -> None:
    query = Query(
        "teams.stadium",
        conditions=(
            Condition("teams.name", "=", "서울 FC"),
            Condition("matches.home_team", "=", "서울 FC"),
        ),
        order_by="matches.attendance",
        limit=1,
    )
    with pytest.raises(ParseError, match="no foreign key joins teams and matches"):
        to_sql(query, league_schema)
    kept = joinable(query, league_schema)
    assert kept == Query("teams.stadium", conditions=(Condition("teams.name", "=", "서울 FC"),))
    grouped = Query(
        "players.id", "count", group_by="teams.name", order_by=ORDER_BY_AGGREGATE, limit=1
    )
    assert joinable(grouped, league_schema) == grouped


def test_answers_are_a_sentence_for_one_value_and_a_table_otherwise(league_schema: Schema) -> None:
    count = Query("players.id", "count")
    assert render(count, league_schema, ["n"], [(16,)], "ko") == "선수 수는 16입니다."
    assert render(count, league_schema, ["n"], [(16,)], "en") == "The number of player is 16."
    average = Query("players.age", "avg")
    assert render(average, league_schema, ["a"], [(26.456,)], "ko") == "나이 평균은 26.46입니다."
    grouped = Query("players.id", "count", group_by="players.position")
    table = render(grouped, league_schema, ["p", "n"], [("공격수", 16), ("골키퍼", 8)], "ko")
    assert table == "포지션 | 선수 수\n공격수 | 16\n골키퍼 | 8"
    assert render(count, league_schema, ["n"], [], "en") == "No rows match that question."


def test_a_like_value_with_a_wildcard_at_one_end_is_anchored() -> None:
    assert like_pattern("김%") == "김%"  # 김씨 성
    assert like_pattern("%수") == "%수"  # 수로 끝나는
    assert like_pattern("바다") == "%바다%"
    assert like_pattern("%바다%") == "%바다%"
    assert like_pattern("%") == "%%"


def test_korean_names_are_told_from_other_values() -> None:
    assert looks_like_names(["김민서", "이도현", "남궁민", "황보람"])
    assert not looks_like_names(["스탠다드", "디럭스", "스위트"])
    assert not looks_like_names(["서울 FC", "부산 아이파크"])
    assert not looks_like_names(["서울", "제주", "강릉", "전주", "여수"])
    assert not looks_like_names([])


def test_columns_asked_together_are_selected_in_order(
    league_schema: Schema, league_db: Database
) -> None:
    query = Query("teams.city", also=("players.name",), limit=None)
    sql = to_sql(query, league_schema)
    assert sql.startswith('SELECT "teams"."city", "players"."name" FROM "teams" JOIN "players"')
    columns, rows = league_db.execute(sql)
    assert len(columns) == 2 and rows
    table = render(query, league_schema, columns, rows, "ko")
    assert " | " in table.splitlines()[0]
    assert joinable(query, league_schema).also == ("players.name",)
