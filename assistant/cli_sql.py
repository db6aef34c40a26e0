"""``assistant sql train | ask | evaluate``: the text-to-SQL skill on the command line."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

DEFAULT_MODEL = "models/text_to_sql"


def _skill_error(err: Exception) -> AssistantError:
    return AssistantError(str(err))


def cmd_sql_train(args: argparse.Namespace) -> int:
    from skills.text_to_sql import Example, TextToSQLError
    from skills.text_to_sql.parser import SketchParser
    from skills.text_to_sql.skill import TextToSQLSkill
    from skills.text_to_sql.wikisql import read_wikisql

    if (args.questions is None) != (args.tables is None):
        raise AssistantError("--questions and --tables go together (WikiSQL jsonl files)")
    started = time.perf_counter()
    try:
        extra: list[Example] = []
        if args.questions is not None:
            extra, _ = read_wikisql(Path(args.questions), Path(args.tables))
            print(f"Read {len(extra)} WikiSQL questions from {args.questions}", flush=True)
        options = TextToSQLSkill.Options(examples=args.examples)
        skill = TextToSQLSkill.train(
            args.db,
            names=Path(args.schema_names) if args.schema_names else None,
            extra=extra,
            options=options,
            parser_options=SketchParser.Options(epochs=args.epochs),
            progress=lambda msg: print(f"  {msg}", flush=True),
        )
        skill.persist(Path(args.out))
    except TextToSQLError as err:
        raise _skill_error(err) from err
    print(f"Trained the text-to-SQL skill in {time.perf_counter() - started:.1f} s: {args.out}")
    return 0


def cmd_sql_ask(args: argparse.Namespace) -> int:
    from skills.text_to_sql import TextToSQLError
    from skills.text_to_sql.skill import TextToSQLSkill

    try:
        skill = TextToSQLSkill.load(Path(args.model), args.db)
        answer = skill.ask(args.question)
    except TextToSQLError as err:
        raise _skill_error(err) from err
    if args.json:
        out: dict[str, Any] = {"sql": answer.sql or None, "rows": answer.rows}
        out.update(status=answer.status, text=answer.text, confidence=round(answer.confidence, 3))
        print(json.dumps(out, ensure_ascii=False, default=str))
    else:
        if answer.sql:
            print(f"SQL: {answer.sql}")
        print(answer.text)
    return 0 if answer.status in ("answered", "unsure") else 1


def cmd_sql_evaluate(args: argparse.Namespace) -> int:
    from skills.text_to_sql import TextToSQLError
    from skills.text_to_sql.baseline import TemplateBaseline
    from skills.text_to_sql.ensemble import Ensemble
    from skills.text_to_sql.evaluation import evaluate
    from skills.text_to_sql.wikisql import read_wikisql

    try:
        examples, tables = read_wikisql(Path(args.questions), Path(args.tables))
        parser: Any = TemplateBaseline() if args.baseline else Ensemble.load(Path(args.model))
        scores = evaluate(parser, examples, tables, guided=args.guided)
    except TextToSQLError as err:
        raise _skill_error(err) from err
    print(json.dumps(scores, indent=1))
    return 0


def register(sub: Any) -> None:
    """Add ``sql`` and its subcommands to the ``assistant`` parser's subparsers."""
    p = sub.add_parser("sql", help="ask a database questions in Korean or English (text-to-SQL)")
    sql = p.add_subparsers(dest="sql_command", required=True, metavar="COMMAND")

    t = sql.add_parser("train", help="learn a database's schema (and optional WikiSQL data)")
    t.add_argument("--db", required=True, help="SQLite file or postgresql:// DSN")
    t.add_argument("--schema-names", help="YAML with Korean/English table and column names")
    t.add_argument("--questions", help="WikiSQL questions (.jsonl) to train on as well")
    t.add_argument("--tables", help="the WikiSQL tables (.jsonl) of --questions")
    t.add_argument("--out", default=DEFAULT_MODEL, help=f"model folder (default: {DEFAULT_MODEL})")
    t.add_argument("--examples", type=int, default=4000, help="synthesized pairs (default: 4000)")
    t.add_argument("--epochs", type=int, default=30, help="training epochs (default: 30)")
    t.set_defaults(func=cmd_sql_train)

    a = sql.add_parser("ask", help="answer one question from the database")
    a.add_argument("question", help="the question, in Korean or English")
    a.add_argument("--db", help="SQLite file or DSN (default: the one the model was trained on)")
    a.add_argument(
        "--model", default=DEFAULT_MODEL, help=f"model folder (default: {DEFAULT_MODEL})"
    )
    a.add_argument("--json", action="store_true", help='print {"sql": ..., "rows": [...]}')
    a.set_defaults(func=cmd_sql_ask)

    e = sql.add_parser("evaluate", help="execution and logical-form accuracy on WikiSQL jsonl")
    e.add_argument("--questions", required=True, help="WikiSQL questions (.jsonl)")
    e.add_argument("--tables", required=True, help="WikiSQL tables (.jsonl)")
    e.add_argument(
        "--model", default=DEFAULT_MODEL, help=f"model folder (default: {DEFAULT_MODEL})"
    )
    e.add_argument("--baseline", action="store_true", help="score the template baseline instead")
    e.add_argument(
        "--guided",
        action="store_true",
        help="execution-guided: the best of 8 readings whose query runs and finds rows",
    )
    e.set_defaults(func=cmd_sql_evaluate)
