from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import torch

from skills.text_to_sql import Schema, SketchParser
from skills.text_to_sql.batching import collate
from skills.text_to_sql.decoding import (
    Reading,
    _begun,
    _by_unit,
    _counted_in,
    _counts_what_it_may,
    _is_end,
    _is_part,
    _merged,
    _person,
    _ranked_extreme,
    _ranks,
    _rows_by_part,
    _superlative,
    _total,
    _who,
    _whole,
    decode,
)
from skills.text_to_sql.encoding import FIRST_COLUMN, TABLE_NAMED
from skills.text_to_sql.ensemble import Ensemble
from skills.text_to_sql.network import mean_scores
from skills.text_to_sql.query import AGGREGATES, OPERATORS, Condition, Query
from skills.text_to_sql.schema import Column, Table
from skills.text_to_sql.text import numbers

QUESTIONS = ["서울 FC의 득점은?", "공격수는 몇 명이야?", "득점이 10보다 많은 선수는?"]


def _parser(seed: int) -> SketchParser:
    torch.manual_seed(seed)
    return SketchParser(SketchParser.Options(seed=seed))  # untrained: any scores will do


def test_a_beam_starts_with_the_greedy_reading_and_holds_distinct_queries(
    league_schema: Schema,
) -> None:
    parser = _parser(1)
    for question in QUESTIONS:
        best = parser.parse(question, league_schema)
        beam = parser.parse(question, league_schema, beam=8)
        assert 1 <= len(beam) <= 8 and len(best) <= 2
        assert beam[0].query == best[0].query
        assert len({r.query for r in beam}) == len(beam)
        confidences = [r.confidence for r in beam[1:]]
        assert confidences == sorted(confidences, reverse=True)


def test_an_ensemble_reads_the_mean_of_its_members_scores(league_schema: Schema) -> None:
    first, second = _parser(1), _parser(2)
    batch = collate([first.encode(q, league_schema) for q in QUESTIONS])
    with torch.no_grad():
        one, two = first.net.eval()(batch), second.net.eval()(batch)
        mean = mean_scores([one, two])
    assert torch.allclose(mean.agg, (one.agg + two.agg) / 2)
    assert torch.isfinite(mean.slots["select"]).all()  # masked slots stay finite
    assert mean_scores([one]) is one
    alone = Ensemble([first]).parse(QUESTIONS[0], league_schema)
    assert [r.query for r in alone] == [r.query for r in first.parse(QUESTIONS[0], league_schema)]


def _pointing(
    parser: SketchParser, question: str, schema: Schema, two: tuple[str, str], op: str, at: str
) -> Any:
    """The untrained parser's encoding and scores, set to read two conditions with ``op``
    on the columns ``two``, both pointing at the word ``at``."""
    encoded = parser.encode(question, schema)
    with torch.no_grad():
        scores = parser.net.eval()(collate([encoded]))
    slots = [FIRST_COLUMN + [c.qualified for c in encoded.columns].index(n) for n in two]
    scores.where_count[0] = torch.tensor([-9.0, -9.0, 9.0, -9.0][: scores.where_count.shape[1]])
    scores.slots["where"][0, FIRST_COLUMN:] = -9.0
    token = next(i for i, t in enumerate(encoded.tokens) if t.text == at)
    for slot in slots:
        scores.slots["where"][0, slot] = 9.0
        scores.ops[0, slot] = -9.0
        scores.ops[0, slot, OPERATORS.index(op)] = 9.0
        scores.starts[0, slot] = -9.0
        scores.ends[0, slot] = -9.0
        scores.starts[0, slot, token] = 9.0
        scores.ends[0, slot, token] = 9.0
    return encoded, scores


def test_one_mention_fills_one_condition(league_schema: Schema) -> None:
    parser = _parser(1)
    numbers = ("players.goals", "players.assists")
    encoded, scores = _pointing(parser, "득점이 10 넘는 선수는?", league_schema, numbers, ">", "10")
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.op, c.value) for c in conditions] == [(">", 10.0)]  # not also assists > 10
    texts = ("players.name", "players.position")
    question = "이름에 준서가 들어간 선수"
    encoded, scores = _pointing(parser, question, league_schema, texts, "like", "준서")
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.op, c.value) for c in conditions] == [("like", "준서")]  # not on 포지션 too


def test_like_looks_for_a_noun_never_a_verb(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("players.name", "players.position")
    encoded, scores = _pointing(parser, "서울에 사는 선수는?", league_schema, texts, "like", "사")
    assert decode(encoded, scores, 0)[0].query.conditions == ()  # 사 of 사는 is no name


def test_like_looks_for_part_of_a_known_value(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("teams.name", "teams.city")
    question = "how many teams are there?"
    encoded, scores = _pointing(parser, question, league_schema, texts, "like", "are")
    assert decode(encoded, scores, 0)[0].query.conditions == ()  # no team is named "are"
    encoded, scores = _pointing(
        parser, "이름에 유나가 들어간 팀", league_schema, texts, "like", "유나"
    )
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.column, c.value) for c in conditions] == [("teams.name", "유나")]  # 부산 유나이티드


def test_numbers_are_read_with_korean_units_and_never_from_a_column_name(
    league_schema: Schema,
) -> None:
    parser = _parser(1)
    two = ("players.goals", "players.assists")
    question = "득점이 2만 넘는 선수는?"
    encoded, scores = _pointing(parser, question, league_schema, two, ">", "2")
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.op, c.value) for c in conditions] == [(">", 20000.0)]
    goals = league_schema.column("players.goals")
    named = replace(goals, names=("1박 득점",))
    table = next(t for t in league_schema.tables if t.name == "players")
    columns = tuple(named if c == goals else c for c in table.columns)
    schema = Schema(
        tuple(replace(t, columns=columns) if t is table else t for t in league_schema.tables),
        league_schema.foreign_keys,
    )
    question = "1박 득점이 15만에서 20만 사이인 선수는?"
    encoded, scores = _pointing(parser, question, schema, two, "between", "15")
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.op, c.value, c.high) for c in conditions][:1] == [("between", 150000.0, 200000.0)]


def test_a_like_said_to_begin_or_end_is_anchored(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("players.name", "players.position")
    for question, at, value in (
        ("김씨 성을 가진 선수는 누구야?", "김", "김%"),
        ("성이 박씨인 선수", "박", "박%"),
        ("이름이 수로 끝나는 선수 있어?", "수", "%수"),
        ("이름이 '민'으로 시작하는 선수", "민", "민%"),
    ):
        encoded, scores = _pointing(parser, question, league_schema, texts, "like", at)
        conditions = decode(encoded, scores, 0)[0].query.conditions
        assert [(c.op, c.value) for c in conditions] == [("like", value)], question
    encoded, scores = _pointing(parser, "아저씨 선수", league_schema, texts, "like", "아저씨")
    assert [c.value for c in decode(encoded, scores, 0)[0].query.conditions] != ["저%"]


def test_a_family_name_is_asked_of_the_column_of_names(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("players.position", "teams.city")
    encoded, scores = _pointing(
        parser, "성이 김씨인 선수는 누구야?", league_schema, texts, "=", "김"
    )
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.column, c.op, c.value) for c in conditions][:1] == [("players.name", "like", "김%")]


def test_a_family_name_is_of_the_named_table_s_people() -> None:
    players = Column("players", "name", "text", ("선수 이름",), ("김민서", "이도현", "박서윤"))
    coaches = Column("teams", "coach", "text", ("감독",), ("김태양", "정하람", "최지호"))
    position = Column("players", "position", "text", ("포지션",), ("공격수", "수비수"))
    columns = (players, coaches, position)

    def named(*tables: str) -> Any:
        features = [[0.0] * 11 for _ in columns]
        for features_of, column in zip(features, columns, strict=True):
            features_of[TABLE_NAMED] = 1.0 if column.table in tables else 0.0
        return SimpleNamespace(columns=columns, features=features)

    assert _person(named("players"), coaches) == players  # "김씨 성을 가진 선수"
    assert _person(named("teams"), position) == coaches  # "김씨 성 감독의 팀"
    assert _person(named(), coaches) == coaches
    assert _person(named(), position) == players


def test_a_group_s_own_value_is_no_condition(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("players.position", "teams.city")
    encoded, scores = _pointing(
        parser, "공격수랑 수비수 각각 평균 나이는?", league_schema, texts, "=", "공격수"
    )
    slot = FIRST_COLUMN + [c.qualified for c in encoded.columns].index("players.position")
    scores.slots["group"][0] = -9.0
    scores.slots["group"][0, slot] = 9.0
    query = decode(encoded, scores, 0)[0].query
    assert query.group_by == "players.position"
    assert all(c.column != "players.position" for c in query.conditions)


def test_a_ranking_takes_a_count_said_in_words(league_schema: Schema) -> None:
    parser = _parser(1)
    for question, limit in (
        ("득점 많은 선수 두 명만", 2),
        ("득점 많은 선수 세 명은 누구야?", 3),
        ("득점 많은 선수 3명", 3),
        ("득점이 제일 많은 선수", 1),
    ):
        encoded = parser.encode(question, league_schema)
        with torch.no_grad():
            scores = parser.net.eval()(collate([encoded]))
        scores.where_count[0] = -9.0
        scores.where_count[0, 0] = 9.0
        slot = FIRST_COLUMN + [c.qualified for c in encoded.columns].index("players.goals")
        scores.slots["order"][0] = -9.0
        scores.slots["order"][0, slot] = 9.0
        query = decode(encoded, scores, 0)[0].query
        assert (query.order_by, query.limit) == ("players.goals", limit), question


def test_a_name_matched_by_a_part_may_be_asked_for(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("teams.name", "teams.city")
    question = "이름에 유나가 들어간 팀 찾아 줘"
    encoded, scores = _pointing(parser, question, league_schema, texts, "like", "유나")
    slot = FIRST_COLUMN + [c.qualified for c in encoded.columns].index("teams.name")
    scores.slots["select"][0] = -9.0
    scores.slots["select"][0, slot] = 9.0
    query = decode(encoded, scores, 0)[0].query
    assert query.select == "teams.name"
    assert [(c.column, c.op) for c in query.conditions] == [("teams.name", "like")]


def _selecting(parser: SketchParser, question: str, schema: Schema, column: str) -> Any:
    encoded = parser.encode(question, schema)
    with torch.no_grad():
        scores = parser.net.eval()(collate([encoded]))
    scores.where_count[0] = -9.0
    scores.where_count[0, 0] = 9.0
    for clause in ("group", "order"):
        scores.slots[clause][0] = -9.0
        scores.slots[clause][0, 0] = 9.0
    slot = FIRST_COLUMN + [c.qualified for c in encoded.columns].index(column)
    scores.slots["select"][0] = -9.0
    scores.slots["select"][0, slot] = 9.0
    scores.agg[0, slot] = -9.0
    scores.agg[0, slot, 0] = 9.0
    return decode(encoded, scores, 0)[0].query


def test_columns_asked_in_a_list_are_all_selected(league_schema: Schema) -> None:
    parser = _parser(1)
    for question, column, listed in (
        ("선수 이름하고 포지션 알려줘", "players.position", ("players.name", "players.position")),
        ("포지션이랑 선수 이름 같이 보여줘", "players.name", ("players.position", "players.name")),
        ("선수들의 이름, 포지션 알려줘", "players.name", ("players.name", "players.position")),
    ):
        query = _selecting(parser, question, league_schema, column)
        assert (query.select, *query.also) == listed, question
    alone = _selecting(parser, "포지션이 공격수인 선수 이름", league_schema, "players.name")
    assert alone.also == ()
    again = _selecting(parser, "득점이 많은 선수의 이름과 득점", league_schema, "players.name")
    assert (again.select, *again.also) == ("players.name", "players.goals")  # said twice


def test_an_extreme_of_the_ranked_column_takes_the_ranking_s_side() -> None:
    ranked = Query("farms.area", "min", order_by="farms.area", descending=True, limit=1)
    assert _ranked_extreme(ranked).agg == "max"
    assert _ranked_extreme(replace(ranked, descending=False)).agg == "min"
    other = replace(ranked, order_by="farms.workers")
    assert _ranked_extreme(other) == other


def test_only_a_part_of_a_name_leaves_the_name_free_to_be_asked() -> None:
    assert _is_part(Condition("farms.name", "like", "농원"))
    assert not _is_part(Condition("farms.owner", "like", "정%"))  # a family name
    assert not _is_part(Condition("farms.name", "=", "농원"))
    assert _is_end(Condition("stations.name", "like", "%역"), "이름이 '역'으로 끝나는 곳")
    assert _is_end(Condition("farms.name", "like", "한%"), "이름이 한으로 시작하는 농장")
    assert not _is_end(Condition("farms.owner", "like", "정%"), "대표가 정씨인 농장")
    assert not _is_end(Condition("farms.name", "like", "농원"), "농원이 들어간")


def _ends_in(parser: SketchParser, question: str, schema: Schema) -> Query:
    """The reading of ``question`` with ``players.name LIKE '%수'``, the name scored first
    to select, then a count of players."""
    texts = ("players.name", "players.position")
    encoded, scores = _pointing(parser, question, schema, texts, "like", "수")
    names = [c.qualified for c in encoded.columns]
    scores.where_count[0] = torch.tensor([-9.0, 9.0, -9.0, -9.0][: scores.where_count.shape[1]])
    scores.slots["where"][0, FIRST_COLUMN + names.index("players.position")] = -9.0
    scores.slots["select"][0] = -9.0
    scores.slots["select"][0, FIRST_COLUMN + names.index("players.name")] = 9.0
    counted = FIRST_COLUMN + names.index("players.id")
    scores.slots["select"][0, counted] = 7.0
    scores.agg[0] = -9.0
    scores.agg[0, :, 0] = 9.0
    scores.agg[0, counted] = -9.0
    scores.agg[0, counted, AGGREGATES.index("count")] = 9.0
    query: Query = decode(encoded, scores, 0)[0].query
    return query


def test_a_name_matched_by_its_end_is_asked_only_for_the_rows(league_schema: Schema) -> None:
    parser = _parser(1)
    rows = _ends_in(parser, "이름이 수로 끝나는 선수들 알려줘", league_schema)
    assert (rows.select, rows.agg) == ("players.name", "")
    count = _ends_in(parser, "이름이 수로 끝나는 선수는 몇 명이야?", league_schema)
    assert (count.select, count.agg) == ("players.id", "count")
    other = _ends_in(parser, "이름이 수로 끝나는 선수의 포지션", league_schema)
    assert other.select != "players.name"  # another column is asked


def test_a_code_with_a_hyphen_is_anchored_whole(league_schema: Schema) -> None:
    parser = _parser(1)
    texts = ("players.name", "players.position")
    question = "이름이 SB-1로 시작하는 선수"
    encoded, scores = _pointing(parser, question, league_schema, texts, "like", "SB")
    conditions = decode(encoded, scores, 0)[0].query.conditions
    assert [(c.op, c.value) for c in conditions] == [("like", "SB-1%")]


def _unconditioned(
    parser: SketchParser, question: str, schema: Schema, grouped: bool
) -> tuple[Any, Any, list[str]]:
    """``question`` encoded, its scores set for no condition, a count selected, no order and
    (unless ``grouped``) no group; and the columns' names."""
    encoded = parser.encode(question, schema)
    with torch.no_grad():
        scores = parser.net.eval()(collate([encoded]))
    scores.where_count[0] = -9.0
    scores.where_count[0, 0] = 9.0
    for clause in ("select", "order", "group"):
        scores.slots[clause][0] = -9.0
        scores.slots[clause][0, 0] = -9.0 if clause == "group" and grouped else 9.0
    return encoded, scores, [c.qualified for c in encoded.columns]


def _counting(parser: SketchParser, question: str, schema: Schema, groups: list[str]) -> Query:
    """The reading of ``question`` as a count grouped by ``groups[0]`` (then the others)."""
    encoded, scores, names = _unconditioned(parser, question, schema, grouped=True)
    for rank, group in enumerate(groups):
        scores.slots["group"][0, FIRST_COLUMN + names.index(group)] = 9.0 - rank
    query: Query = decode(encoded, scores, 0)[0].query
    return query


def test_rows_are_never_counted_by_their_own_names(league_schema: Schema) -> None:
    parser = _parser(1)
    groups = ["teams.name", "teams.city"]
    query = _counting(parser, "도시별로 팀이 몇 개씩 있어?", league_schema, groups)
    assert (query.agg, query.select, query.group_by) == ("count", None, "teams.city")
    kept = _counting(parser, "포지션별 선수 수", league_schema, ["players.position", *groups])
    assert kept.group_by == "players.position"  # many players to a position
    query = _counting(parser, "팀마다 선수가 몇 명씩 있어?", league_schema, groups)
    assert query.group_by == "teams.name"
    assert str(query.select).startswith("players.")  # the players of each team


def test_a_comparison_is_no_ranking(league_schema: Schema) -> None:
    parser = _parser(1)
    for question, ranks in (
        ("득점이 10골보다 많은 선수 이름", False),
        ("득점이 가장 많은 선수", True),
        ("득점 많은 선수 두 명", True),
        ("득점 순으로 선수 3명", True),
        ("players with more goals", True),
    ):
        encoded = parser.encode(question, league_schema)
        assert _ranks(encoded, set(s for _, s, _ in numbers(question))) == ranks, question


def test_one_query_read_twice_is_one_reading() -> None:
    listed = Query("bikes.code", "", also=("bikes.maker",))
    other = Query("bikes.price", "")
    readings = _merged([Reading(listed, 0.3), Reading(other, 0.2), Reading(listed, 0.25)])
    assert [(r.query, round(r.confidence, 2)) for r in readings] == [(listed, 0.55), (other, 0.2)]


def _counted(parser: SketchParser, question: str, schema: Schema) -> Query:
    """The reading of ``question`` with no condition and a count scored first to select, the
    team's city next."""
    encoded, scores, names = _unconditioned(parser, question, schema, grouped=False)
    scores.slots["select"][0, FIRST_COLUMN + names.index("teams.city")] = 5.0
    scores.slots["select"][0, FIRST_COLUMN + names.index("players.name")] = 1.0
    query: Query = decode(encoded, scores, 0)[0].query
    return query


def test_who_asks_for_people_never_a_count(league_schema: Schema) -> None:
    parser = _parser(1)
    for question in ("그 경기에서 골은 누가 넣었어?", "주장은 누구야?"):
        query = _counted(parser, question, league_schema)
        assert (query.select, query.agg) == ("players.name", ""), question
    count = _counted(parser, "골 넣은 선수는 몇 명이야?", league_schema)
    assert (count.select, count.agg) == (None, "count")


def test_a_column_named_only_where_a_part_is_looked_for_is_not_asked(
    league_schema: Schema,
) -> None:
    parser = _parser(1)
    part = Condition("players.position", "like", "%공격%")
    query = Query("players.position", "", (part,))
    rows = _rows_by_part(parser.encode("포지션에 공격이 들어간 선수 알려줘", league_schema), query)
    assert rows.select == "players.name"  # the players, by their names
    asked = parser.encode("포지션에 공격이 들어간 선수의 포지션", league_schema)
    assert _rows_by_part(asked, query) == query  # named again after the part: asked
    count = replace(query, agg="count")
    assert (
        _rows_by_part(parser.encode("포지션에 공격이 들어간 선수", league_schema), count) == count
    )


VENUES = Schema(
    (
        Table(
            "venues",
            (
                Column("venues", "id", "number", (), ("1", "2", "3")),
                Column("venues", "name", "text", ("공연장",), ("세종홀", "블루홀", "서울아트홀")),
                Column("venues", "city", "text", ("도시",), ("서울", "부산")),
                Column("venues", "seats", "number", ("좌석 수", "좌석")),
                Column("venues", "fee", "number", ("대관료",)),
                Column("venues", "nights", "number", ("대관 박 수", "박 수")),
            ),
            ("공연장",),
        ),
    )
)


def test_a_number_asked_in_its_unit_with_a_word_for_all_is_summed() -> None:
    parser = _parser(1)
    listed = Query("venues.seats", "", (Condition("venues.city", "=", "서울"),))
    total = _total(parser.encode("서울 공연장은 모두 몇 석이야?", VENUES), listed)
    assert total.agg == "sum"
    assert _total(parser.encode("서울 공연장은 몇 석이야?", VENUES), listed) == listed
    assert _total(parser.encode("서울 공연장은 모두 몇 개야?", VENUES), listed) == listed
    fees = Query("venues.fee", "", (Condition("venues.city", "=", "서울"),))
    assert _total(parser.encode("서울 공연장 대관료 총액은 얼마야?", VENUES), fees).agg == "sum"


def test_a_figure_of_rows_grouped_by_their_own_names_is_of_them_all() -> None:
    parser = _parser(1)
    encoded = parser.encode("서울 공연장들 중 최대 좌석 수는?", VENUES)
    grouped = Query("venues.seats", "max", group_by="venues.name")
    assert _whole(encoded, grouped).group_by is None
    by_city = replace(grouped, group_by="venues.city")
    assert _whole(encoded, by_city) == by_city


def test_a_count_is_of_rows_that_can_meet_its_conditions(league_schema: Schema) -> None:
    encoded = _parser(1).encode("공격수는 몇 명이야?", league_schema)
    forwards = (Condition("players.position", "=", "공격수"),)
    assert _counts_what_it_may(encoded, Query("players.id", "count", forwards))
    assert not _counts_what_it_may(encoded, Query("matches.id", "count", forwards))
    assert not _counts_what_it_may(encoded, Query("teams.id", "count", forwards))
    assert _counts_what_it_may(encoded, Query(None, "count", forwards))  # COUNT(*): unknown


def test_a_count_asked_in_a_column_s_unit_is_that_column() -> None:
    parser = _parser(1)
    probs = torch.full((FIRST_COLUMN + len(VENUES.columns),), 0.1)
    count = Query("venues.id", "count", (Condition("venues.name", "=", "세종홀"),))
    seats = _by_unit(parser.encode("세종홀은 몇 석이야?", VENUES), probs, count)
    assert (seats.select, seats.agg) == ("venues.seats", "")
    assert _by_unit(parser.encode("세종홀은 몇 개야?", VENUES), probs, count) == count
    fee = _by_unit(parser.encode("세종홀은 하루에 얼마야?", VENUES), probs, count)
    assert (fee.select, fee.agg) == ("venues.fee", "")
    nights = _by_unit(parser.encode("세종홀은 며칠 빌렸어?", VENUES), probs, count)
    assert (nights.select, nights.agg) == ("venues.nights", "")
    total = _by_unit(parser.encode("좌석 수를 전부 더하면?", VENUES), probs, Query(None, "count"))
    assert (total.select, total.agg) == ("venues.seats", "sum")


def test_a_lookup_said_with_a_superlative_ranks_by_its_column() -> None:
    parser = _parser(1)
    names = Query("venues.name", "")
    cheapest = _superlative(parser.encode("가장 싼 공연장은?", VENUES), names)
    assert (cheapest.order_by, cheapest.descending, cheapest.limit) == ("venues.fee", False, 1)
    dearest = _superlative(parser.encode("제일 비싼 공연장 두 곳", VENUES), names)
    assert (dearest.order_by, dearest.descending, dearest.limit) == ("venues.fee", True, 2)
    assert _superlative(parser.encode("서울 공연장은?", VENUES), names) == names
    by_city = replace(names, order_by="venues.city", limit=1)  # a text is no ranking
    most = _superlative(parser.encode("좌석이 가장 많은 공연장은?", VENUES), by_city)
    assert (most.order_by, most.descending, most.limit) == ("venues.seats", True, 1)
    by_seats = replace(names, order_by="venues.seats", limit=1)
    assert _superlative(parser.encode("가장 싼 공연장은?", VENUES), by_seats) == by_seats


def test_a_value_said_to_begin_a_longer_one_is_a_prefix_of_that_column() -> None:
    """ "서울로 시작하는 공연장": the venues' names (서울아트홀), not the city 서울 itself."""
    encoded = _parser(1).encode("서울로 시작하는 공연장", VENUES)
    assert _begun(encoded, "서울%") == "venues.name"
    assert _begun(encoded, "%홀") == "venues.name"
    assert _begun(encoded, "부산%") is None


def test_who_asks_for_people_matched_by_a_family_name_of_the_named_table(
    league_schema: Schema,
) -> None:
    encoded = _parser(1).encode("성이 김씨인 선수는 누구야?", league_schema)
    names = [c.qualified for c in encoded.columns]
    size = FIRST_COLUMN + len(names)
    free, open_ = torch.full((size,), 0.1), torch.full((size,), 0.1)
    free[FIRST_COLUMN + names.index("players.name")] = 0.0  # constrained: masked
    query = Query("teams.name", "", (Condition("players.name", "like", "김%"),))
    assert _who(encoded, (free, open_), query).select == "players.name"


def test_a_number_column_named_as_a_counter_is_asked(league_schema: Schema) -> None:
    parser = _parser(1)
    encoded = parser.encode("슈팅이 가장 많았던 경기는 몇 라운드였나요?", league_schema)
    ranked = Query("matches.shots", "", order_by="matches.shots", limit=1)
    assert _counted_in(encoded, ranked).select == "matches.round"
    count = Query(None, "count")
    assert _counted_in(parser.encode("경기는 몇 번 있었어?", league_schema), count) == count
