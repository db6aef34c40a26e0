"""How Korean talks about kinds of quantities: prices, years, lengths, amounts.

A number column's names say what kind of quantity it holds ("가격", "출간 연도", "쪽수"), and
with the kind come words that imply the column without naming it: a unit ("몇 쪽", "만 원
보다", "10년 넘는" of a career), adjectives for its two ends ("가장 비싼", "가장 최근에 출간된",
"가장 먼저 태어난", "제일 어린" for an age),
and for years, "이후"/"이전". Synthesis says questions with these words, so a parser trained on
a schema learns "가장 싼 책" = the lowest price without a hand-written example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills.text_to_sql.korean import final_consonant, is_hangul, is_person
from skills.text_to_sql.schema import Column
from skills.text_to_sql.text import compact_form, tokenize


@dataclass(frozen=True)
class Sense:
    """One kind of quantity: the words for its high and low ends and its unit."""

    kind: str
    high: tuple[str, ...]  # adjectives before a noun for the largest value ("비싼")
    low: tuple[str, ...]
    unit: str = ""  # counter after a number ("원", "쪽"); "" when there is none
    other_units: tuple[str, ...] = ()  # said after a number too, never asked with ("10세")


# an event that happens once to a thing, so a number column named by it alone holds its year:
# "창단" of a team, "개업" of a shop, "founded"
FOUNDING = (
    "창단",
    "창립",
    "설립",
    "개업",
    "개관",
    "개장",
    "개원",
    "건립",
    "준공",
    "개설",
    "설치",
    "개통",
    "개점",
    "founded",
    "established",
    "opened",
)
_KINDS: tuple[tuple[str, tuple[str, ...], Sense], ...] = (
    (
        "birth",
        ("출생", "태어난", "생년", "birth", "born"),
        Sense("birth", ("젊은", "가장 늦게 태어난"), ("나이가 많은", "먼저 태어난"), "년"),
    ),
    (
        "tenure",  # a length in years: before "year", whose "년" it may contain (근속 년수)
        ("경력", "연차", "근속", "재직", "연수", "experience", "tenure"),
        Sense("tenure", ("오래된", "긴"), ("짧은",), "년"),
    ),
    (
        "year",
        ("연도", "년도", "년", "해", "year", "date", "날짜", "일자", *FOUNDING),
        Sense(
            "year",
            ("최근에 {v}", "늦게 {v}", "최신"),
            ("먼저 {v}", "오래된", "오래된", "일찍 {v}"),
            "년",
        ),
    ),
    (
        "money",  # an amount of money earned or paid, not a price: "매출이 가장 많은"
        ("매출", "수익", "수입", "금액", "판매액", "연봉", "급여", "월급", "임금", "예산"),
        Sense("money", ("많은", "높은"), ("적은", "낮은"), "원"),
    ),
    (
        "price",
        ("가격", "값", "요금", "료", "정가", "비용", "price", "cost", "fee"),
        Sense("price", ("비싼",), ("싼", "저렴한"), "원"),
    ),
    (
        "pages",
        ("쪽", "페이지", "분량", "page"),
        Sense("pages", ("두꺼운", "긴"), ("얇은", "짧은"), "쪽"),
    ),
    (
        "duration",
        ("시간", "러닝타임", "길이", "runtime", "running time", "duration", "length"),
        Sense("duration", ("긴",), ("짧은",), "분"),
    ),
    (
        "area",
        ("면적", "넓이", "평수", "부지", "area"),
        Sense("area", ("넓은", "큰"), ("좁은", "작은"), "제곱미터", ("㎡",)),
    ),
    (
        "height",
        ("높이", "고도", "해발", "height", "altitude"),
        Sense("height", ("높은",), ("낮은",), "미터"),
    ),
    (
        "distance",
        ("거리", "distance"),
        Sense("distance", ("먼",), ("가까운",), "킬로미터", ("km",)),
    ),
    (
        "weight",
        ("무게", "중량", "weight"),
        Sense("weight", ("무거운",), ("가벼운",)),
    ),
    (
        "age",  # last: "age" is also in "page", "average"
        ("나이", "연령", "age"),
        Sense("age", ("나이가 많은",), ("어린", "젊은", "나이가 적은"), "살", ("세",)),
    ),
)
_COUNTED = re.compile(r"^([\uac00-\ud7a3])\s?수$")
# a count of things named by a longer noun: "좌석 수", "거치대 개수"
_NOUN_COUNTED = re.compile(r"^([\uac00-\ud7a3]{2,})\s?(?:개수|수)$")
# nouns that end in the counter they are counted by: 좌석 3000석, 객실 200실, 건물 5층
_SELF_COUNTERS = ("석", "실", "층")
# counters whose counts have words for their two ends: nights of a stay ("가장 오래 묵은")
_COUNTER_ENDS = {"박": (("오래 묵은", "오래 머문", "길게 묵은"), ("짧게 묵은", "짧게 머문"))}
DAYS = ("박", "일")  # counters of days: a count of them is asked with "며칠"
_PERIOD = ("기간", "일수")  # a number of days: after counters, so "박 수" keeps its 박
_VERB_NOUN = re.compile(r"^(\S+?)\s*(연도|년도|년|해|일자|날짜|일)$")
_MODIFIER_NOUN = re.compile(r"^([\uac00-\ud7a3 ]+[\uac00-\ud7a3])\s+(연도|년도|해|날|날짜|일자)$")
_PASSIVE = (
    "출간",
    "출판",
    "개봉",
    "발매",
    "설립",
    "창립",
    "발표",
    "건립",
    "제작",
    "등록",
    "개장",
    "개설",
    "설치",
    "개통",
)
_SPENT = re.compile(r"^(\S+)\s*시간$")  # "탄 시간", "이용 시간": the time spent doing it


def sense(column: Column) -> Sense | None:
    """The kind of quantity a number column holds, judged by its names; None if unknown."""
    if not column.is_number:
        return None
    korean = [compact_form(p) for p in column.phrases() if _has_hangul(p)]
    others = [compact_form(p) for p in column.phrases() if not _has_hangul(p)]
    found = _kind(korean)
    if found is not None:
        return found
    for phrase in column.phrases():  # "박 수", "골 수": a count of a counter, its unit
        match = _COUNTED.match(phrase.strip())
        if match and final_consonant(match.group(1)):
            high, low = _COUNTER_ENDS.get(match.group(1), ((), ()))
            return Sense("count", high, low, match.group(1))
    for phrase in column.phrases():  # "좌석 수": 3000석, "거치대 수": 30개; never people
        match = _NOUN_COUNTED.match(phrase.strip())
        if match and not is_person(match.group(1)):
            noun = match.group(1)
            return Sense("count", (), (), noun[-1] if noun[-1] in _SELF_COUNTERS else "개")
    if any(k in form for k in _PERIOD for form in korean):  # "대출 기간", "보관 일수"
        return Sense("period", ("긴",), ("짧은",), "일")
    # English names last: "length of stay" is no running time once "박 수" says nights
    return _kind(others)


def _kind(forms: list[str]) -> Sense | None:
    for _, keywords, found in _KINDS:
        if any(compact_form(k) in form for k in keywords for form in forms):
            return found
    return None


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def event_verb(column: Column) -> str | None:
    """For a year column, the verb of its event as a modifier: "출간 연도" -> "출간된"."""
    for phrase in column.phrases():
        if "태어" in phrase or "출생" in phrase:
            return "태어난"
        match = _VERB_NOUN.match(phrase.strip())
        if match and is_hangul(match.group(1)):
            noun = match.group(1)
            if len(noun) > 1 and noun[-1] in "한된":  # "창단한 해": a verb already
                return noun
            return f"{noun}된" if noun in _PASSIVE else f"{noun}한"
    for phrase in column.phrases():  # a year column named by its event alone: "창단"
        if phrase.strip() in FOUNDING and is_hangul(phrase.strip()):
            noun = phrase.strip()
            return f"{noun}된" if noun in _PASSIVE else f"{noun}한"
    return None


def is_founding(column: Column) -> bool:
    """Does a year column hold when its row began to exist ("개설 연도", "문 연 해"), which
    Korean also asks as "언제 생겼어?"?"""
    forms = [compact_form(p) for p in column.phrases() if is_hangul(p.replace(" ", ""))]
    opened = (*(w for w in FOUNDING if is_hangul(w)), "문연", "문을연")
    return any(word in form for word in opened for form in forms)


def event_verbs(column: Column) -> tuple[str, ...]:
    """Every verb a year column's names give its event: ``event_verb`` and the modifiers its
    names are built on ("문을 연 해" -> "문을 연", "창단한 해" -> "창단한")."""
    verb = event_verb(column)
    found = [verb] if verb else []
    for phrase in column.phrases():
        match = _MODIFIER_NOUN.match(phrase.strip())
        tokens = tokenize(match.group(1)) if match else []
        if match and tokens and (tokens[-1].tag or "").endswith("ETM"):  # 나온, 문을 연
            found.append(match.group(1))
    return tuple(dict.fromkeys(found)) if verb else ()


def extremes(column: Column) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Adjective phrases for the highest and lowest values, the verb filled in."""
    found = sense(column)
    if found is None:
        return (), ()
    verb = event_verb(column)
    spent = _spent(column) if found.kind == "duration" else ()
    if spent:  # "가장 오래 탄", "짧게 이용한"
        found = Sense(
            found.kind,
            (*found.high, *(f"오래 {v}" for v in spent)),
            (*found.low, *(f"짧게 {v}" for v in spent)),
            found.unit,
            found.other_units,
        )

    def fill(words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.replace("{v}", verb or "") for w in words if "{v}" not in w or verb)

    return fill(found.high), fill(found.low)


def _spent(column: Column) -> tuple[str, ...]:
    """The verbs a duration's names are built on: "탄 시간" -> "탄", "이용 시간" -> "이용한"."""
    found = []
    for phrase in column.phrases():
        match = _SPENT.match(phrase.strip())
        word = match.group(1) if match else ""
        # tagged in the phrase: "탄" alone is a noun, in "탄 시간" a verb
        whole = tokenize(phrase.strip()) if word and is_hangul(word) else []
        tokens = [t for t in whole if t.end <= len(word)]
        if len(tokens) == 1 and (tokens[0].tag or "").endswith("ETM"):  # 탄, 머문
            found.append(word)
        elif len(tokens) == 1 and len(word) == 2 and (tokens[0].tag or "").startswith("NNG"):
            found.append(f"{word}한")  # 이용, 대여, 진료
    return tuple(dict.fromkeys(found))


def implied_words(column: Column) -> tuple[str, ...]:
    """Every phrase that implies ``column``: its adjectives, its unit and its event's verb."""
    found = sense(column)
    if found is None:
        return ()
    high, low = extremes(column)
    days = "며칠" if found.unit in DAYS else ""
    return tuple(w for w in (*high, *low, found.unit, event_verb(column) or "", days) if w)
