"""From slot scores to a ``Query``: pick the best slots, fill values, measure confidence.

Values come from the database when the question mentions one (a linked value) and are copied
from the question otherwise: a number for ``<``, ``>`` and ``between``, the pointed-at span for
``=`` and ``LIKE``. The confidence is the product of the chosen slots' probabilities; the
runner-up select column gives the alternative reading offered when it is low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from torch import Tensor

from skills.text_to_sql.batching import without_slots
from skills.text_to_sql.encoding import (
    FIRST_COLUMN,
    SLOT_AGGREGATE,
    SLOT_NONE,
    TABLE_NAMED,
    Encoded,
)
from skills.text_to_sql.korean import is_person, looks_like_names
from skills.text_to_sql.lexicon import DAYS, extremes, sense
from skills.text_to_sql.network import Scores
from skills.text_to_sql.query import (
    AGGREGATES,
    OPERATORS,
    ORDER_BY_AGGREGATE,
    Condition,
    Query,
)
from skills.text_to_sql.schema import Column
from skills.text_to_sql.text import compact, compact_form, counted, numbers, tokenize

MAX_SPAN_TOKENS = 12
NUMBER_ONLY = ("between", ">=", "<=")
_QUOTED = re.compile(r"['\"‘“]([^'\"‘’“”]{1,40})['\"’”]")
# a word or a code with hyphens ("SB-1로 시작하는": SB-1%)
_WORD = r"(?<![\w-])['\"‘“]?(\w[\w-]{0,19}?)['\"’”]?\s*"
_ANCHORS = (
    (re.compile(r"(?<![\w])([가-힣])\s?씨(?:\s?성|인|이|가|$|\s|[?,.])"), "{}%"),
    (re.compile(_WORD + r"(?:으로|로)\s*시작"), "{}%"),
    (re.compile(_WORD + r"(?:으로|로)\s*끝나"), "%{}"),
)
OTHER_VALUE = 0.3  # how much less likely the other value of a condition is, a priori


@dataclass(frozen=True)
class Reading:
    """One way to understand a question: the query and how sure the parser is of it."""

    query: Query
    confidence: float


def _slot_name(encoded: Encoded, slot: int) -> str:
    return encoded.columns[slot - FIRST_COLUMN].qualified


def _span_text(encoded: Encoded, starts: Tensor, ends: Tensor) -> tuple[str, int, int]:
    n = len(encoded.tokens)
    if n == 0:
        return "", 0, 0
    best, best_span = float("-inf"), (0, 0)
    s_scores, e_scores = starts[:n].tolist(), ends[:n].tolist()
    for s in range(n):
        for e in range(s, min(n, s + MAX_SPAN_TOKENS)):
            if s_scores[s] + e_scores[e] > best:
                best, best_span = s_scores[s] + e_scores[e], (s, e)
    start, end = encoded.tokens[best_span[0]].start, encoded.tokens[best_span[1]].end
    return encoded.question[start:end], start, end


def _condition(
    encoded: Encoded, scores: Scores, b: int, slot: int, used: set[int]
) -> Condition | None:
    column = encoded.columns[slot - FIRST_COLUMN]
    op_scores = scores.ops[b, slot].clone()
    if not column.is_number:  # ranges and bounds are for numbers ("장르 >= '드라마'" is not)
        op_scores[[OPERATORS.index(o) for o in NUMBER_ONLY]] = float("-inf")
    op = OPERATORS[int(op_scores.argmax())]
    link = encoded.links.get(column.qualified)
    span, start, end = _span_text(encoded, scores.starts[b, slot], scores.ends[b, slot])
    anchored = _anchored(encoded.question, used) if not column.is_number else None
    if anchored is not None and anchored[2] and op in ("=", "like"):  # "성이 김씨인": a name's
        person = _person(encoded, column)
        if person is not None:
            used.add(anchored[1])
            return Condition(person.qualified, "like", anchored[0])
    if op == "like" and anchored is not None:  # "김씨 성을 가진": 김%, "수로 끝나는": %수
        used.add(anchored[1])
        return Condition(column.qualified, op, anchored[0])
    quoted = _quoted(encoded.question, used)
    if op == "like" and quoted is not None:  # '의'가 들어간: the quotes mark the value
        used.add(quoted[1])
        return Condition(column.qualified, op, quoted[0])
    free = [(v, s) for v, s, _ in _numbers(encoded) if s not in used]
    if op == "between":
        if len(free) >= 2:
            used.update({free[0][1], free[1][1]})
            return Condition(column.qualified, op, free[0][0], free[1][0])
        op = ">"
    if op in (">", "<"):  # one number is one condition's ("10년 넘는" is not also 10분 넘는)
        in_span = [(v, s) for v, s in _within(encoded, start, end) if s not in used]
        if in_span:
            used.add(in_span[0][1])
            return Condition(column.qualified, op, in_span[0][0])
        if free:
            used.add(free[0][1])
            return Condition(column.qualified, op, free[0][0])
        if link is None:
            return None
        op = "="
    if op == "=" and link is not None and anchored is not None and anchored[1] == link.start:
        begun = _begun(encoded, anchored[0])  # "대전으로 시작하는": longer than 대전 itself
        if begun is not None and not anchored[2]:
            used.add(anchored[1])
            return Condition(begun, "like", anchored[0])
    if op == "=" and link is not None and link.start not in used:
        used.add(link.start)
        return Condition(column.qualified, op, link.value)
    if not span.strip() or (
        op == "like"
        and (
            _names_a_column(encoded, start, start + len(span))
            or _no_noun(encoded, start, span)
            or not _in_a_value(column, span)
        )
    ):
        return None
    if start in used:  # the words another condition took: "서연" is the name's, not also 진료과's
        return None
    used.add(start)
    if column.is_number:
        found = _within(encoded, start, end)
        return Condition(column.qualified, op, found[0][0]) if found else None
    return Condition(column.qualified, op, span)


def _anchored(question: str, used: set[int]) -> tuple[str, int, bool] | None:
    """A LIKE pattern anchored at one end by how it is said, where its text starts, and
    whether it is a family name ("김씨 성", "성이 김씨인": 김%); or "X로 시작하는" (X%),
    "X로 끝나는" (%X)."""
    for i, (pattern, template) in enumerate(_ANCHORS):
        for match in pattern.finditer(question):
            if match.start(1) not in used:
                return template.format(match.group(1)), match.start(1), i == 0
    return None


def _begun(encoded: Encoded, pattern: str) -> str | None:
    """The text column that has values beginning (``X%``) or ending (``%X``) with X and
    longer than it, named by the question where one is, else of a table it names: a value
    said to begin a longer one is no value of its own ("대전으로 시작하는 공연 제목": titles,
    not the city)."""
    part = pattern.strip("%")
    found = [
        (not features[0], not features[TABLE_NAMED], i, column.qualified)
        for i, (column, features) in enumerate(zip(encoded.columns, encoded.features, strict=True))
        if any(
            v != part and (v.startswith(part) if pattern.endswith("%") else v.endswith(part))
            for v in column.values
        )
        and not column.is_number
    ]
    return min(found)[-1] if found else None


def _person(encoded: Encoded, column: Column) -> Column | None:
    """The column of people's names a family name is asked of: of those whose table the
    question names ("김씨 성을 가진 선수": players, not their teams' coaches), ``column``
    itself, else one of its table's, else the first; None where no column holds names."""
    people = [c for c in encoded.columns if not c.is_number and looks_like_names(c.values)]
    named = [c for c in people if encoded.features[encoded.columns.index(c)][TABLE_NAMED]]
    people = named or people
    if column in people:
        return column
    own = [c for c in people if c.table == column.table]
    return next(iter(own or people), None)


def _quoted(question: str, used: set[int]) -> tuple[str, int] | None:
    """The first text in quotes not used yet, and where it starts."""
    for match in _QUOTED.finditer(question):
        if match.start(1) not in used and match.group(1).strip():
            return match.group(1).strip(), match.start(1)
    return None


def _names_a_column(encoded: Encoded, start: int, end: int) -> bool:
    """Does the text at ``start:end`` name a column? Then it is no value to match with LIKE
    ("제목에 '밤'이 들어간" copies 밤, never 제목)."""
    inside = [i for i, t in enumerate(encoded.tokens) if t.start < end and start < t.end]
    return any(column[i][1] for column in encoded.flags for i in inside)


def _no_noun(encoded: Encoded, start: int, span: str) -> bool:
    """Is ``span`` without a noun, a number or a foreign word? Then it is no value to look for
    with LIKE: "부산에 사는" points at the verb 사, not at a name."""
    end = start + len(span)
    inside = [t for t in encoded.tokens if t.start < end and start < t.end]
    return not any(
        (t.tag or "N")[:1] in ("N", "S") or (t.tag or "").startswith("XR") for t in inside
    )


def _in_a_value(column: Column, span: str) -> bool:
    """Is ``span`` part of one of the column's values? Always, where they are not all known;
    where they are, a LIKE for text found in none of them is a misreading ("are there")."""
    part = compact_form(span)
    return not column.values or any(part in compact_form(v) for v in column.values)


def _numbers(encoded: Encoded) -> list[tuple[float, int, int]]:
    """The question's numbers, each with where it starts and ends, but those inside a
    column's name ("1박 요금이 30만원을 넘는": 300000, never the 1 of 1박)."""
    return [
        (value, start, end)
        for value, start, end in numbers(encoded.question)
        if not _names_a_column(encoded, start, end)
    ]


def _within(encoded: Encoded, start: int, end: int) -> list[tuple[float, int]]:
    """The question's numbers that overlap ``start:end``, read whole: a span on the "30" of
    "30만원" is 300000."""
    return [(v, s) for v, s, e in _numbers(encoded) if s < end and start < e]


def _limit(encoded: Encoded, used: set[int]) -> int:
    """The number of rows a ranking asks for: its first unused number ("상위 3개"), else a
    count said in words ("두 곳만"), else one."""
    for value, start, _ in _numbers(encoded):
        if start not in used and value.is_integer() and 0 < value <= 1000:
            return int(value)
    for count, _, _ in counted(encoded.question):
        return count
    return 1


def decode(
    encoded: Encoded, scores: Scores, b: int, beam: int = 0, lists: bool = True
) -> list[Reading]:
    """The best reading and, if any, the runner-up select column's reading; with ``beam``,
    up to that many readings that also vary the conditions (for execution guidance); with
    ``lists``, every column named in a list with the select column is selected too."""
    rests = _rests(encoded, scores, b, variants=beam > 0)
    best = _merged(_with_select(encoded, scores, b, rests[0], (2, 1, 0.05), lists))
    if beam <= 0:
        return best
    found: dict[Query, Reading] = {}
    for rest in rests:
        for reading in _with_select(encoded, scores, b, rest, (3, 2, 0.0), lists):
            if reading.query not in found or found[reading.query].confidence < reading.confidence:
                found[reading.query] = reading
    # the greedy reading first, whatever a variant's (renormalised) confidence says
    first = best[0]
    ranked = sorted(
        (r for r in found.values() if r.query != first.query), key=lambda r: -r.confidence
    )
    return [first, *ranked][:beam]


def _merged(readings: list[Reading]) -> list[Reading]:
    """``readings`` with those of one query made one, their confidences added, in their
    order: two select columns listed together ("코드랑 제조사") are one reading, not two
    rivals."""
    found: dict[Query, float] = {}
    for reading in readings:
        found[reading.query] = found.get(reading.query, 0.0) + reading.confidence
    return [Reading(query, confidence) for query, confidence in found.items()]


def _with_select(
    encoded: Encoded,
    scores: Scores,
    b: int,
    base: Reading,
    widths: tuple[int, int, float],
    lists: bool,
) -> list[Reading]:
    """``base`` completed with the best select slots and aggregates: ``widths`` says how many
    columns, how many aggregates each, and the probability below which a runner-up is left."""
    columns, aggs, floor = widths
    # a question does not ask for the column it constrains ("서울 FC의 팀 이름"): never in
    # WikiSQL's training data, and rare in people's questions
    slot_of = {c.qualified: FIRST_COLUMN + i for i, c in enumerate(encoded.columns)}
    # but a name matched by a part is ("이름에 '농원'이 들어간 농장 찾아 줘": those names), and
    # one matched by how it begins or ends where the rows are asked ("'역'으로 끝나는 대여소들
    # 알려줘", not "'우'로 끝나는 이용자의 대여 건수"); a family name ("정씨인 농장") asks for
    # the rows' other names
    conditions = base.query.conditions
    taken = [slot_of[c.column] for c in conditions if not _is_part(c)]
    ends = [slot_of[c.column] for c in conditions if _is_end(c, encoded.question)]
    select_scores = scores.slots["select"][b : b + 1]
    masked = without_slots(select_scores, SLOT_AGGREGATE, *taken)
    said = {str(c.value).strip("%") for c in conditions}
    if ends and _asks_rows(encoded, said, {s - FIRST_COLUMN for s in ends}):
        masked = without_slots(select_scores, SLOT_AGGREGATE, *[s for s in taken if s not in ends])
    sel_probs = masked[0].softmax(-1)
    open_probs = without_slots(select_scores, SLOT_AGGREGATE)[0].softmax(-1)
    top = sel_probs.topk(min(columns, int((sel_probs > 0).sum())))
    readings = []
    for rank, (p, slot) in enumerate(zip(top.values.tolist(), top.indices.tolist(), strict=True)):
        if rank > 0 and p <= floor:
            continue
        agg_probs = scores.agg[b, slot].softmax(-1)
        best_aggs = agg_probs.topk(aggs if slot != SLOT_NONE else 1)
        for q, agg in zip(best_aggs.values.tolist(), best_aggs.indices.tolist(), strict=True):
            select = None if slot == SLOT_NONE else _slot_name(encoded, slot)
            agg_name = "count" if select is None else AGGREGATES[agg]
            query = replace(base.query, select=select, agg=agg_name)
            if query.group_by is not None and query.group_by == select:
                query = replace(query, select=None, agg="count")
            query = _apart(encoded, scores, b, query)
            query = _listed(encoded, query) if lists else query
            if lists:
                query = _rows_by_part(encoded, _who(encoded, (sel_probs, open_probs), query))
                query = _counted_in(encoded, _by_unit(encoded, sel_probs, query))
                query = _superlative(encoded, _whole(encoded, _total(encoded, query)))
            query = _ranked_extreme(query)
            confidence = p * q * base.confidence
            if lists and not _counts_what_it_may(encoded, query):
                confidence *= UNREACHED
            readings.append(Reading(query, confidence))
    if lists:  # an unreached count behind the others
        readings.sort(key=lambda r: not _counts_what_it_may(encoded, r.query))
    return readings


UNREACHED = 0.1  # how much less likely a count of rows that cannot meet its conditions is


def _counts_what_it_may(encoded: Encoded, query: Query) -> bool:
    """Can the counted rows be conditioned as ``query`` is: is each condition on their table
    or one they refer to ("공격수는 몇 명이야?" counts players, never the matches of teams that
    have forwards)?"""
    if query.agg != "count" or query.select is None or query.group_by or not encoded.reach:
        return True
    counted = str(query.select).partition(".")[0]
    reached = encoded.reach.get(counted, frozenset())
    return all(c.column.partition(".")[0] in reached for c in query.conditions)


def _who(encoded: Encoded, probs: tuple[Tensor, Tensor], query: Query) -> Query:
    """A question that asks who ("가을 편지 공연은 누가 해?", "3km 안 되는 대여는 누가
    탔어요?") and no count ("몇 명") asks for people: of the columns that hold them (by their
    values or their names: 출연자, 회원), one of a table the question names, the likeliest
    (``probs``: the select columns', without and with those the conditions constrain); a
    column matched by a family name too ("성이 김씨인 회원은 누구예요?": those members)."""
    if query.group_by is not None or query.also:
        return query
    words = {t.text for t in encoded.tokens}
    who = any(t.text in _WHO and t.tag == "NP" for t in encoded.tokens)
    if not who or words & _AMOUNTS:
        return query
    likes = {c.column for c in query.conditions if c.op == "like"}
    people = []
    for i, (column, features) in enumerate(zip(encoded.columns, encoded.features, strict=True)):
        free, open_ = (float(p[FIRST_COLUMN + i]) for p in probs)
        prob = free if free > 0 or column.qualified not in likes else open_
        if _holds_people(column) and prob > 0:
            people.append((features[TABLE_NAMED], prob, column.qualified))
    if not people:
        return query
    return replace(query, select=max(people)[2], agg="")


_WHO = ("누", "누구", "누구누구")  # 누가, 누구야, 누구누구야


def _rows_by_part(encoded: Encoded, query: Query) -> Query:
    """A column named only to say where a part is looked for is not asked for: "출연자 이름에
    교향악단이 들어간 공연 알려주세요" asks for the concerts, by the column that names them
    (the table's text column with the most values), where the question names their table
    and no column after the part."""
    like = next((c for c in query.conditions if c.column == query.select and _is_part(c)), None)
    if like is None or query.agg or query.also or query.group_by or query.order_by:
        return query
    at = encoded.question.find(str(like.value).strip("%"))
    table = like.column.partition(".")[0]
    texts = [c for c in encoded.columns if c.table == table and not c.is_number]
    rows = max(texts, key=lambda c: len(c.values)).qualified if texts else like.column
    named = any(
        f[TABLE_NAMED]
        for c, f in zip(encoded.columns, encoded.features, strict=True)
        if c.table == table
    )
    if at < 0 or rows == like.column or not named:
        return query
    runs = [run for i in range(len(encoded.columns)) for run in _name_runs(encoded, i)]
    if any(encoded.tokens[start].start >= at for start, _ in runs):
        return query
    return replace(query, select=rows)


def _total(encoded: Encoded, query: Query) -> Query:
    """A number column asked in its unit with a word for all ("VIP석은 모두 몇 장
    예매됐어요?", "총 몇 박"), or with a noun for a sum that names no column ("정형외과
    진료비 총액은 얼마인가요?"), is summed, not listed."""
    if query.agg or query.select is None or query.group_by or query.also:
        return query
    column = encoded.column(query.select)
    if column.is_number and any(
        t.text in _SUMS and not _names_a_column(encoded, t.start, t.end) for t in encoded.tokens
    ):
        return replace(query, agg="sum")
    found = sense(column)
    words = [t.text for t in encoded.tokens]
    if found is None or not found.unit or not set(words) & _ALL:
        return query
    units = [words[i + 1] for i in range(len(words) - 1) if words[i] == "몇"]
    return replace(query, agg="sum") if found.unit in units else query


def _by_unit(encoded: Encoded, sel_probs: Tensor, query: Query) -> Query:
    """A count asked in a number column's unit is that column: "SB-2003은 몇 년에 산
    거예요?" (a year), "VIP석은 몇 장" (tickets), never a counter of rows (몇 개, 몇 명);
    asked "얼마", a price or an amount of money, "며칠", a number of days or nights; added
    up ("직원 수를 전부 더하면"), the sum of the number column it names."""
    if query.agg != "count" or query.group_by is not None:
        return query
    words = [t.text for t in encoded.tokens]
    units = {words[i + 1] for i in range(len(words) - 1) if words[i] == "몇"} - _ROW_COUNTERS
    if "얼마" in words:
        units.add("원")
    if "며칠" in words:  # nights or days
        units.update(DAYS)
    added = bool(set(words) & _ADDED)
    found = [
        (float(sel_probs[FIRST_COLUMN + i]), c.qualified)
        for i, c in enumerate(encoded.columns)
        if float(sel_probs[FIRST_COLUMN + i]) > 0
        and (
            ((kind := sense(c)) is not None and kind.unit in units)
            or (added and c.is_number and encoded.features[i][0])
        )
    ]
    if not found:
        return query
    return replace(query, select=max(found)[1], agg="sum" if added else "")


_ADDED = frozenset(("더하", "합치", "합하", "합해서", "합쳐서", "더해서"))


def _counted_in(encoded: Encoded, query: Query) -> Query:
    """A number column whose name is said after "몇", as a counter, is asked: "슈팅이 가장
    많았던 경기는 몇 라운드였나요?" (the round), "몇 층이에요?" (the floor)."""
    if query.agg not in ("", "count") or query.group_by is not None or query.also:
        return query
    after = [i + 1 for i, t in enumerate(encoded.tokens[:-1]) if t.text == "몇"]
    named = [
        column.qualified
        for column, flags in zip(encoded.columns, encoded.flags, strict=True)
        if column.is_number and any(flags[i][1] for i in after)
    ]
    if len(named) != 1 or (named[0] == query.select and not query.agg):
        return query
    return replace(query, select=named[0], agg="")


_ROW_COUNTERS = frozenset(
    ("개", "곳", "명", "권", "편", "건", "번", "마리", "가지", "군데", "팀", "채", "대")
)


def _superlative(encoded: Encoded, query: Query) -> Query:
    """A lookup said with a superlative ranks by the number column it names or implies:
    "일반 자전거 중에서 가장 싼 건 코드랑 가격" is the cheapest one, by price, ascending;
    "대기 시간이 가장 짧았던 진료는 무슨 요일" ranks by the wait, never by the weekday."""
    if query.agg or query.group_by is not None:
        return query
    texts = {c.qualified for c in encoded.columns if not c.is_number}
    # ungrouped, "the aggregate" is the select column itself
    by = query.select if query.order_by == ORDER_BY_AGGREGATE else query.order_by
    if query.order_by is not None and by not in texts:
        return query
    words = [t.text for t in encoded.tokens]
    said = {words[i + 1] for i in range(len(words) - 1) if words[i] in ("가장", "제일")}
    if not said:
        return query
    table = str(query.select).partition(".")[0]
    found = [
        (not features[0], column.table != table, i)  # named first, then the asked rows'
        for i, (column, features) in enumerate(zip(encoded.columns, encoded.features, strict=True))
        if column.is_number
        and (features[0] or said & (_content(extremes(column)[0]) | _content(extremes(column)[1])))
    ]
    if not found:
        return query
    column = encoded.columns[min(found)[2]]
    descending = bool(said & (_content(extremes(column)[0]) | _HIGH))
    limit = query.limit or _limit(
        encoded, {s for v, s, _ in _numbers(encoded) if _in_conditions(v, query)}
    )
    return replace(query, order_by=column.qualified, descending=descending, limit=limit)


_HIGH = frozenset(("많", "높", "크", "길", "비싸", "늦", "멀", "넓", "무겁"))  # said of any number


@lru_cache(maxsize=1024)
def _content(phrases: tuple[str, ...]) -> frozenset[str]:
    """The content morphemes of ``phrases`` ("싸" of "싼"), "가장" and the like left out."""
    return frozenset(
        {
            t.text
            for phrase in phrases
            for t in tokenize(phrase)
            if (t.tag or "")[:2] in ("VA", "VV", "XR", "MA") and t.text not in ("가장", "제일")
        }
    )


def _in_conditions(value: float, query: Query) -> bool:
    return any(value in (c.value, c.high) for c in query.conditions)


_SUMS = frozenset(("총액", "합계", "총합", "총계"))
_ALL = frozenset(("모두", "총", "전부", "통틀어", "합쳐서", "합해서", "합치면", "합하면"))


def _whole(encoded: Encoded, query: Query) -> Query:
    """A figure of rows grouped by their own names is the figure of them all: "서울 공연장들
    중 최대 좌석 수" is one maximum, not each venue's own seats."""
    group = query.group_by
    if query.agg in ("", "count") or group is None or query.order_by is not None:
        return query
    if str(query.select).partition(".")[0] != group.partition(".")[0]:
        return query
    return replace(query, group_by=None) if _names_rows(encoded, group) else query


def _holds_people(column: Column) -> bool:
    """Does a text column hold people: their names as values, or a name for people?"""
    return not column.is_number and (
        looks_like_names(column.values) or any(is_person(p) for p in column.phrases())
    )


def _names_rows(encoded: Encoded, qualified: str) -> bool:
    """Does the text column name its table's rows, one value each: as many values as the
    table's first column (its key, where the database gave its few values)?"""
    table = qualified.partition(".")[0]
    first = next(c for c in encoded.columns if c.table == table)
    column = encoded.column(qualified)
    return not column.is_number and 0 < len(first.values) == len(column.values)


def _apart(encoded: Encoded, scores: Scores, b: int, query: Query) -> Query:
    """A count of rows grouped by their own names counts ones: "구별로 대여소가 몇 개씩"
    groups by another column (the next best), "대여소마다 자전거 몇 대씩" counts the rows of
    the other table the question names (bikes, per station)."""
    group = query.group_by
    if query.agg != "count" or group is None:
        return query
    table = group.partition(".")[0]
    counted = (query.select or group).partition(".")[0]
    if counted != table or not _names_rows(encoded, group):
        return query
    named = {
        c.table
        for c, features in zip(encoded.columns, encoded.features, strict=True)
        if features[TABLE_NAMED] and c.table != table
    }
    if len(named) == 1:
        first = next(c for c in encoded.columns if c.table in named)
        return replace(query, select=first.qualified)
    slot = FIRST_COLUMN + [c.qualified for c in encoded.columns].index(group)
    group_scores = scores.slots["group"][b : b + 1, : FIRST_COLUMN + len(encoded.columns)]
    others = without_slots(group_scores, SLOT_NONE, SLOT_AGGREGATE, slot)
    return replace(query, group_by=_slot_name(encoded, int(others[0].argmax())))


def _rests(encoded: Encoded, scores: Scores, b: int, variants: bool = False) -> list[Reading]:
    """Conditions, grouping and ordering (the select clause is filled in by ``_with_select``):
    the best, and with ``variants`` also one condition fewer or more and the other value."""
    count_probs = scores.where_count[b].softmax(-1)
    where = scores.slots["where"][b, FIRST_COLUMN:]
    ranked = where.topk(min(len(count_probs) - 1, where.numel())).indices.tolist()
    best = int(count_probs.argmax())
    counts = [best]
    if variants:
        counts += [c for c in (best - 1, best + 1) if 0 <= c <= len(ranked) and c != best]
    rests = []
    for count in counts:
        conditions: list[Condition] = []
        alternatives: list[tuple[int, Condition]] = []
        used: set[int] = set()
        for index in ranked[:count]:
            slot = FIRST_COLUMN + index
            condition = _condition(encoded, scores, b, slot, used)
            if condition is None:
                continue
            other = _other_value(encoded, scores, b, slot, condition) if variants else None
            if other is not None:
                alternatives.append((len(conditions), other))
            conditions.append(condition)
        confidence = float(count_probs[count])
        rests.append(_rest(encoded, scores, b, conditions, confidence, used))
        for at, other in alternatives:
            swapped = conditions[:at] + [other] + conditions[at + 1 :]
            rests.append(_rest(encoded, scores, b, swapped, confidence * OTHER_VALUE, used))
    return rests


def _other_value(
    encoded: Encoded, scores: Scores, b: int, slot: int, condition: Condition
) -> Condition | None:
    """The pointed-at span where the linked value was used, or the reverse (text only)."""
    column = encoded.columns[slot - FIRST_COLUMN]
    if column.is_number or condition.op not in ("=", "like"):
        return None
    link = encoded.links.get(column.qualified)
    span = _span_text(encoded, scores.starts[b, slot], scores.ends[b, slot])[0].strip()
    value = span if link is not None and condition.value == link.value else None
    if value is None and link is not None:
        value = link.value
    if not value or value == condition.value:
        return None
    return replace(condition, value=value)


def _rest(
    encoded: Encoded,
    scores: Scores,
    b: int,
    conditions: list[Condition],
    confidence: float,
    used: set[int],
) -> Reading:
    """The reading with these conditions; ``used``: where the conditions' numbers start."""
    group_probs = without_slots(scores.slots["group"][b : b + 1], SLOT_AGGREGATE)[0].softmax(-1)
    group = int(group_probs.argmax())
    order_probs = scores.slots["order"][b].softmax(-1)
    order = int(order_probs.argmax())
    confidence *= float(group_probs.max()) * float(order_probs.max())
    order_by = (
        None
        if order == SLOT_NONE
        else ORDER_BY_AGGREGATE
        if order == SLOT_AGGREGATE
        else _slot_name(encoded, order)
    )
    if order_by not in (None, ORDER_BY_AGGREGATE) and not _ranks(encoded, used):
        order_by = None  # "2만 제곱미터보다 넓은 농장": a comparison, no ranking
    group_by = None if group == SLOT_NONE else _slot_name(encoded, group)
    # the groups' own values name them all, never one: "홈이랑 원정 각각 평균 득점은?"
    kept = [c for c in conditions if not (c.column == group_by and c.op == "=")]
    query = Query(
        select=None,
        conditions=tuple(kept),
        group_by=group_by,
        order_by=order_by,
        descending=bool(int(scores.descending[b].argmax())),
        limit=_limit(encoded, used) if order_by else None,
    )
    return Reading(query, confidence)


def _ranks(encoded: Encoded, used: set[int]) -> bool:
    """Does the question rank rows? A Korean one says so: a superlative ("가장", "제일",
    "최고"), an order ("순으로", "상위") or how many it wants ("두 곳", "3개"), never an
    adjective alone ("2만 제곱미터보다 넓은")."""
    question = encoded.question
    if not any("\uac00" <= ch <= "\ud7a3" for ch in question):
        return True
    if any(word in compact_form(question) for word in _RANKING):
        return True
    return _limit(encoded, used) != 1 or bool(counted(question))


_RANKING = (
    "가장",
    "제일",
    "최",
    "상위",
    "하위",
    "순으로",
    "순서",
    "순위",
    "톱",
    "번째",
    "꼴찌",
    "1위",
)


def _is_part(condition: Condition) -> bool:
    """Is ``condition`` a LIKE for a part anywhere in a name ("이름에 '농원'이 들어간")?"""
    value = str(condition.value)
    return condition.op == "like" and value.startswith("%") == value.endswith("%")


def _is_end(condition: Condition, question: str) -> bool:
    """Is ``condition`` a LIKE for how a name begins or ends ("'역'으로 끝나는": %역), not for
    a family name ("정씨인": 정%)?"""
    value = str(condition.value)
    if condition.op != "like" or _is_part(condition):
        return False
    family = value.endswith("%") and re.search(re.escape(value.strip("%")) + r"\s?씨", question)
    return not family


def _asks_rows(encoded: Encoded, values: set[str], own: set[int]) -> bool:
    """Does the question ask for rows, not a count, an amount or another column of theirs
    ("대여소들 알려줘", not "대여 건수", "몇 명", "무슨 종류예요")? ``values``: words that are its
    conditions' values ("수로 끝나는": 수 is a name's end, no count); ``own``: the columns
    those conditions are on (named by them: "이름이")."""
    words = {t.text for t in encoded.tokens} - values
    if words & _AMOUNTS or any(w.endswith(_AMOUNT_ENDS) for w in words):
        return False
    others = [f for i, f in enumerate(encoded.flags) if i not in own]
    return not any(flag[1] for flags in others for flag in flags)


_AMOUNTS = frozenset(
    ("몇", "수", "합", "합계", "총", "평균", "얼마", "최대", "최소", "전부", "모두")
)
_AMOUNT_ENDS = ("건수", "개수", "횟수", "인원", "총합", "합계")


def _ranked_extreme(query: Query) -> Query:
    """MIN or MAX of the column a question ranks by, ungrouped, takes the ranking's side
    ("제일 넓은 농장 면적이 얼마나 되지?": the largest area, never MIN ordered DESC)."""
    if query.agg not in ("min", "max") or query.group_by or query.order_by != query.select:
        return query
    return replace(query, agg="max" if query.descending else "min")


_AND = frozenset(("과", "와", "이랑", "랑", "하고", "및", "그리고"))  # "지역이랑 대표 이름"


def _listed(encoded: Encoded, query: Query) -> Query:
    """``query`` with the columns named in a list with its select column ("작물들의 이름과
    품종", "지역이랑 대표 이름 같이") selected beside it, in the question's order."""
    if query.select is None or query.agg or query.group_by is not None:
        return query
    runs = [_name_runs(encoded, i) for i in range(len(encoded.columns))]
    names = [c.qualified for c in encoded.columns]
    table = query.select.partition(".")[0]
    chosen = {start: (end, query.select) for start, end in runs[names.index(query.select)]}
    if not chosen:
        return query
    grown = True
    while grown:
        grown = False
        taken = {column for _, column in chosen.values()}
        for start, (end, _) in sorted(chosen.items()):
            for at, after in ((_next_item(encoded, end), True), (start, False)):
                found = _item_at(encoded, runs, names, table, taken, at, after)
                if found is not None and found[0] not in chosen:
                    chosen[found[0]] = (found[1], found[2])
                    grown = True
                    break
            if grown:
                break
    ordered = [column for _, (_, column) in sorted(chosen.items())]
    ordered = list(dict.fromkeys(ordered))
    if len(ordered) == 1:
        return query
    return replace(query, select=ordered[0], also=tuple(ordered[1:]))


def _name_runs(encoded: Encoded, column: int) -> list[tuple[int, int]]:
    """The runs of question tokens that name column ``column``: (first, last), wherever its
    name is said ("주행 거리가 가장 긴 대여의 이용자와 거리": both 거리)."""
    spans = _name_spans(encoded.question, encoded.columns[column])
    runs: list[tuple[int, int]] = []
    for t, flags in enumerate(encoded.flags[column]):
        token = encoded.tokens[t]
        if flags[1] or any(token.start < e and s < token.end for s, e in spans):
            if runs and runs[-1][1] == t - 1:
                runs[-1] = (runs[-1][0], t)
            else:
                runs.append((t, t))
    return runs


def _name_spans(question: str, column: Column) -> list[tuple[int, int]]:
    """Every place in ``question`` where one of ``column``'s names of two characters or more
    is said (one, "구" of a district, is found inside too many words)."""
    squeezed, positions = compact(question)
    spans = []
    for form in {compact_form(p) for p in column.phrases()}:
        at = squeezed.find(form) if len(form) > 1 else -1
        while at >= 0:
            spans.append((positions[at], positions[at + len(form) - 1] + 1))
            at = squeezed.find(form, at + 1)
    return spans


def _joined(encoded: Encoded, left: int, right: int) -> bool:
    """Are tokens ``left`` and ``right`` two items of a list: only "과", "이랑", "하고", "및"
    or a comma between them?"""
    between = encoded.tokens[left + 1 : right]
    if not between:
        gap = encoded.question[encoded.tokens[left].end : encoded.tokens[right].start]
        return any(mark in gap for mark in ",/·")
    return len(between) <= 2 and all(t.text in _AND for t in between)


def _next_item(encoded: Encoded, end: int) -> int:
    """Where a list item after token ``end`` would start: past its "과"/"이랑"/comma."""
    at = end + 1
    while at < len(encoded.tokens) and encoded.tokens[at].text in _AND:
        at += 1
    return at if at < len(encoded.tokens) and _joined(encoded, end, at) else -1


def _item_at(
    encoded: Encoded,
    runs: list[list[tuple[int, int]]],
    names: list[str],
    table: str,
    taken: set[str],
    at: int,
    after: bool,
) -> tuple[int, int, str] | None:
    """The one column (of ``table`` where it has one) named by a run starting at ``at``
    (``after``) or ending just before a list mark before ``at``: (start, end, column)."""
    if at < 0:
        return None
    found = []
    for i, column_runs in enumerate(runs):
        for start, end in column_runs:
            fits = start == at if after else end < at and _joined(encoded, end, at)
            if fits and names[i] not in taken:
                found.append((start, end, names[i]))
    own = [f for f in found if f[2].startswith(f"{table}.")] or found
    if not own:
        return None
    longest = max(e - s for s, e, _ in own)
    best = [f for f in own if f[1] - f[0] == longest]
    return best[0] if len(best) == 1 else None
