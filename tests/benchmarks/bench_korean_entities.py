"""Issue 3 Korean entities: annotation spans round-trip through morphemes, with and without a
particle glued to the entity, and the CRF tagger's entity F1 over morphemes vs whitespace tokens.

    python -m tests.benchmarks.bench_korean_entities

Data: ../shared/datasets/ko-kochat-intent/entity_data.csv (BIOES tags per whitespace word;
evaluation only, skipped when absent). Every fifth example is test, the rest train. The
"particle" variant glues a particle to every entity word (에서/은·는/이랑·랑/으로·로/이요·요,
chosen by the word's final consonant and the example's index), the gold span staying the bare
word, as in ``[아메리카노](drink)로``.

1. Round trip: each gold span → the Korean tokenizer's morphemes → BILOU tags → back to
   characters; the share of spans returned exactly (no model involved), with the tokens of
   training (annotated spans held fixed) and, for comparison, Kiwi's tokens alone.
2. Tagging: the CRF entity extractor trained on plain + particle train, entity F1 (exact
   character span and type) on each test variant; baseline in the same run: the same CRF over
   whitespace tokens, which cannot split a particle from its word.

Prints Markdown; asserts nothing.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from assistant.shared import Domain, Entity, Message, TrainingData, TrainingExample
from nlu import EntityExtractor, KoreanTokenizer, WhitespaceTokenizer
from nlu._bilou import spans_from, tags_for
from tests.benchmarks._datasets import DATASETS
from tests.benchmarks.bench_nlu import build, entity_f1, table

PARTICLES = (("에서", "에서"), ("은", "는"), ("이랑", "랑"), ("으로", "로"), ("이요", "요"))


def has_final_consonant(word: str) -> bool:
    last = word[-1]
    return "가" <= last <= "힣" and (ord(last) - ord("가")) % 28 != 0


def read_kochat(path: Path, particles: bool) -> list[TrainingExample]:
    """One example per row; entity spans from the BIOES word tags."""
    examples = []
    with path.open(encoding="utf-8", newline="") as f:
        for index, row in enumerate(csv.DictReader(f)):
            words, tags = row["question"].split(), row["label"].split()
            if len(words) != len(tags):
                continue
            text, entities, start = "", [], None
            for word, tag in zip(words, tags, strict=True):
                prefix, _, kind = tag.partition("-")
                glue = ""
                if particles and prefix in ("S", "E"):
                    pair = PARTICLES[index % len(PARTICLES)]
                    glue = pair[0] if has_final_consonant(word) else pair[1]
                text += (" " if text else "") + word
                if prefix in ("S", "B"):
                    start = len(text) - len(word)
                if prefix in ("S", "E") and start is not None:
                    entities.append(Entity(kind.lower(), text[start:], start, len(text)))
                    start = None
                text += glue
            examples.append(TrainingExample(text, "kochat", tuple(entities)))
    return examples


def round_trip(examples: list[TrainingExample], training: bool) -> float:
    """The share of gold spans that come back exactly from the tokens: as the tokenizer makes
    them in training (annotations held fixed) or at prediction time (no annotations)."""
    tokenizer = KoreanTokenizer.create({})
    data = TrainingData(examples=list(examples), language="ko")
    data.messages = [Message(text=e.text) for e in examples]
    if training:
        tokenizer.train(data, Domain())
    messages = tokenizer.process(data.messages)
    total = exact = 0
    for example, message in zip(examples, messages, strict=True):
        tokens = message.tokens or []
        gold = {(e.start, e.end, e.entity) for e in example.entities}
        back = {
            (tokens[s.first].start, tokens[s.last].end, s.label.entity)
            for s in spans_from(tags_for(tokens, example.entities))
        }
        total += len(gold)
        exact += len(gold & back)
    return exact / max(1, total)


def tagging(train: list[TrainingExample], tests: dict[str, list[TrainingExample]]) -> list[list]:
    rows = []
    for name, tokenizer in (
        ("ours: Kiwi morphemes + CRF", KoreanTokenizer),
        ("baseline: whitespace tokens + CRF", WhitespaceTokenizer),
    ):
        interpreter = build([(tokenizer, {}), (EntityExtractor, {})])
        started = time.perf_counter()
        interpreter.train(TrainingData(examples=list(train), language="ko"), Domain())
        seconds = time.perf_counter() - started
        row: list = [name, seconds]
        for examples in tests.values():
            messages = interpreter.process([Message(text=e.text) for e in examples])
            found = [{(e.start or 0, e.end or 0, e.entity) for e in m.entities} for m in messages]
            row.append(entity_f1(TrainingData(examples=examples), found))
        rows.append(row)
    return rows


def halves(data: list[TrainingExample]) -> tuple[list[TrainingExample], list[TrainingExample]]:
    """Train (four in five) and test (every fifth)."""
    return [e for i, e in enumerate(data) if i % 5 != 4], [
        e for i, e in enumerate(data) if i % 5 == 4
    ]


def main() -> None:
    path = DATASETS / "ko-kochat-intent" / "entity_data.csv"
    if not path.exists():
        print(f"{path} not found: skipped")
        return
    plain, glued = read_kochat(path, False), read_kochat(path, True)
    split = {name: halves(d) for name, d in (("plain", plain), ("particle", glued))}
    spans = sum(len(e.entities) for e in plain)
    print(f"### Korean entity spans: kochat ({len(plain)} examples, {spans} entities)\n")
    print(
        table(
            ["variant", "spans", "exact: training tokens", "exact: Kiwi alone (no annotations)"],
            [
                [name, spans, round_trip(data, True), round_trip(data, False)]
                for name, data in (("plain", plain), ("particle glued", glued))
            ],
        )
    )
    train = split["plain"][0] + split["particle"][0]
    tests = {"plain": split["plain"][1], "particle": split["particle"][1]}
    print(f"\n### CRF entity F1 (train {len(train)}: plain + particle; exact span and type)\n")
    print(
        table(
            ["system", "train s", "F1 plain test", "F1 particle test"],
            tagging(train, tests),
        )
    )


if __name__ == "__main__":
    main()
