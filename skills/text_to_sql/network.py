"""The sketch network: a BiLSTM over the question, a vector per column slot, one head per slot.

SQLova-style slot filling without a pretrained encoder. Each column slot is the mean of its
name morphemes' embeddings joined with its match features; each head (select, where, group,
order) attends over the question tokens, biased by that column's token flags, and scores the
slot. Aggregate, number of conditions and sort direction are read from the question summary;
operators and value spans (start/end pointers) from the column and the question.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor, nn

from skills.text_to_sql.encoding import N_FEATURES, N_FLAGS, TAG_SIZE, VOCAB_SIZE
from skills.text_to_sql.query import AGGREGATES, OPERATORS

HEADS = ("select", "where", "group", "order")


@dataclass(frozen=True)
class NetConfig:
    dim: int = 64
    hidden: int = 64
    dropout: float = 0.2
    max_conditions: int = 3


@dataclass
class Batch:
    tokens: Tensor  # (B, T) hashed morphemes, 0 = padding
    tags: Tensor  # (B, T)
    token_mask: Tensor  # (B, T) bool
    names: Tensor  # (B, C, L) hashed name morphemes (slots 0, 1 are special)
    slot_mask: Tensor  # (B, C) bool: a real column or a special slot
    features: Tensor  # (B, C, F)
    flags: Tensor  # (B, C, T, N_FLAGS)


@dataclass
class Scores:
    slots: dict[str, Tensor]  # head -> (B, C)
    agg: Tensor  # (B, C, len(AGGREGATES)): the aggregate if that slot is selected
    where_count: Tensor  # (B, max_conditions + 1)
    ops: Tensor  # (B, C, len(OPERATORS))
    starts: Tensor  # (B, C, T)
    ends: Tensor  # (B, C, T)
    descending: Tensor  # (B, 2)


class SketchNet(nn.Module):
    def __init__(self, config: NetConfig) -> None:
        super().__init__()
        self.config = config
        width = 2 * config.hidden
        self.words = nn.Embedding(VOCAB_SIZE, config.dim, padding_idx=0)
        self.tags = nn.Embedding(TAG_SIZE, 16, padding_idx=0)
        self.encoder = nn.LSTM(config.dim + 16, config.hidden, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(config.dropout)
        self.column = nn.Linear(config.dim + N_FEATURES, width)
        self.special = nn.Parameter(torch.randn(2, width) * 0.1)
        self.span_flags = nn.Linear(N_FLAGS, 2)
        self.attend = nn.ModuleDict({h: nn.Linear(width, width, bias=False) for h in HEADS})
        self.flag_bias = nn.ModuleDict({h: nn.Linear(N_FLAGS, 1) for h in HEADS})
        self.score = nn.ModuleDict(
            {
                h: nn.Sequential(
                    nn.Linear(3 * width + N_FEATURES, width), nn.Tanh(), nn.Linear(width, 1)
                )
                for h in HEADS
            }
        )
        self.pool = nn.Linear(width, 1)
        self.agg = nn.Sequential(
            nn.Linear(3 * width, width), nn.Tanh(), nn.Linear(width, len(AGGREGATES))
        )
        self.where_count = nn.Linear(width, config.max_conditions + 1)
        self.ops = nn.Sequential(
            nn.Linear(3 * width, width), nn.Tanh(), nn.Linear(width, len(OPERATORS))
        )
        self.start = nn.Linear(width, width, bias=False)
        self.end = nn.Linear(width, width, bias=False)
        self.direction = nn.Linear(width, 2)

    def forward(self, batch: Batch) -> Scores:
        embedded = torch.cat([self.words(batch.tokens), self.tags(batch.tags)], dim=-1)
        hidden, _ = self.encoder(self.drop(embedded))  # (B, T, W)
        hidden = self.drop(hidden)
        neg = torch.finfo(hidden.dtype).min
        tmask = batch.token_mask

        pool = self.pool(hidden).squeeze(-1).masked_fill(~tmask, neg)
        question = (pool.softmax(-1).unsqueeze(-1) * hidden).sum(1)  # (B, W)

        name_mask = (batch.names > 0).float().unsqueeze(-1)
        names = (self.words(batch.names) * name_mask).sum(2) / name_mask.sum(2).clamp(min=1.0)
        columns = torch.tanh(self.column(torch.cat([names, batch.features], dim=-1)))
        b, c = batch.slot_mask.shape
        special = self.special.unsqueeze(0).expand(b, 2, -1)
        columns = torch.cat([special, columns[:, 2:]], dim=1)  # (B, C, W)

        contexts: dict[str, Tensor] = {}
        slots: dict[str, Tensor] = {}
        for head in HEADS:
            keys = self.attend[head](columns)  # (B, C, W)
            logits = torch.einsum("btw,bcw->bct", hidden, keys)
            logits = logits + self.flag_bias[head](batch.flags).squeeze(-1)
            logits = logits.masked_fill(~tmask.unsqueeze(1), neg)
            context = torch.einsum("bct,btw->bcw", logits.softmax(-1), hidden)
            contexts[head] = context
            joined = torch.cat(
                [columns, context, question.unsqueeze(1).expand(-1, c, -1), batch.features], -1
            )
            slots[head] = self.score[head](joined).squeeze(-1).masked_fill(~batch.slot_mask, neg)

        expanded = question.unsqueeze(1).expand(-1, c, -1)
        agg = self.agg(torch.cat([columns, contexts["select"], expanded], -1))
        ops = self.ops(torch.cat([columns, contexts["where"], expanded], -1))
        span_bias = self.span_flags(batch.flags)  # (B, C, T, 2)
        starts = torch.einsum("btw,bcw->bct", hidden, self.start(columns)) + span_bias[..., 0]
        ends = torch.einsum("btw,bcw->bct", hidden, self.end(columns)) + span_bias[..., 1]
        starts = starts.masked_fill(~tmask.unsqueeze(1), neg)
        ends = ends.masked_fill(~tmask.unsqueeze(1), neg)
        return Scores(
            slots, agg, self.where_count(question), ops, starts, ends, self.direction(question)
        )


def mean_scores(many: list[Scores]) -> Scores:
    """The element-wise mean of several nets' scores (an ensemble); one is returned as is."""
    if len(many) == 1:
        return many[0]

    def mean(tensors: list[Tensor]) -> Tensor:
        stacked = torch.stack(tensors)
        return stacked.mean(0).clamp(min=torch.finfo(stacked.dtype).min)  # masked stays finite

    return Scores(
        {h: mean([s.slots[h] for s in many]) for h in many[0].slots},
        mean([s.agg for s in many]),
        mean([s.where_count for s in many]),
        mean([s.ops for s in many]),
        mean([s.starts for s in many]),
        mean([s.ends for s in many]),
        mean([s.descending for s in many]),
    )
