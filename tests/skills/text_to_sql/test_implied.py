from __future__ import annotations

import random

from skills.text_to_sql.implied import asked, compared, ranked
from skills.text_to_sql.schema import Column

PRICE = Column("books", "price", "number", ("가격",))
PAGES = Column("books", "pages", "number", ("쪽수",))
PUBLISHED = Column("books", "published_year", "number", ("출간 연도",))
BORN = Column("authors", "birth_year", "number", ("출생 연도",))
SOLD = Column("sales", "quantity", "number", ("판매량",))


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
    assert "1950년 이전에 태어난" in before
    assert compared(PRICE, ">", "10000", rng) == "10000원보다 비싼"
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
