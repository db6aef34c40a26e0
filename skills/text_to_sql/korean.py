"""Korean particles that agree with the word before them: 서울이 / 부산이 → 팀이, 선수가.

A particle pair is chosen by whether the last syllable has a final consonant (받침); digits
and Latin letters are read aloud (1 일, 2 이; "FC" ends in 씨). ``(으)로`` also treats ㄹ as
no final consonant (서울로).
"""

from __future__ import annotations

_DIGIT_HAS_FINAL = {
    "0": True,
    "1": True,
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": True,
    "8": True,
    "9": False,
}
_LATIN_HAS_FINAL = set("lmnr")
PAIRS = {
    "이": ("이", "가"),
    "은": ("은", "는"),
    "을": ("을", "를"),
    "과": ("과", "와"),
    "으로": ("으로", "로"),
    "이다": ("이다", "다"),
    "인": ("인", "인"),
    "이고": ("이고", "이고"),
}


def final_consonant(word: str) -> int | None:
    """The index of the last syllable's final consonant (0 = none), None if not readable."""
    for ch in reversed(word.strip()):
        if "\uac00" <= ch <= "\ud7a3":
            return (ord(ch) - 0xAC00) % 28
        if ch.isdigit():
            return 1 if _DIGIT_HAS_FINAL[ch] else 0
        if ch.isalpha() and ch.isascii():
            return 8 if ch.lower() in _LATIN_HAS_FINAL else 0
        if ch.isalnum():
            return None
    return None


def attach(word: str, particle: str) -> str:
    """``word`` followed by the form of ``particle`` (named by its after-consonant form)."""
    with_final, without = PAIRS[particle]
    final = final_consonant(word)
    # (으)로 takes 으 after any final consonant but ㄹ (index 8): 서울로, 부산으로
    has = final not in (None, 0, 8) if particle == "으로" else bool(final)
    return f"{word}{with_final if has else without}"


# family names, one syllable: "김씨 성을 가진" asks for names that begin with one
SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)


def looks_like_names(values: tuple[str, ...] | list[str]) -> bool:
    """Are ``values`` people's names: two to four Korean syllables, most beginning with a
    family name ("김민서", "남궁민")?"""
    names = [v for v in values if 2 <= len(v) <= 4 and v.isalpha() and is_hangul(v)]
    return (
        bool(values)
        and len(names) >= 0.8 * len(values)
        and sum(v[0] in SURNAMES for v in names) >= 0.8 * len(names)
        and sum(len(v) >= 3 for v in names) >= 0.5 * len(names)  # not cities: 서울, 강릉
    )


def is_hangul(word: str) -> bool:
    """Is ``word`` non-empty and made of Hangul syllables only?"""
    return bool(word) and all("\uac00" <= ch <= "\ud7a3" for ch in word)


# how the Korean names of people end: 출연자, 관객, 회원, 선생님, 가수, 빌린 사람
_PEOPLE_ENDS = (
    "자", "객", "님", "사람", "회원", "직원", "사원", "단원", "팀원", "조합원", "대원",
    "가수", "선수", "배우", "감독", "작가", "기사", "의사", "학생", "손님", "주인", "인원",
    "일꾼", "일손", "아티스트", "멤버", "관중", "인구",
)  # fmt: skip


def is_person(noun: str) -> bool:
    """Does the Korean ``noun`` (two syllables or more) name people: "출연자", "회원", "가수"?"""
    word = noun.strip().split()[-1] if noun.strip() else ""
    return len(word) >= 2 and is_hangul(word) and word.endswith(_PEOPLE_ENDS)
