"""Response selection for a retrieval intent: how often ``response_selector`` picks the right
``faq/...`` key, beside the intent classifier and TF-IDF + LinearSVC on the same keys.

    python -m tests.benchmarks.bench_response_selector [--dataset clinc150 parakqc]

Each data set's labels become the keys of one retrieval intent: CLINC150's 150 in-scope intents
(train+val to train, in-scope test to report; ``faq/<intent>``) and paraKQC's 1,000 groups of
ten paraphrases (first 7 of each group train, last 3 test; ``faq/group_NNNN``), each key with a
response of its own. The pipeline is the intent benchmarks' (``bench_nlu.INTENT_SETS``, word
``min_df`` 2 on CLINC150 as there; the Korean tokenizer on paraKQC) with ``intent_classifier``
and ``response_selector`` at the end: every message's intent is ``faq`` (the only one), so the
score is the selector's alone. Same-run references on the same split and features: the intent
classifier trained on the keys as intents (what ``bench_nlu`` and ``bench_korean_nlu`` report),
and TF-IDF (word 1-2, char_wb 2-5) + LinearSVC. Prints Markdown; asserts nothing; a data set
that is absent is skipped.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from assistant.shared import Domain, Message, TrainingData, TrainingExample
from nlu import IntentClassifier, ResponseSelector
from tests.benchmarks.bench_nlu import (
    Spec,
    accuracy,
    build,
    intent_sets,
    predict_ours,
    table,
    tfidf_svm,
    train_ours,
)

RETRIEVAL_INTENT = "faq"


def as_retrieval(data: TrainingData) -> TrainingData:
    """Every example labelled ``faq/<its intent>``, each key answered by a response of its own."""
    examples = [TrainingExample(e.text, f"{RETRIEVAL_INTENT}/{e.intent}") for e in data.examples]
    responses = {f"utter_{e.intent}": [f"the answer to {e.intent}"] for e in examples}
    return TrainingData(examples=examples, responses=responses, language=data.language)


def selector_spec(spec: Sequence[Spec]) -> list[Spec]:
    """The intent pipeline with a response selector after its intent classifier."""
    return [*spec, (ResponseSelector, {"retrieval_intent": RETRIEVAL_INTENT})]


def selected(spec: Sequence[Spec], train: TrainingData, test: TrainingData) -> tuple[float, float]:
    """(accuracy of the selected keys on ``test``, training seconds)."""
    started = time.perf_counter()
    interpreter = build(spec)
    interpreter.train(train, Domain())
    seconds = time.perf_counter() - started
    messages = interpreter.process([Message(text=e.text) for e in test.examples])
    keys = [
        found.intent_response_key if (found := m.retrieval.get(RETRIEVAL_INTENT)) else ""
        for m in messages
    ]
    return accuracy([e.intent for e in test.examples], keys), seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", nargs="*", default=["clinc150", "parakqc"])
    args = parser.parse_args(argv)
    print("# Response selection: one retrieval intent whose keys are a data set's labels\n")
    rows = []
    for name, train, test, spec in intent_sets(args.dataset):
        gold = [e.intent for e in test.examples]
        assert spec[-1][0] is IntentClassifier
        score, seconds = selected(selector_spec(spec), as_retrieval(train), as_retrieval(test))
        keys = len(set(gold))
        rows.append([name, keys, len(gold), "ours: response_selector", score, seconds])
        interpreter, seconds = train_ours(spec, train)
        score = accuracy(gold, predict_ours(interpreter, test).intents)
        rows.append(["", "", "", "reference: intent_classifier on the keys", score, seconds])
        baseline, seconds = tfidf_svm(train, test)
        score = accuracy(gold, baseline.intents)
        rows.append(["", "", "", "baseline: TF-IDF + LinearSVC", score, seconds])
    header = ["data set", "keys", "test messages", "system", "accuracy", "train s"]
    print(table(header, rows))


if __name__ == "__main__":
    main()
