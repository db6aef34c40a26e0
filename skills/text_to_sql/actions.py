"""The skill in a conversation: ``action_ask_database`` and ``action_show_sql``.

Served like any custom actions (``assistant run actions --actions skills.text_to_sql.actions``)
for an assistant whose domain lists them, such as the starter. The skill is loaded once, from
``$TEXT_TO_SQL_MODEL`` (default ``models/text_to_sql``, written by ``assistant sql train``) on
``$TEXT_TO_SQL_DB`` (default: the database it was trained on).

A low-confidence parse is answered with its readings as buttons; a button sends
``/ask_database{"sql_choice": "<sql>"}``, which runs that reading (through the guard again).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actions.api import Action, CollectingDispatcher, DomainDict, EventType, SlotSet, Tracker
from nlu.korean_tokenizer import detect_language
from skills.text_to_sql.errors import TextToSQLError

if TYPE_CHECKING:  # the skill brings torch: imported when first asked, not with the actions
    from skills.text_to_sql.skill import Answer, TextToSQLSkill

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_skills: dict[tuple[str, str | None], TextToSQLSkill] = {}
NOT_TRAINED = (
    "데이터베이스 질문 기능이 아직 준비되지 않았습니다 "
    "(assistant sql train --db ... 를 먼저 실행하세요).",
    "The database skill isn't trained yet (run `assistant sql train --db ...` first).",
)
NO_SQL = ("아직 실행한 질의가 없습니다.", "I haven't run a query yet.")


def _skill() -> TextToSQLSkill:
    from skills.text_to_sql.skill import TextToSQLSkill

    key = (
        os.environ.get("TEXT_TO_SQL_MODEL", "models/text_to_sql"),
        os.environ.get("TEXT_TO_SQL_DB"),
    )
    with _lock:
        if key not in _skills:
            _skills[key] = TextToSQLSkill.load(Path(key[0]), key[1])
        return _skills[key]


def _language(tracker: Tracker) -> str:
    text = str(tracker.latest_message.get("text") or "")
    return detect_language(text, "ko") or "ko"


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "ko" else pair[1]


def _chosen_sql(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "sql_choice" and entity.get("value"):
            return str(entity["value"])
    return None


def _run_choice(skill: TextToSQLSkill, sql: str, language: str) -> Answer:
    from skills.text_to_sql.skill import Answer

    try:
        columns, rows = skill.execute_sql(sql)
    except TextToSQLError:
        return Answer(
            "refused", _pick(("그 질의는 실행할 수 없습니다.", "I can't run that query."), language)
        )
    lines = [" | ".join(columns)] + [" | ".join(str(v) for v in row) for row in rows[:10]]
    return Answer("answered", "\n".join(lines), sql, columns, [list(r) for r in rows])


class ActionAskDatabase(Action):
    def name(self) -> str:
        return "action_ask_database"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = _language(tracker)
        try:
            skill = _skill()
        except TextToSQLError as err:
            logger.error("text-to-SQL skill unavailable: %s", err)
            dispatcher.utter_message(text=_pick(NOT_TRAINED, language))
            return []
        choice = _chosen_sql(tracker)
        if choice is not None:
            answer = _run_choice(skill, choice, language)
        else:
            answer = skill.ask(str(tracker.latest_message.get("text") or ""))
        buttons: list[dict[str, Any]] = []
        if answer.status == "unsure":
            for sql in [answer.sql, *answer.alternatives]:
                payload = "/ask_database" + json.dumps({"sql_choice": sql}, ensure_ascii=False)
                buttons.append({"title": sql, "payload": payload})
        dispatcher.utter_message(text=answer.text, buttons=buttons)
        return [SlotSet("last_sql", answer.sql or None)] if answer.sql else []


class ActionShowSql(Action):
    def name(self) -> str:
        return "action_show_sql"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        sql = tracker.get_slot("last_sql")
        language = _language(tracker)
        dispatcher.utter_message(text=f"SQL: {sql}" if sql else _pick(NO_SQL, language))
        return []
