"""One dialogue that exercises custom actions: a plain action and a form validated by the action
server. Run against our own action server, Rasa's rasa_sdk, and in process, with the same
checks."""

from __future__ import annotations

from assistant.action import ActionExecutor
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

DOMAIN = Domain(
    intents=(IntentSpec("greet"), IntentSpec("inform"), IntentSpec("start")),
    slots=(
        Slot(
            "team",
            mappings=(
                SlotMapping("from_text", conditions=(MappingCondition("team_form", "team"),)),
            ),
        ),
        Slot("leader"),
    ),
    actions=("action_show_leader", "action_async_greeting", "validate_team_form"),
    forms={"team_form": Form("team_form", ("team",))},
    responses={
        "utter_greet": (ResponseVariation(text="안녕하세요"),),
        "utter_ask_team": (ResponseVariation(text="어느 팀인가요?"),),
        "utter_done": (ResponseVariation(text="{team} 등록 완료"),),
    },
)


def agent_for(action_url: str) -> Agent:
    return agent_with(ActionServerExecutor(action_url, DOMAIN))


def agent_with(executor: ActionExecutor) -> Agent:
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
    return Agent(DOMAIN, None, PolicyEnsemble([policy]), executor=executor)


def check_scenario(agent: Agent, not_a_team: str, team: str) -> None:
    """The action runs and sets a slot; the form rejects ``not_a_team`` and accepts ``team``."""
    assert [e.text for e in agent.handle(UserMessage("/greet", "a"))] == ["선두는 한빛입니다"]
    assert agent.get_tracker("a").get_slot("leader") == "한빛"
    assert [e.text for e in agent.handle(UserMessage("/start", "b"))] == ["어느 팀인가요?"]
    refused = agent.handle(UserMessage(not_a_team, "b"))
    assert refused[0].text == f"'{not_a_team}'은(는) 리그 팀이 아니에요"
    assert agent.get_tracker("b").get_slot("team") is None
    assert [e.text for e in agent.handle(UserMessage(team, "b"))] == [f"{team} 등록 완료"]
