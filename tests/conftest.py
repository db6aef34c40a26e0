"""Fixtures for the dialogue core: the tiny bilingual project in fixtures/tiny_project/.

Its model is trained once per test session (a few seconds); policies alone are trained from the
project's stories and rules without NLU, and an agent without an interpreter is driven with
``/intent{"entity": "value"}`` messages, so most dialogue tests need no model at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dialogue_helpers import TINY_PROJECT

from assistant.agent import Agent
from assistant.importers.project import Project, load_project
from assistant.model import LoadedModel, load_model
from assistant.policies import DialogueData, MemoizationPolicy, PolicyEnsemble, RulePolicy
from assistant.shared.domain import Domain
from assistant.story_graph import build_stories


@pytest.fixture(scope="session")
def tiny_project() -> Project:
    return load_project(TINY_PROJECT)


@pytest.fixture(scope="session")
def tiny_domain(tiny_project: Project) -> Domain:
    return tiny_project.domain


@pytest.fixture(scope="session")
def tiny_ensemble(tiny_project: Project) -> PolicyEnsemble:
    """The project's memoization and rule policies, trained on its stories and rules."""
    data = DialogueData(build_stories(tiny_project.stories), tiny_project.domain)
    policies = [MemoizationPolicy.create({"max_history": 5}), RulePolicy.create({})]
    for policy in policies:
        policy.train(data, tiny_project.domain)
    return PolicyEnsemble(policies)


@pytest.fixture
def make_agent(tiny_domain: Domain, tiny_ensemble: PolicyEnsemble) -> Callable[..., Agent]:
    """A fresh agent (empty tracker store) without NLU: send it ``/intent{...}`` messages."""

    def make(**kwargs: object) -> Agent:
        kwargs.setdefault("nlg_seed", 0)
        return Agent(tiny_domain, None, tiny_ensemble, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory, tiny_project: Project) -> Path:
    """A folder holding one model archive of the tiny project (trained once per session)."""
    from assistant.training import train

    out = tmp_path_factory.mktemp("models")
    result = train(tiny_project, out, force=True)
    assert result.problems == []
    return out


@pytest.fixture(scope="session")
def tiny_model_path(tiny_model_dir: Path) -> Path:
    (archive,) = sorted(tiny_model_dir.glob("*.tar.gz"))
    return archive


@pytest.fixture(scope="session")
def tiny_model(tiny_model_path: Path) -> LoadedModel:
    return load_model(tiny_model_path)


@pytest.fixture
def nlu_agent(tiny_model: LoadedModel) -> Agent:
    """A fresh agent (empty tracker store) with the trained tiny model: NLU and policies."""
    return Agent(tiny_model.domain, tiny_model.interpreter, tiny_model.ensemble, nlg_seed=0)
