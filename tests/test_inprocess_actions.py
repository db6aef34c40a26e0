"""Rasa's ``actions_module``: a package's actions run in the assistant's process, with the same
dialogue and checks as over the action-server protocol."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from action_scenario import DOMAIN, agent_with, check_scenario

from assistant.action_server_client import executor_from_endpoints
from assistant.errors import ActionError, ConfigError
from assistant.inprocess_actions import InProcessExecutor
from assistant.shared.events import ActionExecutionRejected, BotUttered, SlotSet
from assistant.tracker import DialogueStateTracker

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))


def test_the_custom_action_scenario_runs_in_process() -> None:
    executor = executor_from_endpoints(
        {"action_endpoint": {"actions_module": "league_actions"}}, DOMAIN
    )
    assert isinstance(executor, InProcessExecutor)
    check_scenario(agent_with(executor), not_a_team="/inform", team="한빛")


def test_sync_async_rejected_and_unknown_actions() -> None:
    executor = InProcessExecutor("league_actions", DOMAIN)
    tracker = DialogueStateTracker("u", DOMAIN, [SlotSet("team", "번개")])
    events = executor.run("action_show_leader", tracker, DOMAIN)
    assert events == [BotUttered(text="선두는 번개입니다"), SlotSet("leader", "한빛")]
    assert [e.text for e in executor.run("action_async_greeting", tracker, DOMAIN)] == [
        "안녕하세요"
    ]
    assert executor.run("action_refuse", tracker, DOMAIN) == [
        ActionExecutionRejected(name="action_refuse")
    ]
    assert executor.knows("action_refuse") and not executor.knows("action_nope")
    with pytest.raises(ActionError, match="not in the actions module 'league_actions'"):
        executor.run("action_nope", tracker, DOMAIN)


def test_an_unimportable_module_names_endpoints_yml() -> None:
    with pytest.raises(ConfigError, match="endpoints.yml: action_endpoint: cannot import"):
        InProcessExecutor("no_such_actions_package", DOMAIN)
