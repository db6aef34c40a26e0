"""The template-matching baseline the trained parser must beat (measured in the same run).

No learning: the question is matched against fixed keyword templates. The aggregate comes
from words such as 몇/평균/최대/합계 (how many, average, ...); conditions are the values linked
in the question (longest first, one per column, numbers after 보다/이상/이하 become ``>``/``<``);
the select column is the one whose name best matches the question and is not a condition;
"X별"/"X마다"/"per X" groups by the column named X.
"""

from __future__ import annotations

import re

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.encoding import Encoded, SchemaCache, encode
from skills.text_to_sql.query import Condition, Query
from skills.text_to_sql.schema import Schema
from skills.text_to_sql.text import clean, compact_form

_AGG_WORDS = (
    ("count", re.compile(r"몇|개수|\b수는|how many|number of|count", re.IGNORECASE)),
    ("avg", re.compile(r"평균|average|mean", re.IGNORECASE)),
    ("sum", re.compile(r"합계|총|합|total|sum", re.IGNORECASE)),
    ("max", re.compile(r"최대|최고|(가장|제일) (높|많|큰)|maximum|highest|most|largest", re.I)),
    ("min", re.compile(r"최소|최저|(가장|제일) (낮|적|작)|minimum|lowest|fewest|smallest", re.I)),
)  # fmt: skip
_GROUP = re.compile(r"(\S+)별|(\S+)마다|per (\w+)|for each (\w+)|by (\w+)", re.IGNORECASE)
_MORE = re.compile(r"(\d[\d,.]*)\s*(보다 (많|크|높)|초과|이상|넘)|(more|greater) than (\d[\d,.]*)")
_LESS = re.compile(r"(\d[\d,.]*)\s*(보다 (적|작|낮)|미만|이하)|(less|fewer) than (\d[\d,.]*)")


class TemplateBaseline:
    def __init__(self) -> None:
        self._caches: dict[int, SchemaCache] = {}

    def parse(self, question: str, schema: Schema, beam: int = 0) -> list[Reading]:
        cache = self._caches.setdefault(id(schema), SchemaCache(schema))
        text = clean(question)
        encoded = encode(text, cache)
        columns = list(cache.columns)
        agg = next((name for name, pattern in _AGG_WORDS if pattern.search(text)), "")
        conditions = []
        taken: list[tuple[int, int]] = []
        for link in sorted(encoded.links.values(), key=lambda k: k.start - k.end):
            if any(link.start < end and start < link.end for start, end in taken):
                continue
            taken.append((link.start, link.end))
            conditions.append(Condition(link.column, "=", link.value))
        for pattern, op in ((_MORE, ">"), (_LESS, "<")):
            match = pattern.search(text)
            numeric = [c for c in columns if c.is_number]
            if match and numeric:
                number = next(g for g in match.groups() if g and g[0].isdigit())
                best = max(numeric, key=lambda c: _name_score(encoded, columns.index(c)))
                conditions = [c for c in conditions if c.value != number.replace(",", "")]
                conditions.append(Condition(best.qualified, op, number.replace(",", "")))
        used = {c.column for c in conditions}
        ranked = sorted(
            range(len(columns)),
            key=lambda i: (columns[i].qualified in used) - _name_score(encoded, i),
        )
        select = columns[ranked[0]].qualified if ranked else None
        if agg in ("sum", "avg", "max", "min") and select and not schema.column(select).is_number:
            number_slots = [i for i in ranked if columns[i].is_number]
            select = columns[number_slots[0]].qualified if number_slots else select
        group = _group_column(text, schema)
        if group is not None and not agg:
            agg = "count"
        if group is not None and select == group:
            select = None
        query = Query(None if agg == "count" else select, agg, tuple(conditions[:3]), group)
        return [Reading(query, 1.0)]


def _group_column(text: str, schema: Schema) -> str | None:
    match = _GROUP.search(text)
    if match is None:
        return None
    word = compact_form(next(g for g in match.groups() if g))
    for column in schema.columns:
        if any(compact_form(p) == word for p in column.phrases()):
            return column.qualified
    return None


def _name_score(encoded: Encoded, index: int) -> float:
    features = encoded.features[index]
    return features[0] * 2 + features[1] + features[2]
