"""Korean numbers, dates, times and Latin words are written the way they are read."""

from __future__ import annotations

import pytest

from assistant.speech.korean_text import native_korean, normalize_korean, sino_korean


@pytest.mark.parametrize(
    ("number", "read"),
    [
        (0, "영"),
        (1, "일"),
        (10, "십"),
        (15, "십오"),
        (110, "백십"),
        (1500, "천오백"),
        (2024, "이천이십사"),
        (10000, "만"),
        (12345, "만이천삼백사십오"),
        (100000000, "일억"),
        (320000, "삼십이만"),
    ],
)
def test_sino_korean(number: int, read: str) -> None:
    assert sino_korean(number) == read


@pytest.mark.parametrize(
    ("number", "read"),
    [(1, "한"), (3, "세"), (10, "열"), (20, "스무"), (24, "스물네"), (99, "아흔아홉")],
)
def test_native_korean(number: int, read: str) -> None:
    assert native_korean(number) == read


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("2024-05-03에 경기", "이천이십사 년 오 월 삼 일에 경기"),
        ("2026.10.09", "이천이십육 년 시 월 구 일"),
        ("6월 10일", "유월 십일"),
        ("14:30에 시작", "열네 시 삼십 분에 시작"),
        ("9:00", "아홉 시"),
        ("3명이 2시간", "세 명이 두 시간"),
        ("5경기 중 2골", "다섯 경기 중 두 골"),
        ("참가비 1,500원", "참가비 천오백원"),
        ("승률 62.5%", "승률 육십이 점 오 퍼센트"),
        ("KBO 리그와 e스포츠", "케이비오 리그와 이스포츠"),
        ("OK, team 신청", "오케이, 팀 신청"),
        ("Hello 여러분", "Hello 여러분"),
        ("숫자 없는 문장", "숫자 없는 문장"),
    ],
)
def test_normalize_korean(text: str, spoken: str) -> None:
    assert normalize_korean(text) == spoken


def test_normalized_text_has_no_digits_left() -> None:
    assert not any(c.isdigit() for c in normalize_korean("2024-05-03 14:30, 3명, 1,500원, 7.5%"))
