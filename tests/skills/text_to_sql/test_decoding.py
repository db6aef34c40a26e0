from __future__ import annotations

import torch

from skills.text_to_sql import Schema, SketchParser
from skills.text_to_sql.batching import collate
from skills.text_to_sql.ensemble import Ensemble
from skills.text_to_sql.network import mean_scores

QUESTIONS = ["서울 FC의 득점은?", "공격수는 몇 명이야?", "득점이 10보다 많은 선수는?"]


def _parser(seed: int) -> SketchParser:
    torch.manual_seed(seed)
    return SketchParser(SketchParser.Options(seed=seed))  # untrained: any scores will do


def test_a_beam_starts_with_the_greedy_reading_and_holds_distinct_queries(
    league_schema: Schema,
) -> None:
    parser = _parser(1)
    for question in QUESTIONS:
        best = parser.parse(question, league_schema)
        beam = parser.parse(question, league_schema, beam=8)
        assert 1 <= len(beam) <= 8 and len(best) <= 2
        assert beam[0].query == best[0].query
        assert len({r.query for r in beam}) == len(beam)
        confidences = [r.confidence for r in beam[1:]]
        assert confidences == sorted(confidences, reverse=True)


def test_an_ensemble_reads_the_mean_of_its_members_scores(league_schema: Schema) -> None:
    first, second = _parser(1), _parser(2)
    batch = collate([first.encode(q, league_schema) for q in QUESTIONS])
    with torch.no_grad():
        one, two = first.net.eval()(batch), second.net.eval()(batch)
        mean = mean_scores([one, two])
    assert torch.allclose(mean.agg, (one.agg + two.agg) / 2)
    assert torch.isfinite(mean.slots["select"]).all()  # masked slots stay finite
    assert mean_scores([one]) is one
    alone = Ensemble([first]).parse(QUESTIONS[0], league_schema)
    assert [r.query for r in alone] == [r.query for r in first.parse(QUESTIONS[0], league_schema)]
