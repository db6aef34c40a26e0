"""Cheap consistency checks of the starter projects with plain ``yaml.safe_load``.

The real readers (with file and line in every error) are tested in ``tests/importers``; this
only makes sure the shipped YAML agrees with itself: every intent used is declared, every
response or form a story, rule or test story runs exists in the domain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.shared import domain as shared_domain

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "assistant" / "templates" / "init"
DEFAULT_INTENTS = set(shared_domain.DEFAULT_INTENTS)
DEFAULT_ACTIONS = set(shared_domain.DEFAULT_ACTIONS)

PROJECTS = {
    "starter": (ROOT, ["data/stories.yml", "data/rules.yml", "tests/stories/test_stories.yml"]),
    "init-template": (TEMPLATE, ["data/stories.yml", "data/rules.yml", "tests/test_stories.yml"]),
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _names(entries: list[Any]) -> set[str]:
    return {next(iter(e)) if isinstance(e, dict) else str(e) for e in entries or []}


def _steps(root: Path, files: list[str]) -> list[tuple[str, dict[str, Any]]]:
    steps = []
    for name in files:
        doc = _load(root / name)
        for block in (doc.get("stories") or []) + (doc.get("rules") or []):
            for step in (block.get("condition") or []) + (block.get("steps") or []):
                steps.append((f"{name}: {block.get('story') or block.get('rule')}", step))
    return steps


@pytest.mark.parametrize("project", sorted(PROJECTS))
def test_stories_and_rules_use_only_what_the_domain_declares(project: str) -> None:
    root, files = PROJECTS[project]
    domain = _load(root / "domain.yml")
    intents = _names(domain.get("intents", [])) | DEFAULT_INTENTS
    responses = set(domain.get("responses") or {})
    retrieval = {r.split("/")[0] for r in responses if "/" in r}
    actions = (
        DEFAULT_ACTIONS
        | {r for r in responses if "/" not in r}
        | _names(domain.get("actions", []))
        | set(domain.get("forms") or {})
        | retrieval
    )
    problems = []
    for where, step in _steps(root, files):
        intent = step.get("intent")
        if intent is not None and intent.split("/")[0] not in intents:
            problems.append(f"{where}: intent {intent!r} not in domain.yml")
        if intent is not None and "/" in intent and f"utter_{intent}" not in responses:
            problems.append(f"{where}: no response utter_{intent}")
        action = step.get("action")
        if action is not None and action not in actions:
            problems.append(f"{where}: action {action!r} not in domain.yml")
        loop = step.get("active_loop")
        if loop is not None and loop not in (domain.get("forms") or {}):
            problems.append(f"{where}: form {loop!r} not in domain.yml")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("project", sorted(PROJECTS))
def test_every_nlu_intent_is_declared(project: str) -> None:
    root, _ = PROJECTS[project]
    domain = _load(root / "domain.yml")
    intents = _names(domain.get("intents", [])) | DEFAULT_INTENTS
    responses = set(domain.get("responses") or {})
    undeclared = []
    for item in _load(root / "data" / "nlu.yml")["nlu"]:
        if "intent" not in item:
            continue
        name = item["intent"]
        if name.split("/")[0] not in intents:
            undeclared.append(name)
        if "/" in name and f"utter_{name}" not in responses:
            undeclared.append(f"{name} (no utter_{name})")
    assert not undeclared


def test_starter_form_asks_for_every_required_slot() -> None:
    domain = _load(ROOT / "domain.yml")
    responses = set(domain["responses"])
    for form in domain["forms"].values():
        for slot in form["required_slots"]:
            assert slot in domain["slots"]
            assert f"utter_ask_{slot}" in responses


def test_starter_has_fifteen_examples_per_intent_in_both_languages() -> None:
    counts: dict[str, list[str]] = {}
    for item in _load(ROOT / "data" / "nlu.yml")["nlu"]:
        if "intent" in item:
            lines = [ln[2:] for ln in item["examples"].splitlines() if ln.startswith("- ")]
            counts.setdefault(item["intent"].split("/")[0], []).extend(lines)
    for intent, examples in counts.items():
        assert len(examples) >= 15, intent
        assert any(any("\uac00" <= ch <= "\ud7a3" for ch in ex) for ex in examples), intent
        assert any(ex[:1].isascii() and ex[:1].isalpha() for ex in examples), intent


def test_test_story_texts_are_held_out_of_the_training_data() -> None:
    """Test stories check generalisation: none of their texts is a training example."""
    import re

    from assistant.importers.project import load_project

    def norm(text: str) -> str:
        return re.sub(r"[^\w]+", " ", text).strip().lower()

    project = load_project(ROOT)
    trained = {norm(e.text) for e in project.nlu.examples}
    tested = [
        e.text
        for block in project.test_stories
        for e in block.steps
        if getattr(e, "text", None) and not str(e.text).startswith("/")
    ]
    assert tested, "no test-story texts found"
    leaked = [t for t in tested if norm(t) in trained]
    assert leaked == []
