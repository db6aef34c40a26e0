"""Load a whole Rasa project: config, domain, NLU, stories, rules and test stories.

Training data may be split across many files and folders; each YAML file is classified by its
top-level keys. Every problem of every file is collected and raised as one
:class:`TrainingDataError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import ProjectConfig, read_config, read_credentials, read_endpoints
from assistant.errors import Problem, TrainingDataError
from assistant.importers.domain_reader import (
    is_domain_data,
    parse_domain,
    read_domain_with_warnings,
)
from assistant.importers.nlu_reader import parse_nlu
from assistant.importers.story_reader import parse_stories
from assistant.importers.yaml_loading import read_yaml
from assistant.shared.domain import Domain
from assistant.shared.story import StoryBlock
from assistant.shared.training_data import TrainingData

YAML_SUFFIXES = (".yml", ".yaml")
TEST_FILE_PREFIX = "test_"


@dataclass
class Project:
    root: Path
    config: ProjectConfig
    domain: Domain
    nlu: TrainingData
    stories: list[StoryBlock] = field(default_factory=list)  # stories and rules from data/
    test_stories: list[StoryBlock] = field(default_factory=list)
    nlu_test_files: list[Path] = field(default_factory=list)
    endpoints: dict[str, Any] = field(default_factory=dict)
    credentials: dict[str, Any] = field(default_factory=dict)
    data_files: list[Path] = field(default_factory=list)
    domain_path: Path | None = None
    test_files: list[Path] = field(default_factory=list)
    # accepted, but worth a look (``rasa data validate`` prints them): file and line each
    warnings: list[Problem] = field(default_factory=list)


def yaml_files(paths: list[Path]) -> list[Path]:
    """Every YAML file of ``paths`` (files as given, folders recursively), sorted, once each."""
    out: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if file.suffix in YAML_SUFFIXES and file.is_file():
                    out.setdefault(file, None)
        elif path.is_file():
            out.setdefault(path, None)
    return list(out)


def is_test_stories_file(path: Path) -> bool:
    return path.name.startswith(TEST_FILE_PREFIX)


def load_project(
    root: Path,
    config: Path | None = None,
    domain: Path | None = None,
    data: list[Path] | None = None,
    tests: list[Path] | None = None,
) -> Project:
    """Read a project folder (paths default to Rasa's layout under ``root``)."""
    root = Path(root)
    problems: list[Problem] = []
    config_path = config or _first(root, "config")
    project_config = read_config(config_path)
    language = project_config.language
    domain_path = domain or _domain_path(root)
    merged_domain = Domain()
    warnings: list[Problem] = []
    if domain_path is not None and domain_path.exists():
        try:
            merged_domain, warnings = read_domain_with_warnings(domain_path)
        except TrainingDataError as err:
            problems.extend(err.problems)
    data_paths = data if data is not None else [root / "data"]
    nlu = TrainingData(language=language)
    stories: list[StoryBlock] = []
    test_stories: list[StoryBlock] = []
    data_files = yaml_files(data_paths)
    for file in data_files:
        parsed = _read(file, problems)
        if not isinstance(parsed, dict):
            continue
        if is_domain_data(parsed) and not ({"nlu", "stories", "rules"} & parsed.keys()):
            part = parse_domain(parsed, str(file))  # a domain part inside data/ (Rasa allows)
            problems.extend(part.problems)
            merged_domain = merged_domain.merge(part.domain)
            continue
        nlu = nlu.merge(parse_nlu(parsed, str(file), problems, language))
        blocks = parse_stories(parsed, str(file), problems)
        (test_stories if is_test_stories_file(file) else stories).extend(blocks)
    if not (domain_path and domain_path.exists()) and (domain or stories or nlu.is_empty):
        # an NLU-only project (NLU data, no stories or rules) needs no domain
        problems.append(
            Problem(str(domain_path or root / "domain.yml"), None, "domain file not found")
        )
    test_paths = tests if tests is not None else [root / "tests", root / "test_stories"]
    nlu_test_files: list[Path] = []
    test_files: list[Path] = []
    for file in yaml_files([p for p in test_paths if p.exists()]):
        in_tests_dir = file.is_relative_to(root / "tests")
        inside = file.relative_to(root).parts if in_tests_dir else ()
        if (
            tests is None
            and in_tests_dir
            and (not is_test_stories_file(file) or "fixtures" in inside)
        ):
            continue  # by default, as Rasa: only test_*.yml files in tests/, never fixtures
        parsed = _read(file, problems)
        if not isinstance(parsed, dict):
            continue
        if "stories" in parsed or "rules" in parsed:
            test_files.append(file)
            test_stories.extend(parse_stories(parsed, str(file), problems))
        elif "nlu" in parsed:
            nlu_test_files.append(file)
    for name, variations in merged_domain.responses.items():
        if "/" in name and name not in nlu.responses:
            nlu.responses[name] = [v.text for v in variations if v.text is not None]
    nlu.language = language
    if problems:
        raise TrainingDataError(problems)
    return Project(
        root=root,
        config=project_config,
        domain=merged_domain,
        nlu=nlu,
        stories=stories,
        test_stories=test_stories,
        nlu_test_files=nlu_test_files,
        endpoints=read_endpoints(_first(root, "endpoints")),
        credentials=read_credentials(_first(root, "credentials")),
        data_files=data_files,
        domain_path=domain_path,
        test_files=test_files,
        warnings=warnings,
    )


def _read(file: Path, problems: list[Problem]) -> Any:
    try:
        parsed, duplicates = read_yaml(file)
    except TrainingDataError as err:
        problems.extend(err.problems)
        return None
    problems.extend(duplicates)
    return parsed


def _first(root: Path, stem: str) -> Path:
    for suffix in YAML_SUFFIXES:
        if (root / f"{stem}{suffix}").exists():
            return root / f"{stem}{suffix}"
    return root / f"{stem}.yml"


def _domain_path(root: Path) -> Path | None:
    for candidate in (root / "domain.yml", root / "domain.yaml", root / "domain"):
        if candidate.exists():
            return candidate
    return None
