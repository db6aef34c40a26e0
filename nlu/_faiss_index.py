"""Inner-product search over L2-normalised vectors with faiss, so a score is a cosine similarity.

    flat   exact (``IndexFlatIP``); the default up to ``EXACT_LIMIT`` vectors
    ivf    approximate inverted lists (``IndexIVFFlat``: k-means into ``nlist`` cells, ``nprobe``
           of them searched); the default above it, as it builds 1M vectors in well under a
           minute on two cores
    hnsw   approximate graph search (``IndexHNSWFlat``, ``m`` links, ``ef_search`` at query time):
           lower latency, but building 1M vectors takes many minutes on two cores

``auto`` picks by size; tests/benchmarks/bench_faq.py measures all three at 10k, 100k and 1M.
An index is saved with ``faiss.write_index`` and its query-time knobs are set again on load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from nlu.errors import NLUError, NLUModelError

KINDS = ("auto", "flat", "hnsw", "ivf")
EXACT_LIMIT = 100_000
SINGLE_THREAD_BELOW = 20  # queries; faiss itself switches to BLAS at 20


@dataclass(frozen=True)
class IndexSettings:
    """How to build and search an index; ``nlist`` None means sqrt(size)."""

    kind: str = "auto"
    hnsw_m: int = 32
    ef_construction: int = 64
    ef_search: int = 64
    nlist: int | None = None
    nprobe: int = 64
    random_seed: int = 42


def choose_kind(size: int, kind: str = "auto") -> str:
    """``flat`` up to ``EXACT_LIMIT`` vectors and ``ivf`` above, unless ``kind`` names one."""
    if kind not in KINDS:
        raise NLUError(f"faq_retriever: index '{kind}' is not one of {', '.join(KINDS)}")
    if kind != "auto":
        return kind
    return "flat" if size <= EXACT_LIMIT else "ivf"


class VectorIndex:
    """A faiss index and the kind it was built as; ``search`` returns (scores, ids), best first."""

    def __init__(self, index: faiss.Index, kind: str) -> None:
        self.index = index
        self.kind = kind

    @classmethod
    def build(cls, vectors: np.ndarray, settings: IndexSettings) -> VectorIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        size, dim = vectors.shape
        kind = choose_kind(size, settings.kind)
        index: faiss.Index
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = settings.ef_construction
        else:
            nlist = settings.nlist or max(1, int(np.sqrt(size)))
            nlist = min(nlist, max(1, size // 39))  # faiss wants >= 39 training points a cell
            quantizer = faiss.IndexFlatIP(dim)
            index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            index.cp.seed = settings.random_seed
            sample = vectors
            if size > 50 * nlist:  # k-means on a sample: 50 points a cell is plenty
                rng = np.random.default_rng(settings.random_seed)
                sample = vectors[np.sort(rng.choice(size, 50 * nlist, replace=False))]
            index.train(sample)
        index.add(vectors)
        built = cls(index, kind)
        built.tune(settings)
        return built

    def tune(self, settings: IndexSettings) -> None:
        """Set the query-time knobs (``ef_search``, ``nprobe``); the build-time ones stay."""
        if self.kind == "hnsw":
            hnsw: Any = faiss.downcast_index(self.index)
            hnsw.hnsw.efSearch = settings.ef_search
        elif self.kind == "ivf":
            faiss.extract_index_ivf(self.index).nprobe = settings.nprobe

    @property
    def size(self) -> int:
        return int(self.index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self.index.d)

    @property
    def nbytes(self) -> int:
        """The serialised size: what ``save`` writes and, roughly, what the index holds in RAM."""
        return int(faiss.serialize_index(self.index).nbytes)

    def search(self, queries: np.ndarray, k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if queries.ndim != 2 or queries.shape[1] != self.dimension:
            raise NLUModelError(
                f"faq_retriever: queries of shape {queries.shape} do not fit an index of "
                f"dimension {self.dimension}"
            )
        k = min(k, max(1, self.size))
        if len(queries) >= SINGLE_THREAD_BELOW:
            scores, ids = self.index.search(queries, k)
            return scores, ids
        # A few queries are faster on one thread than waking OpenMP's team (0.3 ms against
        # 20 ms for 10k vectors on a busy two-core machine); the setting is this thread's own.
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self.index.search(queries, k)
        finally:
            faiss.omp_set_num_threads(threads)
        return scores, ids

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path, kind: str, settings: IndexSettings) -> VectorIndex:
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as err:
            raise NLUModelError(f"faq_retriever: cannot read the index {path}: {err}") from err
        loaded = cls(index, kind)
        loaded.tune(settings)
        return loaded


def normalize(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)
