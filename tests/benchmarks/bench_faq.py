"""FAQ index at scale: build time, memory, single-query latency and recall@1 of faq_retriever's
faiss indexes (nlu/_faiss_index.py) at 10k, 100k and 1M entries.

    python -m tests.benchmarks.bench_faq [--sizes 10000,100000,1000000] [--dims 384,384,128]

Data: random unit vectors (Gaussian, normalised) stand in for encoded questions; no encoder runs,
so the figures are the index's alone. Two query sets of 1,000 each:

- paraphrase: a stored vector plus Gaussian noise of 0.75 its norm, renormalised (cosine ~0.8
  to its source, as a reworded question to its FAQ entry);
- random: fresh random unit vectors, the worst case for an approximate index (no near neighbour
  stands out in 384 dimensions).

recall@1: the share of queries whose top hit is the exact search's top hit (the flat index of
the same run is the baseline, recall 1 by definition). Latency: one query a call, p50 and p99
over the 1,000 paraphrase queries, on one thread (as VectorIndex.search runs fewer than 20). Memory:
RSS growth while building (the vectors themselves are allocated before) and the index's
serialised bytes. Prints Markdown; asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import time

import faiss
import numpy as np

from nlu._faiss_index import EXACT_LIMIT, IndexSettings, VectorIndex, choose_kind, normalize

QUERIES = 1_000


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def random_unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):  # in chunks: no float64 copy of 1M x 384
        chunk = rng.standard_normal((min(100_000, n - start), dim), dtype=np.float32)
        out[start : start + len(chunk)] = normalize(chunk)
    return out


def paraphrases(rng: np.random.Generator, vectors: np.ndarray, n: int) -> np.ndarray:
    dim = vectors.shape[1]
    sources = vectors[rng.choice(len(vectors), n, replace=False)]
    noise = rng.standard_normal((n, dim), dtype=np.float32) * (0.75 / np.sqrt(dim))
    return normalize(sources + noise)


def latencies_ms(index: VectorIndex, queries: np.ndarray) -> tuple[float, float]:
    times = []
    for row in queries:
        start = time.perf_counter()
        index.search(row[None, :], 1)
        times.append((time.perf_counter() - start) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 99))


def top1(index: VectorIndex, queries: np.ndarray) -> np.ndarray:
    return index.search(queries, 1)[1][:, 0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--dims", default="384,384,384", help="one per size")
    parser.add_argument("--kinds", default="flat,hnsw,ivf")
    parser.add_argument("--ef-search", default="64,128", help="hnsw: one row each")
    parser.add_argument("--nprobe", default="64,16", help="ivf: one row each")
    parser.add_argument("--hnsw-max", type=int, default=100_000, help="larger: skip hnsw")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    dims = [int(d) for d in args.dims.split(",")]
    kinds = args.kinds.split(",")
    sweeps = {
        "flat": [IndexSettings(kind="flat")],
        "hnsw": [IndexSettings(kind="hnsw", ef_search=int(e)) for e in args.ef_search.split(",")],
        "ivf": [IndexSettings(kind="ivf", nprobe=int(p)) for p in args.nprobe.split(",")],
    }
    settings = IndexSettings()

    print("# FAQ index at scale (faiss inner product)\n")
    print(
        f"faiss {faiss.__version__}, numpy {np.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPU cores, faiss threads {faiss.omp_get_max_threads()}; "
        f"hnsw m={settings.hnsw_m} ef_construction={settings.ef_construction} (built up to "
        f"{args.hnsw_max:,} entries); ivf nlist=sqrt(n); one row per ef_search / nprobe; "
        f"'auto' is flat up to {EXACT_LIMIT:,} entries and ivf above.\n"
    )
    print(
        "| entries | dim | index | auto? | build s | RSS delta MB | index MB | p50 ms | p99 ms "
        "| recall@1 paraphrase | recall@1 random |"
    )
    print("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for size, dim in zip(sizes, dims, strict=True):
        rng = np.random.default_rng(size)
        vectors = random_unit(rng, size, dim)
        near, far = paraphrases(rng, vectors, QUERIES), random_unit(rng, QUERIES, dim)
        exact: tuple[np.ndarray, np.ndarray] | None = None
        for kind in kinds:
            if kind == "hnsw" and size > args.hnsw_max:
                continue
            gc.collect()
            before = rss_bytes()
            start = time.perf_counter()
            index = VectorIndex.build(vectors, sweeps[kind][0])
            build = time.perf_counter() - start
            grown = (rss_bytes() - before) / 2**20
            for tuned in sweeps[kind]:
                index.tune(tuned)
                p50, p99 = latencies_ms(index, near)
                found = top1(index, near), top1(index, far)
                if kind == "flat":
                    exact = found
                recall = (
                    [f"{float(np.mean(f == e)):.3f}" for f, e in zip(found, exact, strict=True)]
                    if exact is not None
                    else ["n/a", "n/a"]
                )
                label = {"flat": "flat", "hnsw": f"hnsw ef_search={tuned.ef_search}"}.get(
                    kind, f"ivf nprobe={tuned.nprobe}"
                )
                auto = "yes" if choose_kind(size) == kind and tuned == sweeps[kind][0] else ""
                print(
                    f"| {size:,} | {dim} | {label} | {auto} | {build:.1f} | {grown:.0f} "
                    f"| {index.nbytes / 2**20:.0f} | {p50:.2f} | {p99:.2f} "
                    f"| {' | '.join(recall)} |",
                    flush=True,
                )
            del index
        del vectors


if __name__ == "__main__":
    main()
