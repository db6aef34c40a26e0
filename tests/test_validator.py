from __future__ import annotations

from pathlib import Path

from assistant.importers.project import load_project
from assistant.validator import validate_project


def test_validator_finds_unknown_names(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "domain.yml").write_text(
        "intents:\n- greet\n- unused\nresponses:\n  utter_greet:\n  - text: hi\n", encoding="utf-8"
    )
    (tmp_path / "data" / "nlu.yml").write_text(
        "nlu:\n- intent: greet\n  examples: |\n    - hi\n- intent: bye\n  examples: |\n"
        "    - hi\n    - [Seoul](city)\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "stories.yml").write_text(
        "stories:\n- story: s\n  steps:\n  - intent: greet\n  - action: utter_nope\n"
        "  - slot_was_set:\n    - size: big\n",
        encoding="utf-8",
    )
    found = {
        (Path(p.path).name, p.line, p.severity): p.message
        for p in validate_project(load_project(tmp_path))
    }
    assert "intent 'bye'" in found[("nlu.yml", 7, "error")]
    assert "entity 'city'" in found[("nlu.yml", 8, "error")]
    assert "action 'utter_nope'" in found[("stories.yml", 5, "error")]
    assert "slot 'size'" in found[("stories.yml", 6, "error")]
    assert "intent 'unused'" in found[("domain.yml", None, "warning")]
    assert "also an example of intent 'greet'" in found[("nlu.yml", 7, "warning")]
