"""Padding encoded questions into a ``Batch``, and the training loss over all heads."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor

from skills.text_to_sql.encoding import (
    FIRST_COLUMN,
    MAX_CONDITIONS,
    N_FEATURES,
    N_FLAGS,
    SLOT_AGGREGATE,
    Encoded,
)
from skills.text_to_sql.network import Batch, Scores


def collate(items: list[Encoded]) -> Batch:
    b = len(items)
    t = max(len(e.token_ids) for e in items)
    c = FIRST_COLUMN + max(len(e.columns) for e in items)
    length = max((len(n) for e in items for n in e.name_ids), default=1)
    tokens = torch.zeros(b, t, dtype=torch.long)
    tags = torch.zeros(b, t, dtype=torch.long)
    names = torch.zeros(b, c, length, dtype=torch.long)
    slot_mask = torch.zeros(b, c, dtype=torch.bool)
    features = torch.zeros(b, c, N_FEATURES)
    flags = torch.zeros(b, c, t, N_FLAGS)
    for i, e in enumerate(items):
        n = len(e.token_ids)
        tokens[i, :n] = torch.tensor(e.token_ids)
        tags[i, :n] = torch.tensor(e.tag_ids)
        slot_mask[i, : FIRST_COLUMN + len(e.columns)] = True
        for j, ids in enumerate(e.name_ids):
            names[i, FIRST_COLUMN + j, : len(ids)] = torch.tensor(ids)
        if e.columns:
            features[i, FIRST_COLUMN : FIRST_COLUMN + len(e.columns)] = torch.tensor(e.features)
            if e.tokens:
                flags[i, FIRST_COLUMN : FIRST_COLUMN + len(e.columns), : len(e.tokens)] = (
                    torch.tensor(e.flags)
                )
    return Batch(tokens, tags, tokens > 0, names, slot_mask, features, flags)


def without_slots(scores: Tensor, *slots: int) -> Tensor:
    masked = scores.clone()
    masked[:, list(slots)] = torch.finfo(scores.dtype).min
    return masked


def loss(scores: Scores, items: list[Encoded]) -> Tensor:
    """Cross-entropy of every head against the gold targets (teacher-forced slots)."""
    targets = [e.target for e in items]
    assert all(t is not None for t in targets)
    rows = torch.arange(len(items))
    sel = torch.tensor([t.select for t in targets if t])
    total = F.cross_entropy(without_slots(scores.slots["select"], SLOT_AGGREGATE), sel)
    total = total + F.cross_entropy(
        scores.agg[rows, sel], torch.tensor([t.agg for t in targets if t])
    )
    count = torch.tensor([min(len(t.where), MAX_CONDITIONS) for t in targets if t])
    total = total + F.cross_entropy(scores.where_count, count)
    group = torch.tensor([t.group for t in targets if t])
    total = total + F.cross_entropy(without_slots(scores.slots["group"], SLOT_AGGREGATE), group)
    order = torch.tensor([t.order for t in targets if t])
    total = total + F.cross_entropy(scores.slots["order"], order)
    ordered = order != 0
    if ordered.any():
        direction = torch.tensor([t.descending for t in targets if t])
        total = total + F.cross_entropy(scores.descending[ordered], direction[ordered])

    where = torch.zeros_like(scores.slots["where"])
    op_rows, op_slots, op_gold, span_rows, span_slots, starts, ends = [], [], [], [], [], [], []
    for i, t in enumerate(targets):
        assert t is not None
        for slot, op, (start, end) in zip(t.where, t.ops, t.spans, strict=True):
            where[i, slot] = 1.0
            op_rows.append(i)
            op_slots.append(slot)
            op_gold.append(op)
            if start >= 0:
                span_rows.append(i)
                span_slots.append(slot)
                starts.append(start)
                ends.append(end)
    real = items_mask(scores.slots["where"])
    bce = F.binary_cross_entropy_with_logits(
        scores.slots["where"].clamp(min=-30.0), where, reduction="none"
    )
    total = total + (bce * real).sum() / real.sum().clamp(min=1.0)
    if op_rows:
        total = total + F.cross_entropy(scores.ops[op_rows, op_slots], torch.tensor(op_gold))
    if span_rows:
        total = total + F.cross_entropy(scores.starts[span_rows, span_slots], torch.tensor(starts))
        total = total + F.cross_entropy(scores.ends[span_rows, span_slots], torch.tensor(ends))
    return total


def items_mask(where_scores: Tensor) -> Tensor:
    """1.0 for real column slots (not padding, not the two special slots)."""
    real = (where_scores > torch.finfo(where_scores.dtype).min / 2).float()
    real[:, :FIRST_COLUMN] = 0.0
    return real
