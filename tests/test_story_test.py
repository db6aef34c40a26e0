"""Test stories as ``rasa test`` runs them, and the reports written from the results."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from dialogue_helpers import TINY_PROJECT, stories_from_yaml

from assistant.agent import Agent
from assistant.importers.project import Project, load_project
from assistant.story_graph import build_stories
from assistant.story_report import stories_yaml, story_report, write_story_results
from assistant.story_test import run_story_tests


def test_the_tiny_projects_test_stories_pass(nlu_agent: Agent) -> None:
    project = load_project(TINY_PROJECT, tests=[TINY_PROJECT / "tests"])
    stories = build_stories(project.test_stories)
    results = run_story_tests(nlu_agent, stories)
    failed = {
        r.story.name: [(str(s.event), s.predicted) for s in r.steps if s.predicted] for r in results
    }
    assert all(r.passed for r in results), failed
    assert len(results) == 4
    report = story_report(results)
    assert report["conversation_accuracy"] == {
        "accuracy": 1.0,
        "correct": 4,
        "with_warnings": 0,
        "total": 4,
    }
    assert report["accuracy"] == 1.0


def test_default_test_stories_of_a_project_under_a_fixtures_folder(tiny_project: Project) -> None:
    assert len(tiny_project.test_stories) == 4


WRONG = """
stories:
  - story: wrong action
    steps:
      - user: |
          안녕하세요
        intent: greet
      - action: utter_goodbye
  - story: wrong intent
    steps:
      - user: |
          bye
        intent: greet
      - action: utter_welcome
  - story: wrong entity
    steps:
      - user: |
          [italian](cuisine) food please
        intent: inform
  - story: the form rejects before chitchat
    steps:
      - intent: book_table
      - action: booking_form
      - active_loop: booking_form
      - intent: chitchat
      - action: utter_chitchat
      - action: booking_form
"""


def test_differences_are_recorded(nlu_agent: Agent, tmp_path: Path) -> None:
    results = {
        r.story.name: r
        for r in run_story_tests(nlu_agent, stories_from_yaml(WRONG, "tests/test_x.yml"))
    }
    wrong_action = results["wrong action"]
    assert not wrong_action.passed
    # the story goes on with its own events: after the unexpected utter_goodbye nothing matches
    assert [s.predicted for s in wrong_action.steps if s.predicted] == [
        "utter_welcome",
        "action_default_fallback",
    ]
    assert wrong_action.action_targets == ["utter_goodbye", "action_listen"]
    assert wrong_action.action_predictions == ["utter_welcome", "action_default_fallback"]
    wrong_intent = results["wrong intent"]
    assert not wrong_intent.passed
    assert wrong_intent.intent_predictions == ["goodbye"] and wrong_intent.intent_targets == [
        "greet"
    ]
    assert [s.predicted for s in wrong_intent.steps if s.predicted] == ["goodbye: bye"]
    assert not results["wrong entity"].passed
    assert results["the form rejects before chitchat"].passed  # rejection is emulated

    out = tmp_path / "results"
    report = write_story_results(list(results.values()), out)
    assert report["conversation_accuracy"]["correct"] == 1
    saved = json.loads((out / "story_report.json").read_text(encoding="utf-8"))
    assert saved["conversation_accuracy"]["total"] == 4
    failed = (out / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert "  - action: utter_goodbye  # predicted: utter_welcome" in failed
    assert yaml.safe_load(failed)["stories"][0]["story"] == "wrong action (tests/test_x.yml)"
    passed = yaml.safe_load((out / "successful_test_stories.yml").read_text(encoding="utf-8"))
    assert [s["story"] for s in passed["stories"]] == [
        "the form rejects before chitchat (tests/test_x.yml)"
    ]


def test_rules_are_not_test_stories(nlu_agent: Agent) -> None:
    rules = stories_from_yaml(
        "rules:\n  - rule: r\n    steps:\n      - intent: greet\n      - action: utter_welcome\n"
    )
    assert run_story_tests(nlu_agent, rules) == []


def test_annotated_entities_in_failed_stories(nlu_agent: Agent) -> None:
    text = stories_yaml(run_story_tests(nlu_agent, stories_from_yaml(WRONG))[2:3])
    assert "[italian](cuisine) food please" in text
    assert stories_yaml([]) == 'version: "3.1"\nstories: []\n'
