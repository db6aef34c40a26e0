"""The core calls a real rasa_sdk action server (Rasa's own SDK, in its own virtual environment):
a custom action and a form validation, over the action-server protocol."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from servers import free_port

from assistant.action_server_client import ActionServerExecutor
from assistant.agent import Agent
from assistant.policies import PolicyEnsemble, RulePolicy
from assistant.policies.policy import DialogueData
from assistant.shared.domain import (
    Domain,
    Form,
    IntentSpec,
    MappingCondition,
    ResponseVariation,
    Slot,
    SlotMapping,
)
from assistant.shared.events import ActionExecuted, ActiveLoop, UserUttered
from assistant.shared.story import Story
from assistant.user_input import UserMessage

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "rasa_sdk_project"
VENV = Path(
    os.environ.get("RASA_SDK_VENV", Path.home() / ".cache" / "assistant-tests" / "rasa-sdk-venv")
)


def _sdk_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(python), "-c", "import rasa_sdk"], capture_output=True).returncode:
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "rasa-sdk"],
            capture_output=True,
            timeout=600,
        )
        if done.returncode:
            pytest.skip(f"rasa-sdk could not be installed: {done.stderr.decode()[-300:]}")
    return python


@pytest.fixture(scope="module")
def sdk_url() -> Iterator[str]:
    python = _sdk_python()
    port = free_port()
    proc = subprocess.Popen(
        [str(python), "-m", "rasa_sdk", "--actions", "actions", "-p", str(port)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            err = proc.stderr.read().decode()[-500:] if proc.stderr else ""
            proc.kill()
            raise AssertionError(f"the rasa_sdk server did not start: {err}")
        time.sleep(0.2)
    yield f"{url}/webhook"
    proc.kill()  # a test fixture: no graceful shutdown needed
    proc.wait(timeout=30)


DOMAIN = Domain(
    intents=(IntentSpec("greet"), IntentSpec("start")),
    slots=(
        Slot(
            "team",
            mappings=(
                SlotMapping("from_text", conditions=(MappingCondition("team_form", "team"),)),
            ),
        ),
        Slot("leader"),
    ),
    actions=("action_show_leader", "validate_team_form"),
    forms={"team_form": Form("team_form", ("team",))},
    responses={
        "utter_ask_team": (ResponseVariation(text="어느 팀인가요?"),),
        "utter_done": (ResponseVariation(text="{team} 등록 완료"),),
    },
)


def test_rasa_sdk_actions_and_form_validation(sdk_url: str) -> None:
    rules = [
        Story(
            "leader",
            (UserUttered(intent="greet"), ActionExecuted(name="action_show_leader")),
            is_rule=True,
        ),
        Story(
            "form",
            (
                UserUttered(intent="start"),
                ActionExecuted(name="team_form"),
                ActiveLoop(name="team_form"),
            ),
            is_rule=True,
        ),
        Story(
            "submit",
            (
                ActionExecuted(name="team_form"),
                ActiveLoop(name=None),
                ActionExecuted(name="utter_done"),
            ),
            is_rule=True,
            condition=(ActiveLoop(name="team_form"),),
        ),
    ]
    policy = RulePolicy.create({})
    policy.train(DialogueData(rules, DOMAIN), DOMAIN)
    agent = Agent(
        DOMAIN, None, PolicyEnsemble([policy]), executor=ActionServerExecutor(sdk_url, DOMAIN)
    )
    assert [e.text for e in agent.handle(UserMessage("/greet", "a"))] == ["선두는 한빛입니다"]
    assert agent.get_tracker("a").get_slot("leader") == "한빛"
    assert [e.text for e in agent.handle(UserMessage("/start", "b"))] == ["어느 팀인가요?"]
    assert agent.handle(UserMessage("불사조", "b"))[0].text == "'불사조'은(는) 리그 팀이 아니에요"
    assert agent.get_tracker("b").get_slot("team") is None
    assert [e.text for e in agent.handle(UserMessage("번개", "b"))] == ["번개 등록 완료"]
