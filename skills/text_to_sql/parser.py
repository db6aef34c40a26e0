"""The trained parser: questions in, ``Reading``s out; trains on ``Example``s, saves to a folder.

parser = SketchParser(SketchParser.Options(epochs=30))
parser.train(examples)                    # WikiSQL pairs, synthesized pairs, or both
parser.persist(Path("models/sql"))
readings = SketchParser.load(Path("models/sql")).parse("서울 FC의 득점은?", schema)
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import torch
from safetensors.torch import load_file, save_file

from skills.text_to_sql.batching import collate, loss
from skills.text_to_sql.decoding import Reading, decode
from skills.text_to_sql.encoding import Encoded, SchemaCache, attach_target, encode
from skills.text_to_sql.errors import SkillModelError
from skills.text_to_sql.network import NetConfig, SketchNet, mean_scores
from skills.text_to_sql.query import Example
from skills.text_to_sql.schema import Schema
from skills.text_to_sql.text import clean

logger = logging.getLogger(__name__)
OPTIONS_FILE = "parser.json"
WEIGHTS_FILE = "parser.safetensors"


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    """Run torch on ``count`` threads inside the block, then restore the process setting."""
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class SketchParser:
    @dataclass(frozen=True)
    class Options:
        epochs: int = 30
        batch_size: int = 32
        learning_rate: float = 2e-3
        seed: int = 7
        dim: int = 64
        hidden: int = 64
        dropout: float = 0.2
        # torch threads while training and parsing: one is fastest for these small batches,
        # and on a busy machine more oversubscribe the cores (training ~10x, a question ~4x
        # slower with 2 under load)
        threads: int = 1
        # flag the words that imply a number column ("가장 싼" for a price) like its names
        implied_words: bool = True
        # select every column named in a list with the answer's ("이름과 품종"); off for
        # WikiSQL, whose queries select one column
        lists: bool = True

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or SketchParser.Options()
        self.net = SketchNet(self._config())
        self._caches: dict[int, SchemaCache] = {}

    def _config(self) -> NetConfig:
        o = self.options
        return NetConfig(dim=o.dim, hidden=o.hidden, dropout=o.dropout)

    def cache(self, schema: Schema) -> SchemaCache:
        key = id(schema)
        if key not in self._caches or self._caches[key].schema is not schema:
            self._caches[key] = SchemaCache(schema, self.options.implied_words)
        return self._caches[key]

    def encode(self, question: str, schema: Schema) -> Encoded:
        return encode(clean(question), self.cache(schema))

    def train(self, examples: list[Example], progress: Callable[[str], None] | None = None) -> None:
        """Fit the network on ``examples``: batch, forward, loss, step; seeds fixed."""
        with _torch_threads(self.options.threads):
            self._fit(examples, progress)

    def _fit(self, examples: list[Example], progress: Callable[[str], None] | None) -> None:
        o = self.options
        torch.manual_seed(o.seed)
        order = random.Random(o.seed)
        self.net = SketchNet(self._config())
        started = time.perf_counter()
        items = [attach_target(self.encode(e.question, e.schema), e.query) for e in examples]
        optimizer = torch.optim.Adam(self.net.parameters(), lr=o.learning_rate)
        for epoch in range(o.epochs):
            self.net.train()
            order.shuffle(items)
            total = 0.0
            for i in range(0, len(items), o.batch_size):
                chunk = items[i : i + o.batch_size]
                optimizer.zero_grad()
                value = loss(self.net(collate(chunk)), chunk)
                value.backward()  # type: ignore[no-untyped-call]
                torch.nn.utils.clip_grad_norm_(self.net.parameters(), 5.0)
                optimizer.step()
                total += float(value.detach()) * len(chunk)
            if progress is not None and (epoch + 1) % 5 == 0:
                progress(
                    f"epoch {epoch + 1}/{o.epochs}: loss {total / max(len(items), 1):.3f} "
                    f"({time.perf_counter() - started:.0f} s)"
                )
        self.net.eval()

    def parse(self, question: str, schema: Schema, beam: int = 0) -> list[Reading]:
        """Readings of ``question``, best first: one or two, or up to ``beam`` of them."""
        return self.parse_many([question], schema, beam)[0]

    def parse_many(
        self, questions: list[str], schema: Schema | list[Schema], beam: int = 0
    ) -> list[list[Reading]]:
        return read(self, [self.net], questions, schema, beam)

    def persist(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        data = dataclasses.asdict(self.options)
        (directory / OPTIONS_FILE).write_text(json.dumps(data, indent=2), "utf-8")
        save_file(self.net.state_dict(), str(directory / WEIGHTS_FILE))

    @classmethod
    def load(cls, directory: Path) -> Self:
        try:
            saved = json.loads((directory / OPTIONS_FILE).read_text("utf-8"))
            saved.setdefault("implied_words", False)  # saved before the option: trained without
            saved.setdefault("lists", False)
            options = cls.Options(**saved)
            parser = cls(options)
            parser.net.load_state_dict(load_file(str(directory / WEIGHTS_FILE)))
        except (OSError, ValueError, TypeError, RuntimeError) as err:
            raise SkillModelError(
                f"{directory}: cannot load the text-to-SQL parser ({err})"
            ) from err
        parser.net.eval()
        return parser


@torch.no_grad()
def read(
    parser: SketchParser,
    nets: list[SketchNet],
    questions: list[str],
    schema: Schema | list[Schema],
    beam: int = 0,
) -> list[list[Reading]]:
    """Readings of each question, from the mean of ``nets``' scores (one net: its own)."""
    for net in nets:
        net.eval()
    schemas = schema if isinstance(schema, list) else [schema] * len(questions)
    encoded = [parser.encode(q, s) for q, s in zip(questions, schemas, strict=True)]
    results: list[list[Reading]] = []
    with _torch_threads(parser.options.threads):
        for i in range(0, len(encoded), 64):
            chunk = encoded[i : i + 64]
            batch = collate(chunk)
            scores = mean_scores([net(batch) for net in nets])
            lists = parser.options.lists
            results += [decode(e, scores, b, beam, lists) for b, e in enumerate(chunk)]
    return results
