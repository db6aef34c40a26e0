"""Choosing one next action from every policy's prediction."""

from __future__ import annotations

from typing import Protocol

from assistant.policies.policy import PolicyPrediction
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, ActionExecutionRejected
from assistant.tracker import DialogueStateTracker


class Policy(Protocol):
    name: str

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction: ...


def _rejected_actions(tracker: DialogueStateTracker) -> set[str]:
    """Actions rejected since the last executed action: none of them may be predicted again."""
    rejected: set[str] = set()
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            break
        if isinstance(event, ActionExecutionRejected):
            rejected.add(event.name)
    return rejected


class PolicyEnsemble:
    """The highest confidence wins; on a tie, the policy with the higher priority."""

    def __init__(self, policies: list[Policy]) -> None:
        self.policies = policies

    def predictions(self, tracker: DialogueStateTracker, domain: Domain) -> list[PolicyPrediction]:
        return [policy.predict(tracker, domain) for policy in self.policies]

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        rejected = _rejected_actions(tracker)
        best: PolicyPrediction | None = None
        for prediction in self.predictions(tracker, domain):
            if prediction.action is None or prediction.action in rejected:
                continue
            if best is None or (prediction.confidence, prediction.priority) > (
                best.confidence,
                best.priority,
            ):
                best = prediction
        return best or PolicyPrediction("action_listen", 0.0, "none", 0, source="no prediction")
