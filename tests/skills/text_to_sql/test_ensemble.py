from __future__ import annotations

from skills.text_to_sql import Database, Schema, SketchParser, Synthesizer
from skills.text_to_sql.ensemble import Ensemble


def test_members_train_in_their_own_processes_and_answer_together(
    league_schema: Schema, league_db: Database
) -> None:
    examples = Synthesizer(league_schema, league_db, seed=5).examples(60)
    options = [SketchParser.Options(epochs=1, seed=s, dim=16, hidden=16) for s in (1, 2)]
    ensemble = Ensemble.train(examples, options)
    assert [p.options.seed for p in ensemble.parsers] == [1, 2]
    first, second = ensemble.parsers
    weights = zip(first.net.state_dict().values(), second.net.state_dict().values(), strict=True)
    assert any(not a.equal(b) for a, b in weights)
    readings = ensemble.parse("공격수는 몇 명이야?", league_schema, beam=4)
    assert 1 <= len(readings) <= 4
