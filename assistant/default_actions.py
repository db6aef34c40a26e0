"""The default actions every assistant has (Rasa's names), and finding an action by name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.action import (
    Action,
    ActionContext,
    ActionNotFound,
    CustomAction,
    ResponseAction,
    RetrievalAction,
)
from assistant.form_action import FormAction
from assistant.shared.domain import REQUESTED_SLOT
from assistant.shared.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
)
from assistant.tracker import DialogueStateTracker

DEFAULT_TEXTS = {
    "utter_default": "Sorry, I didn't get that. Can you rephrase?",
    "utter_ask_rephrase": "I'm sorry, I didn't quite understand that. Could you rephrase?",
}


def _utter(name: str, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
    event = context.nlg.generate(name, tracker, context.channel)
    if event is not None:
        return [event]
    if name in DEFAULT_TEXTS:
        return [BotUttered(text=DEFAULT_TEXTS[name], metadata={"utter_action": name})]
    return []


@dataclass
class ActionListen:
    name: str = "action_listen"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return []


@dataclass
class ActionRestart:
    name: str = "action_restart"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return [*_utter("utter_restart", tracker, context), Restarted()]


@dataclass
class ActionSessionStart:
    name: str = "action_session_start"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        events: list[Event] = [SessionStarted()]
        if context.domain.session_config.carry_over_slots:
            events += [
                SlotSet(name=k, value=v)
                for k, v in tracker.slots.items()
                if v is not None and k != REQUESTED_SLOT
            ]
        events.append(ActionExecuted(name="action_listen"))
        return events


@dataclass
class ActionDefaultFallback:
    name: str = "action_default_fallback"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return [*_utter("utter_default", tracker, context), UserUtteranceReverted()]


@dataclass
class ActionDeactivateLoop:
    name: str = "action_deactivate_loop"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return [ActiveLoop(name=None), SlotSet(name=REQUESTED_SLOT, value=None)]


@dataclass
class ActionBack:
    name: str = "action_back"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return [
            *_utter("utter_back", tracker, context),
            UserUtteranceReverted(),
            UserUtteranceReverted(),
        ]


@dataclass
class ActionRevertFallbackEvents:
    name: str = "action_revert_fallback_events"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return []


@dataclass
class ActionDefaultAskAffirmation:
    """Two-stage fallback, stage one: "Did you mean ...?" with yes/no buttons."""

    name: str = "action_default_ask_affirmation"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        message = tracker.latest_message
        ranking: list[dict[str, Any]] = (
            (message.parse_data or {}).get("intent_ranking", []) if message else []
        )
        candidates = [r["name"] for r in ranking if r.get("name") not in ("nlu_fallback", None)]
        if not candidates:
            return _utter("utter_ask_rephrase", tracker, context)
        intent = candidates[0]
        event = context.nlg.generate(
            "utter_ask_affirmation", tracker, context.channel, {"intent": intent}
        )
        text = event.text if event and event.text else f"Did you mean '{intent}'?"
        buttons = [
            {"title": "Yes", "payload": f"/{intent}"},
            {"title": "No", "payload": "/out_of_scope"},
        ]
        return [
            BotUttered(
                text=text,
                data={"buttons": buttons},
                metadata={"utter_action": "utter_ask_affirmation"},
            )
        ]


@dataclass
class ActionDefaultAskRephrase:
    name: str = "action_default_ask_rephrase"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return _utter("utter_ask_rephrase", tracker, context)


@dataclass
class ActionTwoStageFallback:
    """A loop: ask to affirm the likeliest intent, then to rephrase, then give up.

    The user's answer that resolves it (an affirmed or rephrased intent) replaces the
    misunderstood message, so the dialogue continues as if it had been understood."""

    name: str = "action_two_stage_fallback"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        message = tracker.latest_message
        intent = message.intent if message else None
        asked = sum(
            1
            for e in tracker.events_after_latest_restart()[-12:]
            if isinstance(e, BotUttered)
            and (e.metadata or {}).get("utter_action")
            in ("utter_ask_affirmation", "utter_ask_rephrase")
        )
        if tracker.active_loop_name != self.name:
            return [
                ActiveLoop(name=self.name),
                *ActionDefaultAskAffirmation().run(tracker, context),
            ]
        if intent in (None, "nlu_fallback", "out_of_scope"):
            if asked >= 2:
                return [ActiveLoop(name=None), *ActionDefaultFallback().run(tracker, context)]
            return ActionDefaultAskRephrase().run(tracker, context)
        return [ActiveLoop(name=None)]


@dataclass
class ActionNoop:
    name: str

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        return []


@dataclass
class ActionSendText:
    name: str = "action_send_text"

    def run(self, tracker: DialogueStateTracker, context: ActionContext) -> list[Event]:
        message = tracker.latest_message
        text = ((message.metadata or {}) if message else {}).get("message", {}).get("text")
        return [BotUttered(text=text)] if text else []


DEFAULT_ACTION_CLASSES: dict[str, type[Any]] = {
    "action_listen": ActionListen,
    "action_restart": ActionRestart,
    "action_session_start": ActionSessionStart,
    "action_default_fallback": ActionDefaultFallback,
    "action_deactivate_loop": ActionDeactivateLoop,
    "action_back": ActionBack,
    "action_revert_fallback_events": ActionRevertFallbackEvents,
    "action_default_ask_affirmation": ActionDefaultAskAffirmation,
    "action_default_ask_rephrase": ActionDefaultAskRephrase,
    "action_two_stage_fallback": ActionTwoStageFallback,
    "action_send_text": ActionSendText,
}


def action_for_name(name: str, context: ActionContext) -> Action:
    """The action called ``name``: a project's own code wins over a default of the same name."""
    domain = context.domain
    executor = context.executor
    if executor is not None and executor.knows(name) and name in domain.actions:
        return CustomAction(name)
    if name in DEFAULT_ACTION_CLASSES:
        return DEFAULT_ACTION_CLASSES[name]()  # type: ignore[no-any-return]
    if name in ("action_unlikely_intent", "action_extract_slots"):
        return ActionNoop(name)
    if name in domain.forms:
        return FormAction(name, domain.forms[name])
    if name.startswith("utter_") and domain.retrieval_responses(name[len("utter_") :]):
        return RetrievalAction(name)
    if name in domain.responses:
        return ResponseAction(name)
    if name in domain.actions:
        return CustomAction(name)
    raise ActionNotFound(f"no action called '{name}' in the domain")
