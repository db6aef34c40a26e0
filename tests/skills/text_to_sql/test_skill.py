"""The whole skill on the starter's league database: ask, save, load (trained once, conftest).

Trained with few pairs and epochs, so the answers checked here are the easy kinds; accuracy
is measured by tests/benchmarks/bench_text_to_sql.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import LEAGUE_DB

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.query import Query
from skills.text_to_sql.skill import TextToSQLSkill

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def skill(skill_dir: Path) -> TextToSQLSkill:
    return TextToSQLSkill.load(skill_dir)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("공격수는 몇 명이야?", [[16]]),
        ("대구 레인저스의 창단 연도는?", [[2002]]),
        ("what is the stadium of 울산 웨이브?", [["문수경기장"]]),
        ("how many teams are there?", [[8]]),
    ],
)
def test_easy_questions_are_answered_from_the_database(
    skill: TextToSQLSkill, question: str, rows: list[list[object]]
) -> None:
    answer = skill.ask(question)
    assert answer.status == "answered", answer.text
    assert answer.rows == rows
    assert answer.sql.startswith("SELECT") and answer.sql.endswith("LIMIT 100")


def test_a_single_value_is_a_sentence_in_the_question_language(skill: TextToSQLSkill) -> None:
    assert skill.ask("how many teams are there?").text == "The number of team is 8."


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("선수 이름 알려줘'; DROP TABLE players; --", "refused"),
        ("DELETE FROM players", "refused"),
        ("1 OR 1=1 UNION SELECT sql FROM sqlite_master", "refused"),
        ("SELECT name FROM players", "refused"),
        ("팀 이름; UPDATE teams SET name = 'x'", "refused"),
        ("", "empty"),
        ("   ?!", "empty"),
        ("asdf qwer zxcv", "unknown"),
        ("선" * 10_000, "unknown"),
    ],
)
def test_hostile_and_malformed_questions_get_a_reply_and_change_nothing(
    skill: TextToSQLSkill, text: str, status: str
) -> None:
    before = hashlib.sha256(LEAGUE_DB.read_bytes()).hexdigest()
    answer = skill.ask(text)
    assert answer.status == status
    assert answer.text and not answer.rows
    assert hashlib.sha256(LEAGUE_DB.read_bytes()).hexdigest() == before


def test_a_loaded_skill_answers_as_the_trained_one(skill_dir: Path, skill: TextToSQLSkill) -> None:
    again = TextToSQLSkill.load(skill_dir)
    for question in ("서울 FC 선수들의 평균 나이는?", "득점 상위 3명 선수는?"):
        assert again.ask(question).sql == skill.ask(question).sql


def test_a_missing_model_says_how_to_train(tmp_path: Path) -> None:
    from skills.text_to_sql import SkillModelError

    with pytest.raises(SkillModelError, match="run `assistant sql train --db DB` first"):
        TextToSQLSkill.load(tmp_path)


def test_a_low_confidence_asks_only_when_another_reading_comes_close(
    skill: TextToSQLSkill,
) -> None:
    best = Reading(Query("players.name"), 0.3)  # low: a product of many choices
    far = [(Reading(Query("players.position"), 0.05), "SELECT ...")]
    near = [(Reading(Query("players.position"), 0.2), "SELECT ...")]
    assert not skill._rivalled(best, far)
    assert skill._rivalled(best, near)


class _Unranked:
    """A parser that reads every question as the list of every team's name."""

    def __init__(self, parser: object) -> None:
        self.parser = parser

    def encode(self, question: str, schema: object) -> object:
        return self.parser.encode(question, schema)  # type: ignore[attr-defined]

    def parse(self, question: str, schema: object, beam: int = 0) -> list[Reading]:
        return [Reading(Query("teams.name"), 0.9)]


def test_a_superlative_without_a_figure_to_rank_by_is_declined(skill: TextToSQLSkill) -> None:
    unranked = TextToSQLSkill(skill.db, skill.schema, _Unranked(skill.parser), skill.options)  # type: ignore[arg-type]
    answer = unranked.ask("가장 많이 이긴 팀은?")
    assert answer.status == "unranked" and not answer.rows
    assert "득점" in answer.text and "나이" in answer.text
    english = unranked.ask("which team won the most?")
    assert english.status == "unranked" and "goals" in english.text
    # the same reading answers a question that ranks nothing
    assert unranked.ask("팀 이름 알려줘").status == "answered"
