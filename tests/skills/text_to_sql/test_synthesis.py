from __future__ import annotations

import random
import re
import sqlite3

import pytest

from skills.text_to_sql import Database, Schema, Synthesizer, apply_names, to_sql
from skills.text_to_sql.query import Query
from skills.text_to_sql.schema import Column, Table
from skills.text_to_sql.synthesis import (
    _counter_by_name,
    _implied,
    _is_counter,
    _is_period,
    _listed,
)
from skills.text_to_sql.text import counted, numbers


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
                # values are copied or linked; an anchored LIKE's without its wildcard
                assert condition.value.strip("%") in example.question


def test_korean_particles_agree_in_synthesized_questions(
    league_schema: Schema, league_db: Database
) -> None:
    questions = [e.question for e in Synthesizer(league_schema, league_db, seed=2).examples(400)]
    text = "\n".join(questions)
    for wrong in ("선수이 ", "팀가 ", "득점를 ", "나이을 ", "골수가"):
        assert wrong not in text


@pytest.fixture(scope="module")
def star(tmp_path_factory: pytest.TempPathFactory) -> tuple[Schema, Database]:
    """shops <- orders -> customers: a fact table referring to two others."""
    path = tmp_path_factory.mktemp("star") / "star.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE shops (id INTEGER PRIMARY KEY, name TEXT, region TEXT, opened INTEGER);
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, gender TEXT, age INTEGER);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, shop_id INTEGER REFERENCES shops(id),
                             customer_id INTEGER REFERENCES customers(id), price INTEGER);
        """
    )
    shops = [("강남점", "서울"), ("해운대점", "부산"), ("동성로점", "대구")]
    rows = [(i + 1, *shop, 2000 + i) for i, shop in enumerate(shops)]
    conn.executemany("INSERT INTO shops VALUES (?, ?, ?, ?)", rows)
    people = [("김민준", "남성", 31), ("이서연", "여성", 24), ("박지우", "여성", 45)]
    rows = [(i + 1, *person) for i, person in enumerate(people)]
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)", rows)
    rows = [(i + 1, i % 3 + 1, i * 2 % 3 + 1, 10000 + 1000 * i) for i in range(12)]
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", rows)
    conn.commit()
    conn.close()
    names = path.parent / "names.yml"
    names.write_text(
        "tables:\n"
        "  shops:\n    names: [매장, shop]\n"
        "    columns:\n      name: [매장 이름, 매장]\n      region: [지역]\n"
        "      opened: [개점 연도]\n"
        "  customers:\n    names: [고객, customer]\n"
        "    columns:\n      name: [고객 이름, 고객]\n      gender: [성별]\n      age: [나이]\n"
        "  orders:\n    names: [주문, order]\n    columns:\n      price: [가격, 금액]\n",
        "utf-8",
    )
    db = Database(path)
    return apply_names(db.introspect(), names), db


def _measured(query: Query) -> str:
    return (query.select or "").partition(".")[0]


def test_counts_and_sums_in_a_star_are_over_the_table_that_refers(
    star: tuple[Schema, Database],
) -> None:
    schema, db = star
    examples = Synthesizer(schema, db, seed=5).examples(1200)
    for example in (e for e in examples if e.query.agg):  # counts, sums, per group
        query = example.query
        others = {c.column.partition(".")[0] for c in query.conditions}
        others |= {query.group_by.partition(".")[0]} if query.group_by else set()
        assert _measured(query) == "orders" or others <= {_measured(query)}, example.question
    # the visits of a customer, the orders per shop, and said as such
    assert any(
        e.query.agg == "count"
        and _measured(e.query) == "orders"
        and any(c.column.startswith("customers.") for c in e.query.conditions)
        for e in examples
    )
    assert any(
        e.query.agg == "count" and (e.query.group_by or "").startswith("shops.") for e in examples
    )
    questions = "\n".join(e.question for e in examples)
    assert "주문한 건수는" in questions  # "김민준 고객이 주문한 건수는 몇 건이야?"
    assert "고객의 주문" in questions  # "여성 고객의 주문 수"


def test_substrings_ranges_and_units_are_said_as_people_say_them(
    star: tuple[Schema, Database],
) -> None:
    schema, db = star
    examples = Synthesizer(schema, db, seed=6).examples(1500)
    likes = [
        e
        for e in examples
        for c in e.query.conditions
        if c.op == "like" and c.column.endswith(".name")
    ]
    assert any("이름에 " in e.question for e in likes)  # "이름에 '준'이 들어가는"
    assert any(f"'{c.value}'" in e.question for e in likes for c in e.query.conditions)
    ranges = [e.question for e in examples if any(c.op == "between" for c in e.query.conditions)]
    assert any(" 이상 " in q and " 이하인" in q for q in ranges)
    assert any("원 이상 " in q or "원에서 " in q for q in ranges)  # the unit of a price
    assert any("살" in e.question for e in examples)  # an age in years


def test_large_numbers_with_units_and_sums_added_up(star: tuple[Schema, Database]) -> None:
    schema, db = star
    examples = Synthesizer(schema, db, seed=7).examples(1500)
    questions = "\n".join(e.question for e in examples)
    assert "만원" in questions or "만 원" in questions  # 15만 원, as people say prices
    assert "합치면" in questions or "더하면" in questions  # "금액을 다 합치면 얼마야?"
    for example in examples:  # the value said with units is read back as the query's
        for condition in example.query.conditions:
            if isinstance(condition.value, float) and condition.value >= 10000:
                assert condition.value in [v for v, _, _ in numbers(example.question)]


def test_anchored_likes_and_counts_per_group_are_said(
    league_schema: Schema, league_db: Database
) -> None:
    examples = Synthesizer(league_schema, league_db, seed=5).examples(1500)
    anchored = [
        (e.question, str(c.value))
        for e in examples
        for c in e.query.conditions
        if c.op == "like" and str(c.value).startswith("%") != str(c.value).endswith("%")
    ]
    assert anchored
    for question, value in anchored:
        words = ("시작", "씨", "starts") if value.endswith("%") else ("끝나", "ends")
        assert any(w in question for w in words), question
    assert any("씨" in q for q, _ in anchored)  # "김씨 성을 가진": players' names
    each = [e for e in examples if "씩" in e.question]
    assert each and all(e.query.group_by and e.query.agg == "count" for e in each)


def test_a_number_named_like_a_counter_follows_its_value() -> None:
    assert _is_counter("층") and _is_counter("성급") and _is_counter("학년")
    assert not _is_counter("1박 요금") and not _is_counter("floor")


def test_things_are_counted_by_what_they_are() -> None:
    assert _counter_by_name(("자전거", "공공자전거", "bike")) == "대"
    assert _counter_by_name(("대여소", "정류소")) == "곳"
    assert _counter_by_name(("책", "도서")) == "권"
    assert _counter_by_name(("영화", "작품")) == "편"
    assert _counter_by_name(("대여", "이용 기록", "rental")) is None
    assert _counter_by_name(("bike",)) is None


def test_counters_and_people_asked_by_what_they_did(star: tuple[Schema, Database]) -> None:
    schema, db = star
    synthesizer = Synthesizer(schema, db, seed=5)
    assert {synthesizer._counter("shops") for _ in range(30)} == {"곳", "개"}  # 매장 몇 곳
    assert synthesizer._is_events("orders") and not synthesizer._is_events("customers")
    assert synthesizer._ko_who(schema.column("customers.name"), "그 고객") is None
    records = Table("logs", (), ("이용 기록",))
    named = Schema((*schema.tables, records), schema.foreign_keys)
    assert Synthesizer(named, db, seed=5)._is_events("logs")  # named as records


def test_years_with_an_event_are_mostly_implied() -> None:
    opened = Column("hotels", "opened_year", "number", ("개업 연도",))
    assert _implied(opened) > _implied(Column("rooms", "floor", "number", ("층수",)))


def test_every_group_named_is_said_together() -> None:
    rng = random.Random(1)
    said = {_listed(["홈", "원정"], rng) for _ in range(40)}
    assert said == {
        f"{a}{j} {b}" for a, b in (("홈", "원정"), ("원정", "홈")) for j in ("과", "이랑", "하고")
    }
    assert _listed(["승", "무", "패"], rng).count(",") == 1
    assert _listed(["남자", "여자"], rng) in {
        f"{a}{j} {b}" for a, b in (("남자", "여자"), ("여자", "남자")) for j in ("와", "랑", "하고")
    }


def test_the_top_row_s_own_figure_is_asked_by_its_unit(
    league_schema: Schema, league_db: Database
) -> None:
    examples = Synthesizer(league_schema, league_db, seed=3).examples(1500)
    own = [e for e in examples if e.query.order_by and e.query.select == e.query.order_by]
    assert own and any("몇 " in e.question or "얼마" in e.question for e in own)
    surnames = [c for e in examples for c in e.query.conditions if str(c.value)[1:] == "%"]
    assert surnames  # "김씨 성을 가진 선수"


def test_a_count_takes_the_counter_of_what_it_counts(
    league_schema: Schema, league_db: Database
) -> None:
    """명 for people (players, named by people's names), never for teams or matches."""
    examples = Synthesizer(league_schema, league_db, seed=13).examples(800)
    people = [e for e in examples if e.query.agg == "count" and "몇 명" in e.question]
    assert people
    assert all(str(e.query.select).startswith("players.") for e in people)


def test_periods_are_groups() -> None:
    assert _is_period(Column("harvests", "harvest_year", "number", ("수확 연도",)))
    assert _is_period(Column("sales", "month", "number", ("판매 월",)))
    assert not _is_period(Column("farms", "area", "number", ("면적",)))


def test_top_k_in_words_and_names_found_by_a_part(
    league_schema: Schema, league_db: Database
) -> None:
    examples = Synthesizer(league_schema, league_db, seed=3).examples(2000)
    in_words = [
        e
        for e in examples
        if e.query.limit
        and e.query.limit > 1
        and any(c[0] == e.query.limit for c in counted(e.question))
    ]
    assert in_words  # "득점 많은 선수 두 명만"
    named = [
        e
        for e in examples
        if any(c.op == "like" and c.column == e.query.select for c in e.query.conditions)
    ]
    assert named  # "이름에 '유나'가 들어간 팀 찾아 줘": those teams' names


def test_columns_asked_together_are_listed_in_order(
    league_schema: Schema, league_db: Database
) -> None:
    synthesizer = Synthesizer(league_schema, league_db, seed=4)
    examples = synthesizer.examples(1500)
    listed = [e for e in examples if e.query.also]
    assert listed
    for example in listed:
        query = example.query
        assert not query.agg and query.group_by is None
        tables = {c.partition(".")[0] for c in (query.select, *query.also) if c}
        assert len(tables) == 1, example.question


def test_compared_numbers_are_often_round_ones_in_no_row(star: tuple[Schema, Database]) -> None:
    schema, db = star
    synthesizer = Synthesizer(schema, db, seed=5)
    seats = Column("venues", "seats", "number", ("좌석 수",))
    opened = Column("venues", "opened_year", "number", ("개관 연도",))
    assert {synthesizer._rounded(seats, 1766.0) for _ in range(30)} == {1800.0, 2000.0}
    assert {synthesizer._rounded(opened, 1993.0) for _ in range(30)} == {1995.0, 1990.0}
    assert synthesizer._rounded(seats, 3.7) == 4.0 and synthesizer._rounded(seats, 7.0) == 7.0


def test_people_are_asked_for_by_any_deed(star: tuple[Schema, Database]) -> None:
    schema, db = star
    performer = Column("concerts", "performer", "text", ("출연자",), ("아이유", "잔나비"))
    title = Column("concerts", "title", "text", ("제목",), ("가을 편지", "봄날", "재즈 나잇"))
    concerts = Table("concerts", (title, performer), ("공연",))
    named = Schema((*schema.tables, concerts), schema.foreign_keys)
    synthesizer = Synthesizer(named, db, seed=5)
    synthesizer.pools.values[performer.qualified] = list(performer.values)
    synthesizer.texts += [title, performer]
    said = {synthesizer._ko_who(performer, "가을 편지 공연") for _ in range(30)}
    assert "가을 편지 공연은 누가 해?" in said


def _english(
    schema: Schema, db: Database, monkeypatch: pytest.MonkeyPatch, count: int, seed: int = 1
) -> list[tuple[str, Query]]:
    """The English pairs among ``count`` synthesized ones."""
    said: list[tuple[str, Query]] = []
    original = Synthesizer.say_english

    def say(self: Synthesizer, query: Query, table: str) -> str:
        question = original(self, query, table)
        said.append((question, query))
        return question

    monkeypatch.setattr(Synthesizer, "say_english", say)
    Synthesizer(schema, db, seed=seed).examples(count)
    return said


def test_english_wording_leaves_the_korean_pairs_as_they_are(
    league_schema: Schema, league_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = Synthesizer(league_schema, league_db, seed=5).examples(300)
    original = Synthesizer.say_english

    def reworded(self: Synthesizer, query: Query, table: str) -> str:
        self.en_rng.random()  # English drawing more than it did
        return "EN " + original(self, query, table)

    monkeypatch.setattr(Synthesizer, "say_english", reworded)
    after = Synthesizer(league_schema, league_db, seed=5).examples(300)
    assert [e.query for e in before] == [e.query for e in after]
    korean = [(b.question, a.question) for b, a in zip(before, after, strict=True)]
    korean = [(b, a) for b, a in korean if not a.startswith("EN ")]
    assert 150 < len(korean) < 250 and all(b == a for b, a in korean)


def test_english_asks_rows_by_their_table_and_people_with_who(
    league_schema: Schema, league_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    pairs = _english(league_schema, league_db, monkeypatch, 1500)
    questions = [q for q, _ in pairs]
    rows = [q for q, query in pairs if query.select and not query.agg and not query.order_by]
    assert any(q.startswith(("which ", "list the ", "show the ", "find ")) for q in rows)
    ranked = [q for q, query in pairs if query.order_by and query.limit == 1]
    assert any(q.startswith("who has the ") for q in ranked)
    owned = [q for q, query in pairs if [c.op for c in query.conditions] == ["="]]
    assert any(q.startswith("what is the ") and " of " in q for q in owned)
    # years compared and ranked as they are said: "founded before 1990", "... most recently?"
    assert any(re.search(r" (before|after|since) (19|20)\d\d\b", q) for q in questions)
    when = r" was .+ (most recently|last|latest|first|earliest|longest ago)\?$"
    assert any(re.search(when, q) for q in ranked)
    # numbers are written as digits, never with Korean units ("15만")
    for question in questions:
        assert not re.search(r"\d ?[만천억]", question), question
