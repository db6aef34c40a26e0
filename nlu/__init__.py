"""The NLU pipeline: tokenizer, featurizers, intent classifier, entity extractors, fallback,
response selector, FAQ retriever, and the ``Interpreter`` that runs them in order.

``BUILTIN_COMPONENTS`` lists every component class; the core's registry keys them by ``name``.
"""

from typing import Any

from nlu.builtin_entity_extractor import BuiltinEntityExtractor
from nlu.count_vectors_featurizer import CountVectorsFeaturizer
from nlu.dense_featurizer import DenseFeaturizer
from nlu.entity_extractor import EntityExtractor
from nlu.entity_synonym_mapper import EntitySynonymMapper
from nlu.errors import (
    NLUError,
    NLUModelError,
    NLUOptionsError,
    NLUOptionValueError,
    NLUTrainingError,
)
from nlu.fallback_classifier import FALLBACK_INTENT, FallbackClassifier
from nlu.faq_retriever import FaqRetriever
from nlu.intent_classifier import IntentClassifier
from nlu.intent_name_examples import IntentNameExamples
from nlu.interpreter import Interpreter, PipelineComponent
from nlu.korean_tokenizer import KoreanTokenizer
from nlu.regex_entity_extractor import RegexEntityExtractor
from nlu.regex_featurizer import RegexFeaturizer
from nlu.response_selector import ResponseSelector
from nlu.tokenizer import WhitespaceTokenizer

BUILTIN_COMPONENTS: tuple[type[Any], ...] = (
    IntentNameExamples,
    WhitespaceTokenizer,
    KoreanTokenizer,
    CountVectorsFeaturizer,
    RegexFeaturizer,
    DenseFeaturizer,
    IntentClassifier,
    EntityExtractor,
    RegexEntityExtractor,
    BuiltinEntityExtractor,
    EntitySynonymMapper,
    FallbackClassifier,
    ResponseSelector,
    FaqRetriever,
)

__all__ = [
    "BUILTIN_COMPONENTS",
    "BuiltinEntityExtractor",
    "FALLBACK_INTENT",
    "CountVectorsFeaturizer",
    "DenseFeaturizer",
    "EntityExtractor",
    "EntitySynonymMapper",
    "FallbackClassifier",
    "FaqRetriever",
    "IntentClassifier",
    "IntentNameExamples",
    "Interpreter",
    "KoreanTokenizer",
    "NLUError",
    "NLUModelError",
    "NLUOptionsError",
    "NLUOptionValueError",
    "NLUTrainingError",
    "PipelineComponent",
    "RegexEntityExtractor",
    "RegexFeaturizer",
    "ResponseSelector",
    "WhitespaceTokenizer",
]
