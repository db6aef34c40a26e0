"""Writing story test results as Rasa does: a JSON report and the stories annotated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sklearn.metrics import classification_report

from assistant.shared.events import (
    ActionExecuted,
    ActiveLoop,
    Event,
    SlotSet,
    UserUttered,
)
from assistant.story_test import StoryResult


def story_report(results: list[StoryResult]) -> dict[str, Any]:
    targets = [a for r in results for a in r.action_targets]
    predictions = [a for r in results for a in r.action_predictions]
    report: dict[str, Any] = {}
    if targets:
        report = classification_report(targets, predictions, output_dict=True, zero_division=0)
    correct = sum(r.passed for r in results)
    total = len(results)
    report["conversation_accuracy"] = {
        "accuracy": correct / total if total else 0.0,
        "correct": correct,
        "with_warnings": 0,
        "total": total,
    }
    return report


def _scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _user_step(event: UserUttered) -> list[str]:
    parse = event.parse_data or {}
    intent = parse.get("intent", {}).get("full_retrieval_intent_name") or event.intent
    lines = []
    if intent:
        lines.append(f"  - intent: {intent}")
    if event.text and not event.text.startswith("/"):
        text = _annotated(event)
        prefix = "    " if intent else "  - "
        lines.append(f"{prefix}user: |-")
        lines.append(f"      {text}")
    return lines


def _annotated(event: UserUttered) -> str:
    text = event.text or ""
    out, pos = [], 0
    for ent in sorted(event.entities, key=lambda e: e.start or 0):
        if ent.start is None or ent.end is None or ent.start < pos:
            continue
        surface = text[ent.start : ent.end]
        out.append(text[pos : ent.start])
        extra = {"entity": ent.entity}
        if str(ent.value) != surface:
            extra["value"] = ent.value
        if ent.role:
            extra["role"] = ent.role
        if ent.group:
            extra["group"] = ent.group
        if len(extra) == 1:
            out.append(f"[{surface}]({ent.entity})")
        else:
            out.append(f"[{surface}]{json.dumps(extra, ensure_ascii=False)}")
        pos = ent.end
    out.append(text[pos:])
    return "".join(out)


def _step_lines(event: Event) -> list[str]:
    if isinstance(event, UserUttered):
        return _user_step(event)
    if isinstance(event, ActionExecuted):
        if event.name:
            return [f"  - action: {event.name}"]
        return [f"  - bot: {_scalar(event.action_text)}"]
    if isinstance(event, SlotSet):
        return ["  - slot_was_set:", f"    - {event.name}: {_scalar(event.value)}"]
    if isinstance(event, ActiveLoop):
        return [f"  - active_loop: {event.name if event.name else 'null'}"]
    return []


def stories_yaml(results: list[StoryResult]) -> str:
    lines = ['version: "3.1"', "stories:"]
    if not results:
        return 'version: "3.1"\nstories: []\n'
    for result in results:
        story = result.story
        where = f" ({story.source.path})" if story.source else ""
        lines.append(f"- story: {_scalar(story.name + where)}")
        lines.append("  steps:")
        for step in result.steps:
            step_lines = _step_lines(step.event)
            if not step_lines:
                continue
            if step.predicted is not None:
                step_lines[0] += f"  # predicted: {step.predicted}"
            lines.extend(step_lines)
    return "\n".join(lines) + "\n"


def write_story_results(results: list[StoryResult], out_dir: Path) -> dict[str, Any]:
    out_dir.mkdir(parents=True, exist_ok=True)
    report = story_report(results)
    (out_dir / "story_report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    failed = [r for r in results if not r.passed]
    passed = [r for r in results if r.passed]
    (out_dir / "failed_test_stories.yml").write_text(stories_yaml(failed))
    (out_dir / "successful_test_stories.yml").write_text(stories_yaml(passed))
    return report
