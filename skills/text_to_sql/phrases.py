"""The words synthesized questions are made of: endings, aggregate and comparison phrases.

``{}`` is the asked-for phrase, ``{n}`` a number or a counter, and ``{은}``, ``{이}``, ``{을}``
particles that agree with the word before them (``skills.text_to_sql.korean``). Endings run
from casual ("뭐야?") to polite ("알려 주세요") and formal honorific ("알려 주시겠어요?").
"""

from __future__ import annotations

KO_ASK = (
    "{}{은}?",
    "{}{은} 무엇인가요?",
    "{}{은} 뭐야?",
    "{}{을} 알려줘",
    "{}{을} 알려 주세요",
    "{} 좀 알려줄래?",
    "{}{이} 궁금해요",
    "{}{은} 무엇입니까?",
    "{} 보여줘",
    "{}{을} 보여 주세요",
    "{}",
    "{} 알려줘요",
    "{}{은} 뭔가요?",
    "{}{은} 어떻게 돼?",
    "{}{은} 누구야?",
    "{}{은} 누구입니까?",
    "{}{은} 어디야?",
    "{}{은} 어디인가요?",
    "{}{은} 뭐가 있어?",
    "{}{은} 뭐가 있나요?",
    "{}{은} 어떤 게 있어?",
    "{}{은} 누구예요?",
    "{}{은} 누구인가요?",
    "{}{은} 뭐지?",
    "{}{을} 알려 주시겠어요?",
    "{}{을} 보여 주시겠어요?",
    "{}{을} 알려 주십시오",
    "{}{을} 찾아 줘",
)
KO_AMOUNT = (
    "{}{은} 얼마야?",
    "{}{은} 얼마인가요?",
    "{}{은} 얼마입니까?",
    "{}{을} 알려줘",
    "{}{은}?",
    "{} 알려 주세요",
    "{}{이} 어떻게 되나요?",
    "{}",
    "{}{은} 얼마지?",
    "{}{은} 얼마예요?",
    "{}{을} 알려 주시겠어요?",
    "{}{이} 얼마나 돼?",
)
KO_COUNT = (
    "{}{은} 몇 {n}야?",
    "{}{은} 몇 {n}인가요?",
    "{}{은} 몇 {n}입니까?",
    "{}{이} 몇 {n} 있어?",
    "{}{이} 몇 {n} 있나요?",
    "{} 수는?",
    "{} 수를 알려줘",
    "{} 수 알려 주세요",
    "{} 개수는?",
    "{}{은} 모두 몇 {n}예요?",
    "{}{은} 총 몇 {n}이야?",
    "{}{이} 몇 {n}이나 돼?",
    "{}{은} 몇 {n}인지 알려 주세요",
    "{}{은} 전부 몇 {n}이지?",
)
KO_SUM_UP = (  # a sum asked by adding up: "{}" is the column's bare name
    "{}{을} 다 합치면 얼마야?",
    "{}{을} 전부 합치면 얼마야?",
    "{}{을} 모두 합치면 얼마인가요?",
    "{}{을} 다 더하면 얼마예요?",
    "{}{을} 전부 합하면?",
    "{}{을} 다 합치면?",
    "{}{을} 모두 더하면 얼마지?",
    "{}{을} 전부 합치면 어떻게 돼?",
)
KO_COUNTERS = ("개", "명", "건", "개", "편", "권", "곳")
KO_TALLY = ("{} 수", "{} 수", "{} 건수", "{} 횟수", "{}의 수")  # how many rows of {}
KO_AGG = {
    "sum": ("{} 합계", "총 {}", "{}의 합", "{} 총합", "전체 {}"),
    "avg": ("평균 {}", "{} 평균", "{}의 평균", "평균적인 {}"),
    "max": ("최대 {}", "가장 높은 {}", "가장 큰 {}", "{} 최댓값", "최고 {}", "제일 많은 {}"),
    "min": ("최소 {}", "가장 낮은 {}", "가장 작은 {}", "{} 최솟값", "최저 {}", "제일 적은 {}"),
}
KO_MORE = ("{n}보다 많은", "{n}보다 큰", "{n}보다 높은", "{n} 초과인", "{n}을 넘는", "{n} 넘는")
KO_LESS = ("{n}보다 적은", "{n}보다 작은", "{n}보다 낮은", "{n} 미만인")
KO_HIGH = ("높은", "많은", "큰")
KO_LOW = ("낮은", "적은", "작은")
EN_ASK = (
    "what is the {}?",
    "what's the {}?",
    "show me the {}",
    "tell me the {}",
    "the {}",
    "give me the {}",
    "list the {}",
    "{}?",
    "could you tell me the {}?",
)
EN_AGG = {
    "sum": ("total {}", "sum of {}", "overall {}"),
    "avg": ("average {}", "mean {}", "avg {}"),
    "max": ("maximum {}", "highest {}", "largest {}", "max {}", "most {}"),
    "min": ("minimum {}", "lowest {}", "smallest {}", "min {}", "fewest {}"),
}
EN_OP = {
    ">": ("more than {n}", "over {n}", "greater than {n}", "above {n}"),
    "<": ("less than {n}", "under {n}", "below {n}", "fewer than {n}"),
    ">=": ("at least {n}", "{n} or more"),
    "<=": ("at most {n}", "{n} or less"),
}
