"""Model archives: train the tiny project, load it, same answers; broken archives fail clearly."""

from __future__ import annotations

import dataclasses
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from dialogue_helpers import TINY_PROJECT

from assistant.agent import Agent
from assistant.errors import ConfigError, ModelLoadError
from assistant.importers.project import Project, load_project
from assistant.model import FORMAT_VERSION, MANIFEST, LoadedModel, latest_model, load_model
from assistant.training import train
from assistant.user_input import UserMessage

TEXTS = ["hello", "I want to book a table", "korean", "날씨 어때", "안녕히 계세요"]


def test_manifest_of_a_trained_model(tiny_model: LoadedModel, tiny_project: Project) -> None:
    manifest = tiny_model.manifest
    assert manifest["format"] == FORMAT_VERSION and tiny_model.language == "ko"
    assert [e["name"] for e in manifest["pipeline"]] == [
        "whitespace_tokenizer",
        "count_vectors_featurizer",
        "count_vectors_featurizer",
        "intent_classifier",
        "entity_extractor",
    ]
    assert [e["name"] for e in manifest["policies"]] == ["memoization_policy", "rule_policy"]
    assert manifest["contradictions"] == []
    assert tiny_model.domain == tiny_project.domain


def test_loading_twice_gives_the_same_answers(
    tiny_model: LoadedModel, tiny_model_path: Path
) -> None:
    again = load_model(tiny_model_path)
    assert tiny_model.interpreter is not None and again.interpreter is not None
    for text in TEXTS:
        assert (
            tiny_model.interpreter.parse(text).parse_data()
            == again.interpreter.parse(text).parse_data()
        )
    assert tiny_model.interpreter.parse("I want to book a table").intent.name == "book_table"  # type: ignore[union-attr]
    answers = []
    for loaded in (tiny_model, again):
        agent = Agent(loaded.domain, loaded.interpreter, loaded.ensemble, nlg_seed=0)
        answers.append([[e.text for e in agent.handle(UserMessage(t))] for t in TEXTS])
    assert answers[0] == answers[1]


def test_a_folder_loads_its_newest_archive(tiny_model_dir: Path, tiny_model_path: Path) -> None:
    assert latest_model(tiny_model_dir) == tiny_model_path
    assert load_model(tiny_model_dir).path == tiny_model_path


def test_no_model(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="no trained model found"):
        load_model(tmp_path)


def test_a_corrupt_archive_names_the_file(tmp_path: Path, tiny_model_path: Path) -> None:
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(tiny_model_path.read_bytes()[:200])
    with pytest.raises(ModelLoadError, match=str(broken)):
        load_model(broken)
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not a tar file at all")
    with pytest.raises(ModelLoadError, match=str(garbage)):
        load_model(garbage)


def _repack(source: Path, target: Path, edit: object) -> None:
    work = target.parent / "unpacked"
    with tarfile.open(source, "r:gz") as tar:
        tar.extractall(work, filter="data")
    edit(work)  # type: ignore[operator]
    with tarfile.open(target, "w:gz") as tar:
        for item in sorted(work.iterdir()):
            tar.add(item, arcname=item.name)
    shutil.rmtree(work)


def test_a_wrong_format_number_names_the_file(tmp_path: Path, tiny_model_path: Path) -> None:
    def bump(work: Path) -> None:
        manifest = json.loads((work / MANIFEST).read_text())
        manifest["format"] = FORMAT_VERSION + 1
        (work / MANIFEST).write_text(json.dumps(manifest))

    future = tmp_path / "future.tar.gz"
    _repack(tiny_model_path, future, bump)
    with pytest.raises(
        ModelLoadError, match=rf"{future}: archive format {FORMAT_VERSION + 1}.*assistant train"
    ):
        load_model(future)


def test_a_missing_part_names_the_file(tmp_path: Path, tiny_model_path: Path) -> None:
    partial = tmp_path / "partial.tar.gz"
    _repack(tiny_model_path, partial, lambda work: shutil.rmtree(work / "core"))
    with pytest.raises(ModelLoadError, match=str(partial)):
        load_model(partial)


def test_unchanged_parts_are_reused(
    tmp_path: Path, tiny_model_dir: Path, tiny_project: Project
) -> None:
    out = tmp_path / "models"
    shutil.copytree(tiny_model_dir, out)
    again = train(tiny_project, out)
    assert (again.trained, again.reused) == ([], ["nlu", "core"])
    # new stories: the dialogue part is trained again, NLU is reused
    changed = dataclasses.replace(tiny_project, stories=tiny_project.stories[1:])
    third = train(changed, out)
    assert (third.trained, third.reused) == (["core"], ["nlu"])
    fingerprints = [load_model(r.path).manifest["fingerprint"] for r in (again, third)]
    assert fingerprints[0]["nlu"] == fingerprints[1]["nlu"]
    assert fingerprints[0]["core"] != fingerprints[1]["core"]


def test_a_pipeline_that_cannot_train_names_the_config_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(TINY_PROJECT, project)
    config = project / "config.yml"
    text = config.read_text("utf-8")
    # intent_name_examples belongs before the tokenizer; here it comes after (line 7)
    config.write_text(
        text.replace(
            "  - name: whitespace_tokenizer\n",
            "  - name: whitespace_tokenizer\n  - name: intent_name_examples\n",
        ),
        "utf-8",
    )
    with pytest.raises(ConfigError) as info:
        train(load_project(project), tmp_path / "models", force=True)
    (problem,) = info.value.problems
    assert (Path(problem.path).name, problem.line) == ("config.yml", 7)
    assert "intent_name_examples must come before the tokenizer" in problem.message
    assert not (tmp_path / "models").exists() or not list((tmp_path / "models").iterdir())
