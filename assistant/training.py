"""``assistant train``: build each part of a model, reusing parts whose inputs did not change."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.errors import Problem, TrainingDataError
from assistant.importers.project import Project
from assistant.model import (
    FORMAT_VERSION,
    MANIFEST,
    component_entries,
    fingerprint,
    latest_model,
    pack,
    read_manifest,
    save_domain,
    unpack,
)
from assistant.policies import DialogueData
from assistant.registry import (
    POLICIES,
    create,
    resolve_pipeline,
    resolve_policies,
    train_pipeline,
)
from assistant.story_graph import build_stories

Progress = Callable[[str], None]


@dataclass
class TrainResult:
    path: Path
    trained: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # contradictions, warnings
    seconds: float = 0.0


def _nlu_fingerprint(project: Project, entries: list[dict[str, Any]]) -> str | None:
    if not project.nlu.examples:
        return None
    data = project.nlu
    return fingerprint(
        "nlu",
        __version__,
        project.config.language,
        entries,
        data.examples,
        data.synonyms,
        data.regexes,
        data.lookups,
        data.responses,
    )


def _core_fingerprint(project: Project, entries: list[dict[str, Any]]) -> str:
    return fingerprint("core", __version__, entries, project.domain, project.stories)


def _previous(out_dir: Path) -> tuple[Path, dict[str, Any]] | None:
    archive = latest_model(out_dir) if out_dir.exists() else None
    if archive is None:
        return None
    try:
        directory = unpack(archive)
        return directory, read_manifest(directory, archive)
    except Exception:  # an unreadable old model is simply not reused
        return None


def _reusable(
    previous: tuple[Path, dict[str, Any]] | None,
    part: str,
    fp: str | None,
    entries: list[dict[str, Any]],
    parts: tuple[str, ...],
) -> tuple[list[dict[str, Any]], str | None] | None:
    """The previous archive's (entries, fingerprint) of ``part`` when it can be copied instead
    of trained: its inputs are unchanged, or this run was not asked to train it."""
    if previous is None:
        return None
    manifest = previous[1]
    old_entries = manifest.get("pipeline" if part == "nlu" else "policies")
    old_fp = manifest.get("fingerprint", {}).get(part)
    if not old_entries:
        return None
    if (old_fp == fp and old_entries == entries) or part not in parts:
        return old_entries, old_fp
    return None


def _copy_part(source: Path, target: Path, entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        shutil.copytree(source / entry["dir"], target / entry["dir"])


def train(
    project: Project,
    out_dir: Path,
    parts: tuple[str, ...] = ("nlu", "core"),
    force: bool = False,
    progress: Progress | None = None,
) -> TrainResult:
    say = progress or (lambda _msg: None)
    started = time.perf_counter()
    pipeline = resolve_pipeline(project.config.pipeline, project.config.language)
    policies = resolve_policies(project.config.policies)
    nlu_entries = component_entries(pipeline, "nlu")
    core_entries = component_entries(policies, "core")
    fp = {
        "nlu": _nlu_fingerprint(project, nlu_entries),
        "core": _core_fingerprint(project, core_entries),
    }
    previous = None if force else _previous(out_dir)
    work = Path(tempfile.mkdtemp(prefix="assistant-train-"))
    result = TrainResult(path=work)
    try:
        # ---- NLU ----
        reused = _reusable(previous, "nlu", fp["nlu"], nlu_entries, parts)
        if fp["nlu"] is None:
            say("nlu: no NLU training data; skipping")
            nlu_entries = []
        elif reused is not None and previous is not None:
            nlu_entries, fp["nlu"] = reused
            _copy_part(previous[0], work, nlu_entries)
            result.reused.append("nlu")
            say("nlu: reused from the last model")
        else:
            examples = len(project.nlu.examples)
            say(f"nlu: training {len(pipeline)} components on {examples} examples")
            interpreter = train_pipeline(
                pipeline, project.nlu, project.domain, on_progress=lambda m: say(f"nlu: {m}")
            )
            for component, entry in zip(interpreter.components, nlu_entries, strict=True):
                component.persist(work / entry["dir"])
            result.trained.append("nlu")
        # ---- core ----
        reused = _reusable(previous, "core", fp["core"], core_entries, parts)
        if reused is not None and previous is not None:
            core_entries, fp["core"] = reused
            _copy_part(previous[0], work, core_entries)
            result.reused.append("core")
            say("core: reused from the last model")
        else:
            stories = build_stories(project.stories)
            data = DialogueData(stories, project.domain)
            for item, entry in zip(policies, core_entries, strict=True):
                policy = create(item, POLICIES)
                say(f"core: training {item.name} on {len(stories)} stories and rules")
                policy.train(data, project.domain)
                result.problems += getattr(policy, "problems", [])
                policy.persist(work / entry["dir"])
            result.trained.append("core")
        save_domain(project.domain, work)
        manifest = {
            "version": __version__,
            "format": FORMAT_VERSION,
            "trained_at": time.time(),
            "language": project.config.language,
            "fingerprint": fp,
            "pipeline": nlu_entries,
            "policies": core_entries,
            "contradictions": [str(p) for p in result.problems],
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        result.path = pack(work, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


__all__ = ["TrainResult", "TrainingDataError", "train"]
