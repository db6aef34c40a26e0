from __future__ import annotations

import random

from skills.text_to_sql.implied import (
    DAYS_ASK,
    MOST,
    asked,
    asked_amount,
    asked_which,
    compared,
    first_or_last,
    ranked,
    unit,
)
from skills.text_to_sql.lexicon import implied_words
from skills.text_to_sql.schema import Column

PRICE = Column("books", "price", "number", ("가격",))
PAGES = Column("books", "pages", "number", ("쪽수",))
PUBLISHED = Column("books", "published_year", "number", ("출간 연도",))
BORN = Column("authors", "birth_year", "number", ("출생 연도",))
SOLD = Column("sales", "quantity", "number", ("판매량",))
AGE = Column("patients", "age", "number", ("나이", "연령"))
CAREER = Column("doctors", "career_years", "number", ("경력", "연차"))


def test_superlatives_imply_the_column() -> None:
    rng = random.Random(0)
    assert ranked(PRICE, True, rng) == "가장 비싼"
    assert ranked(PRICE, False, rng) in ("가장 싼", "가장 저렴한")
    assert ranked(BORN, False, rng) in ("가장 나이가 많은", "가장 먼저 태어난")
    assert ranked(SOLD, True, rng) is None


def test_years_compare_with_before_and_after() -> None:
    rng = random.Random(1)
    after = {compared(PUBLISHED, ">=", "2010", rng) for _ in range(20)}
    assert "2010년 이후에 출간된" in after and all(a and "2010년" in a for a in after)
    before = {compared(BORN, "<=", "1950", rng) for _ in range(20)}
    assert "1950년 또는 그 이전에 태어난" in before and "1950년 이전에 태어난" not in before
    earlier = {compared(BORN, "<", "1950", rng) for _ in range(30)}
    assert {"1950년 이전에 태어난", "1950년 전에 태어난"} <= earlier  # "이전에" excludes 1950
    over = {compared(PRICE, ">", "10000", rng) for _ in range(60)}
    assert over == {
        "10000원보다 비싼",
        "10000원 넘는",
        "10000원을 넘는",
        "10000원 초과인",
        "10000원을 넘긴",
        "10000원을 넘은",
    }
    assert compared(PAGES, "<=", "300", rng) == "300쪽 이하인"
    assert compared(SOLD, ">", "3", rng) is None


def test_questions_ask_by_unit_or_event() -> None:
    rng = random.Random(2)
    said = asked(PAGES, "채식주의자", rng)
    assert said is not None and said.startswith("채식주의자는 몇 쪽")
    price = asked(PRICE, "데미안", rng)
    assert price is not None and price.startswith("데미안은 얼마")
    born = asked(BORN, "한강", rng)
    assert born is not None and born.startswith("한강은 ") and "태어났" in born
    assert asked(SOLD, "데미안", rng) is None


def test_ages_and_careers_have_their_own_words() -> None:
    rng = random.Random(3)
    youngest = {ranked(AGE, False, rng) for _ in range(40)}
    assert "제일 어린" in youngest and "가장 어린" in youngest
    over = {compared(CAREER, ">", "10", rng) for _ in range(30)}
    assert "10년 넘는" in over and all(o and o.startswith("10년") for o in over)
    younger = {compared(AGE, "<", "10", rng) for _ in range(30)}
    assert all(y and y[:3] in ("10살", "10세") for y in younger)
    assert "10세 미만인" in younger and "10살보다 어린" in younger
    assert {unit(AGE, rng) for _ in range(20)} == {"살", "세"} and unit(SOLD, rng) == ""


def test_founding_events_make_year_columns_with_their_own_verb() -> None:
    founded = Column("teams", "founded", "number", ("창단",))
    rng = random.Random(3)
    said = {compared(founded, "<", "1999", rng) for _ in range(30)}
    assert "1999년 전에 창단한" in said
    assert "가장 이른 {}" in first_or_last(founded, last=False)
    assert "가장 최근 {}" in first_or_last(PUBLISHED, last=True)
    assert first_or_last(PRICE, last=False) == ()


def test_a_count_named_by_its_verb_is_ranked_by_it() -> None:
    scored = Column("players", "goals", "number", ("득점", "넣은 골"))
    rng = random.Random(4)
    assert ranked(scored, True, rng) in ("골을 가장 많이 넣은", "골을 제일 많이 넣은")
    assert ranked(scored, False, rng) in ("골을 가장 적게 넣은", "골을 제일 적게 넣은")
    assert ranked(SOLD, True, rng) is None


def test_a_count_of_a_counter_takes_it_as_its_unit() -> None:
    nights = Column("bookings", "nights", "number", ("숙박 일수", "박 수"))
    opened = Column("hotels", "opened_year", "number", ("개업 연도",))
    rng = random.Random(5)
    assert unit(nights, rng) == "박"
    assert {compared(nights, "between", "3", rng, "5") for _ in range(20)} == {
        "3박 이상 5박 이하인",
        "3박에서 5박 사이인",
    }
    asks = {asked(nights, "윤하늘", rng) for _ in range(40)}
    assert "윤하늘은 몇 박이야?" in asks and "윤하늘은 며칠 묵었어?" in asks  # days: 며칠
    assert asks <= {
        f"윤하늘은 몇 박{e}" for e in ("이야?", "인가요?", "입니까?", "이에요?", "이지?")
    } | {f"윤하늘은 {e}" for e in DAYS_ASK}
    assert ranked(nights, True, rng) in {
        f"{m} {w}" for m in MOST for w in ("오래 묵은", "오래 머문", "길게 묵은")
    }
    spans = {compared(opened, "between", "2005", rng, "2014") for _ in range(60)}
    assert spans == {
        "2005년부터 2014년까지 개업한",
        "2005년에서 2014년 사이에 개업한",
        "2005년부터 2014년 사이에 개업한",
        "2005년에서 2014년까지 개업한",
        "2005년과 2014년 사이에 개업한",
    }


def test_a_count_of_a_counter_is_no_english_length() -> None:
    """ "박 수" says nights: "length of stay" does not make it a running time in minutes."""
    nights = Column("bookings", "nights", "number", ("숙박 기간", "박 수", "length of stay"))
    rng = random.Random(2)
    assert unit(nights, rng) == "박"
    assert "며칠" in implied_words(nights)


def test_an_aggregate_is_asked_by_its_unit() -> None:
    nights = Column("bookings", "nights", "number", ("숙박 일수", "박 수"))
    rng = random.Random(3)
    said = {asked_amount(nights, "avg", "스위트룸 예약", rng) for _ in range(30)}
    assert "스위트룸 예약은 평균 몇 박이야?" in said
    assert all(s is not None and s.startswith("스위트룸 예약은 평균 몇 박") for s in said)
    sums = {asked_amount(nights, "sum", "예약", rng) for _ in range(30)}
    assert any(s is not None and s.startswith("예약을 전부 합치면 몇 박") for s in sums)
    assert asked_amount(PRICE, "avg", "책", rng) is None  # prices: "평균 얼마"
    assert asked_amount(PUBLISHED, "max", "책", rng) is None


def test_a_unit_without_a_final_consonant_takes_the_short_copula() -> None:
    area = Column("farms", "area", "number", ("면적",))
    said = {asked(area, "고창농장", random.Random(seed)) for seed in range(30)}
    assert "고창농장은 몇 제곱미터야?" in said
    assert not any(s and ("미터이야" in s or "미터이에요" in s) for s in said)
    revenue = Column("harvests", "revenue", "number", ("매출",))
    assert "얼마" in str(asked(revenue, "그 수확", random.Random(0)))  # money: 얼마, never 몇 원
    assert asked_amount(revenue, "sum", "그 수확", random.Random(0)) is None


def test_a_text_column_is_asked_by_the_kind_of_its_values() -> None:
    maker = Column("bikes", "maker", "text", ("제조사", "제조 회사"), ("삼천리", "알톤"))
    kind = Column("bikes", "bike_type", "text", ("자전거 종류",), ("일반", "전기"))
    rng = random.Random(1)
    said = {asked_which(maker, "SB-1 자전거", rng) for _ in range(60)}
    assert "SB-1 자전거는 어느 회사 거야?" in said
    assert all(s and s.startswith("SB-1 자전거는 ") for s in said)
    kinds = {asked_which(kind, "SB-1", rng) for _ in range(60)}
    assert "SB-1은 무슨 종류야?" in kinds and "SB-1은 무슨 종류예요?" in kinds
    assert not any(k and ("종류이야" in k or "종류이에요" in k) for k in kinds)
    rider = Column("rentals", "rider", "text", ("이용자",), ("김하늘", "이준호", "박서연"))
    assert asked_which(rider, "그 대여", rng) is None  # people: 누구
    assert asked_which(PRICE, "책", rng) is None


def test_a_year_is_asked_by_its_event_as_a_thing_done() -> None:
    opened = Column("stations", "opened_year", "number", ("개설 연도", "문 연 해"))
    bought = Column("bikes", "purchase_year", "number", ("구입 연도",))
    rng = random.Random(2)
    said = {asked(opened, "노원역 대여소", rng) for _ in range(80)}
    assert "노원역 대여소는 언제 생겼어?" in said
    assert any(s and s.endswith("개설됐어?") for s in said)
    bought_said = {asked(bought, "SB-2003", rng) for _ in range(80)}
    assert "SB-2003은 몇 년에 구입한 거예요?" in bought_said
    assert not any(s and "생겼" in s for s in bought_said)  # a purchase is no founding


def test_a_count_is_asked_with_its_name_and_counter() -> None:
    seats = Column("venues", "seats", "number", ("좌석 수", "좌석"))
    said = {asked(seats, "롯데콘서트홀", random.Random(seed), "좌석") for seed in range(60)}
    assert "롯데콘서트홀은 좌석이 몇 석이에요?" in said
    assert any(s and s.startswith("롯데콘서트홀엔 좌석이 몇 석 있") for s in said)
    assert "롯데콘서트홀은 몇 석이야?" in said  # without the name too
