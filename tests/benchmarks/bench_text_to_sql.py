"""The text-to-SQL skill: Korean WikiSQL, an unseen schema, latency, hostile input.

    python -m tests.benchmarks.bench_text_to_sql [--epochs 12] [--seeds 7 8] [--split dev]
        [--refined-only] [--skip-wikisql] [--skip-unseen]
        [--schema bookshop|cinema|clinic|league|hotel|farm|library|school|bike|seventh|eighth|
         starter-en|eighth-en]
        [--save D] [--load D ...]

1. Korean WikiSQL (../shared/peers/korean-wikisql-text2sql, read in place, never copied): one
   sketch parser per ``--seeds`` (several: an ensemble, trained a process each) is trained on
   the refined train split plus the machine-translated train split (``--refined-only``:
   refined alone) and scored on the refined test split (``--split dev`` to tune), one
   question at a time, with the best reading and execution-guided: execution accuracy (gold
   and predicted query run on an in-memory copy of the table) and logical-form accuracy. The
   template-matching baseline is scored on the same split in the same run. Training time is
   wall clock, one torch thread per parser. ``--save``/``--load`` keep and rescore parsers.
2. An unseen schema: tests/fixtures/text_to_sql/build_bookshop.py builds a three-table SQLite
   file (authors <- books <- sales) in a temporary folder; ``TextToSQLSkill.train`` learns it
   from the database and bookshop_names.yml alone, then answers the 40 hand-written Korean
   questions in unseen_questions.jsonl (written once with their SQL before any training on
   this schema; never tuned on). A question counts as right when the skill's rows equal the
   gold SQL's rows (as multisets). The baseline answers the same questions. ``--schema
   cinema`` (or ``--dev-schema``): the development schema (build_dev_cinema.py) and its 45
   questions instead, the set to iterate on. ``--schema clinic``: a second blind schema
   (build_blind_clinic.py: doctors <- appointments -> patients, a star rather than a chain)
   and its 40 questions (blind_clinic_questions.jsonl), committed before any parser saw them.
   ``--schema league``: a third blind schema (build_blind_league.py: players -> teams <-
   matches, a fork) and its 40 questions (blind_league_questions.jsonl), likewise blind.
   ``--schema hotel``: a fourth blind schema (build_blind_hotel.py: hotels <- rooms <-
   bookings, a hotel chain) and its 40 questions (blind_hotel_questions.jsonl), written blind,
   before any parser ran on it. Its domain is unlike the starter assistant's football league,
   so this set, not the league one, decides the 80% target for a schema never seen.
   ``--schema farm``: a fifth blind schema (build_blind_farm.py: farms <- crops <- harvests,
   a farm cooperative) and its 40 questions (blind_farm_questions.jsonl), written blind in
   the fourth session before any parser ran on it, to be run once after the next round of
   parser work; from that run on, this set, not the hotel one, decides the 80% target. It was
   run once at d746cbd (fifth session, 28/40) and is no longer blind.
   ``--schema library``: a development set (build_dev_library.py: members <- loans -> books,
   a public library) and its 40 questions (dev_library_questions.jsonl), written with their SQL
   by a question writer who had not read the parser.
   ``--schema school``: a development set (build_dev_school.py: classes <- students <- scores,
   a middle school's midterms) and its 40 questions (dev_school_questions.jsonl), written with
   their SQL by a question writer who had not read the parser.
   ``--schema bike``: a sixth blind schema (build_blind_bike.py: stations <- bikes <- rentals,
   a city's public bike-rental service) and its 40 questions (blind_bike_questions.jsonl),
   written blind in the sixth session before any parser ran on it; it decides the 80% target
   from its first run. It was run once at ac4c2ad (seventh session, 29/40) and is no longer
   blind.
   ``--schema seventh``: a seventh blind schema (build_blind_seventh.py: venues <- concerts <-
   bookings, a concert-ticketing service's halls, their 2024 concerts and the ticket bookings)
   and its 40 questions (blind_seventh_questions.jsonl), written blind in the seventh session
   before any parser ran on it; it decides the 80% target from its first run. It was run once
   at 69966c9 (seventh session, 31/40) and is no longer blind.
   ``--schema eighth``: an eighth blind schema (build_blind_eighth.py: restaurants <- menus <-
   orders, a food-delivery app's restaurants in Seoul, their dishes and the delivery orders for
   each) and its 40 questions (blind_eighth_questions.jsonl), written blind in the eighth
   session before any parser ran on it, to decide the 80% target from its first run. It was
   run once at 6a29e79 (eighth session, 33/40: met) and is no longer blind.
   ``--schema starter-en``: English questions (36, with Korean names as the starter's users
   type them: "list the players of 인천 시티") on the starter's demo database and its shipped
   names file (build_starter_demo.py runs scripts/build_sql_demo.py); written in the eighth
   session after reading the English synthesis templates, so not blind: a measure of English
   questions, which no target covers. ``--schema eighth-en``: 40 English questions on the
   eighth schema (blind_eighth_english_questions.jsonl, its names file's one English name per
   table and column), written blind in the ninth session by a helper that read neither the
   parser nor the other question sets.
3. Latency: ``TextToSQLSkill.ask`` per question (parse, guard, query, render) on the unseen
   schema: mean and p95 over the 40 questions, after one warm-up question.
4. Hostile input: injections, empty and 10,000-character strings, unknown words: every reply's
   status, whether anything raised, and whether the database file changed.

Prints the figures; asserts nothing. The machine may be shared, so timings are under load.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skills.text_to_sql import Database, SketchParser, check_query, to_sql
from skills.text_to_sql.baseline import TemplateBaseline
from skills.text_to_sql.ensemble import Ensemble
from skills.text_to_sql.evaluation import Parses, evaluate
from skills.text_to_sql.skill import TextToSQLSkill
from skills.text_to_sql.wikisql import read_wikisql

ROOT = Path(__file__).resolve().parents[2]
KOWIKISQL = ROOT.parent / "shared" / "peers" / "korean-wikisql-text2sql" / "outputs"
FIXTURES = ROOT / "tests" / "fixtures" / "text_to_sql"
HOSTILE = [
    "선수 이름 알려줘'; DROP TABLE players; --",
    "'; DELETE FROM books WHERE 1=1; --",
    "책 제목; UPDATE books SET price = 0",
    "SELECT * FROM authors; DROP TABLE authors",
    "1 OR 1=1 UNION SELECT sql FROM sqlite_master",
    "",
    "   ",
    "?!?!",
    "가" * 10_000,
    "책 " * 5_000,
    "asdf qwer zxcv",
    "뷁뷁 퉯퉯 꿿꿿",
    "PRAGMA writable_schema = 1",
    "ATTACH DATABASE '/tmp/x.db' AS x",
]


def _wikisql(args: argparse.Namespace) -> None:
    refined = KOWIKISQL / "refined"
    if not refined.is_dir():
        print(f"Korean WikiSQL: skipped ({KOWIKISQL} not found)")
        return
    split = args.split
    test, tables = read_wikisql(
        refined / f"{split}/{split}.jsonl", refined / f"{split}/{split}.tables.jsonl"
    )
    baseline = evaluate(TemplateBaseline(), test, tables)
    print(f"Korean WikiSQL {split} (refined, {len(test)} questions), template baseline: {baseline}")
    if args.load is not None:
        parsers = [SketchParser.load(Path(d)) for d in args.load]
        print(f"  loaded {len(parsers)} parser(s) from {', '.join(args.load)}")
    else:
        train, _ = read_wikisql(refined / "train/train.jsonl", refined / "train/train.tables.jsonl")
        weight = args.refined_weight
        size = f"refined train {len(train)}" + (f" (x{weight})" if weight > 1 else "")
        train = train * weight
        if not args.refined_only:
            mt, _ = read_wikisql(
                KOWIKISQL / "train/train_translated_mini.jsonl",
                KOWIKISQL / "train/train_translated_mini.tables.jsonl",
                strict=False,
            )
            train += mt
            size += f" + machine-translated train {len(mt)} (malformed table lines skipped)"
        started = time.perf_counter()
        # the lexicon's implied words are for named schemas; off here, as in earlier runs
        options = [
            SketchParser.Options(epochs=args.epochs, seed=seed, implied_words=False, lists=False)
            for seed in args.seeds
        ]
        progress = lambda m: print(f"  {m}", flush=True)  # noqa: E731
        if len(options) == 1:
            parser = SketchParser(options[0])
            parser.train(train, progress=progress)
            parsers = [parser]
        else:  # one process per seed, side by side on the cores
            parsers = Ensemble.train(train, options, progress=progress).parsers
        seconds = time.perf_counter() - started
        if args.save is not None:
            for seed, parser in zip(args.seeds, parsers, strict=True):
                parser.persist(Path(args.save) / f"seed{seed}")
        print(f"Korean WikiSQL, {len(parsers)} sketch parser(s) (seeds {args.seeds}) trained on "
              f"{size}, {args.epochs} epochs: training {seconds:.0f} s")  # fmt: skip
    model: Parses = parsers[0] if len(parsers) == 1 else Ensemble(parsers)
    for guided in (False, True):
        scores = evaluate(model, test, tables, guided=guided)
        how = "execution-guided" if guided else "best reading"
        print(f"  {split}, {how}: {scores}", flush=True)


@dataclass(frozen=True)
class SchemaSet:
    """A fixture database (built by a script), its names file and its questions."""

    name: str
    builder: str
    names: str
    questions: str


BOOKSHOP = SchemaSet(
    "bookshop", "build_bookshop.py", "bookshop_names.yml", "unseen_questions.jsonl"
)
DEV_CINEMA = SchemaSet(
    "dev_cinema", "build_dev_cinema.py", "dev_cinema_names.yml", "dev_cinema_questions.jsonl"
)
BLIND_CLINIC = SchemaSet(
    "blind_clinic",
    "build_blind_clinic.py",
    "blind_clinic_names.yml",
    "blind_clinic_questions.jsonl",
)
BLIND_LEAGUE = SchemaSet(
    "blind_league",
    "build_blind_league.py",
    "blind_league_names.yml",
    "blind_league_questions.jsonl",
)
BLIND_HOTEL = SchemaSet(
    "blind_hotel",
    "build_blind_hotel.py",
    "blind_hotel_names.yml",
    "blind_hotel_questions.jsonl",
)
BLIND_FARM = SchemaSet(
    "blind_farm",
    "build_blind_farm.py",
    "blind_farm_names.yml",
    "blind_farm_questions.jsonl",
)
DEV_LIBRARY = SchemaSet(
    "dev_library",
    "build_dev_library.py",
    "dev_library_names.yml",
    "dev_library_questions.jsonl",
)
DEV_SCHOOL = SchemaSet(
    "dev_school",
    "build_dev_school.py",
    "dev_school_names.yml",
    "dev_school_questions.jsonl",
)
BLIND_BIKE = SchemaSet(
    "blind_bike",
    "build_blind_bike.py",
    "blind_bike_names.yml",
    "blind_bike_questions.jsonl",
)
BLIND_SEVENTH = SchemaSet(
    "blind_seventh",
    "build_blind_seventh.py",
    "blind_seventh_names.yml",
    "blind_seventh_questions.jsonl",
)
BLIND_EIGHTH = SchemaSet(
    "blind_eighth",
    "build_blind_eighth.py",
    "blind_eighth_names.yml",
    "blind_eighth_questions.jsonl",
)
BLIND_EIGHTH_ENGLISH = SchemaSet(  # English questions on the eighth schema, written blind
    "blind_eighth",
    "build_blind_eighth.py",
    "blind_eighth_names.yml",
    "blind_eighth_english_questions.jsonl",
)
STARTER_ENGLISH = SchemaSet(
    "starter_demo",
    "build_starter_demo.py",
    "../../../data/sql/names.yml",  # the starter's own names file, as shipped
    "starter_english_questions.jsonl",
)
SCHEMA_SETS = {
    "bookshop": BOOKSHOP,
    "cinema": DEV_CINEMA,
    "clinic": BLIND_CLINIC,
    "league": BLIND_LEAGUE,
    "hotel": BLIND_HOTEL,
    "farm": BLIND_FARM,
    "library": DEV_LIBRARY,
    "school": DEV_SCHOOL,
    "bike": BLIND_BIKE,
    "seventh": BLIND_SEVENTH,
    "eighth": BLIND_EIGHTH,
    "starter-en": STARTER_ENGLISH,
    "eighth-en": BLIND_EIGHTH_ENGLISH,
}


def _build(schema_set: SchemaSet, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location(schema_set.name, FIXTURES / schema_set.builder)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / f"{schema_set.name}.db"
    module.build(path)
    return path


def _rows(rows: list[Any]) -> Counter[tuple[Any, ...]]:
    return Counter(tuple(round(v, 4) if isinstance(v, float) else v for v in row) for row in rows)


def _unseen(examples: int, epochs: int, schema_set: SchemaSet) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _build(schema_set, Path(folder))
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        started = time.perf_counter()
        skill = TextToSQLSkill.train(
            path,
            names=FIXTURES / schema_set.names,
            options=TextToSQLSkill.Options(examples=examples),
            parser_options=SketchParser.Options(epochs=epochs),
            progress=lambda m: print(f"  {m}", flush=True),
        )
        seconds = time.perf_counter() - started
        gold_db = Database(path)
        questions = [
            json.loads(line)
            for line in (FIXTURES / schema_set.questions).read_text("utf-8").splitlines()
        ]
        skill.ask("책은 몇 권이야?")  # warm-up (Kiwi's first call)
        right = baseline_right = 0
        latencies = []
        misses = []
        baseline = TemplateBaseline()
        for item in questions:
            gold = _rows(gold_db.execute(item["sql"])[1])
            started = time.perf_counter()
            answer = skill.ask(item["question"])
            latencies.append(1000 * (time.perf_counter() - started))
            ok = answer.status == "answered" and _rows(answer.rows) == gold
            right += ok
            if not ok:
                misses.append(f"{item['question']} -> {answer.status}: {answer.sql}")
            query = baseline.parse(item["question"], skill.schema)[0].query
            try:
                sql = check_query(to_sql(query, skill.schema), skill.schema)
                baseline_right += _rows(gold_db.execute(sql)[1]) == gold
            except Exception:  # noqa: BLE001 (a baseline query that fails is wrong)
                pass
        n = len(questions)
        print(f"Unseen schema ({schema_set.name}, 3 tables): trained in {seconds:.0f} s on "
              f"{examples} synthesized pairs, {epochs} epochs")  # fmt: skip
        print(f"  sketch parser: {right}/{n} = {right / n:.3f} answered correctly")
        print(f"  template baseline: {baseline_right}/{n} = {baseline_right / n:.3f}")
        latencies.sort()
        p95 = latencies[min(n - 1, int(0.95 * n))]
        print(f"  latency of ask(): mean {statistics.mean(latencies):.1f} ms, p95 {p95:.1f} ms")
        for miss in misses:
            print(f"  miss: {miss}")
        _hostile(skill, path, before)


def _hostile(skill: TextToSQLSkill, path: Path, before: str) -> None:
    statuses: Counter[str] = Counter()
    raised = 0
    for text in HOSTILE:
        try:
            status = skill.ask(text).status
            statuses[status] += 1
            print(f"  {status}: {text[:50]!r}{' ...' if len(text) > 50 else ''}")
        except Exception as err:  # noqa: BLE001 (counted: the skill must never raise)
            raised += 1
            print(f"  raised on {text[:40]!r}: {err!r}")
    unchanged = hashlib.sha256(path.read_bytes()).hexdigest() == before
    print(f"Hostile input ({len(HOSTILE)} texts): statuses {dict(statuses)}, raised {raised}, "
          f"database unchanged: {unchanged}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12, help="WikiSQL training epochs")
    parser.add_argument("--refined-only", action="store_true", help="no machine-translated data")
    parser.add_argument("--skip-wikisql", action="store_true")
    parser.add_argument("--skip-unseen", action="store_true")
    parser.add_argument(
        "--schema", choices=sorted(SCHEMA_SETS), default="bookshop", help="the unseen schema set"
    )
    parser.add_argument("--dev-schema", action="store_true", help="same as --schema cinema")
    parser.add_argument(
        "--refined-weight", type=int, default=1, help="repeat the refined train split N times"
    )
    parser.add_argument("--split", default="test", choices=("test", "dev"), help="WikiSQL split")
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=[7, 8],
        help="one parser per seed (the skill trains two)",
    )
    parser.add_argument("--save", help="save the WikiSQL parsers under this folder")
    parser.add_argument("--load", nargs="+", help="score these saved parsers, no training")
    parser.add_argument("--examples", type=int, default=4000, help="synthesized pairs (unseen)")
    parser.add_argument("--unseen-epochs", type=int, default=20)
    args = parser.parse_args()
    if not args.skip_unseen:
        schema_set = DEV_CINEMA if args.dev_schema else SCHEMA_SETS[args.schema]
        _unseen(args.examples, args.unseen_epochs, schema_set)
    if not args.skip_wikisql:
        _wikisql(args)


if __name__ == "__main__":
    main()
