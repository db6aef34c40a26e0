from __future__ import annotations

from skills.text_to_sql.lexicon import event_verb, event_verbs, extremes, is_founding, sense
from skills.text_to_sql.schema import Column


def _number(*names: str) -> Column:
    return Column("t", "x", "number", names)


def test_a_column_s_names_give_its_kind_of_quantity() -> None:
    kinds = {
        ("가격", "price"): "price",
        ("관람료",): "price",
        ("쪽수", "페이지 수"): "pages",
        ("상영 시간",): "duration",
        ("출간 연도",): "year",
        ("출생 연도",): "birth",
        ("birth year",): "birth",
        ("경력",): "tenure",
        ("근속 년수",): "tenure",
        ("나이", "연령"): "age",
    }
    for names, kind in kinds.items():
        found = sense(_number(*names))
        assert found is not None and found.kind == kind, names
    assert sense(_number("판매량")) is None
    assert sense(Column("t", "x", "text", ("가격",))) is None  # only number columns


def test_a_year_column_s_event_becomes_a_verb() -> None:
    assert event_verb(_number("출간 연도")) == "출간된"
    assert event_verb(_number("개봉년도")) == "개봉된"
    assert event_verb(_number("창단 연도")) == "창단한"
    assert event_verb(_number("태어난 해")) == "태어난"
    assert event_verb(_number("가격")) is None


def test_extremes_fill_in_the_verb() -> None:
    high, low = extremes(_number("출간 연도"))
    assert "최근에 출간된" in high and "먼저 출간된" in low
    assert extremes(_number("가격")) == (("비싼",), ("싼", "저렴한"))
    assert extremes(_number("판매량")) == ((), ())


def test_a_year_column_s_names_give_every_verb_of_its_event() -> None:
    opened = Column("hotels", "opened_year", "number", ("개업 연도", "문을 연 해", "오픈 연도"))
    assert event_verbs(opened) == ("개업한", "문을 연")  # not "오픈", a noun
    assert event_verbs(Column("teams", "founded", "number", ("창단한 해", "창단 연도"))) == (
        "창단한",
    )
    assert event_verbs(Column("rooms", "floor", "number", ("층",))) == ()


def test_a_period_is_counted_in_days_after_counters() -> None:
    kept = Column("loans", "days_kept", "number", ("대출 기간", "보관 일수", "days kept"))
    found = sense(kept)
    assert found is not None and (found.kind, found.unit) == ("period", "일")
    nights = Column("bookings", "nights", "number", ("숙박 기간", "박 수"))
    assert sense(nights) is not None and sense(nights).unit == "박"  # type: ignore[union-attr]
    published = Column("books", "year", "number", ("출간 연도", "나온 해"))
    assert event_verbs(published) == ("출간된", "나온")


def test_areas_heights_distances_and_money_have_their_adjectives() -> None:
    kinds = {
        ("면적",): ("area", "넓은", "좁은"),
        ("재배 면적", "area"): ("area", "넓은", "좁은"),
        ("높이",): ("height", "높은", "낮은"),
        ("거리",): ("distance", "먼", "가까운"),
        ("매출",): ("money", "많은", "적은"),
        ("연봉",): ("money", "많은", "적은"),
    }
    for names, (kind, high, low) in kinds.items():
        found = sense(_number(*names))
        assert found is not None and found.kind == kind, names
        assert high in found.high and low in found.low, names
    found = sense(_number("kg당 가격"))
    assert found is not None and found.kind == "price"


def test_a_duration_named_by_its_verb_is_ranked_by_it() -> None:
    ridden = _number("이용 시간", "탄 시간", "분")
    high, low = extremes(ridden)
    assert {"긴", "오래 탄", "오래 이용한"} <= set(high)
    assert {"짧은", "짧게 탄", "짧게 이용한"} <= set(low)
    assert extremes(_number("러닝타임")) == (("긴",), ("짧은",))


def test_a_year_of_opening_is_a_founding() -> None:
    assert is_founding(_number("개설 연도"))
    assert is_founding(_number("문 연 해"))
    assert is_founding(_number("창단"))
    assert not is_founding(_number("출간 연도"))
    assert not is_founding(_number("구입 연도"))
    assert event_verb(_number("개설 연도")) == "개설된"


def test_a_count_named_by_a_longer_noun_takes_its_counter() -> None:
    """ "좌석 수" is counted in 석 (좌석 3000석), "거치대 수" in 개; never a count of people."""
    seats = sense(_number("좌석 수", "좌석", "객석"))
    docks = sense(_number("거치대 수", "거치대 개수"))
    assert seats is not None and (seats.kind, seats.unit) == ("count", "석")
    assert docks is not None and (docks.kind, docks.unit) == ("count", "개")
    for people in (("직원 수", "직원"), ("관객 수",), ("관중 수",), ("작업자 수",)):
        assert sense(_number(*people)) is None, people
    tickets = sense(_number("매수", "티켓 수", "장수"))  # a one-syllable counter first
    assert tickets is not None and tickets.unit == "장"
