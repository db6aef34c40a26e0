"""action_ask_database and action_show_sql, run as an action server would run them."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.api import CollectingDispatcher, Tracker
from skills.text_to_sql import actions

pytestmark = pytest.mark.slow


def _tracker(
    text: str, entities: list[dict[str, str]] | None = None, sql: str | None = None
) -> Tracker:
    return Tracker(
        sender_id="t",
        slots={"last_sql": sql},
        latest_message={"text": text, "entities": entities or []},
        events=[],
    )


@pytest.fixture
def with_model(skill_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXT_TO_SQL_MODEL", str(skill_dir))


@pytest.mark.usefixtures("with_model")
def test_the_answer_is_sent_and_its_sql_kept_for_show_sql() -> None:
    dispatcher = CollectingDispatcher()
    events = actions.ActionAskDatabase().run(dispatcher, _tracker("how many teams are there?"), {})
    assert dispatcher.messages[0]["text"] == "The number of team is 8."
    sql = events[0]["value"]
    assert events[0]["name"] == "last_sql" and "COUNT" in sql
    shown = CollectingDispatcher()
    actions.ActionShowSql().run(shown, _tracker("SQL 보여줘", sql=sql), {})
    assert shown.messages[0]["text"] == f"SQL: {sql}"


@pytest.mark.usefixtures("with_model")
def test_a_chosen_reading_runs_through_the_guard() -> None:
    good = CollectingDispatcher()
    choice = [{"entity": "sql_choice", "value": "SELECT name FROM teams WHERE city = '부산'"}]
    actions.ActionAskDatabase().run(good, _tracker("/ask_database", choice), {})
    assert good.messages[0]["text"] == "name\n부산 유나이티드"
    bad = CollectingDispatcher()
    choice = [{"entity": "sql_choice", "value": "DELETE FROM teams"}]
    events = actions.ActionAskDatabase().run(bad, _tracker("/ask_database", choice), {})
    assert bad.messages[0]["text"] == "I can't run that query." and events == []


def test_without_a_trained_skill_the_user_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEXT_TO_SQL_MODEL", str(tmp_path / "none"))
    dispatcher = CollectingDispatcher()
    assert actions.ActionAskDatabase().run(dispatcher, _tracker("how many teams?"), {}) == []
    assert "isn't trained yet" in dispatcher.messages[0]["text"]
    show = CollectingDispatcher()
    actions.ActionShowSql().run(show, _tracker("show me the SQL"), {})
    assert show.messages[0]["text"] == "I haven't run a query yet."
