"""FAQ retrieval at scale through the whole default path: question texts, faq_retriever's
``TfidfEncoder`` (character n-gram TF-IDF projected on singular vectors), the faiss index and the
re-scoring of its nearest questions with the exact TF-IDF cosine.

    python -m tests.benchmarks.bench_faq_text [--sizes 10000,100000,1000000]

``bench_faq`` measures the index alone on random vectors; this one measures what a user's FAQ
costs with the shipped options. Data: real utterances (CLINC150 and banking77 training texts in
English, paraKQC and ko-chatbot-qa questions in Korean, from ../shared/datasets) joined two at a
time into distinct questions ("what is my balance 배달은 언제 와요?"), each its own answer.
Queries: a random half of the words of 1,000 indexed questions, in order, each of whose right
answer is its source. recall@1 with the shipped re-scoring, and with the same index searched
without it (``rows`` dropped: the projection's order, the baseline). Build: ``index_entries``
(TF-IDF fit, SVD, rows, faiss), with the RSS it adds; size: what ``persist`` writes. Latency:
one query a call, p50 and p99 over the 1,000 queries. Prints Markdown; asserts nothing; a data
set that is absent is left out.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from nlu.faq_retriever import FaqEntry, FaqRetriever

from .bench_faq import rss_bytes

DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
QUERIES = 1_000


def utterances() -> list[str]:
    """Every distinct utterance of the four sets that are present."""
    texts: list[str] = []
    clinc = DATASETS / "clinc150" / "data" / "data_full.json"
    if clinc.is_file():
        texts += [t for t, _ in json.loads(clinc.read_text("utf-8"))["train"]]
    banking = DATASETS / "banking77" / "banking_data" / "train.csv"
    if banking.is_file():
        with banking.open(encoding="utf-8") as f:
            texts += [row["text"] for row in csv.DictReader(f)]
    parakqc = DATASETS / "ko-parakqc" / "paraKQC_v1.txt"
    if parakqc.is_file():
        lines = parakqc.read_text("utf-8").splitlines()
        texts += [line.split("\t")[-1] for line in lines if line.strip()]
    chatbot = DATASETS / "ko-chatbot-qa" / "ChatbotData.csv"
    if chatbot.is_file():
        with chatbot.open(encoding="utf-8") as f:
            texts += [row["Q"] for row in csv.DictReader(f)]
    return sorted({t.strip() for t in texts if t.strip()})


def questions(pool: list[str], n: int, rng: np.random.Generator) -> list[str]:
    """``n`` distinct questions, each two utterances of the pool joined."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        pairs = rng.integers(0, len(pool), size=(n - len(out), 2))
        for a, b in pairs:
            text = f"{pool[a]} {pool[b]}"
            if a != b and text not in seen:
                seen.add(text)
                out.append(text)
    return out


def half_the_words(text: str, rng: np.random.Generator) -> str:
    """A random half of the text's words (at least one), in their order."""
    words = text.split()
    kept = np.sort(rng.choice(len(words), max(1, len(words) // 2), replace=False))
    return " ".join(words[i] for i in kept)


def recall_at_1(retriever: FaqRetriever, queries: list[str], truths: np.ndarray) -> float:
    found = [retriever.search(queries[i : i + 256], 1)[1][:, 0] for i in range(0, QUERIES, 256)]
    return float(np.mean(np.concatenate(found) == truths))


def latencies_ms(retriever: FaqRetriever, queries: list[str]) -> tuple[float, float]:
    times = []
    for query in queries:
        start = time.perf_counter()
        retriever.search([query], 1)
        times.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 99))


def persisted_mb(retriever: FaqRetriever) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        retriever.persist(Path(tmp))
        return sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    pool = utterances()
    if len(pool) < 1000:
        print(f"too few utterances under {DATASETS} ({len(pool)}): skipped")
        return
    print("# FAQ retrieval at scale: question texts through faq_retriever's default path\n")
    print(f"{len(pool):,} distinct utterances joined two at a time; {QUERIES:,} queries.\n")
    print(
        "| entries | index | build s | RSS delta MB | persisted MB | p50 ms | p99 ms "
        "| recall@1 re-scored (shipped) | recall@1 projection only (baseline) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        rng = np.random.default_rng(size)
        texts = questions(pool, size, rng)
        truths = rng.choice(size, QUERIES, replace=False)
        queries = [half_the_words(texts[i], rng) for i in truths]
        entries = [FaqEntry(text, f"answer {i}", f"faq/{i}") for i, text in enumerate(texts)]
        del texts
        gc.collect()
        before = rss_bytes()
        start = time.perf_counter()
        retriever = FaqRetriever.create({})
        retriever.index_entries(entries)
        build = time.perf_counter() - start
        grown = (rss_bytes() - before) / 2**20
        assert retriever.index is not None
        shipped = recall_at_1(retriever, queries, truths)
        p50, p99 = latencies_ms(retriever, queries)
        size_mb = persisted_mb(retriever)
        retriever.rows = None  # the same index, searched without re-scoring
        baseline = recall_at_1(retriever, queries, truths)
        print(
            f"| {size:,} | {retriever.index.kind} | {build:.1f} | {grown:.0f} | {size_mb:.0f} "
            f"| {p50:.2f} | {p99:.2f} | {shipped:.3f} | {baseline:.3f} |",
            flush=True,
        )
        del retriever, entries
        gc.collect()


if __name__ == "__main__":
    main()
