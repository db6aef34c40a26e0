from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.errors import TrainingDataError
from assistant.importers.domain_reader import read_domain
from assistant.importers.nlu_reader import read_nlu
from assistant.importers.project import load_project
from assistant.importers.story_reader import read_stories
from assistant.importers.yaml_loading import parse_yaml
from assistant.shared.events import ActionExecuted, SlotSet, UserUttered
from assistant.shared.message import Entity
from assistant.shared.story import FILLED_TEXT, OrGroup
from tests.importers.conftest import BROKEN, PEERS

BOTS = sorted(p.parent.name for p in PEERS.glob("*/domain.yml")) if PEERS.is_dir() else []


@pytest.mark.parametrize("bot", BOTS)
def test_every_peer_bot_loads(peers: Path, bot: str) -> None:
    project = load_project(peers / bot)
    assert project.domain.intents
    assert project.nlu.examples
    assert project.stories


@pytest.mark.parametrize(
    ("relative", "line"),
    [
        ("test_wrong_yaml_stories/wrong_yaml.yml", 2),  # unclosed "[" at end of file
        ("test_domains/invalid_format.yml", 15),
        ("test_domains/wrong_response_format.yml", 17),
        ("test_domains/wrong_custom_response_format.yml", 17),
        ("test_domains/empty_response_format.yml", 16),
        ("test_domains/missing_text_for_templates.yml", 8),
        ("test_domains/duplicate_responses.yml", 22),
        ("test/incorrect_nlu_format.yml", 2),
    ],
)
def test_rasa_broken_fixtures_name_file_and_line(peers: Path, relative: str, line: int) -> None:
    path = peers / "rasa-test-data" / relative
    reader = (
        read_nlu if "nlu" in relative else read_stories if "stories" in relative else read_domain
    )
    with pytest.raises(TrainingDataError) as info:
        reader(path)
    assert info.value.problems[0].line == line
    assert str(info.value).startswith(f"{path}:{line}: ") or f"  {path}:{line}: " in str(info.value)
    assert "Traceback" not in str(info.value)


def test_broken_nlu_reports_every_problem_with_lines() -> None:
    path = BROKEN / "nlu_unclosed.yml"
    with pytest.raises(TrainingDataError) as info:
        read_nlu(path)
    found = [(p.line, p.message) for p in info.value.problems]
    assert found == [
        (6, "entity '[짜장면(food)' is not closed"),
        (7, "intent 'empty' has no examples"),
    ]
    assert f"{path}:6: entity '[짜장면(food)' is not closed" in str(info.value)


def test_broken_domain_reports_every_problem() -> None:
    path = BROKEN / "domain_bad.yml"
    with pytest.raises(TrainingDataError) as info:
        read_domain(path)
    lines = {p.line: p.message for p in info.value.problems}
    assert "unknown type 'strin'" in lines[6]
    assert "utter_greet" in lines[11]
    assert "slot 'drink'" in lines[16]
    assert all(p.path == str(path) for p in info.value.problems)


def test_broken_story_reports_every_problem() -> None:
    path = BROKEN / "stories_bad.yml"
    with pytest.raises(TrainingDataError) as info:
        read_stories(path)
    found = [(p.line, p.message) for p in info.value.problems]
    assert found[0][0] == 5 and "unknown step 'acton'" in found[0][1]
    assert found[1][0] == 6 and "a step must be a mapping" in found[1][1]
    assert found[2][0] == 7 and "has no steps" in found[2][1]


def test_bad_indentation_is_a_yaml_problem_with_line() -> None:
    with pytest.raises(TrainingDataError) as info:
        read_nlu(BROKEN / "bad_indent.yml")
    assert info.value.line == 5
    assert "invalid YAML" in info.value.text


def test_yaml_keeps_lines_and_reads_yaml_1_2() -> None:
    data, problems = parse_yaml(
        'version: "3.1"\nnlu:\n- intent: a\n  examples: |\n    - x\n    - yes\nb: on\nb: 1\n',
        "f.yml",
    )
    assert data["version"] == "3.1"
    assert data.lines["nlu"] == 2 and data["nlu"].lines == [3]
    assert data["nlu"][0].value_lines["examples"] == 5
    assert [(p.line, p.message) for p in problems] == [(8, "duplicate key 'b' (first on line 7)")]


def test_korean_annotation_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(
        "nlu:\n- intent: order\n  examples: |\n    - [아메리카노](drink)로 주세요\n"
        '    - [라떼]{"entity": "drink", "value": "latte", "role": "main"} 하나\n',
        encoding="utf-8",
    )
    data = read_nlu(path)
    first, second = data.examples
    assert first.text == "아메리카노로 주세요"
    assert first.entities == (Entity("drink", "아메리카노", 0, 5),)
    assert first.source is not None and first.source.line == 4
    assert second.text == "라떼 하나"
    assert second.entities[0].value == "latte" and second.entities[0].role == "main"
    assert (second.entities[0].start, second.entities[0].end) == (0, 2)


def test_nlu_synonyms_regex_lookup_retrieval(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(
        "nlu:\n- intent: faq/ask_hours\n  examples: |\n    - when are you open\n"
        "- synonym: New York\n  examples: |\n    - NYC\n"
        "- regex: zip\n  examples: |\n    - \\d{5}\n"
        "- lookup: city\n  examples: [Seoul, Busan]\n"
        "responses:\n  utter_faq/ask_hours:\n  - text: 9 to 5\n",
        encoding="utf-8",
    )
    data = read_nlu(path)
    assert data.intents == ["faq"] and data.retrieval_intents == ["faq"]
    assert data.synonyms == {"nyc": "New York"}
    assert data.regexes[0].pattern == r"\d{5}"
    assert data.lookups[0].elements == ("Seoul", "Busan")
    assert data.responses == {"utter_faq/ask_hours": ["9 to 5"]}


def test_story_steps(tmp_path: Path) -> None:
    path = tmp_path / "stories.yml"
    path.write_text(
        "stories:\n- story: s\n  steps:\n  - intent: faq/ask_hours\n"
        "  - user: I live in [Seoul](city)\n    intent: inform\n"
        "  - bot: hello there\n  - slot_was_set:\n    - city\n    - size: big\n"
        "  - or:\n    - intent: affirm\n    - intent: thanks\n"
        "rules:\n- rule: r\n  conversation_start: true\n  condition:\n  - active_loop: f\n"
        "  steps:\n  - intent: greet\n  - action: utter_greet\n"
        "  wait_for_user_input: false\n",
        encoding="utf-8",
    )
    story, rule = read_stories(path)
    assert story.steps[0] == UserUttered(intent="faq")
    assert story.steps[1] == UserUttered(
        text="I live in Seoul", intent="inform", entities=(Entity("city", "Seoul", 10, 15),)
    )
    assert story.steps[2] == ActionExecuted(name="", action_text="hello there")
    assert story.steps[3:5] == (SlotSet("city", FILLED_TEXT), SlotSet("size", "big"))
    assert isinstance(story.steps[5], OrGroup) and len(story.steps[5].alternatives) == 2
    assert [s.line for s in story.step_sources if s] == [4, 5, 7, 8, 8, 11]
    assert rule.is_rule and rule.conversation_start and not rule.wait_for_user_input
    assert len(rule.condition) == 1


def test_rasa2_domain_conversion(peers: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = peers / "rasa-2x-form-examples-03-simple-form" / "domain.yml"
    with caplog.at_level(logging.WARNING):
        domain = read_domain(path)
    warnings = [r for r in caplog.records if "Rasa 2" in r.getMessage()]
    assert len(warnings) == 1 and str(path) in warnings[0].getMessage()
    first = domain.slot("first_name")
    assert first is not None
    assert [(m.type, m.conditions) for m in first.mappings] == [
        ("from_text", (MappingConditionT("name_form", "first_name"),))
    ]
    assert domain.forms["name_form"].required_slots == ("first_name", "last_name")


def MappingConditionT(loop: str, slot: str | None):  # noqa: N802 - reads like the type
    from assistant.shared.domain import MappingCondition

    return MappingCondition(loop, slot)


def test_project_collects_problems_of_all_files(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "domain.yml").write_text("intents:\n- greet\n", encoding="utf-8")
    (tmp_path / "data" / "a.yml").write_text(
        "nlu:\n- intent: greet\n  examples: |\n    - [x(y) z\n", encoding="utf-8"
    )
    (tmp_path / "data" / "b.yml").write_text(
        "stories:\n- story: s\n  steps:\n  - foo: 1\n", encoding="utf-8"
    )
    with pytest.raises(TrainingDataError) as info:
        load_project(tmp_path)
    found = [(Path(p.path).name, p.line) for p in info.value.problems]
    assert found == [("a.yml", 4), ("b.yml", 4)]


def test_sara_test_files_are_split(peers: Path) -> None:
    project = load_project(peers / "rasa-demo-sara")
    assert [p.name for p in project.nlu_test_files] == ["test_nlu.yml"]
    assert project.test_stories
    assert any("/" in k for k in project.nlu.responses)
