"""The rule policy: rules, forms (loops), default intents and the core fallback.

Rules are kept as partial state sequences (only what the rule mentions). A rule applies when
each of its states is contained in the matching state at the end of the conversation; of all
rules that apply, the longest wins. An active loop (form) is predicted until it is rejected;
rules then handle the unhappy path and hand control back to the loop.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar, Self

from assistant.dialogue_state import (
    State,
    freeze,
    is_rule_snippet_state,
    past_states,
    state_matches,
    thaw,
)
from assistant.errors import Problem
from assistant.policies.policy import DialogueData, PolicyBase, PolicyPrediction, make_options
from assistant.shared.domain import Domain
from assistant.shared.events import ActionExecuted, ActionExecutionRejected, LoopInterrupted
from assistant.shared.story import Story
from assistant.tracker import RULE_SNIPPET_ACTION, DialogueStateTracker
from assistant.training_trackers import story_events

logger = logging.getLogger(__name__)

LISTEN = "action_listen"
LOOP_WAS_INTERRUPTED = "loop_was_interrupted"
DO_NOT_PREDICT_LOOP = "do_not_predict_loop_action"
DEFAULT_INTENT_ACTIONS = {
    "restart": "action_restart",
    "back": "action_back",
    "session_start": "action_session_start",
}


def _rule_key(states: tuple[State, ...] | list[State]) -> str | None:
    """The states after the last ``...`` snippet; None when nothing is left."""
    kept: list[State] = []
    for state in reversed(states):
        if is_rule_snippet_state(state):
            break
        kept.insert(0, state)
    return freeze(kept) if kept else None


def _is_prev_listen(state: State) -> bool:
    return state.get("prev_action", {}).get("action_name") == LISTEN


def _loop_of(state: State) -> str | None:
    name = state.get("active_loop", {}).get("name")
    return name if name and name != "__should_not_be_set__" else None


def _unhappy_states(states: tuple[State, ...]) -> list[State]:
    if len(states) == 1 or not states[-2].get("prev_action"):
        return [states[-1]]
    return [{"prev_action": states[-2]["prev_action"]}, states[-1]]


class RulePolicy(PolicyBase):
    name: ClassVar[str] = "rule_policy"
    priority: ClassVar[int] = 6

    @dataclass
    class Options:
        core_fallback_threshold: float = 0.3
        core_fallback_action_name: str = "action_default_fallback"
        enable_fallback_prediction: bool = True
        restrict_rules: bool = True
        check_for_contradictions: bool = True
        priority: int | None = None

    def __init__(
        self,
        options: Options,
        rules: dict[str, str] | None = None,
        unhappy: dict[str, str] | None = None,
        sources: dict[str, list[str]] | None = None,
    ) -> None:
        self.options = options
        self.rules: dict[str, str] = rules or {}
        self.unhappy: dict[str, str] = unhappy or {}
        self.sources: dict[str, list[str]] = sources or {}  # rule key -> rule names
        self.problems: list[Problem] = []

    # ---- training ----------------------------------------------------------------------
    def train(self, training_data: DialogueData, domain: Domain) -> None:
        rules: dict[str, str] = {}
        sources: dict[str, list[str]] = defaultdict(list)
        problems: list[Problem] = []
        for story, turns in training_data.turns_of(rules=True):
            for turn in turns:
                if turn.action == RULE_SNIPPET_ACTION:
                    continue
                key = _rule_key(turn.states)
                if key is None:
                    continue
                if key in rules and rules[key] != turn.action:
                    others = ", ".join(f"'{n}'" for n in sources[key])
                    problems.append(
                        Problem(
                            str(story.source or "rules"),
                            story.source.line if story.source else None,
                            f"rule '{story.name}' predicts '{turn.action}' where rule(s) {others} "
                            f"predict '{rules[key]}' in the same situation",
                        )
                    )
                    continue
                rules[key] = turn.action
                if story.name not in sources[key]:
                    sources[key].append(story.name)
        unhappy: dict[str, str] = {}
        for _story, turns in training_data.turns_of(rules=True) + training_data.turns_of(
            rules=False
        ):
            for turn in turns:
                loop = _loop_of(turn.states[-1])
                if not loop or turn.action == RULE_SNIPPET_ACTION:
                    continue
                key = _rule_key(_unhappy_states(turn.states))
                if key is None:
                    continue
                if _is_prev_listen(turn.states[-1]) and turn.action == loop:
                    unhappy[key] = LOOP_WAS_INTERRUPTED
                elif not _is_prev_listen(turn.states[-1]) and turn.action != loop:
                    unhappy[key] = DO_NOT_PREDICT_LOOP
        self.rules, self.unhappy, self.sources = rules, unhappy, dict(sources)
        if self.options.check_for_contradictions:
            problems += self._check_stories(training_data, domain)
        self.problems = problems
        for problem in problems:
            logger.warning("contradiction: %s", problem)

    def _check_stories(self, data: DialogueData, domain: Domain) -> list[Problem]:
        """Replay every story and rule; report where a rule predicts something else."""
        problems: list[Problem] = []
        for story in data.stories:
            problems += self._check_one(story, domain)
        return problems

    def _check_one(self, story: Story, domain: Domain) -> list[Problem]:
        problems: list[Problem] = []
        running = DialogueStateTracker(story.name, domain, is_rule_tracker=story.is_rule)
        unpredictable = True
        for event in story_events(story, domain):
            if not isinstance(event, ActionExecuted):
                running.update(event)
                continue
            if event.name == RULE_SNIPPET_ACTION:
                unpredictable = True
                continue
            if unpredictable:
                unpredictable = False
                running.update(event)
                continue
            gold = event.name or f"text:{event.action_text}"
            predicted, key = self._predict_action(running, domain)
            if predicted and predicted == running.active_loop_name and predicted != gold:
                running.update(ActionExecutionRejected(name=predicted))
                predicted, key = self._predict_action(running, domain)
            if predicted and predicted != gold and key is not None:
                if (
                    not story.is_rule
                    and predicted == LISTEN
                    and key.count('"prev_action"') == 1
                    and key in self.rules
                ):
                    del self.rules[key]  # "after A, listen" only held for rule-only turns
                else:
                    kind = "rule" if story.is_rule else "story"
                    names = ", ".join(f"'{n}'" for n in self.sources.get(key, []))
                    where = story.source
                    problems.append(
                        Problem(
                            where.path if where else "data",
                            where.line if where else None,
                            f"{kind} '{story.name}' runs '{gold}' but rule(s) {names or '(loop)'} "
                            f"predict '{predicted}' at that point",
                        )
                    )
            running.update(event)
        return problems

    # ---- prediction --------------------------------------------------------------------
    def _thawed(self, key: str) -> list[State]:
        cache: dict[str, list[State]] = self.__dict__.setdefault("_thaw_cache", {})
        if key not in cache:
            cache[key] = thaw(key)
        return cache[key]

    def _matching_keys(self, lookup: dict[str, str], states: list[State]) -> list[str]:
        matches = []
        for key in lookup:
            rule_states = self._thawed(key)
            ok = True
            for i, state in enumerate(reversed(states)):
                if i >= len(rule_states):
                    break
                rule_state = rule_states[-1 - i]
                if not rule_state and not state:
                    continue
                if not (rule_state and state and state_matches(rule_state, state)):
                    ok = False
                    break
            if ok:
                matches.append(key)
        return matches

    def _from_rules(
        self, tracker: DialogueStateTracker, domain: Domain, states: list[State]
    ) -> tuple[str | None, str | None, bool]:
        keys = self._matching_keys(self.rules, states)
        best = max(keys, key=len) if keys else None  # the most specific rule
        action = self.rules[best] if best else None
        returning = False
        loop = tracker.active_loop_name
        if loop:
            conditions = {self.unhappy[k] for k in self._matching_keys(self.unhappy, states)}
            general_listen = (
                action == LISTEN and best is not None and not _loop_of(self._thawed(best)[-1])
            )
            if general_listen:
                if DO_NOT_PREDICT_LOOP not in conditions:
                    return loop, best, False
                action = None
            if LOOP_WAS_INTERRUPTED in conditions:
                returning = True
        return action, best, returning

    def _predict_action(
        self, tracker: DialogueStateTracker, domain: Domain
    ) -> tuple[str | None, str | None]:
        """Rules and loops only (no fallback): (action, matched rule key)."""
        latest = tracker.latest_message
        if (
            tracker.latest_action_name == LISTEN
            and latest
            and latest.intent in DEFAULT_INTENT_ACTIONS
        ):
            return DEFAULT_INTENT_ACTIONS[latest.intent], None
        loop = tracker.active_loop_name
        if loop and not tracker.loop_rejected:
            if tracker.latest_action_name != loop:
                return loop, None
            return LISTEN, None
        action, key, _ = self._from_rules(tracker, domain, past_states(tracker, domain))
        return action, key

    def predict(self, tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction:
        latest = tracker.latest_message
        if (
            tracker.latest_action_name == LISTEN
            and latest
            and latest.intent in DEFAULT_INTENT_ACTIONS
        ):
            return self._prediction(DEFAULT_INTENT_ACTIONS[latest.intent], "default intent")
        loop = tracker.active_loop_name
        if loop and not tracker.loop_rejected:
            loop_action = loop if tracker.latest_action_name != loop else LISTEN
            return self._prediction(loop_action, f"active loop '{loop}'")
        action, key, returning = self._from_rules(tracker, domain, past_states(tracker, domain))
        if action:
            names = ", ".join(self.sources.get(key or "", [])) or "loop"
            events = (LoopInterrupted(is_interrupted=True),) if returning else ()
            return self._prediction(action, f"rule {names}", events)
        if self.options.enable_fallback_prediction:
            return PolicyPrediction(
                self.options.core_fallback_action_name,
                self.options.core_fallback_threshold,
                self.name,
                self._priority,
                source="core fallback",
            )
        return PolicyPrediction.abstain(self.name, self._priority)

    def _prediction(
        self, action: str, source: str, events: tuple[Any, ...] = ()
    ) -> PolicyPrediction:
        return PolicyPrediction(
            action, 1.0, self.name, self._priority, events=events, source=source
        )

    # ---- persistence -------------------------------------------------------------------
    def persist(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "options.json").write_text(json.dumps(asdict(self.options)))
        lookup = {"rules": self.rules, "unhappy": self.unhappy, "sources": self.sources}
        (directory / "lookup.json").write_text(json.dumps(lookup, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path, options: Mapping[str, Any]) -> Self:
        saved = json.loads((directory / "options.json").read_text())
        lookup = json.loads((directory / "lookup.json").read_text())
        return cls(
            make_options(cls.Options, saved, cls.name),
            lookup["rules"],
            lookup["unhappy"],
            lookup["sources"],
        )
