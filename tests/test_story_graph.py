from __future__ import annotations

from pathlib import Path

from assistant.importers.story_reader import read_stories
from assistant.shared.events import ActionExecuted, UserUttered
from assistant.story_graph import build_stories


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "stories.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_checkpoints_and_or_expand(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """stories:
- story: start
  steps:
  - or:
    - intent: greet
    - intent: hello
  - action: utter_greet
  - checkpoint: greeted
- story: a
  steps:
  - checkpoint: greeted
  - intent: bye
  - action: utter_bye
- story: loop
  steps:
  - checkpoint: greeted
  - intent: again
  - checkpoint: greeted
rules:
- rule: r
  steps:
  - intent: bot
  - action: utter_bot
""",
    )
    stories = build_stories(read_stories(path))
    plain = [s for s in stories if not s.is_rule]
    rules = [s for s in stories if s.is_rule]
    assert len(plain) == 4  # 2 alternatives x (bye, again-then-cut-cycle)
    assert plain[0].events == (
        UserUttered(intent="greet"),
        ActionExecuted("utter_greet"),
        UserUttered(intent="bye"),
        ActionExecuted("utter_bye"),
    )
    assert all(len(s.events) == len(s.event_sources) for s in stories)
    assert [src.line for src in plain[0].event_sources if src] == [4, 7, 12, 13]
    assert len(rules) == 1 and rules[0].events[-1] == ActionExecuted("utter_bot")


def test_checkpoint_slot_conditions(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """stories:
- story: s
  steps:
  - intent: x
  - slot_was_set:
    - name: Josh
  - checkpoint: c
- story: josh
  steps:
  - checkpoint: c
    slot_was_set:
    - name: Josh
  - action: utter_josh
- story: nobody
  steps:
  - checkpoint: c
    slot_was_set:
    - name: null
  - action: utter_nobody
""",
    )
    stories = build_stories(read_stories(path))
    assert len(stories) == 1 and stories[0].events[-1] == ActionExecuted("utter_josh")
