"""Plain data types shared by every package: messages, training data, domain, events, stories.

Imports nothing else of ours, so ``nlu``, ``actions`` and ``skills`` can depend on it.
"""

from assistant.shared.domain import (
    Button,
    Domain,
    EntitySpec,
    Form,
    IntentSpec,
    MappingCondition,
    ResponseCondition,
    ResponseVariation,
    SessionConfig,
    Slot,
    SlotMapping,
)
from assistant.shared.message import Entity, IntentPrediction, Message, RetrievalPrediction, Token
from assistant.shared.story import Checkpoint, OrGroup, Story, StoryBlock
from assistant.shared.training_data import (
    LookupTable,
    RegexFeature,
    SourceLocation,
    TrainingData,
    TrainingExample,
)

__all__ = [
    "Button",
    "Checkpoint",
    "Domain",
    "Entity",
    "EntitySpec",
    "Form",
    "IntentPrediction",
    "IntentSpec",
    "LookupTable",
    "MappingCondition",
    "Message",
    "OrGroup",
    "RegexFeature",
    "ResponseCondition",
    "ResponseVariation",
    "RetrievalPrediction",
    "SessionConfig",
    "Slot",
    "SlotMapping",
    "SourceLocation",
    "Story",
    "StoryBlock",
    "Token",
    "TrainingData",
    "TrainingExample",
]
