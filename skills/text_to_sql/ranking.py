"""Questions that ask for the top or bottom of something, and readings that cannot answer them.

    asks_to_rank("가장 많이 이긴 팀은?", schema)      -> True
    ranks(Query(select="teams.name"))                 -> False: a plain list of every team

A question that says "가장", "제일" or "the most" wants rows ranked by some figure. When the
parser finds no such figure among the database's columns (a team's wins are not a column of the
league's tables), its reading lists rows unranked: an answer that looks right and is not. The
skill declines such a reading instead and names the figures it can rank by.
"""

from __future__ import annotations

import re
from functools import lru_cache

from skills.text_to_sql.query import Query
from skills.text_to_sql.schema import Schema

# Korean superlatives ("최근" and "최초" are not: they pick a time, not a figure's extreme;
# "최소 10골", "최대 3명" are bounds); English ones ("at least 10" and "at most 3" are bounds;
# words ending in -est are left out: "interest", "request", "west")
_SUPERLATIVE = re.compile(
    r"가장|제일|최고|최저|최다|(최소|최대)(?!\s*\d)|최하|꼴찌|꼴등|1등|1위"
    r"|(?<!\bat )\b(most|least)\b|\b(highest|lowest|fewest|largest|smallest|biggest"
    r"|oldest|youngest|best|worst|top|bottom|maximum|minimum)\b",
    re.IGNORECASE,
)


def asks_to_rank(question: str, schema: Schema | None = None) -> bool:
    """Does ``question`` say a superlative, outside the names of ``schema``'s columns ("최소
    주문 금액", "minimum order" name a column, they rank nothing)?"""
    for name in _column_names(schema) if schema is not None else ():
        question = re.sub(re.escape(name), " ", question, flags=re.IGNORECASE)
    return _SUPERLATIVE.search(question) is not None


@lru_cache(maxsize=8)
def _column_names(schema: Schema) -> tuple[str, ...]:
    """Every name of ``schema``'s columns, the longest first; built once per schema, not per
    question."""
    return tuple(sorted({n for c in schema.columns for n in c.phrases()}, key=len, reverse=True))


def ranks(query: Query) -> bool:
    """Does ``query`` pick rows or a value by a figure: ORDER BY, MIN or MAX?"""
    return query.order_by is not None or query.agg in ("min", "max")


def figures(schema: Schema, language: str, most: int = 8) -> list[str]:
    """Names of the number columns a question could rank by (not keys), at most ``most`` of
    them, in the schema's order."""
    names = [
        column.label(language)
        for column in schema.columns
        if column.is_number and not schema.is_key(column)
    ]
    return list(dict.fromkeys(names))[:most]
