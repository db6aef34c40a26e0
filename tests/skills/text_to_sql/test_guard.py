from __future__ import annotations

import pytest

from skills.text_to_sql import Schema, UnsafeQueryError, check_query


def test_a_select_passes_with_the_row_limit_added(league_schema: Schema) -> None:
    sql = "SELECT name FROM players WHERE goals > 10 AND (age < 30 OR name LIKE '%김%')"
    assert check_query(sql, league_schema, max_rows=50) == sql + " LIMIT 50"


def test_a_larger_limit_is_lowered_and_a_smaller_one_kept(league_schema: Schema) -> None:
    assert check_query("SELECT name FROM teams LIMIT 5000", league_schema).endswith("LIMIT 100")
    assert check_query("SELECT name FROM teams LIMIT 3", league_schema).endswith("LIMIT 3")


def test_joins_and_aliases_resolve_to_known_columns(league_schema: Schema) -> None:
    sql = (
        "SELECT t.name, COUNT(*) FROM players AS p JOIN teams AS t ON p.team_id = t.id "
        "GROUP BY t.name ORDER BY COUNT(*) DESC"
    )
    assert "JOIN teams AS t" in check_query(sql, league_schema)


@pytest.mark.parametrize(
    ("sql", "reason"),
    [
        ("SELECT name FROM teams; DROP TABLE teams", "exactly one statement"),
        ("DROP TABLE teams", "only SELECT"),
        ("DELETE FROM players", "only SELECT"),
        ("UPDATE players SET goals = 0", "only SELECT"),
        ("INSERT INTO teams (name) VALUES ('x')", "only SELECT"),
        ("PRAGMA writable_schema = 1", "only SELECT"),
        ("SELECT name FROM teams UNION SELECT sql FROM sqlite_master", "only SELECT"),
        ("SELECT password FROM teams", "unknown column password"),
        ("SELECT name FROM users", "unknown table users"),
        ("SELECT name FROM main.teams", "outside the database"),
        ("SELECT load_extension('evil') FROM teams", "function load_extension"),
        ("WITH x AS (DELETE FROM teams RETURNING *) SELECT * FROM x", "would write"),
        ("SELEC name FROM", "not valid SQL"),
    ],
)
def test_unsafe_queries_are_refused_with_the_reason(
    league_schema: Schema, sql: str, reason: str
) -> None:
    with pytest.raises(UnsafeQueryError, match=reason):
        check_query(sql, league_schema)


def test_the_checked_query_is_written_in_the_target_dialect(league_schema: Schema) -> None:
    sql = check_query(
        "SELECT name FROM players WHERE name LIKE '%준%' LIMIT 5", league_schema, dialect="tsql"
    )
    assert sql.startswith("SELECT TOP 5 name FROM players")
