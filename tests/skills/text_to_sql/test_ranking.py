"""Superlatives in questions, and readings that rank."""

from __future__ import annotations

import pytest

from skills.text_to_sql.query import Query
from skills.text_to_sql.ranking import asks_to_rank, figures, ranks
from skills.text_to_sql.schema import Column, Schema, Table


@pytest.mark.parametrize(
    "question",
    [
        "가장 많이 이긴 팀은?",
        "제일 어린 선수",
        "최다 득점 선수는?",
        "득점 최대값은?",
        "관중이 최소인 경기",
        "리그 1위 팀",
        "which team won the most?",
        "the least goals",
        "Who is the TOP scorer?",
        "the oldest player",
    ],
)
def test_a_superlative_asks_to_rank(question: str) -> None:
    assert asks_to_rank(question)


@pytest.mark.parametrize(
    "question",
    [
        "최근 경기 결과",
        "최초의 팀",
        "최소 10골 넣은 선수 수",
        "최대 3명",
        "players with at least 10 goals",
        "at most 3 matches",
        "the west stadium",
        "서울 FC 선수 목록",
    ],
)
def test_times_bounds_and_plain_lookups_do_not(question: str) -> None:
    assert not asks_to_rank(question)


def test_a_superlative_in_a_column_name_ranks_nothing() -> None:
    order = Column("shops", "min_order", "number", ("최소 주문 금액", "minimum order"))
    schema = Schema((Table("shops", (Column("shops", "name"), order)),))
    assert not asks_to_rank("최소 주문 금액이 12000원 이상인 가게는?", schema)
    assert not asks_to_rank("What is the Minimum Order of 엄마분식?", schema)
    assert asks_to_rank("최소 주문 금액이 가장 낮은 가게는?", schema)


def test_a_query_ranks_by_order_or_an_extreme() -> None:
    assert ranks(Query("players.name", order_by="players.goals", limit=1))
    assert ranks(Query("players.goals", agg="max"))
    assert not ranks(Query("teams.name"))
    assert not ranks(Query("players.goals", agg="avg"))


def test_figures_are_number_columns_without_keys_in_the_language_asked() -> None:
    players = Table(
        "players",
        (
            Column("players", "id", "number"),
            Column("players", "name", "text", ("선수 이름", "player name")),
            Column("players", "team_id", "number"),
            Column("players", "goals", "number", ("득점", "goals")),
            Column("players", "age", "number", ("나이", "age")),
        ),
    )
    schema = Schema((players,))
    assert figures(schema, "ko") == ["득점", "나이"]
    assert figures(schema, "en") == ["goals", "age"]
    assert figures(schema, "en", most=1) == ["goals"]
