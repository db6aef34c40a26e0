"""Korean phrases that imply a number column instead of naming it (for synthesis).

    ranked(price, descending=True, subject="책")  -> "가장 비싼 책"
    compared(published, ">=", "2010")           -> "2010년 이후에 출간된"
    asked(pages, "채식주의자")                   -> "채식주의자는 몇 쪽이야?"

Each returns None when the column's kind of quantity (``skills.text_to_sql.lexicon``) has no
such phrase, and the synthesizer then names the column as usual.
"""

from __future__ import annotations

import random

from skills.text_to_sql.korean import attach, final_consonant, is_hangul, looks_like_names
from skills.text_to_sql.lexicon import (
    DAYS,
    event_verb,
    event_verbs,
    extremes,
    is_founding,
    sense,
)
from skills.text_to_sql.schema import Column

_PAST = {
    "된": ("됐어?", "되었나요?", "됐습니까?", "됐지?"),
    "한": ("했어?", "했나요?", "했습니까?"),
}
_BORN = ("태어났어?", "태어났나요?", "태어났습니까?", "태어났지?")
# after a final consonant (몇 쪽이야, 몇 분이에요); a unit without one drops the 이 (몇 미터야)
_UNIT_ASK = ("몇 {u}이야?", "몇 {u}인가요?", "몇 {u}입니까?", "몇 {u}이에요?", "몇 {u}이지?")
_VOWEL_ENDS = {"이야": "야", "이에요": "예요", "이지": "지"}
DAYS_ASK = (
    "며칠이야?",
    "며칠인가요?",
    "며칠 묵었어?",
    "며칠 머물렀나요?",
    "며칠 동안이에요?",
    "며칠이지?",
)
# a place or a body that came to be: "언제 생겼어?", "몇 년에 문을 열었나요?"
_FOUNDED = ("생겼어?", "생겼나요?", "생겼어요?", "생긴 거야?", "문을 열었어?", "문을 열었나요?")
_THING_ASK = ("거야?", "거예요?", "건가요?", "거지?")  # "몇 년에 산 거예요?"
MOST = ("가장", "가장", "제일")  # "가장 비싼", "제일 어린"
_PRICE_ASK = ("얼마야?", "얼마인가요?", "얼마예요?", "얼마입니까?", "얼마지?")


def ranked(column: Column, descending: bool, rng: random.Random) -> str | None:
    """ "가장 비싼" / "가장 먼저 태어난": the top row by ``column`` without naming it."""
    high, low = extremes(column)
    words = high if descending else low
    if not words:
        return _by_verb(column, descending, rng)
    word = rng.choice(words).removeprefix("가장 ")
    return f"{rng.choice(MOST)} {word}"


def _by_verb(column: Column, descending: bool, rng: random.Random) -> str | None:
    """ "골을 가장 많이 넣은": a count named by a verb and its noun ("넣은 골") ranked by
    the verb, for a column of no known kind but a count."""
    found = sense(column)
    if (found is not None and found.kind != "count") or not column.is_number:
        return None
    for phrase in column.phrases():
        words = phrase.split()
        if len(words) == 2 and all(is_hangul(w) for w in words) and final_consonant(words[0]) == 4:
            much = "많이" if descending else "적게"
            return f"{attach(words[1], '을')} {rng.choice(MOST)} {much} {words[0]}"
    return None


def compared(column: Column, op: str, value: str, rng: random.Random, high: str = "") -> str | None:
    """A modifier for ``column op value`` (``between`` value and ``high``) in the column's
    own words, or None."""
    found = sense(column)
    if found is None or not found.unit:
        return None
    unit = rng.choice((found.unit, found.unit, *found.other_units))
    amount, top = f"{value}{unit}", f"{high}{unit}"
    verbs = event_verbs(column)
    verb = rng.choice(verbs) if verbs else None
    if op == "between":  # "2005년부터 2014년까지 문을 연", "3박 이상 5박 이하로"
        if not high:
            return None
        if found.kind in ("year", "birth") and verb:
            form = rng.choice(
                (
                    "{a}부터 {h}까지 {v}",
                    "{a}에서 {h} 사이에 {v}",
                    "{a}부터 {h} 사이에 {v}",
                    "{a}에서 {h}까지 {v}",
                    "{w} {h} 사이에 {v}",
                )
            )
            return form.format(a=amount, h=top, v=verb, w=attach(amount, "과"))
        return rng.choice((f"{amount} 이상 {top} 이하인", f"{amount}에서 {top} 사이인"))
    if found.kind in ("year", "birth") and verb:
        forms = {
            ">=": ("{a} 이후에 {v}", "{a}부터 {v}", "{a} 이후 {v}", "{a} 또는 그 이후에 {v}"),
            "<=": ("{a}까지 {v}", "{a} 또는 그 이전에 {v}", "{a}이나 그 전에 {v}"),
            ">": ("{a}보다 늦게 {v}", "{a}보다 뒤에 {v}", "{a} 다음에 {v}"),
            "<": (
                "{a}보다 먼저 {v}",
                "{a}보다 전에 {v}",
                "{a}보다 앞서 {v}",
                "{a} 이전에 {v}",
                "{a} 전에 {v}",
                "{a} 이전 {v}",
            ),
            "=": ("{a}에 {v}",),
        }
        if op not in forms:
            return None
        # "이후" includes the year itself (as "이상" does); "이전에"/"전에" do not, as people
        # say them ("2010년 이전에 개업한": opened_year < 2010)
        return rng.choice(forms[op]).format(a=amount, v=verb)
    more, fewer = extremes(column)
    adjectives = {">": more, "<": fewer}
    if op in adjectives and found.kind != "year" and (rng.random() < 0.5 or not adjectives[op]):
        over = (
            f"{amount} 넘는",
            f"{attach(amount, '을')} 넘는",
            f"{amount} 초과인",
            f"{attach(amount, '을')} 넘긴",
            f"{attach(amount, '을')} 넘은",
        )
        return rng.choice(
            over if op == ">" else (f"{amount} 미만인", f"{attach(amount, '이')} 안 되는")
        )
    if op in adjectives and adjectives[op] and found.kind != "year":
        return f"{amount}보다 {rng.choice(adjectives[op])}"
    if op in (">=", "<="):
        return f"{amount} {'이상' if op == '>=' else '이하'}인"
    return None


def first_or_last(column: Column, last: bool) -> tuple[str, ...]:
    """Words for the largest or smallest value of a year column as a figure: "가장 이른 창단
    연도" (MIN), "가장 최근 개업 연도" (MAX); () for other kinds."""
    found = sense(column)
    if found is None or found.kind not in ("year", "birth"):
        return ()
    if last:
        return ("가장 늦은 {}", "가장 최근 {}", "제일 늦은 {}", "가장 최근의 {}")
    return ("가장 이른 {}", "제일 이른 {}", "가장 빠른 {}", "가장 오래된 {}")


def asked_amount(column: Column, agg: str, head: str, rng: random.Random) -> str | None:
    """An aggregate of ``column`` of ``head`` asked by its unit: "X는 평균 몇 박이야?", "X를
    전부 합치면 몇 골이야?"; None for prices and columns without a unit."""
    found = sense(column)
    if found is None or not found.unit or found.kind in ("price", "money", "year", "birth"):
        return None
    ask = _unit_ask(found.unit, rng)
    if agg == "sum" and rng.random() < 0.5:
        return f"{attach(head, '을')} {rng.choice(('전부', '다', '모두'))} 합치면 {ask}"
    words = {
        "avg": ("평균", "평균"),
        "sum": ("총", "모두 합쳐서", "모두", "전부", "다 합해서"),
        "max": ("최대", "가장 많을 때"),
        "min": ("최소", "가장 적을 때"),
    }
    if agg not in words:
        return None
    return f"{attach(head, '은')} {rng.choice(words[agg])} {ask}"


def unit(column: Column, rng: random.Random) -> str:
    """What follows a number of ``column`` ("원", "살" or "세"), or "" when it has no unit."""
    found = sense(column)
    if found is None or not found.unit:
        return ""
    return rng.choice((found.unit, found.unit, *found.other_units))


_HAS = ("몇 {u} 있어?", "몇 {u} 있나요?", "몇 {u} 있어요?", "몇 {u}나 돼?")


def asked(column: Column, head: str, rng: random.Random, name: str = "") -> str | None:
    """A question for ``column`` of ``head`` by its unit or event: "X는 몇 쪽이야?"; a count
    also with its ``name``: "X는 좌석이 몇 석이에요?", "X엔 거치대가 몇 개 있나요?"."""
    found = sense(column)
    if found is None:
        return None
    topic = attach(head, "은")
    if found.kind == "count" and name and rng.random() < 0.5:
        if rng.random() < 0.5:
            ask = rng.choice(_HAS).replace("{u}", found.unit)
            where = rng.choice((f"{head}에", f"{head}엔", f"{head}에는", topic))
            return f"{where} {attach(name, '이')} {ask}"
        return f"{topic} {attach(name, '이')} {_unit_ask(found.unit, rng)}"
    verb = event_verb(column)
    if found.kind in ("year", "birth") and verb:
        past = _BORN if verb == "태어난" else _PAST[verb[-1]]
        stem = "" if verb == "태어난" else verb[:-1]
        when = rng.choice(("언제 ", "몇 년에 ", "몇 년도에 "))
        if is_founding(column) and rng.random() < 0.3:
            return f"{topic} {when}{rng.choice(_FOUNDED)}"
        if rng.random() < 0.3:  # "몇 년에 구입한 거예요?"
            return f"{topic} {when}{rng.choice(event_verbs(column))} {rng.choice(_THING_ASK)}"
        return f"{topic} {when}{stem}{rng.choice(past)}"
    if found.kind in ("price", "money"):
        return f"{topic} {rng.choice(_PRICE_ASK)}"
    if found.unit in DAYS and rng.random() < 0.5:  # "며칠 묵었어?" of nights
        return f"{topic} {rng.choice(DAYS_ASK)}"
    if found.unit:
        return f"{topic} {_unit_ask(found.unit, rng)}"
    return None


_WHICH = (
    "어느 {n} 거야?",
    "어느 {n} 거예요?",
    "어느 {n} 건가요?",
    "무슨 {n}{이야}?",
    "무슨 {n}{이에요}?",
    "어떤 {n}{이야}?",
    "어떤 {n}인가요?",
    "어느 {n}{이야}?",
)


def asked_which(column: Column, head: str, rng: random.Random) -> str | None:
    """A text column of ``head`` asked by the kind of thing its values are, the last word of
    one of its names: "X는 어느 회사 거야?" (제조 회사), "X는 무슨 종류예요?" (자전거 종류); None
    for people's names and columns without a Korean name."""
    if column.is_number or looks_like_names(column.values):
        return None
    nouns = [p.split()[-1] for p in column.phrases() if p.split() and is_hangul(p.split()[-1])]
    if not nouns:
        return None
    noun = rng.choice(nouns)
    vowel = not final_consonant(noun)
    form = rng.choice(_WHICH).replace("{n}", noun)
    form = form.replace("{이야}", "야" if vowel else "이야")
    form = form.replace("{이에요}", "예요" if vowel else "이에요")
    return f"{attach(head, '은')} {form}"


def _unit_ask(unit: str, rng: random.Random) -> str:
    """ "몇 쪽이야?", "몇 미터야?": how many of ``unit``, the copula agreeing with it."""
    form = rng.choice(_UNIT_ASK).replace("{u}", unit)
    if not final_consonant(unit):
        for full, short in _VOWEL_ENDS.items():
            form = form.replace(f"{unit}{full}", f"{unit}{short}")
    return form
