"""Korean text made ready to speak: numbers, dates, times and Latin words written as read.

    2024-05-03      → 이천이십사 년 오 월 삼 일        (dates: Sino-Korean, 6월 유월, 10월 시월)
    14:30           → 열네 시 삼십 분                  (hours native, minutes Sino-Korean)
    3명 · 2시간     → 세 명 · 두 시간                  (counters that take native numbers)
    1,500원 · 3.5%  → 천오백 원 · 삼 점 오 퍼센트
    KBO · e스포츠   → 케이비오 · 이스포츠              (acronyms by letter, common loanwords)

Other Latin words are left for the engine, which reads them in English.
"""

from __future__ import annotations

import re

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("", "십", "백", "천")
_BIG_UNITS = ("", "만", "억", "조", "경")
_NATIVE_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")
_LETTER_NAMES = (
    "에이", "비", "씨", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이", "엘", "엠",
    "엔", "오", "피", "큐", "알", "에스", "티", "유", "브이", "더블유", "엑스", "와이", "제트",
)  # fmt: skip
_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LETTER_NAMES, strict=True))
LOANWORDS = {
    "e": "이", "esports": "이스포츠", "e-sports": "이스포츠", "ok": "오케이", "okay": "오케이",
    "team": "팀", "game": "게임", "league": "리그", "match": "매치", "cup": "컵",
    "email": "이메일", "e-mail": "이메일", "app": "앱", "web": "웹", "chat": "챗",
    "bot": "봇", "chatbot": "챗봇", "online": "온라인", "offline": "오프라인", "wifi": "와이파이",
    "wi-fi": "와이파이", "pc": "피시", "mvp": "엠브이피", "vs": "대", "play": "플레이",
    "player": "플레이어", "score": "스코어", "goal": "골", "set": "세트", "round": "라운드",
}  # fmt: skip
_NATIVE_COUNTERS = (
    "시간", "시", "개", "명", "살", "마리", "번째", "번", "잔", "권", "장", "대", "벌", "경기",
    "팀", "골", "판", "세트", "가지", "군데", "달",
)  # fmt: skip
_SPECIAL_MONTHS = {6: "유", 10: "시"}

_DATE = re.compile(r"(?<![\d.])(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?![\d.])")
_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])")
_GROUPED = re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])")
_MONTH = re.compile(r"(?<!\d)(6|10)\s*월")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_COUNTED = re.compile(r"(\d+)\s*(" + "|".join(_NATIVE_COUNTERS) + ")")
_NUMBER = re.compile(r"\d+")
_LATIN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def sino_korean(number: int) -> str:
    """``1500`` → ``천오백``; ``0`` → ``영``; ones before 십/백/천 and a leading 만 are silent."""
    if number == 0:
        return _DIGITS[0]
    groups: list[str] = []
    for big in _BIG_UNITS:
        number, group = divmod(number, 10000)
        if group:
            words = ""
            for position in range(3, -1, -1):
                digit = group // 10**position % 10
                if digit:
                    one = "" if digit == 1 and position > 0 else _DIGITS[digit]
                    words += one + _SMALL_UNITS[position]
            if big == "만" and words == "일":
                words = ""
            groups.append(words + big)
        if not number:
            break
    return "".join(reversed(groups))


def native_korean(number: int) -> str:
    """``3`` → ``세``, ``20`` → ``스무``, ``24`` → ``스물네`` (before a counter); 100 and up are
    read Sino-Korean, as people do."""
    if not 0 < number < 100:
        return sino_korean(number)
    tens, ones = divmod(number, 10)
    if number == 20:
        return "스무"
    return _NATIVE_TENS[tens] + _NATIVE_ONES[ones]


def _date(match: re.Match[str]) -> str:
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    month_word = _SPECIAL_MONTHS.get(month) or sino_korean(month)
    return f"{sino_korean(year)} 년 {month_word} 월 {sino_korean(day)} 일"


def _time(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        return match.group(0)
    spoken = f"{native_korean(hour) if hour else '영'} 시"
    return spoken + (f" {sino_korean(minute)} 분" if minute else "")


def _decimal(match: re.Match[str]) -> str:
    fraction = "".join(_DIGITS[int(d)] for d in match.group(2))
    return f"{sino_korean(int(match.group(1)))} 점 {fraction}"


def _latin(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.lower() in LOANWORDS:
        return LOANWORDS[word.lower()]
    if word.isupper() and len(word) <= 5:
        return "".join(_LETTERS[c] for c in word)
    return word


def normalize_korean(text: str) -> str:
    """Write numbers, dates, times and Latin words in ``text`` the way they are read aloud."""
    text = _DATE.sub(_date, text)
    text = _TIME.sub(_time, text)
    text = _MONTH.sub(lambda m: f"{_SPECIAL_MONTHS[int(m.group(1))]}월", text)
    text = _GROUPED.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _PERCENT.sub(lambda m: f"{m.group(1)} 퍼센트", text)
    text = _DECIMAL.sub(_decimal, text)
    text = _COUNTED.sub(lambda m: f"{native_korean(int(m.group(1)))} {m.group(2)}", text)
    text = _NUMBER.sub(lambda m: sino_korean(int(m.group(0))), text)
    return _LATIN.sub(_latin, text)
