"""Dialogue policies: rules and forms, memoized stories, and the ensemble that picks one."""

from assistant.policies.ensemble import Policy, PolicyEnsemble
from assistant.policies.memoization import AugmentedMemoizationPolicy, MemoizationPolicy
from assistant.policies.policy import DialogueData, PolicyPrediction
from assistant.policies.rule_policy import RulePolicy

BUILTIN_POLICIES = (RulePolicy, MemoizationPolicy, AugmentedMemoizationPolicy)

__all__ = [
    "AugmentedMemoizationPolicy",
    "BUILTIN_POLICIES",
    "DialogueData",
    "MemoizationPolicy",
    "Policy",
    "PolicyEnsemble",
    "PolicyPrediction",
    "RulePolicy",
]
