"""BILOU tags for entities over tokens: ``B-city#departure@1`` carries type, role and group.

Tags are ``<prefix>-<entity>`` with ``\\x1frole`` and ``\\x1egroup`` suffixes when present (control
characters that never occur in names), or plain ``O``. Without BILOU every entity token is ``I``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.shared import Entity, Token

OUTSIDE = "O"
_ROLE = "\x1f"
_GROUP = "\x1e"


@dataclass(frozen=True)
class EntityLabel:
    entity: str
    role: str | None = None
    group: str | None = None

    def tag(self, prefix: str) -> str:
        role = f"{_ROLE}{self.role}" if self.role is not None else ""
        group = f"{_GROUP}{self.group}" if self.group is not None else ""
        return f"{prefix}-{self.entity}{role}{group}"

    @classmethod
    def parse(cls, tag: str) -> tuple[str, EntityLabel | None]:
        """The prefix and label of a tag; ``("O", None)`` outside entities."""
        if tag == OUTSIDE or "-" not in tag:
            return OUTSIDE, None
        prefix, rest = tag.split("-", 1)
        rest, _, group = rest.partition(_GROUP)
        entity, _, role = rest.partition(_ROLE)
        return prefix, cls(entity, role or None, group or None)


@dataclass(frozen=True)
class TokenSpan:
    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    label: EntityLabel


def tags_for(tokens: Sequence[Token], entities: Sequence[Entity], bilou: bool = True) -> list[str]:
    """One tag per token; a token belongs to an entity when their character spans overlap."""
    tags = [OUTSIDE] * len(tokens)
    for entity in entities:
        if entity.start is None or entity.end is None:
            continue
        label = EntityLabel(entity.entity, entity.role, entity.group)
        inside = [i for i, t in enumerate(tokens) if t.start < entity.end and entity.start < t.end]
        for position, i in enumerate(inside):
            if not bilou:
                prefix = "I"
            elif len(inside) == 1:
                prefix = "U"
            elif position == 0:
                prefix = "B"
            elif position == len(inside) - 1:
                prefix = "L"
            else:
                prefix = "I"
            tags[i] = label.tag(prefix)
    return tags


def spans_from(tags: Sequence[str]) -> list[TokenSpan]:
    """Entity spans from predicted tags, tolerant of broken sequences (``I`` without ``B``)."""
    spans: list[TokenSpan] = []
    current: TokenSpan | None = None
    for i, tag in enumerate(tags):
        prefix, label = EntityLabel.parse(tag)
        if label is None:
            if current is not None:
                spans.append(current)
            current = None
            continue
        if current is None or prefix in ("B", "U") or current.label != label:
            if current is not None:
                spans.append(current)
            current = TokenSpan(i, i, label)
        else:
            current = TokenSpan(current.first, i, label)
        if prefix in ("L", "U"):
            spans.append(current)
            current = None
    if current is not None:
        spans.append(current)
    return spans
