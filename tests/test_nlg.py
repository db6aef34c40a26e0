"""Responses: variation by channel and slot condition, slot interpolation, buttons."""

from __future__ import annotations

from assistant.nlg import ResponseGenerator, interpolate, render
from assistant.shared.domain import (
    Button,
    Domain,
    ResponseCondition,
    ResponseVariation,
    Slot,
)
from assistant.shared.events import SlotSet
from assistant.tracker import DialogueStateTracker


def test_interpolate() -> None:
    assert interpolate("Booked {cuisine} for { name }.", {"cuisine": "한식", "name": "민수"}) == (
        "Booked 한식 for 민수."
    )
    assert interpolate("{unknown} and {empty}", {"empty": None}) == "{unknown} and {empty}"
    assert interpolate('{"json": 1}', {}) == '{"json": 1}'


def test_greet_variations_of_the_tiny_project(tiny_domain: Domain) -> None:
    nlg = ResponseGenerator(tiny_domain, seed=0)
    t = DialogueStateTracker("u", tiny_domain)
    assert nlg.generate("utter_greet", t).text == "안녕하세요! Hello!"  # type: ignore[union-attr]
    telegram = nlg.generate("utter_greet", t, channel="telegram")
    assert telegram is not None and telegram.text == "Hello from Telegram!"
    assert nlg.generate("utter_greet", t, channel="slack").text == "안녕하세요! Hello!"  # type: ignore[union-attr]
    t.update(SlotSet(name="cuisine", value="korean"))
    conditioned = nlg.generate("utter_greet", t)
    assert conditioned is not None and conditioned.text == "korean again? 또 korean?"
    assert conditioned.metadata == {"utter_action": "utter_greet"}


def test_buttons_and_interpolation_of_the_tiny_project(tiny_domain: Domain) -> None:
    nlg = ResponseGenerator(tiny_domain, seed=0)
    t = DialogueStateTracker(
        "u",
        tiny_domain,
        [SlotSet(name="cuisine", value="korean"), SlotSet(name="guest_name", value="Minsu")],
    )
    ask = nlg.generate("utter_ask_cuisine", t)
    assert ask is not None
    assert ask.data["buttons"] == [
        {"title": "Korean", "payload": '/inform{"cuisine": "korean"}'},
        {"title": "Italian", "payload": '/inform{"cuisine": "italian"}'},
    ]
    assert nlg.generate("utter_submit", t).text == "Booked a korean table for Minsu."  # type: ignore[union-attr]
    assert nlg.generate("utter_unknown", t) is None


def test_conditions_compare_values_case_insensitively() -> None:
    domain = Domain(
        slots=(Slot("vip", type="bool"),),
        responses={
            "utter_hi": (
                ResponseVariation(
                    text="VIP!", conditions=(ResponseCondition("slot", "vip", True),)
                ),
                ResponseVariation(text="hi"),
            )
        },
    )
    nlg = ResponseGenerator(domain, seed=1)
    t = DialogueStateTracker("u", domain, [SlotSet(name="vip", value="true")])
    assert nlg.generate("utter_hi", t).text == "VIP!"  # type: ignore[union-attr]
    t.update(SlotSet(name="vip", value=False))
    assert nlg.generate("utter_hi", t).text == "hi"  # type: ignore[union-attr]


def test_random_choice_is_seeded() -> None:
    domain = Domain(
        responses={"utter_hi": tuple(ResponseVariation(text=str(i)) for i in range(10))}
    )
    t = DialogueStateTracker("u", domain)

    def texts(seed: int) -> list[str | None]:
        nlg = ResponseGenerator(domain, seed=seed)
        return [nlg.generate("utter_hi", t).text for _ in range(8)]  # type: ignore[union-attr]

    assert texts(3) == texts(3)
    assert len(set(texts(3))) > 1


def test_render_every_field() -> None:
    variation = ResponseVariation(
        text="Hi {name}",
        image="https://x/{name}.png",
        custom={"k": 1},
        attachment="file.pdf",
        elements=[{"title": "e"}],
        quick_replies=(Button("{name}", "/ok"),),
        metadata={"m": 1},
    )
    event = render(variation, "utter_hi", {"name": "Jo"})
    assert event.text == "Hi Jo"
    assert event.data == {
        "quick_replies": [{"title": "Jo", "payload": "/ok"}],
        "image": "https://x/Jo.png",
        "custom": {"k": 1},
        "attachment": "file.pdf",
        "elements": [{"title": "e"}],
    }
    assert event.metadata == {"utter_action": "utter_hi", "m": 1}


def test_variation_priority_follows_rasa() -> None:
    vip = (ResponseCondition("slot", "vip", True),)
    domain = Domain(
        slots=(Slot("vip", type="bool"),),
        responses={
            "utter_hi": (
                ResponseVariation(text="VIP on slack", channel="slack", conditions=vip),
                ResponseVariation(text="hi"),
                ResponseVariation(text="hi on web", channel="web"),
            ),
            "utter_bye": (
                ResponseVariation(text="VIP bye", conditions=vip),
                ResponseVariation(text="bye on web", channel="web"),
            ),
        },
    )
    nlg = ResponseGenerator(domain, seed=0)
    t = DialogueStateTracker("u", domain, [SlotSet(name="vip", value=True)])
    assert nlg.generate("utter_hi", t, channel="slack").text == "VIP on slack"  # type: ignore[union-attr]
    assert nlg.generate("utter_hi", t, channel="web").text == "hi on web"  # type: ignore[union-attr]
    assert nlg.generate("utter_hi", t, channel="telegram").text == "hi"  # type: ignore[union-attr]
    assert nlg.generate("utter_bye", t, channel="web").text == "bye on web"  # type: ignore[union-attr]
