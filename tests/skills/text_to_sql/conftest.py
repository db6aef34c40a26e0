"""Fixtures for the text-to-SQL skill: the starter's league database and its names file.

``league.db`` is read-only here (the skill opens it with ``mode=ro``); tests that need a
database to write to build their own under ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from skills.text_to_sql import Database, Schema, SketchParser, apply_names
from skills.text_to_sql.skill import TextToSQLSkill

ROOT = Path(__file__).resolve().parents[3]
LEAGUE_DB = ROOT / "data" / "sql" / "league.db"
LEAGUE_NAMES = ROOT / "data" / "sql" / "names.yml"
FIXTURES = ROOT / "tests" / "fixtures" / "text_to_sql"


@pytest.fixture(scope="session")
def league_db() -> Database:
    return Database(LEAGUE_DB)


@pytest.fixture(scope="session")
def league_schema(league_db: Database) -> Schema:
    return apply_names(league_db.introspect(), LEAGUE_NAMES)


@pytest.fixture(scope="session")
def skill_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A skill trained on the league database, small (2,000 pairs, 12 epochs: about a minute)."""
    skill = TextToSQLSkill.train(
        LEAGUE_DB,
        names=LEAGUE_NAMES,
        options=TextToSQLSkill.Options(examples=2000),
        parser_options=SketchParser.Options(epochs=12),
    )
    directory = tmp_path_factory.mktemp("league_skill")
    skill.persist(directory)
    return directory
