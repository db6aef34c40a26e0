from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.shared import Domain, IntentPrediction, Message, TrainingData, TrainingExample
from nlu._faiss_index import IndexSettings, VectorIndex, choose_kind, normalize
from nlu.errors import NLUError
from nlu.faq_retriever import FaqEntry, FaqRetriever, FaqSourceError, TfidfEncoder

PAIRS = [
    ("what are the rules?", "faq/ask_rules"),
    ("tell me the rules", "faq/ask_rules"),
    ("how much does it cost?", "faq/ask_price"),
    ("what's the price?", "faq/ask_price"),
    ("배달 시간은 얼마나 걸려요?", "faq/ask_delivery"),
    ("배달은 언제 와요?", "faq/ask_delivery"),
]
RESPONSES = {
    "utter_faq/ask_rules": ["Be kind and have fun."],
    "utter_faq/ask_price": ["It is free."],
    "utter_faq/ask_delivery": ["30분 정도 걸려요."],
}


def faq_data() -> TrainingData:
    examples = [TrainingExample(text, intent) for text, intent in PAIRS]
    examples.append(TrainingExample("hello there", "greet"))
    return TrainingData(examples=examples, responses=dict(RESPONSES))


def answer(retriever: FaqRetriever, text: str) -> str | None:
    found = retriever.process([Message(text=text)])[0].retrieval.get("faq")
    return found.intent_response_key if found else None


class HashEncoder:
    """A fake encoder: bag of words hashed into 64 dimensions, normalised."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, sum(map(ord, word)) % 64] += 1.0
        return normalize(out)


def test_answers_from_retrieval_intents_and_falls_back_below_threshold(tmp_path: Path) -> None:
    retriever = FaqRetriever.create({"threshold": 0.4})
    retriever.train(faq_data(), Domain())
    message = retriever.process([Message(text="what is the price")])[0]
    found = message.retrieval["faq"]
    assert found.intent_response_key == "faq/ask_price"
    assert found.response_name == "utter_faq/ask_price"
    assert found.text == "It is free."
    assert 0.4 <= found.confidence <= 1.0
    assert answer(retriever, "배달 언제 와요") == "faq/ask_delivery"
    assert answer(retriever, "zebra xylophone") is None  # nothing alike: no guess
    assert answer(retriever, "") is None

    retriever.persist(tmp_path)
    assert (tmp_path / "faq.faiss").exists() and (tmp_path / "encoder.npz").exists()
    assert not list(tmp_path.glob("*.pkl"))
    loaded = FaqRetriever.load(tmp_path, {})
    again = loaded.process([Message(text="what is the price")])[0]
    assert again.retrieval == message.retrieval


def test_only_for_intent() -> None:
    retriever = FaqRetriever.create({"only_for_intent": True, "threshold": 0.0})
    retriever.train(faq_data(), Domain())
    plain, classified = Message(text="what's the price?"), Message(text="what's the price?")
    classified.intent = IntentPrediction("faq", 0.9)
    retriever.process([plain, classified])
    assert plain.retrieval == {}
    assert classified.retrieval["faq"].intent_response_key == "faq/ask_price"


def test_csv_and_jsonl_sources(tmp_path: Path) -> None:
    csv_file = tmp_path / "faq.csv"
    csv_file.write_text(
        "question,answer\n영업 시간이 어떻게 돼요?,9시부터 6시까지예요.\n"
        "몇 시에 문 열어요?,9시부터 6시까지예요.\n주차 돼요?,건물 뒤에 주차장이 있어요.\n",
        "utf-8",
    )
    retriever = FaqRetriever.create({"source": str(csv_file), "use_training_data": False})
    retriever.train(faq_data(), Domain())
    assert retriever.keys == ["faq/answer_0", "faq/answer_1"]  # one key per distinct answer
    found = retriever.process([Message(text="주차 돼요")])[0].retrieval["faq"]
    assert found.text == "건물 뒤에 주차장이 있어요."

    jsonl = tmp_path / "faq.jsonl"
    rows = [{"question": "is there parking?", "answer": "Behind the building.", "key": "parking"}]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    both = FaqRetriever.create({"source": str(jsonl)})
    both.train(faq_data(), Domain())
    assert "faq/parking" in both.keys and "faq/ask_rules" in both.keys
    assert answer(both, "is there parking") == "faq/parking"


def test_a_bad_source_names_file_and_every_line(tmp_path: Path) -> None:
    bad = tmp_path / "faq.jsonl"
    bad.write_text('{"question": "a", "answer": "b"}\n{not json\n\n{"question": "c"}\n', "utf-8")
    with pytest.raises(FaqSourceError) as info:
        FaqRetriever.create({"source": str(bad)}).train(faq_data(), Domain())
    assert info.value.path == str(bad) and info.value.line == 2
    assert [line for line, _ in info.value.problems] == [2, 4]
    assert f"{bad}:2: not JSON" in str(info.value) and f"{bad}:4: empty" in str(info.value)

    columns = tmp_path / "faq.csv"
    columns.write_text("q,a\nx,y\n", "utf-8")
    with pytest.raises(FaqSourceError, match=r"faq\.csv:1: missing column\(s\) question, answer"):
        FaqRetriever.create({"source": str(columns)}).train(TrainingData(), Domain())
    with pytest.raises(FaqSourceError, match="cannot read"):
        FaqRetriever.create({"source": str(tmp_path / "none.csv")}).train(TrainingData(), Domain())


def test_an_injected_encoder(tmp_path: Path) -> None:
    retriever = FaqRetriever.create({"threshold": 0.5}, encoder=HashEncoder())
    retriever.train(faq_data(), Domain())
    assert answer(retriever, "tell me the rules") == "faq/ask_rules"
    retriever.persist(tmp_path)
    assert not (tmp_path / "encoder.npz").exists()
    loaded = FaqRetriever.load(tmp_path, {}, encoder=HashEncoder())
    assert answer(loaded, "tell me the rules") == "faq/ask_rules"


def test_nothing_to_index() -> None:
    retriever = FaqRetriever.create({})
    retriever.train(TrainingData(examples=[TrainingExample("hi", "greet")]), Domain())
    assert retriever.index is None
    assert retriever.process([Message(text="what's the price?")])[0].retrieval == {}


def test_bad_index_kind() -> None:
    with pytest.raises(NLUError, match="index 'annoy'"):
        FaqRetriever.create({"index": "annoy"})


def test_tfidf_encoder_round_trip(tmp_path: Path) -> None:
    texts = [f"question number {i} about topic {i % 7}" for i in range(300)]
    encoder = TfidfEncoder.fit(texts, dimension=32)
    vectors = encoder.encode(texts[:5])
    assert vectors.shape == (5, 32) and vectors.dtype == np.float32
    assert np.all(np.linalg.norm(vectors, axis=1) <= 1.0 + 1e-5)
    encoder.save(tmp_path)
    assert np.allclose(TfidfEncoder.load(tmp_path).encode(texts[:5]), vectors, atol=1e-6)


TOPICS = [f"question number {i} about topic {i % 7} and colour {i % 5}" for i in range(120)]


def lossy(options: dict[str, float]) -> FaqRetriever:
    """A retriever whose projection keeps 4 singular vectors of 120 questions' TF-IDF rows."""
    retriever = FaqRetriever.create({"dimension": 4, **options})
    retriever.index_entries([FaqEntry(q, f"answer {i}", f"faq/{i}") for i, q in enumerate(TOPICS)])
    return retriever


def test_candidates_are_rescored_with_the_exact_tfidf_cosine() -> None:
    """With rerank covering every question and exact_weight 1, the answers are the exact
    TF-IDF cosine's order (computed here from the rows); the projection alone orders them
    otherwise, since 4 singular vectors cannot tell 120 questions apart."""
    queries = ["number 17 about topic 3 and colour 2", "question 45 topic 3", "colour 4 number 9"]
    exact = lossy({"rerank": 120, "exact_weight": 1.0})
    assert isinstance(exact.encoder, TfidfEncoder) and exact.rows is not None
    cosines = (exact.encoder.weigh(queries) @ exact.rows.T).toarray()
    scores, ids = exact.search(queries, 5)
    assert np.array_equal(ids, np.argsort(-cosines, axis=1, kind="stable")[:, :5])
    assert np.allclose(scores, -np.sort(-cosines, axis=1)[:, :5], atol=1e-5)
    _, projected = lossy({"rerank": 0}).search(queries, 5)
    assert lossy({"rerank": 0}).rows is None and not np.array_equal(projected, ids)
    half = lossy({"rerank": 120})  # the default weight: half each
    assert half.options.exact_weight == 0.5 and isinstance(half.encoder, TfidfEncoder)
    projection = half.encoder.encode(queries) @ normalize(half.encoder.encode(TOPICS)).T
    blended = 0.5 * projection + 0.5 * cosines
    best, chosen = half.search(queries, 1)
    assert np.array_equal(chosen[:, 0], blended.argmax(axis=1))
    assert np.allclose(best[:, 0], blended.max(axis=1), atol=1e-5)


def test_rescoring_survives_persist_and_a_corrupt_rows_file(tmp_path: Path) -> None:
    retriever = lossy({})
    retriever.persist(tmp_path)
    loaded = FaqRetriever.load(tmp_path, {})
    query = ["number 33 about topic 5"]
    assert loaded.rows is not None
    assert np.array_equal(loaded.search(query, 3)[1], retriever.search(query, 3)[1])
    (tmp_path / "faq_rows.npz").write_bytes(b"not a scipy matrix")
    with pytest.raises(NLUError, match="faq_rows.npz"):
        FaqRetriever.load(tmp_path, {})


@pytest.mark.parametrize(("key", "bad"), [("rerank", -1), ("exact_weight", 1.5)])
def test_rescoring_options_out_of_range(key: str, bad: float) -> None:
    with pytest.raises(NLUError, match=key):
        FaqRetriever.create({key: bad})


def test_index_kinds_by_size() -> None:
    assert choose_kind(10) == "flat" and choose_kind(100_000) == "flat"
    assert choose_kind(100_001) == "ivf" and choose_kind(10, "hnsw") == "hnsw"
    with pytest.raises(NLUError):
        choose_kind(10, "lsh")


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_each_index_finds_stored_vectors(kind: str, tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = normalize(rng.standard_normal((2_000, 16)).astype(np.float32))
    settings = IndexSettings(kind=kind, nprobe=8)
    index = VectorIndex.build(vectors, settings)
    assert index.kind == kind and index.size == 2_000 and index.nbytes > 0
    scores, ids = index.search(vectors[:50], 3)
    assert scores.shape == ids.shape == (50, 3)
    assert np.mean(ids[:, 0] == np.arange(50)) >= 0.9
    index.save(tmp_path / "index.faiss")
    loaded = VectorIndex.load(tmp_path / "index.faiss", kind, settings)
    assert np.array_equal(loaded.search(vectors[:50], 3)[1], ids)


def test_entries_keep_their_keys() -> None:
    retriever = FaqRetriever.create({"threshold": 0.0})
    retriever.index_entries(
        [FaqEntry("a b c", "first", "faq/one"), FaqEntry("x y z", "second", "faq/two")]
    )
    assert retriever.keys == ["faq/one", "faq/two"] and retriever.answers == ["first", "second"]
    assert answer(retriever, "x y z") == "faq/two"
