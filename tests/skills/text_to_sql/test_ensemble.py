from __future__ import annotations

from pathlib import Path

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


def test_an_ensemble_persists_one_folder_per_member_and_loads_back(
    tmp_path: Path, league_schema: Schema
) -> None:
    members = [SketchParser(SketchParser.Options(seed=s, dim=16, hidden=16)) for s in (1, 2)]
    Ensemble(members).persist(tmp_path / "two")
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == ["member0", "member1"]
    loaded = Ensemble.load(tmp_path / "two")
    question = "공격수는 몇 명이야?"
    assert [r.query for r in loaded.parse(question, league_schema)] == [
        r.query for r in Ensemble(members).parse(question, league_schema)
    ]
    Ensemble(members[:1]).persist(tmp_path / "one")  # a lone parser's folder, as before
    assert (tmp_path / "one" / "parser.json").is_file()
    assert len(Ensemble.load(tmp_path / "one").parsers) == 1
