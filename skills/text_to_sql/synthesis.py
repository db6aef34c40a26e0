"""Training pairs from the schema alone: a random ``Query`` first, then its words.

Queries are drawn over the schema (lookups, counts, sums and averages, comparisons, ranges,
substring matches, top-k, per-group figures, and all of these across foreign keys) with
values taken from the database, then said in Korean or English by composing phrases:
condition modifiers ("포지션이 공격수인", "득점이 10보다 많은"), the asked-for figure ("평균 득점",
"선수 수"), and an ending in one of several registers ("알려줘", "알려 주세요", "무엇입니까?").
Particles agree with the word before them (``skills.text_to_sql.korean``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from skills.text_to_sql.database import Database
from skills.text_to_sql.implied import (
    MOST,
    asked,
    asked_amount,
    asked_which,
    compared,
    first_or_last,
)
from skills.text_to_sql.implied import ranked as ranked_by
from skills.text_to_sql.implied import unit as unit_of
from skills.text_to_sql.korean import SURNAMES, attach, is_person, looks_like_names
from skills.text_to_sql.lexicon import event_verb, extremes, sense
from skills.text_to_sql.phrases import (
    EN_AGG,
    EN_ASK,
    EN_OP,
    KO_AGG,
    KO_AMOUNT,
    KO_ASK,
    KO_COUNT,
    KO_COUNTED,
    KO_COUNTERS,
    KO_EACH,
    KO_ENDS,
    KO_HIGH,
    KO_LESS,
    KO_LOW,
    KO_MORE,
    KO_STARTS,
    KO_SUM_UP,
    KO_SURNAME,
    KO_TALLY,
)
from skills.text_to_sql.query import ORDER_BY_AGGREGATE, Condition, Example, Query, to_sql
from skills.text_to_sql.schema import Column, Schema
from skills.text_to_sql.text import native_count, number_text, spoken_number

IMPLIED = 0.5  # how often a number column is implied by its unit or adjectives, not named
IMPLIED_YEAR = 0.8  # the same for a year column with an event ("개업한", "창단된")
RANKED = 0.7  # the same for a superlative ("제일 어린 환자"): no other words say it
LIKE = 0.15  # how often a text condition is a substring ("이름에 '준'이 들어가는")
SPOKEN = 0.5  # how often a large number is said with Korean units ("15만 원", not 150000)
YEARS = ("year", "birth")
ALL_TOGETHER = 0.25  # how often a sum is asked as "다 합치면 얼마야?"
SURNAME = 0.1  # how often a condition on people's names asks for a family name ("김씨")
ANCHORED = 0.4  # how often a substring match is a prefix or suffix ("김씨 성", "수로 끝나는")
THINGS = tuple(c for c in KO_COUNTERS if c != "명")  # counters of things: 개, 곳, 권, 편, 건
EACH = 0.4  # how often a count per group is asked "몇 개씩" ("도시마다 몇 개씩 있어?")
LISTED = 0.12  # how often a lookup asks for two or three columns at once ("이름과 품종")
NATIVE_LIMIT = 0.4  # how often a top-k count is said in words ("두 곳만", not "2곳")
UNIT = 0.4  # how often a named number column's value carries its unit ("경력이 10년 넘는")
WHICH = 0.15  # how often a text column is asked by its kind ("어느 회사 거야?", "무슨 종류")
RECORDS = ("건", "기록", "내역", "이력")  # how a table of events may be named: "대여 건"
WHO = 0.12  # how often people are asked for by what they did ("누가 대여했어?")
DEEDS = ("해?", "했어?", "했어요?", "하나요?", "했나요?", "한 거야?", "하는 거야?")
ROUND = 0.5  # how often a compared number is a round one ("3000석 넘는"), in no row
EN_HIGH = ("highest", "largest", "biggest", "greatest")
EN_LOW = ("lowest", "smallest", "least")
EN_LATEST = ("most recently", "last", "latest")
EN_EARLIEST = ("first", "earliest", "longest ago")
EN_YEAR_OP = {
    ">": ("after",),
    "<": ("before",),
    ">=": ("since", "in or after"),
    "<=": ("in or before", "up to"),
}
EN_STREAM = 1_000_003  # the English wording's seed, offset from the synthesizer's
EN_ROWS = 0.6  # how often English asks for rows by their table ("which players ...")
EN_OWNED = 0.5  # how often a named row's column is asked "what is the age of X?"
IN_ORDER = 0.3  # how often top-k by an adjective is said as an order ("오래 탄 순서로 다섯 건")


@dataclass
class _Pools:
    """Sampled values per column (numbers too), read once from the database."""

    values: dict[str, list[str]] = field(default_factory=dict)


def _pools(db: Database, schema: Schema, rng: random.Random) -> _Pools:
    pools = _Pools()
    for column in schema.columns:
        if column.values:
            pools.values[column.qualified] = list(column.values)
            continue
        sql = (
            f'SELECT "{column.name}" FROM "{column.table}" '
            f'WHERE "{column.name}" IS NOT NULL LIMIT 500'
        )
        _, rows = db.execute(sql)
        found = [number_text(r[0]) if isinstance(r[0], int | float) else str(r[0]) for r in rows]
        pools.values[column.qualified] = sorted(set(found))
    return pools


class Synthesizer:
    """Draws ``Example``s for one schema; the same seed gives the same examples."""

    def __init__(self, schema: Schema, db: Database, seed: int = 13) -> None:
        self.schema = schema
        self.db = db
        self.rng = random.Random(seed)
        # English wording draws from its own stream, so a change to it leaves the Korean
        # pairs as they were (one shared stream reshuffled every Korean pair after it)
        self.en_rng = random.Random(seed + EN_STREAM)
        self.pools = _pools(db, schema, self.rng)
        self.columns = [
            c for c in schema.columns if not schema.is_key(c) and self.pools.values[c.qualified]
        ]
        self.numbers = [c for c in self.columns if c.is_number]
        self.texts = [c for c in self.columns if not c.is_number and c.values]
        self._about = schema.tables[0].name  # the table the Korean question is about
        self._done = ""  # the counted table, when a modifier said it as a verb ("진료한")

    def _display(self, qualified: str | None) -> str | None:
        """The column that names a row of this column's table (``name``, ``title``)."""
        table = (qualified or "").partition(".")[0]
        texts = [c for c in self.texts if c.table == table]
        return max(texts, key=lambda c: len(c.values)).qualified if texts else None

    # ---- drawing queries --------------------------------------------------------------
    def _near(self, table: str) -> list[Column]:
        """Columns of ``table`` and of tables at most two foreign keys away."""
        near = []
        for column in self.columns:
            path = self.schema.join_path(table, column.table)
            if path is not None and len(path) <= 2:
                near.append(column)
        return near

    def _condition(self, column: Column) -> Condition:
        rng, pool = self.rng, self.pools.values[column.qualified]
        if not column.is_number:
            value = rng.choice(pool)
            words = value.split()
            if rng.random() < SURNAME and looks_like_names(pool):  # "김씨 성을 가진"
                return Condition(column.qualified, "like", value[0] + "%")
            if rng.random() < LIKE and (len(words) > 1 or len(value) >= 3):
                if rng.random() < ANCHORED:
                    return Condition(column.qualified, "like", self._anchor(value))
                return Condition(column.qualified, "like", self._fragment(value))
            return Condition(column.qualified, "=", value)
        numbers = sorted(float(v) for v in pool)
        number = rng.choice(numbers)
        op = rng.choice(("=", ">", "<", ">", "<", ">=", "<=", "between"))
        # a bound is often a round number of the asker's, in no row ("3000석 넘는"), so the
        # parser does not learn that a compared number is always a linked value
        rounded = op != "=" and rng.random() < ROUND
        if op == "between":
            other = rng.choice(numbers)
            low = self._rounded(column, min(number, other)) if rounded else min(number, other)
            high = self._rounded(column, max(number, other)) if rounded else max(number, other)
            if low >= high:
                return Condition(column.qualified, ">", low)
            return Condition(column.qualified, "between", low, high)
        return Condition(column.qualified, op, self._rounded(column, number) if rounded else number)

    def _rounded(self, column: Column, value: float) -> float:
        """``value`` as a person would round it: to one or two leading digits (1766 -> 1800,
        2000), a year to five or ten (1993 -> 1990), a fraction to a whole (3.7 -> 4)."""
        if not value.is_integer():
            return float(round(value)) if abs(value) >= 1 else value
        if abs(value) < 10:
            return value
        if _is_year(column):
            step = self.rng.choice((5, 10))
        else:
            step = 10 ** max(0, len(str(int(abs(value)))) - self.rng.choice((1, 2)))
        return float(round(value / step) * step) or value

    def _toward(self, table: str) -> list[Column]:
        """Columns of ``table`` and of the tables it refers to, at most two foreign keys on.

        Counts and sums are over ``table``'s rows, so only these may condition or group
        them: "남성 환자의 진료" counts visits, each naming one patient; a visit's weekday
        would make "의사 수" count visits instead of doctors (one row per visit in the join)."""
        reached = self.schema.reach(table)
        return [c for c in self.columns if c.table in reached]

    def _fragment(self, value: str) -> str:
        """A part of ``value`` that a LIKE looks for: a word of it, or some syllables ("준")."""
        words = value.split()
        if len(words) > 1:
            return self.rng.choice(words)
        size = self.rng.randint(1, max(1, len(value) - 1))
        start = self.rng.randint(0, len(value) - size)
        return value[start : start + size]

    def _anchor(self, value: str) -> str:
        """A LIKE pattern for how ``value`` begins ("김%", mostly a syllable, or its first
        word) or ends ("%수")."""
        words = value.split()
        size = 1 if self.rng.random() < 0.6 else self.rng.randint(1, max(1, len(value) - 2))
        if self.rng.random() < 0.6:
            return (words[0] if len(words) > 1 else value[:size]) + "%"
        return "%" + (words[-1] if len(words) > 1 else value[-size:])

    def draw(self) -> tuple[Query, str]:
        """A query and the table it is about (what ``COUNT(*)`` counts)."""
        rng = self.rng
        kind = rng.choices(
            ("lookup", "count", "aggregate", "top", "group", "group_top"),
            weights=(30, 18, 18, 22, 10, 10),
        )[0]
        tables = [t.name for t in self.schema.tables]
        weights = [1.0] * len(tables)
        if kind in ("count", "group", "group_top"):  # facts: a table referring to others
            weights = [1.0 + sum(fk.table == t for fk in self.schema.foreign_keys) for t in tables]
        table = rng.choices(tables, weights=weights)[0]
        near = self._near(table) or self.columns
        numbers = [c for c in near if c.is_number]
        target: Column | None = None
        if kind in ("aggregate", "group", "group_top") and numbers:
            target = rng.choice(numbers)  # what is summed, averaged, ranked
            if kind != "aggregate" and rng.random() < 2 / 6:
                target = None  # a count per group
        if kind in ("count", "aggregate", "group", "group_top"):
            counted = target.table if target is not None else table
            near = self._toward(counted) or near
        count = rng.choices((0, 1, 2), weights=(25, 60, 15))[0]
        if kind in ("lookup",):
            count = max(count, 1)
        conditions = []
        for column in rng.sample(near, min(count, len(near))):
            conditions.append(self._condition(column))
        numbers = [c for c in near if c.is_number]
        texts = [c for c in near if not c.is_number and c.values]
        constrained = {c.column for c in conditions}
        free = [c for c in near if c.qualified not in constrained] or near
        select: str | None = rng.choice(free).qualified
        if kind == "count":
            return Query(None, "count", tuple(conditions)), table
        if kind == "aggregate" and target is not None:
            agg = rng.choice(("sum", "avg", "max", "min"))
            if target.qualified in constrained:  # "평균 가격" of rows with a given price
                conditions = [c for c in conditions if c.column != target.qualified]
            return Query(target.qualified, agg, tuple(conditions)), target.table
        if kind == "top" and numbers:
            limit = rng.choice((1, 1, 1, 2, 3, 5))
            if rng.random() < 0.5:
                select = self._display(f"{table}.") or select
            own = [c for c in numbers if c.table == table]
            order = rng.choice(own if own and rng.random() < 0.6 else numbers).qualified
            if rng.random() < 0.15 and order not in constrained:
                select = order  # "제일 두꺼운 책은 몇 쪽이야?"
            return Query(
                select, "", tuple(conditions), None, order, rng.random() < 0.7, limit
            ), table
        about = table if target is None else target.table
        groups = [c for c in texts if c.qualified != self._display(f"{about}.")]
        # and by the rows' own periods: "연도별 총 수확량", "월별 매출"
        groups += [c for c in numbers if _is_period(c) and c != target and c.table == about]
        if kind in ("group", "group_top") and groups:  # not by the rows' own names
            group = rng.choice(groups).qualified
            agg = "count" if target is None else rng.choice(("sum", "avg", "max", "min"))
            select = None if target is None else target.qualified
            conditions = [c for c in conditions if c.column != group]
            if kind == "group_top":
                return Query(
                    select,
                    agg,
                    tuple(conditions),
                    group,
                    ORDER_BY_AGGREGATE,
                    rng.random() < 0.75,
                    1,
                ), about
            return Query(select, agg, tuple(conditions), group), about
        name = self._display(f"{table}.")
        likes = [c.column for c in conditions if c.op == "like"]
        if name in likes and rng.random() < 0.6:
            select = name  # the rows whose names contain a word are asked by those names
        elif any(c.startswith(f"{table}.") for c in likes) and rng.random() < 0.5:
            select = name  # and so are those whose other text does: "출연자 이름에 ~ 들어간 공연"
        home = (select or "").partition(".")[0]
        beside = [c.qualified for c in free if c.table == home and c.qualified != select]
        if beside and select is not None and rng.random() < LISTED:  # "이름과 품종"
            also = tuple(rng.sample(beside, 1 if len(beside) < 3 or rng.random() < 0.8 else 2))
            return Query(select, "", tuple(conditions), also=also), table
        return Query(select, "", tuple(conditions)), table

    def examples(self, count: int) -> list[Example]:
        """``count`` runnable pairs, about two thirds Korean."""
        found: list[Example] = []
        attempts = 0
        while len(found) < count and attempts < count * 5:
            attempts += 1
            spoken, table = self.draw()
            query = spoken
            if spoken.select is None:  # COUNT(*) is COUNT(first column): it names the table
                query = replace(spoken, select=self.schema.table(table).columns[0].qualified)
            try:
                self.db.execute(to_sql(query, self.schema))
            except Exception:  # noqa: BLE001 (a drawn query the database rejects is skipped)
                continue
            korean = self.rng.random() < 0.67
            say = self.say_korean if korean else self.say_english
            found.append(Example(say(spoken, table), query, self.schema))
        return found

    # ---- Korean -------------------------------------------------------------------------
    def _ko(self, qualified: str | None) -> str:
        if qualified is None:
            return ""
        column = self.schema.column(qualified)
        korean = [n for n in column.phrases() if _has_hangul(n)]
        return self.rng.choice(korean or list(column.phrases()))

    def _ko_table(self, table: str) -> str:
        names = self.schema.table(table).phrases()
        korean = [n for n in names if _has_hangul(n)]
        return self.rng.choice(korean or list(names))

    def _ko_value(self, value: str | float, column: Column | None = None) -> str:
        """A value as said in Korean: numbers of 10,000 and more (1,000 and more for prices)
        often with units, "15만", as people say them; never years."""
        if not isinstance(value, float):
            return value
        found = sense(column) if column is not None else None
        kind = found.kind if found is not None else ""
        least = 1000 if kind == "price" else 10000
        spoken = spoken_number(value, spaced=self.rng.random() < 0.2)
        if spoken and value >= least and kind not in YEARS and self.rng.random() < SPOKEN:
            return spoken
        return number_text(value)

    def _ko_condition(self, cond: Condition) -> str:
        rng, name = self.rng, self._ko(cond.column)
        column = self.schema.column(cond.column)
        value = self._ko_value(cond.value, column)
        if column.is_number and column.table == self._about and rng.random() < _implied(column):
            high = "" if cond.high is None else self._ko_value(cond.high, column)
            said = compared(column, cond.op, value, rng, high)
            if said is not None:
                return said
        unit = unit_of(column, rng) if rng.random() < UNIT else ""
        if unit and value[-1:] in "만억천" and rng.random() < 0.5:
            unit = " " + unit  # "15만 원"
        if cond.op == "=":
            if not column.is_number and column.table != self._about and rng.random() < 0.5:
                return self._ko_owner(column.table, value)
            form = rng.choice(("{c}{이} {v}{인}", "{v}{인}", "{c} {v}{인}", "{v}", "{v}의"))
            if column.is_number:
                form = rng.choice(("{c}{이} {v}{인}", "{c} {v}{인}", "{c}{이} {v}{이고}"))
                form = form.replace("{이고}", "{인}")
                if not unit and _is_counter(name) and rng.random() < 0.4:
                    form = rng.choice(("{v}{c}", "{v}{c}인"))  # "5성급 호텔", "3층인 객실"
            return _fill(form, c=name, v=value + unit)
        if cond.op == "like":
            return self._ko_like(column, value)
        if cond.op == "between":
            high = self._ko_value(cond.high if cond.high is not None else cond.value, column)
            form = rng.choice(
                (
                    "{c}{이} {v}에서 {h} 사이인",
                    "{c}{이} {v}부터 {h}까지인",
                    "{c} {v}~{h}인",
                    "{c}{이} {v}와 {h} 사이인",
                    "{c}{이} {v} 이상 {h} 이하인",
                    "{c} {v} 이상 {h} 이하인",
                )
            )
            return _fill(form, c=name, v=value + unit, h=high + unit)
        if cond.op in (">=", "<="):
            word = "이상" if cond.op == ">=" else "이하"
            return _fill(
                rng.choice(("{c}{이} {v} " + word + "인", "{c} {v} " + word + "인")),
                c=name,
                v=value + unit,
            )
        phrases = KO_MORE if cond.op == ">" else KO_LESS
        phrase = rng.choice(phrases).replace("{n}", "{v}")
        return _fill("{c}{이} " + phrase, c=name, v=value + unit)

    def _ko_owner(self, table: str, value: str) -> str:
        """A row of another table named by its value: "남성 환자의", "김 선생님이 진료한"."""
        rng, owner = self.rng, self._ko_table(table)
        about = self._ko_table(self._about)
        if _is_event(about) and self._refers(self._about) >= 2 and rng.random() < 0.4:
            self._done = about  # the counted rows were said as a verb: "건수", not "진료 수"
            return _fill(f"{{v}} {{t}}{{이}} {about}한", v=value, t=owner)
        return _fill(rng.choice(("{v} {t}의", "{v} {t}의", "{v} {t}")), v=value, t=owner)

    def _is_events(self, table: str) -> bool:
        """Are ``table``'s rows events: between the rows of two or more others (visits,
        orders), or named as records ("대여 건", "이용 기록", "거래 내역")?"""
        names = [n.replace(" ", "") for n in self.schema.table(table).phrases()]
        return self._refers(table) >= 2 or any(n.endswith(RECORDS) for n in names)

    def _tally(self) -> tuple[str, ...]:
        """How many rows of the subject: "진료 건수" for events, "의사 수" for the others."""
        if self._is_events(self._about):
            return KO_TALLY
        return tuple(t for t in KO_TALLY if "건수" not in t and "횟수" not in t)

    def _counter(self, table: str) -> str:
        """The counter a count of ``table``'s rows takes: 건 or 번 for events (``_is_events``),
        명 for people (rows named by people's names), for things the counter of what they are
        (자전거 대, 대여소 곳) or another."""
        display = self._display(f"{table}.")
        if self._is_events(table):
            return self.rng.choice(("건", "건", "번", "개"))
        if display is not None and looks_like_names(self.pools.values[display]):
            return self.rng.choice(("명", "명", "건"))
        kind = _counter_by_name(self.schema.table(table).phrases())
        if kind is not None:  # "자전거 몇 대", "대여소 몇 곳", now and then "몇 개"
            return self.rng.choice((kind, kind, kind, "개"))
        return self.rng.choice(THINGS)

    def _how_many(self, limit: int) -> str:
        """A count of the subject's rows: "3개", or in words, "세 곳" or "두 명만"."""
        counter = self._counter(self._about)
        said = native_count(limit, counter) if self.rng.random() < NATIVE_LIMIT else None
        if said is None:
            return f"{limit}{counter}"
        return said + ("만" if self.rng.random() < 0.3 else "")

    def _refers(self, table: str) -> int:
        """How many foreign keys ``table`` has: two or more make it a record of events
        between the rows of others (visits, orders), which Korean may say as a verb."""
        return sum(fk.table == table for fk in self.schema.foreign_keys)

    def _ko_like(self, column: Column, value: str) -> str:
        """ "이름에 '준'이 들어가는": the column, often by the last word of its name."""
        rng, name = self.rng, self._ko(column.qualified)
        if " " in name and rng.random() < 0.6:
            name = name.rsplit(" ", 1)[1]  # "환자 이름" -> "이름"
        if value.startswith("%") != value.endswith("%"):
            return self._ko_anchored(column, name, value)
        quoted = len(value) == 1 or rng.random() < 0.4
        form = rng.choice(
            (
                "{c}에 {v}{이} 들어간",
                "{c}에 {v}{이} 들어가는",
                "{c}에 {v}{이} 포함된",
                "{c}에 {v}{이} 포함되는",
                "{c}에 {v}{이} 있는",
                "{c}에 {v}{이} 들어 있는",
                "{v}{이} 들어가는",
                "{v}{이} 포함된",
            )
        )
        if quoted:
            form = form.replace("{v}", "'{v}'")
        return _fill(form, c=name, v=value)

    def _ko_anchored(self, column: Column, name: str, value: str) -> str:
        """ "김씨 성을 가진" (a family name), "이름이 '한'으로 시작하는", "이름이 수로 끝나는"."""
        rng, part = self.rng, value.strip("%")
        if value.endswith("%") and part in SURNAMES and looks_like_names(column.values):
            forms: tuple[str, ...] = KO_SURNAME
        else:
            forms = KO_STARTS if value.endswith("%") else KO_ENDS
        form = rng.choice(forms)
        if len(part) == 1 and "씨" not in form and rng.random() < 0.4:
            form = form.replace("{v}", "'{v}'")
        return _fill(form, c=name, v=part)

    def _ko_who(self, column: Column, head: str) -> str | None:
        """People asked for by what they did: the event their rows' table is named by ("그
        대여는 누가 대여했어?") or any deed ("그 공연은 누가 해?"); None for columns that hold
        no people (by their values or their names: 출연자, 회원)."""
        values = self.pools.values[column.qualified]
        korean = [p for p in column.phrases() if _has_hangul(p)]
        if column.is_number or not (looks_like_names(values) or any(map(is_person, korean))):
            return None
        own = self._display(column.qualified) == column.qualified
        if own and not self._is_events(column.table):  # the rows are the people: "고객은 누가"
            return None
        events = [n for n in self.schema.table(column.table).phrases() if _is_event(n)]
        if events and self._is_events(column.table) and self.rng.random() < 0.6:
            verb = self.rng.choice(("{e}했어?", "{e}했어요?", "{e}했나요?", "{e}한 거야?"))
            verb = verb.format(e=self.rng.choice(events))  # not "고객은 누가 고객했어?"
        else:
            verb = self.rng.choice(DEEDS)
        return f"{attach(head, '은')} 누가 {verb}"

    def _ko_modifiers(self, query: Query) -> str:
        self._done = ""
        return " ".join(self._ko_condition(c) for c in query.conditions)

    def _ko_figure(self, query: Query, subject: str) -> str:
        if query.select is None:
            return self.rng.choice(self._tally()).format(subject)
        name = self._ko(query.select)
        if query.also:  # "지역이랑 대표 이름 (같이)"
            names = [name, *(self._ko(c) for c in query.also)]
            return _listed(names, self.rng, shuffled=False)
        forms = KO_AGG.get(query.agg, ("{}",))
        found = sense(self.schema.column(query.select))
        if query.agg == "sum" and found is not None and found.kind == "price":
            forms = (*forms, "{} 총액", "{}의 총액")  # "진료비 총액"
        if query.agg in ("max", "min"):  # "가장 이른 창단 연도"
            words = first_or_last(self.schema.column(query.select), query.agg == "max")
            forms = (*forms, *words, *words)
        return self.rng.choice(forms).format(name)

    def _subject_table(self, query: Query, table: str) -> str:
        first = query.select or query.group_by
        return table if query.select is None or first is None else first.partition(".")[0]

    def say_korean(self, query: Query, table: str) -> str:
        rng = self.rng
        self._about = self._subject_table(query, table)
        subject = self._ko_table(self._about)
        mods = self._ko_modifiers(query)
        front = f"{mods} " if mods else ""
        if query.group_by is not None:
            group = self._ko(query.group_by)
            figure = self._ko_figure(query, subject)
            if query.order_by == ORDER_BY_AGGREGATE:
                words: tuple[str, ...] = KO_HIGH if query.descending else KO_LOW
                if query.select is None:
                    figure = rng.choice((subject, *(t.format(subject) for t in self._tally())))
                head = f"{figure}{_p(figure, '이')} {rng.choice(MOST)} {rng.choice(words)} {group}"
                return front + _ending(rng, rng.choice(KO_ASK), head)
            if query.select is None and rng.random() < EACH:  # "도시마다 몇 개씩 있어?"
                form = rng.choice(KO_EACH).replace("{n}", self._counter(self._about))
                return front + _fill(form, s=subject, g=group)
            how = rng.choice(("{g}별", "{g}별로", "{g}마다", "각 {g}의"))
            head = how.format(g=group) + " " + figure
            values = self.pools.values[query.group_by]
            if 2 <= len(values) <= 3 and rng.random() < EACH:
                # every group named: "홈이랑 원정 각각 평균 득점은?"
                head = f"{_listed(values, rng)} {rng.choice(('각각', '각각의', '따로'))} {figure}"
            return front + _ending(rng, rng.choice(KO_ASK), head)
        if query.order_by is not None:
            key = self._ko(query.order_by)
            own = extremes(self.schema.column(query.order_by))[0 if query.descending else 1]
            # the column's own adjectives where they are single words ("면적이 넓은 순으로")
            words = tuple(w for w in own if " " not in w and "{" not in w) or (
                KO_HIGH if query.descending else KO_LOW
            )
            target = self._ko(query.select)
            by_word = (
                ranked_by(self.schema.column(query.order_by), query.descending, rng)
                if query.order_by.partition(".")[0] == self._about and rng.random() < RANKED
                else None
            )
            if by_word is not None:
                count = "" if query.limit in (1, None) else f" {self._how_many(query.limit)}"
                ranked = f"{by_word} {subject}{count}"
                if count and rng.random() < IN_ORDER:  # "비싼 순으로 자전거 세 대"
                    word = " ".join(w for w in by_word.split() if w not in MOST)
                    order = rng.choice(("순으로", "순서로", "순서대로"))
                    ranked = f"{word} {order} {subject}{count}"
            elif query.limit == 1 or query.limit is None:
                ranked = f"{key}{_p(key, '이')} {rng.choice(MOST)} {rng.choice(words)} {subject}"
            else:
                side = "상위" if query.descending else "하위"
                many = self._how_many(query.limit)
                ranked = rng.choice(
                    (
                        f"{key} {side} {many} {subject}",
                        f"{key}{_p(key, '이')} {rng.choice(words)} 순으로 {many} {subject}",
                        f"{key} 기준 {side} {query.limit} {subject}",
                        f"{key} {rng.choice(words)} {subject} {many}",  # "면적 넓은 농장 두 곳"
                    )
                )
            if by_word is not None and query.select == query.order_by and rng.random() < 0.5:
                by_unit = asked(self.schema.column(query.select), f"{front}{ranked}", rng)
                if by_unit is not None:  # "제일 두꺼운 책은 몇 쪽이야?"
                    return by_unit
            implied = query.select == self._display(query.select) and rng.random() < 0.6
            of = rng.choice(("의 ", " "))  # "제일 어린 환자(의) 이름"
            head = f"{front}{ranked}" if implied else f"{front}{ranked}{of}{target}"
            return _ending(rng, rng.choice(KO_ASK), head)
        if query.select is None:
            phrase = rng.choice(KO_COUNT)
            counter = self._counter(self._about)
            counted = rng.choice((subject, subject, *(t.format(subject) for t in self._tally())))
            if self._done:  # "김 선생님이 진료한 건수는 몇 건이야?"
                counted, counter = rng.choice(("건수", "횟수")), "건"
            if counted != subject:  # not "진료 건수 수는?"
                phrase = rng.choice([f for f in KO_COUNT if "몇" in f])
            by_value = [
                c.value
                for c in query.conditions
                if c.op == "="
                and not self.schema.column(c.column).is_number
                and c.column.startswith(f"{self._about}.")
            ]
            if len(query.conditions) == 1 and by_value and rng.random() < 0.2:
                front, counted = "", str(by_value[0])  # the value names the rows: "공격수는 몇 명"
                phrase = rng.choice([f for f in KO_COUNT if "몇" in f])
            said = _ending(rng, phrase, f"{front}{counted}").replace("{n}", counter)
            return _copula_agrees(said, counter)
        figure = self._ko_figure(query, subject)
        forms: tuple[str, ...] = KO_AMOUNT if query.agg else KO_ASK
        if query.agg == "sum" and rng.random() < ALL_TOGETHER:  # "금액을 다 합치면 얼마야?"
            figure, forms = self._ko(query.select), KO_SUM_UP
        selected = self.schema.column(query.select) if query.select is not None else None
        implied = not query.agg and not query.also and selected is not None
        if implied and selected is not None and rng.random() < _implied(selected):
            name = self._ko(query.select)
            by_unit = asked(selected, f"{front}{subject}", rng, name)
            if by_unit is not None:  # "채식주의자인 책은 몇 쪽이야?"
                return by_unit
        if implied and selected is not None and not selected.is_number and rng.random() < WHICH:
            by_kind = asked_which(selected, f"{front}{subject}", rng)
            if by_kind is not None:  # "SB-5003 자전거는 어느 회사 거야?"
                return by_kind
        if implied and selected is not None and rng.random() < WHO:
            by_who = self._ko_who(selected, f"{front}{subject}")
            if by_who is not None:  # "3km 안 되는 대여는 누가 이용했어요?"
                return by_who
        if query.agg and selected is not None and rng.random() < IMPLIED / 2:
            by_unit = asked_amount(selected, query.agg, f"{front}{subject}", rng)
            if by_unit is not None:  # "스위트 객실 예약은 평균 몇 박이야?"
                return by_unit
        if (
            mods
            and not query.agg
            and not query.also
            and query.select == self._display(query.select)
        ):
            figure = rng.choice((figure, subject))  # "공격수인 선수는 누구야?"
        if mods and figure == subject:
            head = f"{mods} {subject}"
        elif mods:
            head = rng.choice(
                (
                    f"{mods} {subject}의 {figure}",
                    f"{mods} {figure}",
                    f"{subject} 중 {mods} 것의 {figure}",
                )
            )
        else:
            head = rng.choice((figure, f"{subject}의 {figure}", f"전체 {subject}의 {figure}"))
        return _ending(rng, rng.choice(forms), head)

    # ---- English -------------------------------------------------------------------------
    def _en(self, qualified: str) -> str:
        column = self.schema.column(qualified)
        english = [n for n in column.phrases() if not _has_hangul(n)]
        return self.en_rng.choice(english or list(column.phrases()))

    def _en_table(self, table: str) -> str:
        english = [n for n in self.schema.table(table).phrases() if not _has_hangul(n)]
        return self.en_rng.choice(english or [table])

    @staticmethod
    def _en_value(value: str | float) -> str:
        """A value as written in English: numbers as digits, never Korean units."""
        return value if not isinstance(value, float) else number_text(value)

    def _en_condition(self, cond: Condition) -> str:
        rng, name = self.en_rng, self._en(cond.column)
        value = self._en_value(cond.value)
        if cond.op == "=":
            return rng.choice(
                (
                    f"with {name} {value}",
                    f"whose {name} is {value}",
                    f"where {name} is {value}",
                    f"for {value}",
                )
            )
        if cond.op == "like" and str(value).startswith("%") != str(value).endswith("%"):
            where = "starts" if str(value).endswith("%") else "ends"
            return f"whose {name} {where} with {str(value).strip('%')}"
        if cond.op == "like":
            return rng.choice(
                (
                    f"whose {name} contains {value}",
                    f"with {value} in the {name}",
                    f"with {name} like {value}",
                )
            )
        if cond.op == "between":
            high = self._en_value(cond.high if cond.high is not None else cond.value)
            return rng.choice(
                (
                    f"with {name} between {value} and {high}",
                    f"whose {name} is from {value} to {high}",
                )
            )
        if _is_year(self.schema.column(cond.column)) and rng.random() < 0.5:
            # "founded before 1990", "opened since 2015"
            return f"{name} {rng.choice(EN_YEAR_OP[cond.op])} {value}"
        phrase = rng.choice(EN_OP[cond.op]).format(n=value)
        return rng.choice(
            (f"with {name} {phrase}", f"whose {name} is {phrase}", f"with {phrase} {name}")
        )

    def _en_people(self, table: str) -> bool:
        """Are the rows of ``table`` people, asked for with "who"?"""
        display = self._display(f"{table}.")
        return display is not None and looks_like_names(self.pools.values[display])

    def say_english(self, query: Query, table: str) -> str:
        rng = self.en_rng
        about = self._subject_table(query, table)
        subject = self._en_table(about)
        mods = " and ".join(self._en_condition(c) for c in query.conditions)
        tail = f" {mods}" if mods else ""
        if query.group_by is not None:
            return self._en_grouped(query, subject, tail)
        rows = query.select is not None and query.select == self._display(f"{about}.")
        if query.order_by is not None:
            return self._en_ranked(query, subject, tail, rows, self._en_people(about))
        if query.select is None:
            return rng.choice(
                (
                    f"how many {subject} are there{tail}?",
                    f"how many {subject}{tail}?",
                    f"number of {subject}{tail}",
                    f"count the {subject}{tail}",
                )
            )
        if rows and not query.agg and not query.also and rng.random() < EN_ROWS:
            return rng.choice(  # "which players are older than 30?": the rows, by their names
                (
                    f"which {subject}{tail}?",
                    f"list the {subject}{tail}",
                    f"show the {subject}{tail}",
                    f"show me all {subject}{tail}",
                    f"{subject}{tail}",
                    f"find {subject}{tail}",
                )
            )
        owner = self._en_owner(query, about)
        name = " and ".join(self._en(c) for c in (query.select, *query.also))
        if query.agg in EN_AGG:
            name = rng.choice(EN_AGG[query.agg]).format(name)
        if owner is not None and rng.random() < EN_OWNED:  # "what is the age of 안시윤?"
            return rng.choice(
                (f"what is the {name} of {owner}?", f"{owner}'s {name}?", f"the {name} of {owner}")
            )
        return rng.choice(EN_ASK).format(f"{name} of {subject}{tail}")

    def _en_owner(self, query: Query, about: str) -> str | None:
        """The name of the one row asked about ("안시윤"), where the only condition is on its
        table's name column."""
        if len(query.conditions) != 1 or query.agg:
            return None
        cond = query.conditions[0]
        named = cond.op == "=" and cond.column == self._display(f"{about}.")
        return str(cond.value) if named else None

    def _en_grouped(self, query: Query, subject: str, tail: str) -> str:
        rng = self.en_rng
        assert query.group_by is not None
        group = self._en(query.group_by)
        figure = (
            f"number of {subject}"
            if query.select is None
            else rng.choice(EN_AGG.get(query.agg, ("{}",))).format(self._en(query.select))
        )
        if query.order_by == ORDER_BY_AGGREGATE:
            most = "most" if query.descending else "fewest"
            if query.select is None:
                return f"which {group} has the {most} {subject}{tail}?"
            word = "highest" if query.descending else "lowest"
            agg = {"sum": "total", "avg": "average", "max": "maximum", "min": "minimum"}
            figure = f"{agg.get(query.agg, '')} {self._en(query.select)}"
            return f"which {group} has the {word} {figure}{tail}?"
        if query.select is None and rng.random() < 0.3:
            return f"how many {subject} does each {group} have{tail}?"
        how = rng.choice(("{f} per {g}", "{f} by {g}", "{f} for each {g}"))
        return rng.choice(EN_ASK).format(how.format(f=figure, g=group) + tail)

    def _en_ranked(self, query: Query, subject: str, tail: str, rows: bool, people: bool) -> str:
        rng = self.en_rng
        assert query.order_by is not None
        key = self._en(query.order_by)
        word = rng.choice(EN_HIGH if query.descending else EN_LOW)
        target = self._en(query.select) if query.select else subject
        if query.limit in (None, 1):
            year = _is_year(self.schema.column(query.order_by))
            if rows and year and rng.random() < 0.5:  # "which team was founded most recently?"
                when = rng.choice(EN_LATEST if query.descending else EN_EARLIEST)
                return f"which {subject}{tail} was {key} {when}?"
            if rows:  # "who has the most assists?", "which team has the highest ..."
                most = rng.choice(("most", word) if query.descending else ("fewest", word))
                forms = [f"which {subject}{tail} has the {most} {key}?"]
                if people:
                    forms.append(f"who has the {most} {key}{tail}?")
                return rng.choice(forms)
            return rng.choice(
                (
                    f"which {subject}{tail} has the {word} {key}? give the {target}",
                    f"the {target} of the {subject}{tail} with the {word} {key}",
                )
            )
        side = "top" if query.descending else "bottom"
        if rows and rng.random() < 0.5:  # "show me the top 3 players by goals"
            ask = rng.choice(("show me the ", "list the ", "", "who are the " if people else ""))
            return f"{ask}{side} {query.limit} {subject}{tail} by {key}"
        return f"{target} of the {side} {query.limit} {subject}{tail} by {key}"


def _is_year(column: Column) -> bool:
    """Is ``column`` a year (or a birth year): rounded to five or ten, compared with "before" and
    "after", often implied by its event?"""
    found = sense(column)
    return found is not None and found.kind in YEARS


def _listed(values: list[str], rng: random.Random, shuffled: bool = True) -> str:
    """ "홈이랑 원정", "A, B와 C": the values said together (in any order if ``shuffled``)."""
    joined = rng.choice(("과", "랑", "하고"))
    words = list(values)
    if shuffled:
        rng.shuffle(words)
    last = words.pop()
    front = ", ".join(words)
    if joined == "과":
        return f"{attach(front, '과')} {last}"
    if joined == "랑":
        return f"{front}{'이랑' if attach(front, '이').endswith('이') else '랑'} {last}"
    return f"{front}하고 {last}"


def _implied(column: Column) -> float:
    """How often ``column`` is implied: years with an event nearly always ("2010년 이전에
    개업한", "몇 년도에 문을 열었어?"), as people say them; other kinds half the time."""
    if _is_year(column) and event_verb(column):
        return IMPLIED_YEAR
    return IMPLIED


def _is_period(column: Column) -> bool:
    """Does ``column`` hold a year or a month, by which rows are grouped ("연도별", "월별")?"""
    found = sense(column)
    return (found is not None and found.kind == "year") or any(
        p.strip().endswith(("월", "달", "month")) for p in column.phrases()
    )


def _counter_by_name(names: tuple[str, ...]) -> str | None:
    """The counter of a thing by how one of its Korean names ends ("공공자전거": 대, "대여소":
    곳), or None."""
    for counter, nouns in KO_COUNTED:
        if any(n.replace(" ", "").endswith(nouns) for n in names if _has_hangul(n)):
            return counter
    return None


def _is_counter(name: str) -> bool:
    """Is a number column's name said after its numbers ("5성급", "3층", "2학년")? A Korean
    word of one to three syllables, as counters are."""
    return 1 <= len(name) <= 3 and all("\uac00" <= ch <= "\ud7a3" for ch in name)


def _is_event(name: str) -> bool:
    """A two-syllable Korean noun that takes 하다 as a verb: 진료, 예약, 판매 (a guess)."""
    return len(name) == 2 and all("\uac00" <= ch <= "\ud7a3" for ch in name)


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _p(word: str, particle: str) -> str:
    return attach(word, particle)[len(word) :]


def _fill(form: str, **words: str) -> str:
    """Substitute ``{c}``, ``{v}``, ``{h}`` and make each ``{이}``/``{인}``... agree."""
    out = form
    for key, word in words.items():
        out = out.replace("{" + key + "}", "\x00" + word + "\x01")
    pieces, result, last = out.split("\x00"), "", ""
    for piece in pieces:
        word, _, rest = piece.partition("\x01") if "\x01" in piece else ("", "", piece)
        result += word
        last = word or last
        result += _particles(rest, last or result)
    return result


def _particles(text: str, before: str) -> str:
    for particle in ("이고", "으로", "이", "은", "을", "인", "과"):
        text = text.replace("{" + particle + "}", _p(before, particle), 1)
    return text


def _copula_agrees(text: str, counter: str) -> str:
    """ "몇 개야", "몇 명이야": the copula after a counter, by its final consonant."""
    if attach(counter, "이") == f"{counter}이":  # a final consonant: 명, 권
        return text.replace(f"{counter}야", f"{counter}이야").replace(
            f"{counter}예요", f"{counter}이에요"
        )
    for long, short in (("이야", "야"), ("이에요", "예요"), ("이나", "나")):
        text = text.replace(counter + long, counter + short)
    return text


def _ending(rng: random.Random, form: str, head: str) -> str:
    return _particles(form.replace("{}", head, 1), head)
