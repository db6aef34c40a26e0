from __future__ import annotations

from skills.text_to_sql.korean import is_person


def test_nouns_for_people_are_known_by_how_they_end() -> None:
    for noun in ("출연자", "관객", "회원", "담당 직원", "가수", "선생님", "빌린 사람"):
        assert is_person(noun), noun
    for noun in ("좌석", "거치대", "공연", "자", "병원", "공원"):
        assert not is_person(noun), noun
