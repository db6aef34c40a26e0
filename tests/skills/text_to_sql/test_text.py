from __future__ import annotations

import pytest

from skills.text_to_sql.text import counted, native_count, numbers, spoken_number


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1박 요금이 30만원을 넘는", [1.0, 300000.0]),
        ("15만 원에서 20만 원 사이", [150000.0, 200000.0]),
        ("2천 명", [2000.0]),
        ("1,500원", [1500.0]),
        ("3억", [300000000.0]),
        ("1억 5천만 원", [150000000.0]),
        ("3만5천원", [35000.0]),
        ("1.5만", [15000.0]),
        ("2010년 이전에", [2010.0]),
        ("10만큼", [10.0]),  # 만큼 is "as much as", no unit
        ("상위 3개", [3.0]),
    ],
)
def test_numbers_read_korean_units(text: str, values: list[float]) -> None:
    assert [v for v, _, _ in numbers(text)] == values


def test_a_number_spans_its_units() -> None:
    text = "15만 원에서 20만 원 사이"
    assert [text[s:e] for _, s, e in numbers(text)] == ["15만", "20만"]


def test_large_numbers_are_said_with_units_and_read_back() -> None:
    assert spoken_number(150000) == "15만"
    assert spoken_number(35000, spaced=True) == "3만 5천"
    assert spoken_number(150000000) == "1억5천만"
    assert spoken_number(2000) == "2천"
    assert spoken_number(1500) is None and spoken_number(999) is None
    for value in (150000.0, 35000.0, 2000.0, 300000000.0, 150000000.0, 10000.0):
        said = spoken_number(value)
        assert said is not None and numbers(said)[0][0] == value
        assert numbers(spoken_number(value, spaced=True) or "")[0][0] == value


def test_counts_said_in_words_are_read_with_their_counter() -> None:
    assert [v for v, _, _ in counted("면적 넓은 농장 두 곳만")] == [2]
    assert [v for v, _, _ in counted("가장 싼 품종 세 개는?")] == [3]
    assert [v for v, _, _ in counted("다섯 명의 이름")] == [5]
    assert counted("두 번째 선수") == []  # an ordinal, no count
    assert counted("세 장소") == []  # 장 of 장소 is no counter
    assert counted("주세 개") == []
    assert native_count(3, "곳") == "세 곳" and native_count(11, "개") is None
