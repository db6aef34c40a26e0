"""Rasa's inline entity annotations: ``[text](entity)``, ``[text](entity:value)``,
``[text]{"entity": "e", "value": "v", "role": "r", "group": "g"}`` and ``[text][{...}, {...}]``.

:func:`parse_annotated` returns the plain text (annotations removed) and the entities with
character offsets into that plain text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.shared.message import Entity

ENTITY_REGEX = re.compile(
    r"\[(?P<text>[^\]]+?)\]"
    r"(?:\((?P<entity>[^:)]+?)(?::(?P<value>[^)]+))?\)"
    r"|\{(?P<dict>[^}]+?)\}"
    r"|\[(?P<list>\{.*?\}(?:\s*,\s*\{.*?\})*)\])"
)
_MALFORMED = (
    (
        re.compile(r"\[[^\]\[]*\]\s*\("),
        "entity annotation '{frag}' is malformed (expected '[text](entity)')",
    ),
    (
        re.compile(r"\[[^\]\[]*\]\s*\{"),
        "entity annotation '{frag}' is malformed (expected '[text]{{\"entity\": ...}}')",
    ),
    (re.compile(r"\[[^\]\[]*\([^)]*\)"), "entity '{frag}' is not closed"),
    (re.compile(r"\]\((?![^)]*\))"), "entity annotation '{frag}' is not closed"),
)


class AnnotationError(ValueError):
    """A malformed annotation; the message quotes the fragment."""


def parse_annotated(annotated: str) -> tuple[str, tuple[Entity, ...]]:
    """Strip annotations from ``annotated``; raises :class:`AnnotationError` when malformed."""
    plain: list[str] = []
    entities: list[Entity] = []
    offset = 0
    last = 0
    leftovers: list[str] = []
    for match in ENTITY_REGEX.finditer(annotated):
        before = annotated[last : match.start()]
        leftovers.append(before)
        plain.append(before)
        offset += len(before)
        surface = match.group("text")
        start, end = offset, offset + len(surface)
        for spec in _specs(match):
            name = spec.get("entity")
            if not name:
                raise AnnotationError(f"entity annotation '{match.group(0)}' has no entity name")
            value = spec.get("value", surface)
            entities.append(
                Entity(
                    entity=str(name).strip(),
                    value=str(value) if value is not None else surface,
                    start=start,
                    end=end,
                    role=_opt(spec.get("role")),
                    group=_opt(spec.get("group")),
                    text=surface if value is not None and str(value) != surface else None,
                )
            )
        plain.append(surface)
        offset = end
        last = match.end()
    leftovers.append(annotated[last:])
    plain.append(annotated[last:])
    for part in leftovers:
        _check_leftover(part)
    return "".join(plain), tuple(entities)


def _specs(match: re.Match[str]) -> list[dict[str, Any]]:
    if match.group("entity") is not None:
        spec: dict[str, Any] = {"entity": match.group("entity")}
        if match.group("value") is not None:
            spec["value"] = match.group("value")
        return [spec]
    raw = match.group("dict")
    source = "{" + raw + "}" if raw is not None else "[" + (match.group("list") or "") + "]"
    try:
        data = json.loads(source)
    except json.JSONDecodeError as err:
        raise AnnotationError(
            f"entity annotation '{match.group(0)}' is not valid JSON ({err.msg})"
        ) from err
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise AnnotationError(f"entity annotation '{match.group(0)}' must hold JSON objects")
    return items


def _check_leftover(text: str) -> None:
    for pattern, message in _MALFORMED:
        found = pattern.search(text)
        if found:
            start = text.rfind("[", 0, found.end()) if "[" in text[: found.end()] else found.start()
            frag = text[max(0, start) : found.end()][:60].split("\n")[0]
            raise AnnotationError(message.format(frag=frag.strip()))


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)
