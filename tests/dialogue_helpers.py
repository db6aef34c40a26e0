"""Helpers for the dialogue core's tests (imported by them; tests/ is on sys.path).

Kept out of conftest.py: several conftest modules exist under tests/, so ``from conftest import``
would pick whichever was loaded first.
"""

from __future__ import annotations

from pathlib import Path

from assistant.importers.story_reader import parse_stories
from assistant.importers.yaml_loading import parse_yaml
from assistant.shared.story import Story
from assistant.story_graph import build_stories

TINY_PROJECT = Path(__file__).parent / "fixtures" / "tiny_project"


def stories_from_yaml(text: str, path: str = "data/rules.yml") -> list[Story]:
    """Stories and rules written inline in a test, read by the project's own reader."""
    data, problems = parse_yaml(text, path)  # keeps line marks, so problems name file:line
    blocks = parse_stories(data, path, problems)
    assert not problems, problems
    return build_stories(blocks)
