"""A question and a schema as numbers: hashed morphemes, per-column features, gold targets.

Every column is a *slot*; two special slots come first: slot 0 is ``*`` for the select clause
and "none" for GROUP BY and ORDER BY, slot 1 is "order by the aggregate". Per column the
parser sees how the question mentions it (its name as a substring, shared character bigrams
and morphemes, a linked value and how long it is) and, per question token, whether the token
lies in that column's linked value or name. Words are hashed (crc32, stable across runs) into
a fixed table, so an unseen word costs nothing and the vocabulary needs no saving.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from assistant.shared import Token
from skills.text_to_sql.lexicon import implied_words
from skills.text_to_sql.linking import Link, ValueIndex
from skills.text_to_sql.query import AGGREGATES, OPERATORS, ORDER_BY_AGGREGATE, Query
from skills.text_to_sql.schema import Column, Schema
from skills.text_to_sql.text import (
    NATIVE,
    char_bigrams,
    compact,
    compact_form,
    number_text,
    numbers,
    tokenize,
    tokenize_name,
)

SLOT_NONE = 0
SLOT_AGGREGATE = 1
FIRST_COLUMN = 2
N_FEATURES = 11
TABLE_NAMED = 8  # the feature saying the question names the column's table
N_FLAGS = 3
VOCAB_SIZE = 1 << 15
TAG_SIZE = 64
MAX_TOKENS = 60
MAX_NAME_TOKENS = 16
MAX_CONDITIONS = 3
_GENERIC = frozenset(("가장", "되", "하", "많", "적", "나이", "년", "개"))  # too common to flag


def hashed(text: str, size: int = VOCAB_SIZE) -> int:
    """A stable bucket in 1..size-1 (0 is padding)."""
    return 1 + zlib.crc32(text.encode("utf-8")) % (size - 1)


@dataclass
class Target:
    select: int
    agg: int
    where: list[int]
    ops: list[int]
    spans: list[tuple[int, int]]
    group: int = SLOT_NONE
    order: int = SLOT_NONE
    descending: int = 1


@dataclass
class Encoded:
    """One question against one schema, ready for batching."""

    question: str
    tokens: list[Token]
    token_ids: list[int]
    tag_ids: list[int]
    columns: tuple[Column, ...]
    name_ids: list[list[int]]
    features: list[list[float]]
    flags: list[list[list[float]]]  # column, token, flag
    links: dict[str, Link]
    target: Target | None = field(default=None)
    # the tables whose rows each table's rows refer to, two foreign keys on at most, itself
    # included: what a count of its rows may be conditioned on (``Schema.reach``)
    reach: dict[str, frozenset[str]] = field(default_factory=dict)

    def column(self, qualified: str) -> Column:
        """The column named ``qualified`` ("players.name"), which must be one of ``columns``."""
        return next(c for c in self.columns if c.qualified == qualified)


class SchemaCache:
    """What depends only on the schema: its value index and its columns' name morphemes;
    with ``implied``, also the content morphemes of the words that imply a number column
    ("싸" of "가장 싼" for a price, ``skills.text_to_sql.lexicon``), flagged like its names,
    and a one-syllable name only as a word of its own, not where a counter stands ("석" of
    좌석 등급 is neither in "좌석" nor in "3000석"); off for WikiSQL, whose parsers were
    chosen without either."""

    def __init__(self, schema: Schema, implied: bool = False) -> None:
        self.schema = schema
        self.alone = implied  # one-syllable names only as words of their own
        self.columns = schema.columns
        self.index = ValueIndex(self.columns)
        many_tables = len(schema.tables) > 1
        self.name_ids: list[list[int]] = []
        self.name_forms: list[list[str]] = []
        self.name_tokens: list[set[str]] = []
        self.table_forms: list[list[str]] = []
        self.reach = {t.name: schema.reach(t.name) for t in schema.tables}
        self.flagged: list[set[str]] = []  # morphemes that flag a question token as naming it
        self.implied: list[set[str]] = []  # of those, the ones that imply it (a unit: "석")
        for column in self.columns:
            words = [w for p in column.phrases() for w in tokenize_name(p)]
            table_words = (
                [w for p in schema.table(column.table).phrases() for w in tokenize_name(p)]
                if many_tables
                else []
            )
            ids = [hashed(w) for w in words] + [hashed("table:" + w) for w in table_words]
            self.name_ids.append(ids[:MAX_NAME_TOKENS] or [hashed("?")])
            self.name_forms.append([compact_form(p) for p in column.phrases()])
            self.name_tokens.append(set(words))
            self.implied.append(_implied_morphemes(column) if implied else set())
            self.flagged.append(set(words) | self.implied[-1])
            table = schema.table(column.table)
            self.table_forms.append(
                [compact_form(p) for p in table.phrases()] if many_tables else []
            )


def _implied_morphemes(column: Column) -> set[str]:
    return {
        t.text.lower()
        for phrase in implied_words(column)
        for t in tokenize(phrase)
        if (t.tag or "")[:2] in ("NN", "VA", "VV", "MA", "XR") and t.text not in _GENERIC
    }


def _named_tables(squeezed: str, cache: SchemaCache) -> set[str]:
    """The tables the question names, not counting a name said only inside another table's
    longer name ("대여소" names stations, not also rentals by its "대여")."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for column, forms in zip(cache.columns, cache.table_forms, strict=True):
        if column.table in spans:
            continue
        found = spans[column.table] = []
        for form in forms:
            at = squeezed.find(form) if form else -1
            while at >= 0:
                found.append((at, at + len(form)))
                at = squeezed.find(form, at + 1)
    longer = [(s, e, t) for t, found in spans.items() for s, e in found]
    return {
        table
        for table, found in spans.items()
        if any(
            not any(t != table and s2 <= s and e <= e2 and e2 - s2 > e - s for s2, e2, t in longer)
            for s, e in found
        )
    }


def _overlaps(token: Token, start: int, end: int) -> bool:
    return token.start < end and start < token.end


def encode(question: str, cache: SchemaCache) -> Encoded:
    tokens = tokenize(question)[:MAX_TOKENS]
    lowered = [t.text.lower() for t in tokens]
    token_set = set(lowered)
    squeezed, positions = compact(question)
    bigrams = char_bigrams(question)
    links = cache.index.link(question)
    longest = max((lk.end - lk.start for lk in links.values()), default=0)
    linked_spans = [(lk.start, lk.end) for lk in links.values()]
    free_number = any(
        not any(s <= start < e for s, e in linked_spans) for _, start, _ in numbers(question)
    )
    named = _named_tables(squeezed, cache)
    counters = _counter_positions(tokens)
    features, flags = [], []
    for i, column in enumerate(cache.columns):
        name_spans = []
        for form in cache.name_forms[i]:
            # "석" of 좌석 등급: a word of its own, never in 좌석, nor a counter (3000석)
            if len(form) == 1 and cache.alone:
                name_spans += [
                    (t.start, t.end)
                    for t, counter in zip(tokens, counters, strict=True)
                    if t.text.lower() == form and (not counter or form in cache.implied[i])
                ]
                continue
            at = squeezed.find(form) if form else -1
            if at >= 0:
                name_spans.append((positions[at], positions[at + len(form) - 1] + 1))
        coverage = max(
            (len(char_bigrams(p) & bigrams) / len(char_bigrams(p)) for p in column.phrases()),
            default=0.0,
        )
        words = cache.name_tokens[i]
        overlap = len(words & token_set) / len(words) if words else 0.0
        link = links.get(column.qualified)
        link_len = (link.end - link.start) if link else 0
        table_named = column.table in named
        features.append(
            [
                1.0 if name_spans else 0.0,
                coverage,
                overlap,
                1.0 if link else 0.0,
                min(link_len / 10.0, 1.0),
                1.0 if link and link_len == longest else 0.0,
                1.0 if column.is_number else 0.0,
                1.0 if column.is_number and free_number else 0.0,
                1.0 if table_named else 0.0,
                min(len(column.values) / 100.0, 1.0),
                1.0 if link and _is_number(link.value) else 0.0,
            ]
        )
        flags.append(
            [
                [
                    1.0 if link and _overlaps(t, link.start, link.end) else 0.0,
                    1.0 if any(_overlaps(t, s, e) for s, e in name_spans) else 0.0,
                    1.0 if _flagged(t.text.lower(), counter, cache, i) else 0.0,
                ]
                for t, counter in zip(tokens, counters, strict=True)
            ]
        )
    return Encoded(
        question=question,
        tokens=tokens,
        token_ids=[hashed(w) for w in lowered] or [hashed("?")],
        tag_ids=[hashed(t.tag or "", TAG_SIZE) for t in tokens] or [1],
        columns=cache.columns,
        name_ids=cache.name_ids,
        features=features,
        flags=flags,
        links=links,
        reach=cache.reach,
    )


def _counter_positions(tokens: list[Token]) -> list[bool]:
    """Which tokens stand where a counter does: after a number or "몇" ("3000석", "몇 석")."""
    found = [False] * len(tokens)
    for i in range(1, len(tokens)):
        before = tokens[i - 1]
        found[i] = (before.tag or "") in ("SN", "NR") or before.text in ("몇", *NATIVE)
    return found


def _flagged(word: str, counter: bool, cache: SchemaCache, column: int) -> bool:
    """Does the morpheme ``word`` flag ``column``: one of its names' morphemes or of its
    implied words; where a counter stands, a one-syllable name only if it is the unit."""
    if counter and len(word) == 1 and cache.alone:
        return word in cache.implied[column]
    return word in cache.flagged[column]


def _value_span(encoded: Encoded, value: str | float) -> tuple[int, int]:
    """The first..last token covering ``value`` in the question, or (-1, -1)."""
    text = encoded.question
    span: tuple[int, int] | None = None
    if isinstance(value, float) or _is_number(value):
        wanted = number_text(float(str(value).replace(",", "")))
        for number, start, end in numbers(text):
            if number_text(number) == wanted:
                span = (start, end)
                break
    if span is None:
        squeezed, positions = compact(text)
        form = compact_form(str(value))
        at = squeezed.find(form) if form else -1
        if at >= 0:
            span = (positions[at], positions[at + len(form) - 1] + 1)
    if span is None:
        return (-1, -1)
    covered = [i for i, t in enumerate(encoded.tokens) if _overlaps(t, *span)]
    return (covered[0], covered[-1]) if covered else (-1, -1)


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def attach_target(encoded: Encoded, query: Query) -> Encoded:
    """``encoded`` with the gold slots of ``query`` (for training)."""
    slot = {c.qualified: FIRST_COLUMN + i for i, c in enumerate(encoded.columns)}
    conditions = query.conditions[:MAX_CONDITIONS]
    encoded.target = Target(
        select=SLOT_NONE if query.select is None else slot[query.select],
        agg=AGGREGATES.index(query.agg),
        where=[slot[c.column] for c in conditions],
        ops=[OPERATORS.index(c.op) for c in conditions],
        # an anchored LIKE's value ("김%") is said without its wildcard ("김씨 성")
        spans=[
            _value_span(encoded, str(c.value).strip("%") if c.op == "like" else c.value)
            for c in conditions
        ],
        group=SLOT_NONE if query.group_by is None else slot[query.group_by],
        order=(
            SLOT_NONE
            if query.order_by is None
            else SLOT_AGGREGATE
            if query.order_by == ORDER_BY_AGGREGATE
            else slot[query.order_by]
        ),
        descending=1 if query.descending else 0,
    )
    return encoded
