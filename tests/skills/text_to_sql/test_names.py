from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LEAGUE_DB

from skills.text_to_sql import Database, SchemaError, apply_names


def test_names_from_yaml_are_attached_to_tables_and_columns(tmp_path: Path) -> None:
    names = tmp_path / "names.yml"
    names.write_text(
        "tables:\n  players:\n    names: [선수, player]\n    columns:\n"
        "      goals: [득점, goals]\n      age: {names: 나이}\n",
        "utf-8",
    )
    schema = apply_names(Database(LEAGUE_DB).introspect(), names)
    assert schema.table("players").names == ("선수", "player")
    assert schema.column("players.goals").phrases() == ("득점", "goals")
    assert schema.column("players.age").label("ko") == "나이"
    assert schema.column("players.assists").phrases() == ("assists",)  # the identifier


def test_unknown_tables_and_columns_are_reported_with_their_lines(tmp_path: Path) -> None:
    names = tmp_path / "names.yml"
    names.write_text(
        "tables:\n  players:\n    columns:\n      scores: [점수]\n  referees:\n    names: [심판]\n",
        "utf-8",
    )
    with pytest.raises(SchemaError) as caught:
        apply_names(Database(LEAGUE_DB).introspect(), names)
    message = str(caught.value)
    assert f"{names}:4: table 'players' has no column 'scores'" in message
    assert f"{names}:5: unknown table 'referees'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tables:\n  players: [선수\n", ":3: not valid YAML"),
        ("tables:\n  players:\n    colums: {}\n", ":3: unknown key 'colums'"),
        ("tabels: {}\n", ":1: unknown key 'tabels'"),
    ],
)
def test_a_broken_names_file_names_the_line(tmp_path: Path, text: str, expected: str) -> None:
    names = tmp_path / "names.yml"
    names.write_text(text, "utf-8")
    with pytest.raises(SchemaError, match=expected):
        apply_names(Database(LEAGUE_DB).introspect(), names)
