"""Several parsers trained with different seeds, read as one: their scores are averaged.

    options = [SketchParser.Options(seed=7), SketchParser.Options(seed=8)]
    ensemble = Ensemble.train(examples, options)
    ensemble = Ensemble([SketchParser.load(Path("a")), SketchParser.load(Path("b"))])
    ensemble.parse("서울 FC의 득점은?", schema)

``train`` fits each parser in its own process (forked, so the examples are not copied), one
torch thread each: two parsers train side by side on two cores.
"""

from __future__ import annotations

import multiprocessing
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Self

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.encoding import Encoded
from skills.text_to_sql.errors import SkillModelError
from skills.text_to_sql.parser import SketchParser, read
from skills.text_to_sql.query import Example
from skills.text_to_sql.schema import Schema

MEMBER = "member"


class Ensemble:
    def __init__(self, parsers: list[SketchParser]) -> None:
        if not parsers:
            raise ValueError("an ensemble needs at least one parser")
        self.parsers = parsers

    @classmethod
    def train(
        cls,
        examples: list[Example],
        options: list[SketchParser.Options],
        progress: Callable[[str], None] | None = None,
    ) -> Self:
        """One parser per ``options``, each trained in its own process, then loaded here."""
        context = multiprocessing.get_context("fork")
        with tempfile.TemporaryDirectory() as folder:
            paths = [Path(folder) / str(i) for i in range(len(options))]
            workers = [
                context.Process(target=_train_one, args=(examples, o, path, progress))
                for o, path in zip(options, paths, strict=True)
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            failed = [w.exitcode for w in workers if w.exitcode != 0]
            if failed:
                raise SkillModelError(f"training an ensemble member failed (exit codes {failed})")
            return cls([SketchParser.load(path) for path in paths])

    def encode(self, question: str, schema: Schema) -> Encoded:
        return self.parsers[0].encode(question, schema)

    def persist(self, directory: Path) -> None:
        """One member: saved as a lone parser; more: one folder each (``member0``, ...)."""
        if len(self.parsers) == 1:
            self.parsers[0].persist(directory)
            return
        for i, parser in enumerate(self.parsers):
            parser.persist(directory / f"{MEMBER}{i}")

    @classmethod
    def load(cls, directory: Path) -> Self:
        """What ``persist`` wrote (a lone parser's folder loads as a one-member ensemble)."""
        members = sorted(
            (p for p in directory.glob(f"{MEMBER}*") if p.name[len(MEMBER) :].isdigit()),
            key=lambda p: int(p.name[len(MEMBER) :]),
        )
        return cls([SketchParser.load(p) for p in members or [directory]])

    def parse(self, question: str, schema: Schema, beam: int = 0) -> list[Reading]:
        """Readings of ``question`` from the mean of every parser's scores, best first."""
        nets = [p.net for p in self.parsers]
        return read(self.parsers[0], nets, [question], schema, beam)[0]


def _train_one(
    examples: list[Example],
    options: SketchParser.Options,
    directory: Path,
    progress: Callable[[str], None] | None,
) -> None:
    parser = SketchParser(options)
    parser.train(examples, progress=progress)
    parser.persist(directory)
