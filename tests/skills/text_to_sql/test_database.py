from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from conftest import LEAGUE_DB

from skills.text_to_sql import Database, Schema, SchemaError


def test_introspection_reads_tables_types_keys_and_values(league_schema: Schema) -> None:
    assert [t.name for t in league_schema.tables] == ["matches", "players", "teams"]
    assert league_schema.column("players.goals").is_number
    assert not league_schema.column("players.position").is_number
    assert set(league_schema.column("players.position").values) == {
        "공격수", "미드필더", "수비수", "골키퍼",
    }  # fmt: skip
    assert league_schema.column("players.goals").values == ()  # numbers are not indexed
    fk = league_schema.foreign_keys[0]
    assert (fk.table, fk.column, fk.ref_table, fk.ref_column) == (
        "players",
        "team_id",
        "teams",
        "id",
    )
    assert [f.table for f in league_schema.join_path("teams", "players") or []] == ["players"]
    assert league_schema.reach("players") == {"players", "teams"}  # the rows they refer to
    assert league_schema.reach("teams") == {"teams"}


def test_high_cardinality_text_columns_are_not_indexed(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT, tag TEXT)")
    conn.executemany("INSERT INTO notes VALUES (?, ?)", [(f"note {i}", "a") for i in range(300)])
    conn.commit()
    conn.close()
    schema = Database(path, max_values=200).introspect()
    assert schema.column("notes.body").values == ()
    assert schema.column("notes.tag").values == ("a",)


def test_the_database_is_opened_read_only() -> None:
    before = hashlib.sha256(LEAGUE_DB.read_bytes()).hexdigest()
    db = Database(LEAGUE_DB)
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        db.execute("DELETE FROM players")
    db.close()
    assert hashlib.sha256(LEAGUE_DB.read_bytes()).hexdigest() == before


def test_a_missing_or_broken_database_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match=r"nope\.db: no such database file"):
        Database(tmp_path / "nope.db")
    broken = tmp_path / "broken.db"
    broken.write_text("not a database", "utf-8")
    with pytest.raises(SchemaError, match=r"broken\.db: not a readable SQLite database"):
        Database(broken)


def test_postgres_is_introspected_when_a_server_is_there() -> None:
    psycopg = pytest.importorskip("psycopg")
    dsn = "postgresql://postgres@127.0.0.1:5432/test"
    try:
        admin = psycopg.connect(dsn, connect_timeout=2, autocommit=True)
    except psycopg.Error:
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    with admin:
        admin.execute("DROP TABLE IF EXISTS sql_skill_players, sql_skill_teams")
        admin.execute("CREATE TABLE sql_skill_teams (id INT PRIMARY KEY, name TEXT)")
        admin.execute(
            "CREATE TABLE sql_skill_players (id INT PRIMARY KEY, name TEXT, "
            "goals INT, team_id INT REFERENCES sql_skill_teams(id))"
        )
        admin.execute("INSERT INTO sql_skill_teams VALUES (1, '서울 FC')")
        try:
            db = Database(dsn)
            schema = db.introspect()
            assert schema.column("sql_skill_teams.name").values == ("서울 FC",)
            assert schema.column("sql_skill_players.goals").is_number
            assert any(fk.ref_table == "sql_skill_teams" for fk in schema.foreign_keys)
            with pytest.raises(psycopg.Error):
                db.execute("DELETE FROM sql_skill_teams")
            db.close()
        finally:
            admin.execute("DROP TABLE IF EXISTS sql_skill_players, sql_skill_teams")
