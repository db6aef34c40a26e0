"""The ensemble: the most confident prediction wins, priority breaks ties, rejections count."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.policies import PolicyEnsemble, PolicyPrediction
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, ActionExecutionRejected, Event
from assistant.tracker import DialogueStateTracker

DOMAIN = Domain()


@dataclass
class Fixed:
    name: str
    action: str | None
    confidence: float
    priority: int

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        return PolicyPrediction(self.action, self.confidence, self.name, self.priority)


def tracker(*events: Event) -> DialogueStateTracker:
    return DialogueStateTracker("u", DOMAIN, events)


def test_highest_confidence_wins() -> None:
    ensemble = PolicyEnsemble([Fixed("a", "utter_a", 0.5, 9), Fixed("b", "utter_b", 0.9, 1)])
    assert ensemble.predict(tracker(), DOMAIN).action == "utter_b"


def test_priority_breaks_a_tie() -> None:
    ensemble = PolicyEnsemble(
        [Fixed("low", "utter_low", 1.0, 3), Fixed("high", "utter_high", 1.0, 6)]
    )
    prediction = ensemble.predict(tracker(), DOMAIN)
    assert (prediction.action, prediction.policy) == ("utter_high", "high")


def test_abstentions_and_rejected_actions_are_skipped() -> None:
    ensemble = PolicyEnsemble(
        [
            Fixed("none", None, 1.0, 9),
            Fixed("form", "booking_form", 1.0, 6),
            Fixed("m", "utter_m", 0.3, 1),
        ]
    )
    rejected = tracker(
        ActionExecuted(name="action_listen"), ActionExecutionRejected(name="booking_form")
    )
    assert ensemble.predict(rejected, DOMAIN).action == "utter_m"
    # a rejection before the latest action no longer counts
    rejected.update(ActionExecuted(name="utter_chitchat"))
    assert ensemble.predict(rejected, DOMAIN).action == "booking_form"


def test_nobody_predicts_then_listen() -> None:
    prediction = PolicyEnsemble([Fixed("none", None, 0.0, 1)]).predict(tracker(), DOMAIN)
    assert (prediction.action, prediction.confidence) == ("action_listen", 0.0)
    assert (
        len(
            PolicyEnsemble([Fixed("a", "x", 1, 1), Fixed("b", None, 0, 1)]).predictions(
                tracker(), DOMAIN
            )
        )
        == 2
    )
