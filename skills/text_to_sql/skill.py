"""The skill as the dialogue and the CLI use it: train on a database, then ``ask``.

    skill = TextToSQLSkill.train("data/sql/league.db", names=Path("data/sql/names.yml"))
    skill.persist(Path("models/text_to_sql"))
    answer = TextToSQLSkill.load(Path("models/text_to_sql")).ask("득점이 가장 많은 선수는?")
    answer.text, answer.sql, answer.rows

``ask`` never raises on a question: an empty, overlong, unknown-words-only or SQL-injecting
question gets an ``Answer`` whose ``status`` says so and whose ``text`` is a polite reply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from nlu.korean_tokenizer import detect_language
from skills.text_to_sql.database import Database
from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.ensemble import Ensemble
from skills.text_to_sql.errors import SkillModelError, TextToSQLError
from skills.text_to_sql.guard import check_query
from skills.text_to_sql.guidance import BEAM, finds_rows
from skills.text_to_sql.names import apply_names
from skills.text_to_sql.parser import SketchParser
from skills.text_to_sql.query import Example, joinable, to_sql
from skills.text_to_sql.ranking import asks_to_rank, figures, ranks
from skills.text_to_sql.render import render
from skills.text_to_sql.schema import Column, ForeignKey, Schema, Table
from skills.text_to_sql.synthesis import Synthesizer
from skills.text_to_sql.text import clean

SCHEMA_FILE = "schema.json"
SKILL_FILE = "skill.json"
_INJECTION = re.compile(
    r";|--|/\*|\b(drop|delete\s+from|insert\s+into|update\s+\w+\s+set|alter\s+table|truncate"
    r"|attach\s+database|detach|pragma|create\s+(table|index|view)|grant|vacuum"
    r"|union\s+(all\s+)?select"
    r"|select\s+(\*|[\w.()*\x22]+(\s*,\s*[\w.()*\x22]+)*)\s+from|or\s+'?\d+'?\s*=\s*'?\d+)\b",
    re.IGNORECASE,
)
_MEANINGFUL = re.compile(r"[\w\uac00-\ud7a3]")

REPLIES = {
    "empty": ("질문을 입력해 주세요. 예: '득점이 가장 많은 선수는?'",
              "Please ask a question, for example 'who scored the most goals?'"),
    "refused": ("죄송하지만 데이터를 바꾸거나 SQL 명령이 들어간 요청은 처리할 수 없습니다. "
                "데이터에 대한 질문만 해 주세요.",
                "Sorry, I can only answer questions about the data; I can't run commands "
                "that change it or contain SQL."),
    "unknown": ("질문에서 데이터베이스의 항목을 찾지 못했습니다. 다르게 물어봐 주시겠어요?",
                "I couldn't match that question to anything in the database. Could you "
                "rephrase it?"),
    "unsure": ("질문을 확실히 이해하지 못했습니다. 다음 중 어느 뜻인가요?",
               "I'm not sure I understood. Did you mean one of these?"),
    "failed": ("죄송합니다. 이 질문에는 답할 수 없었습니다. 다르게 물어봐 주세요.",
               "Sorry, I couldn't answer that. Please try asking another way."),
    "unranked": ("무엇을 기준으로 순위를 매길지 데이터베이스에서 찾지 못했습니다. "
                 "순위를 매길 수 있는 항목: {figures}.",
                 "I couldn't find what to rank by in the database. "
                 "It can rank by: {figures}."),
}  # fmt: skip


@dataclass
class Answer:
    """``status``: answered, unsure, empty, refused, unknown, unranked (a superlative with
    nothing in the database to rank by) or failed."""

    status: str
    text: str
    sql: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    confidence: float = 0.0
    alternatives: list[str] = field(default_factory=list)  # SQL of other readings


def _reply(status: str, language: str) -> str:
    ko, en = REPLIES[status]
    return ko if language == "ko" else en


def _is_grounded(parser: Ensemble, question: str, schema: Schema) -> bool:
    """Does the question name a column or table, or mention a value, at all?"""
    encoded = parser.encode(question, schema)
    return any(f[0] or f[3] or f[8] or f[1] >= 0.5 for f in encoded.features)


class TextToSQLSkill:
    @dataclass(frozen=True)
    class Options:
        examples: int = 4000  # synthesized training pairs
        min_confidence: float = 0.5  # below this, offer readings instead of answering,
        margin: float = 3.0  # unless no other reading is within this factor of the best
        max_rows: int = 100
        seed: int = 13
        # parsers trained with different seeds (side by side, a process each), scores averaged
        members: int = 2

    def __init__(
        self,
        db: Database,
        schema: Schema,
        parser: Ensemble,
        options: TextToSQLSkill.Options | None = None,
    ) -> None:
        self.db = db
        self.schema = schema
        self.parser = parser
        self.options = options or TextToSQLSkill.Options()

    @classmethod
    def train(
        cls,
        database: str | Path,
        names: Path | None = None,
        extra: list[Example] | None = None,
        options: TextToSQLSkill.Options | None = None,
        parser_options: SketchParser.Options | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> TextToSQLSkill:
        """Synthesize pairs from the database's schema (plus ``extra``) and train a parser."""
        options = options or cls.Options()
        db = Database(database)
        schema = db.introspect()
        if names is not None:
            schema = apply_names(schema, names)
        examples = Synthesizer(schema, db, options.seed).examples(options.examples)
        if progress is not None:
            progress(
                f"synthesized {len(examples)} question/SQL pairs from {len(schema.tables)} tables"
            )
        base = parser_options or SketchParser.Options()
        members = [replace(base, seed=base.seed + i) for i in range(max(options.members, 1))]
        pairs = examples + list(extra or [])
        if len(members) == 1:
            parser = SketchParser(members[0])
            parser.train(pairs, progress=progress)
            return cls(db, schema, Ensemble([parser]), options)
        return cls(db, schema, Ensemble.train(pairs, members, progress), options)

    def ask(self, question: str) -> Answer:
        """Answer ``question`` from the database; never raises for any text."""
        text = clean(question or "")
        language = detect_language(text, "ko") or "ko"
        if not _MEANINGFUL.search(text):
            return Answer("empty", _reply("empty", language))
        if _INJECTION.search(text):
            return Answer("refused", _reply("refused", language))
        if not _is_grounded(self.parser, text, self.schema):
            return Answer("unknown", _reply("unknown", language))
        readings = self.parser.parse(text, self.schema)
        # the best reading loses conditions that cannot be joined to its answer column;
        # another reading is offered only as it is
        readings[0] = Reading(joinable(readings[0].query, self.schema), readings[0].confidence)
        safe = self._checked(readings)
        if not safe:
            return Answer("failed", _reply("failed", language))
        best, sql = safe[0]
        others = [s for _, s in safe[1:]]
        found: tuple[Reading, str] | None = None
        if not self._finds_rows(sql):
            # execution guidance: the best of more readings whose query finds rows
            beam = [Reading(joinable(r.query, self.schema), r.confidence)
                    for r in self.parser.parse(text, self.schema, BEAM)]  # fmt: skip
            found = next(((r, s) for r, s in self._checked(beam) if self._finds_rows(s)), None)
            if found is not None:
                best, sql, others = found[0], found[1], [sql]
        if asks_to_rank(text, self.schema) and not ranks(best.query):
            return self._unranked(language, sql, best.confidence)
        if found is not None:
            return self.run(best, sql, language, others)
        if best.confidence < self.options.min_confidence and self._rivalled(best, safe[1:]):
            lines = [_reply("unsure", language)] + [f"{i}. {s}" for i, (_, s) in enumerate(safe, 1)]
            return Answer("unsure", "\n".join(lines), sql, confidence=best.confidence,
                          alternatives=others)  # fmt: skip
        return self.run(best, sql, language, others)

    def _unranked(self, language: str, sql: str, confidence: float) -> Answer:
        """The polite refusal of a superlative the reading does not rank by, with the
        figures it could rank by."""
        listed = ", ".join(figures(self.schema, language))
        text = _reply("unranked", language).format(figures=listed)
        return Answer("unranked", text, sql, confidence=confidence)

    def _rivalled(self, best: Reading, others: list[tuple[Reading, str]]) -> bool:
        """Is another reading nearly as likely as ``best``? A low confidence alone (a product
        of many choices' probabilities) is no reason to ask when nothing else comes close."""
        return any(r.confidence * self.options.margin >= best.confidence for r, _ in others)

    def _checked(self, readings: list[Reading]) -> list[tuple[Reading, str]]:
        """The readings whose SQL passes the guard, with that SQL."""
        safe: list[tuple[Reading, str]] = []
        for reading in readings:
            try:
                sql = check_query(
                    to_sql(reading.query, self.schema),
                    self.schema,
                    dialect=self.db.dialect,
                    max_rows=self.options.max_rows,
                )
            except TextToSQLError:
                continue
            safe.append((reading, sql))
        return safe

    def _finds_rows(self, sql: str) -> bool:
        try:
            return finds_rows(self.db.execute(sql)[1])
        except Exception:  # noqa: BLE001 (a query the database rejects finds nothing)
            return False

    def run(self, reading: Reading, sql: str, language: str, others: list[str]) -> Answer:
        try:
            columns, rows = self.db.execute(sql)
        except Exception:  # noqa: BLE001 (any database error becomes a polite reply)
            return Answer("failed", _reply("failed", language), sql)
        text = render(reading.query, self.schema, columns, rows, language)
        return Answer("answered", text, sql, columns, [list(r) for r in rows],
                      reading.confidence, others)  # fmt: skip

    def execute_sql(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SQL written elsewhere, through the same guard (raises ``UnsafeQueryError``)."""
        checked = check_query(
            sql, self.schema, dialect=self.db.dialect, max_rows=self.options.max_rows
        )
        return self.db.execute(checked)

    # ---- saving -------------------------------------------------------------------------
    def persist(self, directory: Path) -> None:
        self.parser.persist(directory)
        (directory / SCHEMA_FILE).write_text(
            json.dumps(_schema_to_dict(self.schema), ensure_ascii=False, indent=1), "utf-8"
        )
        data = {"database": self.db.location, "options": asdict(self.options)}
        (directory / SKILL_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, directory: Path, database: str | Path | None = None) -> TextToSQLSkill:
        """The skill saved in ``directory``, on ``database`` (default: the one trained on)."""
        try:
            data = json.loads((directory / SKILL_FILE).read_text("utf-8"))
            schema = _schema_from_dict(json.loads((directory / SCHEMA_FILE).read_text("utf-8")))
            options = cls.Options(**data["options"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise SkillModelError(
                f"{directory}: no trained text-to-SQL skill here ({err}); "
                "run `assistant sql train --db DB` first"
            ) from err
        parser = Ensemble.load(directory)
        return cls(Database(database or data["database"]), schema, parser, options)


def _schema_to_dict(schema: Schema) -> dict[str, Any]:
    return {
        "tables": [
            {"name": t.name, "names": list(t.names), "columns": [
                {"name": c.name, "kind": c.kind, "names": list(c.names), "values": list(c.values)}
                for c in t.columns
            ]}
            for t in schema.tables
        ],
        "foreign_keys": [asdict(fk) for fk in schema.foreign_keys],
    }  # fmt: skip


def _schema_from_dict(data: dict[str, Any]) -> Schema:
    tables = tuple(
        Table(
            t["name"],
            tuple(
                Column(t["name"], c["name"], c["kind"], tuple(c["names"]), tuple(c["values"]))
                for c in t["columns"]
            ),
            tuple(t["names"]),
        )
        for t in data["tables"]
    )
    return Schema(tables, tuple(ForeignKey(**fk) for fk in data["foreign_keys"]))
