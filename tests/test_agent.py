"""The agent loop: one user turn in, responses out (forms, fallback, failures, sessions)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import pytest

from assistant.agent import Agent
from assistant.policies import PolicyEnsemble, PolicyPrediction
from assistant.shared.domain import Domain
from assistant.shared.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from assistant.shared.message import Message
from assistant.tracker import DialogueStateTracker
from assistant.user_input import UserMessage

AgentFactory = Callable[..., Agent]


def say(
    agent: Agent, text: str, sender: str = "u1", channel: str | None = None
) -> list[str | None]:
    return [e.text for e in agent.handle(UserMessage(text, sender, input_channel=channel))]


def actions(tracker: DialogueStateTracker) -> list[str]:
    return [e.name for e in tracker.events if isinstance(e, ActionExecuted)]


ASK_CUISINE = "어떤 음식을 원하세요? Which cuisine?"
ASK_NAME = "성함이 어떻게 되세요? Your name, please?"


def test_a_conversation_starts_with_a_session(make_agent: AgentFactory) -> None:
    agent = make_agent()
    assert say(agent, "/greet") == ["환영합니다! Welcome!"]
    tracker = agent.get_tracker("u1")
    assert actions(tracker) == [
        "action_session_start",
        "action_listen",
        "utter_welcome",
        "action_listen",
    ]
    assert isinstance(tracker.events[1], SessionStarted)
    assert agent.tracker_store.keys() == ["u1"]


def test_conversation_start_rule_only_at_the_start(make_agent: AgentFactory) -> None:
    agent = make_agent()
    assert say(agent, "/greet") == ["환영합니다! Welcome!"]
    assert say(agent, "/greet") == ["잘 모르겠어요. Sorry, I didn't get that."]


def test_form_happy_path(make_agent: AgentFactory) -> None:
    agent = make_agent()
    assert say(agent, "/book_table") == [ASK_CUISINE]
    tracker = agent.get_tracker("u1")
    assert (
        tracker.active_loop_name == "booking_form"
        and tracker.get_slot("requested_slot") == "cuisine"
    )
    ask = [e for e in tracker.events if isinstance(e, BotUttered)][-1]
    assert ask.data["buttons"][0]["payload"] == '/inform{"cuisine": "korean"}'
    assert say(agent, '/inform{"cuisine": "korean"}') == [ASK_NAME]
    assert say(agent, "/inform") == ["Booked a korean table for /inform."]
    tracker = agent.get_tracker("u1")
    assert tracker.active_loop_name is None and tracker.get_slot("requested_slot") is None
    assert actions(tracker)[-3:] == ["booking_form", "utter_submit", "action_listen"]
    assert actions(tracker).count("booking_form") == 3
    assert say(agent, "/goodbye") == ["안녕히 가세요! Bye!"]


def test_form_with_the_slot_given_up_front(make_agent: AgentFactory) -> None:
    agent = make_agent()
    assert say(agent, '/book_table{"cuisine": "italian"}') == [ASK_NAME]
    assert agent.get_tracker("u1").get_slot("cuisine") == "italian"


def test_form_rejection_and_unhappy_path(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/book_table")
    assert say(agent, "/chitchat") == ["재미있네요! Interesting!", ASK_CUISINE]
    tracker = agent.get_tracker("u1")
    assert ActionExecutionRejected(name="booking_form") in tracker.events
    assert tracker.active_loop_name == "booking_form"
    assert say(agent, '/inform{"cuisine": "한식"}') == [ASK_NAME]
    assert say(agent, "민수") == ["Booked a 한식 table for 민수."]


def test_core_fallback_when_nothing_matches(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/greet")
    assert say(agent, '/inform{"cuisine": "korean"}') == [
        "잘 모르겠어요. Sorry, I didn't get that."
    ]
    tracker = agent.get_tracker("u1")
    assert actions(tracker)[-2:] == ["action_default_fallback", "action_listen"]
    assert isinstance(tracker.events[-2], UserUtteranceReverted)
    # the misunderstood message no longer counts
    assert tracker.latest_message is not None and tracker.latest_message.intent == "greet"
    assert tracker.get_slot("cuisine") is None


class Refusing:
    def parse(self, text: str) -> Message:
        raise AssertionError(f"NLU must not see {text!r}")


def test_intent_messages_bypass_nlu(tiny_domain: Domain, tiny_ensemble: PolicyEnsemble) -> None:
    agent = Agent(tiny_domain, Refusing(), tiny_ensemble, nlg_seed=0)
    assert say(agent, '/book_table{"cuisine": "korean"}') == [ASK_NAME]
    message = agent.get_tracker("u1").latest_message
    assert (
        message is not None and message.intent == "book_table" and message.intent_confidence == 1.0
    )
    assert message.entities[0].value == "korean"


@dataclasses.dataclass
class Always:
    action: str
    name: str = "always"

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        return PolicyPrediction(self.action, 1.0, self.name, 1)


def test_max_actions_per_turn(tiny_domain: Domain, caplog: pytest.LogCaptureFixture) -> None:
    agent = Agent(
        tiny_domain, None, PolicyEnsemble([Always("utter_chitchat")]), max_actions_per_turn=4
    )
    assert say(agent, "/chitchat") == ["재미있네요! Interesting!"] * 4
    tracker = agent.get_tracker("u1")
    assert tracker.events[-1] == ActionExecuted(name="action_listen")
    assert tracker.events[-1].policy == "circuit_breaker"  # type: ignore[attr-defined]
    assert "stopped after 4 actions" in caplog.text
    assert say(agent, "/chitchat") == ["재미있네요! Interesting!"] * 4  # still answering


@dataclasses.dataclass
class Failing:
    calls: int = 0

    def knows(self, name: str) -> bool:
        return name == "action_check"

    def run(self, name: str, tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
        self.calls += 1
        raise RuntimeError("database down")


def test_a_failing_custom_action_falls_back(
    tiny_domain: Domain, caplog: pytest.LogCaptureFixture
) -> None:
    domain = dataclasses.replace(tiny_domain, actions=("action_check",))

    class Ensemble:
        def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
            if tracker.latest_action_name == "action_listen":
                return PolicyPrediction("action_check", 1.0, "test", 1)
            return PolicyPrediction("action_listen", 1.0, "test", 1)

    executor = Failing()
    agent = Agent(domain, None, Ensemble(), executor=executor)  # type: ignore[arg-type]
    assert say(agent, "/greet") == ["잘 모르겠어요. Sorry, I didn't get that."]
    assert "action_check" in caplog.text and "database down" in caplog.text
    assert any(r.levelname == "ERROR" for r in caplog.records)
    assert say(agent, "/greet") == ["잘 모르겠어요. Sorry, I didn't get that."]
    assert executor.calls == 2
    assert agent.get_tracker("u1").latest_action_name == "action_listen"


def test_an_unknown_predicted_action_falls_back(tiny_domain: Domain) -> None:
    agent = Agent(tiny_domain, None, PolicyEnsemble([Always("action_nowhere")]))
    assert say(agent, "/greet") == ["잘 모르겠어요. Sorry, I didn't get that."]


def _age(agent: Agent, sender: str, seconds: float) -> None:
    tracker = agent.get_tracker(sender)
    old = [dataclasses.replace(e, timestamp=e.timestamp - seconds) for e in tracker.events]
    agent.tracker_store.save(DialogueStateTracker(sender, agent.domain, old))


def test_an_expired_session_starts_anew_carrying_slots(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, '/book_table{"cuisine": "korean"}')
    say(agent, "Minsu")
    _age(agent, "u1", 2 * 3600)
    assert say(agent, "/chitchat") == ["재미있네요! Interesting!"]
    tracker = agent.get_tracker("u1")
    assert sum(isinstance(e, SessionStarted) for e in tracker.events) == 2
    assert tracker.get_slot("cuisine") == "korean" and tracker.get_slot("guest_name") == "Minsu"
    after = tracker.applied_events()
    assert SlotSet(name="cuisine", value="korean") in after


def test_a_fresh_session_is_kept(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/greet")
    _age(agent, "u1", 60)
    say(agent, "/goodbye")
    assert sum(isinstance(e, SessionStarted) for e in agent.get_tracker("u1").events) == 1


def test_an_expired_session_forgets_the_active_form(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/book_table")
    _age(agent, "u1", 2 * 3600)
    assert say(agent, "/greet") == ["환영합니다! Welcome!"]
    assert agent.get_tracker("u1").active_loop_name is None


def test_restart(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, '/book_table{"cuisine": "korean"}')
    say(agent, "/restart")
    tracker = agent.get_tracker("u1")
    assert tracker.get_slot("cuisine") is None and tracker.active_loop_name is None
    assert tracker.latest_action_name == "action_listen"
    assert say(agent, "/greet") == ["환영합니다! Welcome!"]


def test_conversations_are_separate(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/book_table", sender="a")
    assert say(agent, "/greet", sender="b") == ["환영합니다! Welcome!"]
    assert agent.get_tracker("a").active_loop_name == "booking_form"
    assert agent.get_tracker("b").active_loop_name is None


def test_user_uttered_keeps_channel_and_metadata(make_agent: AgentFactory) -> None:
    agent = make_agent()
    agent.handle(
        UserMessage("/greet", "u1", input_channel="rest", metadata={"lang": "ko"}, message_id="m1")
    )
    message = agent.get_tracker("u1").latest_message
    assert message is not None
    assert (message.input_channel, message.message_id, message.metadata) == (
        "rest",
        "m1",
        {"lang": "ko"},
    )


# ---- with the trained NLU model ------------------------------------------------------------
def test_natural_language_form_in_english_and_korean(nlu_agent: Agent) -> None:
    assert say(nlu_agent, "hello") == ["환영합니다! Welcome!"]
    assert say(nlu_agent, "I want to book a table") == [ASK_CUISINE]
    assert say(nlu_agent, "tell me a joke") == ["재미있네요! Interesting!", ASK_CUISINE]
    assert say(nlu_agent, "korean") == [ASK_NAME]
    assert say(nlu_agent, "Minsu") == ["Booked a korean table for Minsu."]
    assert say(nlu_agent, "안녕히 계세요") == ["안녕히 가세요! Bye!"]
    assert say(nlu_agent, "예약하고 싶어요", sender="ko") == [ASK_CUISINE]


def test_parse_data_is_kept_on_the_event(nlu_agent: Agent) -> None:
    nlu_agent.handle(UserMessage("bye", "u1"))
    message = nlu_agent.get_tracker("u1").latest_message
    assert isinstance(message, UserUttered) and message.parse_data is not None
    assert message.parse_data["intent"]["name"] == "goodbye"
    assert message.parse_data["intent_ranking"]


def test_an_active_loop_event_is_logged_once(make_agent: AgentFactory) -> None:
    agent = make_agent()
    say(agent, "/book_table")
    assert sum(e == ActiveLoop(name="booking_form") for e in agent.get_tracker("u1").events) == 1
    assert time.time() - agent.get_tracker("u1").events[-1].timestamp < 60
