"""Several parsers trained with different seeds, read as one: their scores are averaged.

ensemble = Ensemble([SketchParser.load(Path("a")), SketchParser.load(Path("b"))])
ensemble.parse("서울 FC의 득점은?", schema)
"""

from __future__ import annotations

from skills.text_to_sql.decoding import Reading
from skills.text_to_sql.parser import SketchParser, read
from skills.text_to_sql.schema import Schema


class Ensemble:
    def __init__(self, parsers: list[SketchParser]) -> None:
        if not parsers:
            raise ValueError("an ensemble needs at least one parser")
        self.parsers = parsers

    def parse(self, question: str, schema: Schema, beam: int = 0) -> list[Reading]:
        """Readings of ``question`` from the mean of every parser's scores, best first."""
        nets = [p.net for p in self.parsers]
        return read(self.parsers[0], nets, [question], schema, beam)[0]
