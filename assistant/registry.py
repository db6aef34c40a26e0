"""Every component ``config.yml`` can name, in one table, and the Rasa names we honour.

Our own names (``intent_classifier``) take our options strictly: an unknown key is a
``ConfigError`` with file and line. Rasa's names (``DIETClassifier``) map to ours with a one-line
notice; their many hyperparameters are not ours, so only the options listed here carry over. A
component we cannot honour offline (spaCy models, Duckling, ConveRT) is skipped with a warning.
A user's own component is named by import path (``my_project.components.MyTokenizer``).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.component import UnknownOptionError
from assistant.config import ComponentSpec
from assistant.errors import ConfigError, Problem
from assistant.policies import BUILTIN_POLICIES
from assistant.shared.domain import Domain
from assistant.shared.training_data import SourceLocation, TrainingData
from nlu import BUILTIN_COMPONENTS, Interpreter, NLUError, NLUTrainingError

logger = logging.getLogger(__name__)

NLU_COMPONENTS: dict[str, type[Any]] = {cls.name: cls for cls in BUILTIN_COMPONENTS}
POLICIES: dict[str, type[Any]] = {cls.name: cls for cls in BUILTIN_POLICIES}


@dataclass(frozen=True)
class RasaMapping:
    targets: tuple[str, ...]
    keep: tuple[str, ...] = ()  # Rasa options that mean the same for us


_TOKENIZER = RasaMapping(("whitespace_tokenizer",))
_DUCKLING = RasaMapping(
    ("builtin_entity_extractor",), ("dimensions", "url", "locale", "timezone", "timeout")
)
RASA_PIPELINE: dict[str, RasaMapping] = {
    "WhitespaceTokenizer": _TOKENIZER,
    "SpacyTokenizer": _TOKENIZER,
    "MitieTokenizer": _TOKENIZER,
    "JiebaTokenizer": _TOKENIZER,
    "ConveRTTokenizer": _TOKENIZER,
    "LanguageModelTokenizer": _TOKENIZER,
    "HFTransformersNLP": RasaMapping(()),
    "CountVectorsFeaturizer": RasaMapping(
        ("count_vectors_featurizer",), ("analyzer", "min_ngram", "max_ngram", "lowercase")
    ),
    "RegexFeaturizer": RasaMapping(("regex_featurizer",)),
    "LexicalSyntacticFeaturizer": RasaMapping(()),
    "DIETClassifier": RasaMapping(("intent_classifier", "entity_extractor")),
    "SklearnIntentClassifier": RasaMapping(("intent_classifier",)),
    "LogisticRegressionClassifier": RasaMapping(("intent_classifier",)),
    "KeywordIntentClassifier": RasaMapping(("intent_classifier",)),
    "MitieIntentClassifier": RasaMapping(("intent_classifier",)),
    "SparseNaiveBayesIntentClassifier": RasaMapping(("intent_classifier",)),
    "CRFEntityExtractor": RasaMapping(("entity_extractor",)),
    "RegexEntityExtractor": RasaMapping(
        ("regex_entity_extractor",),
        ("use_lookup_tables", "use_regexes", "use_word_boundaries", "case_sensitive"),
    ),
    "EntitySynonymMapper": RasaMapping(("entity_synonym_mapper",)),
    # Duckling's common dimensions, read offline (no server): see nlu/builtin_entity_extractor.py
    "DucklingEntityExtractor": _DUCKLING,
    "DucklingHTTPExtractor": _DUCKLING,
    "ResponseSelector": RasaMapping(("response_selector",), ("retrieval_intent",)),
    "FallbackClassifier": RasaMapping(
        ("fallback_classifier",), ("threshold", "ambiguity_threshold")
    ),
}
RASA_UNAVAILABLE = {
    "SpacyNLP": "needs a spaCy language model",
    "SpacyFeaturizer": "needs a spaCy language model",
    "SpacyEntityExtractor": "needs a spaCy language model",
    "MitieNLP": "needs a MITIE model",
    "MitieFeaturizer": "needs a MITIE model",
    "MitieEntityExtractor": "needs a MITIE model",
    "ConveRTFeaturizer": "downloads the ConveRT model",
    "LanguageModelFeaturizer": "downloads a language model",
}
RASA_POLICIES: dict[str, RasaMapping] = {
    "RulePolicy": RasaMapping(
        ("rule_policy",),
        (
            "core_fallback_threshold",
            "core_fallback_action_name",
            "enable_fallback_prediction",
            "restrict_rules",
            "check_for_contradictions",
        ),
    ),
    "MemoizationPolicy": RasaMapping(("memoization_policy",), ("max_history",)),
    "AugmentedMemoizationPolicy": RasaMapping(("augmented_memoization_policy",), ("max_history",)),
    # a learned policy comes later; until then TED's place is taken by augmented memoization
    "TEDPolicy": RasaMapping(("augmented_memoization_policy",), ("max_history",)),
    "UnexpecTEDIntentPolicy": RasaMapping(()),
    "FormPolicy": RasaMapping(("rule_policy",)),
    "MappingPolicy": RasaMapping(("rule_policy",)),
    "FallbackPolicy": RasaMapping(("rule_policy",)),
    "TwoStageFallbackPolicy": RasaMapping(("rule_policy",)),
}

DEFAULT_PIPELINE: tuple[tuple[str, dict[str, Any]], ...] = (
    ("whitespace_tokenizer", {}),
    ("regex_featurizer", {}),
    ("count_vectors_featurizer", {"analyzer": "word"}),
    ("count_vectors_featurizer", {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4}),
    ("intent_classifier", {}),
    ("entity_extractor", {}),
    ("entity_synonym_mapper", {}),
    ("response_selector", {}),
    ("fallback_classifier", {"threshold": 0.3, "ambiguity_threshold": 0.1}),
)
DEFAULT_POLICIES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("memoization_policy", {"max_history": 5}),
    ("augmented_memoization_policy", {"max_history": 5}),
    ("rule_policy", {}),
)


@dataclass(frozen=True)
class ResolvedComponent:
    """A component ready to build: our name (or an import path), its options, where it came from."""

    name: str
    options: dict[str, Any]
    source: SourceLocation | None = None


def _import(path: str, source: SourceLocation | None) -> type[Any]:
    module_name, _, attr = path.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
    except (ImportError, AttributeError, ValueError) as err:
        raise _error(source, f"cannot import component '{path}': {err}") from err


def _importable(path: str) -> bool:
    module_name = path.rpartition(".")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except (ImportError, ValueError):
        return False


def _error(source: SourceLocation | None, message: str) -> ConfigError:
    return ConfigError(
        Problem(source.path if source else "config.yml", source.line if source else None, message)
    )


def _resolve(
    specs: tuple[ComponentSpec, ...],
    ours: dict[str, type[Any]],
    rasa: dict[str, RasaMapping],
    kind: str,
) -> list[ResolvedComponent]:
    out: list[ResolvedComponent] = []
    problems: list[Problem] = []
    for spec in specs:
        short = spec.name.rsplit(".", 1)[-1]
        if "." in spec.name and short in rasa and not _importable(spec.name):
            logger.warning(
                "%s: '%s' is not installed; running it as Rasa's %s", spec.source, spec.name, short
            )
            spec = ComponentSpec(short, spec.options, spec.source)
        if spec.name in ours or "." in spec.name:
            out.append(ResolvedComponent(spec.name, dict(spec.options), spec.source))
        elif spec.name in rasa:
            mapping = rasa[spec.name]
            kept = {k: v for k, v in spec.options.items() if k in mapping.keep}
            if spec.name == "DIETClassifier":
                targets = tuple(
                    t
                    for t in mapping.targets
                    if spec.options.get(
                        {
                            "intent_classifier": "intent_classification",
                            "entity_extractor": "entity_recognition",
                        }[t],
                        True,
                    )
                )
            else:
                targets = mapping.targets
            logger.info(
                "%s: Rasa's %s runs as %s",
                spec.source,
                spec.name,
                ", ".join(targets) or "nothing (not needed)",
            )
            out += [ResolvedComponent(t, dict(kept), spec.source) for t in targets]
        elif spec.name in RASA_UNAVAILABLE:
            logger.warning(
                "%s: skipping %s: it %s, which is not available offline",
                spec.source,
                spec.name,
                RASA_UNAVAILABLE[spec.name],
            )
        else:
            known = ", ".join(sorted(ours))
            problems.append(
                Problem(
                    spec.source.path,
                    spec.source.line,
                    f"unknown {kind} '{spec.name}'; known: {known} "
                    "(or a Rasa name, or an import path)",
                )
            )
    if problems:
        raise ConfigError(problems)
    return _dedupe(out)


def _dedupe(items: list[ResolvedComponent]) -> list[ResolvedComponent]:
    """Mapped Rasa names may repeat one of ours (FormPolicy + RulePolicy): keep the first."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = (
            item.name
            if item.name
            in (
                "rule_policy",
                "augmented_memoization_policy",
                "intent_classifier",
                "entity_extractor",
                "whitespace_tokenizer",
                "entity_synonym_mapper",
            )
            else None
        )
        if key is not None and key in seen:
            continue
        if key:
            seen.add(key)
        out.append(item)
    return out


TOKENIZERS = ("whitespace_tokenizer", "korean_tokenizer")


def resolve_pipeline(
    specs: tuple[ComponentSpec, ...], language: str = "en"
) -> list[ResolvedComponent]:
    """Our components for ``config.yml``'s pipeline; the default one when it is empty
    (with Korean morphemes for ``language: ko``)."""
    if not specs:
        items = [ResolvedComponent(n, dict(o)) for n, o in DEFAULT_PIPELINE]
        if language == "ko":
            items[0] = ResolvedComponent("korean_tokenizer", {})
        return items
    items = _resolve(specs, NLU_COMPONENTS, RASA_PIPELINE, "component")
    names = [i.name for i in items]
    source = specs[0].source
    if not set(TOKENIZERS) & set(names) and not any("." in n for n in names):
        logger.warning(
            "%s: the pipeline has no tokenizer left; adding whitespace_tokenizer", source
        )
        items.insert(0, ResolvedComponent("whitespace_tokenizer", {}, source))
    featurizers = {"count_vectors_featurizer", "regex_featurizer"}
    learners = {"intent_classifier", "entity_extractor", "response_selector"}
    if learners & set(names) and not (
        "count_vectors_featurizer" in names or any("." in n for n in names)
    ):
        logger.warning(
            "%s: no featurizer left after skipping unavailable ones; adding word and "
            "character n-gram featurizers",
            source,
        )
        at = 1 + max(
            (i for i, it in enumerate(items) if it.name in featurizers | set(TOKENIZERS)), default=0
        )
        items[at:at] = [
            ResolvedComponent("count_vectors_featurizer", {"analyzer": "word"}, source),
            ResolvedComponent(
                "count_vectors_featurizer",
                {"analyzer": "char_wb", "min_ngram": 1, "max_ngram": 4},
                source,
            ),
        ]
    return items


def resolve_policies(specs: tuple[ComponentSpec, ...]) -> list[ResolvedComponent]:
    if not specs:
        return [ResolvedComponent(n, dict(o)) for n, o in DEFAULT_POLICIES]
    items = _resolve(specs, POLICIES, RASA_POLICIES, "policy")
    if not any(i.name == "rule_policy" for i in items):
        items.append(ResolvedComponent("rule_policy", {}, specs[-1].source))  # forms, defaults
    return items


def component_class(item: ResolvedComponent, table: Mapping[str, type[Any]]) -> type[Any]:
    if item.name in table:
        return table[item.name]
    return _import(item.name, item.source)


def component_error(item: ResolvedComponent, err: Exception) -> ConfigError:
    """``err`` (an option, or a pipeline that cannot train) at the component's config.yml line."""
    message = str(err)
    if not message.startswith(item.name):
        message = f"{item.name}: {message}"
    return _error(item.source, message)


def create(item: ResolvedComponent, table: Mapping[str, type[Any]]) -> Any:
    cls = component_class(item, table)
    try:
        return cls.create(item.options)
    except (NLUError, UnknownOptionError, TypeError, ValueError) as err:
        raise component_error(item, err) from err


def train_pipeline(
    pipeline: Sequence[ResolvedComponent],
    data: TrainingData,
    domain: Domain,
    on_progress: Callable[[str], None] | None = None,
) -> Interpreter:
    """The pipeline's components, built and trained on ``data``. A component that cannot
    train as configured (``novelty_weight`` without sentence embeddings) is a ``ConfigError``
    at its own line of config.yml."""
    interpreter = Interpreter([create(item, NLU_COMPONENTS) for item in pipeline])
    try:
        interpreter.train(data, domain, on_progress)
    except NLUTrainingError as err:
        raise component_error(pipeline[err.index], err.error) from err
    return interpreter


def load(item: ResolvedComponent, table: Mapping[str, type[Any]], directory: Any) -> Any:
    return component_class(item, table).load(directory, item.options)
