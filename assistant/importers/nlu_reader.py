"""Read the ``nlu:`` (and NLU-file ``responses:``) parts of Rasa YAML training data.

Each example keeps its file and line: a ``examples: |`` block's line of an example is the
block's first line plus its offset. Malformed annotations and empty intents are collected as
problems and raised once per file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.errors import Problem, TrainingDataError
from assistant.importers.annotations import AnnotationError, parse_annotated
from assistant.importers.yaml_loading import line_of, read_yaml, type_name, value_line
from assistant.shared.training_data import (
    LookupTable,
    RegexFeature,
    SourceLocation,
    TrainingData,
    TrainingExample,
)

logger = logging.getLogger(__name__)

NLU_ITEM_KEYS = ("intent", "synonym", "regex", "lookup")


def read_nlu(path: Path | str, language: str = "en") -> TrainingData:
    """Read one YAML file's NLU data; raises :class:`TrainingDataError` with every problem."""
    data, problems = read_yaml(path)
    training_data = parse_nlu(data, str(path), problems, language)
    if problems:
        raise TrainingDataError(problems)
    return training_data


def parse_nlu(
    data: Any,
    path: str,
    problems: list[Problem],
    language: str = "en",
) -> TrainingData:
    """The NLU part of parsed YAML (``nlu:`` and ``responses:``); appends problems."""
    out = TrainingData(language=language)
    if data is None:
        return out
    if not isinstance(data, dict):
        problems.append(
            Problem(path, line_of(data), f"training data must be a mapping, not {type_name(data)}")
        )
        return out
    if "nlu" in data:
        items = data["nlu"]
        if not isinstance(items, list):
            problems.append(
                Problem(path, line_of(data, "nlu"), "'nlu' must be a list of '- intent: ...' items")
            )
        else:
            reader = _NLUReader(path, problems, out)
            for i, item in enumerate(items):
                reader.item(item, line_of(items, i))
    responses = data.get("responses")
    if isinstance(responses, dict):
        out.responses.update(parse_response_texts(responses, path, problems))
    elif responses is not None:
        problems.append(
            Problem(
                path, line_of(data, "responses"), "'responses' must be a mapping of response names"
            )
        )
    return out


def parse_response_texts(
    raw: dict[Any, Any],
    path: str,
    problems: list[Problem],
) -> dict[str, list[str]]:
    """Retrieval responses as plain texts (what ``TrainingData.responses`` holds)."""
    from assistant.importers.domain_reader import parse_responses

    parsed = parse_responses(raw, path, problems)
    return {
        name: [v.text for v in variations if v.text is not None]
        for name, variations in parsed.items()
    }


def split_examples(block: str) -> list[tuple[int, str]]:
    """``- a\\n- b`` → [(offset, "a"), (offset, "b")]; lines not starting with '-' skipped."""
    out = []
    for offset, line in enumerate(block.split("\n")):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("-"):
            out.append((offset, "\0" + stripped))  # marks a line that is not an example
            continue
        out.append((offset, stripped[1:].strip()))
    return out


class _NLUReader:
    def __init__(self, path: str, problems: list[Problem], out: TrainingData) -> None:
        self.path = path
        self.problems = problems
        self.out = out

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def item(self, item: Any, line: int | None) -> None:
        if not isinstance(item, dict):
            self.problem(
                line,
                f"an nlu item must be a mapping such as '- intent: name', not {type_name(item)}",
            )
            return
        kinds = [k for k in NLU_ITEM_KEYS if k in item]
        if len(kinds) != 1:
            unknown = ", ".join(str(k) for k in item if k not in ("examples", "metadata"))
            self.problem(
                line,
                f"an nlu item needs exactly one of intent, synonym, regex, lookup "
                f"(found: {unknown or 'none'})",
            )
            return
        kind = kinds[0]
        for key in item:
            if key not in (kind, "examples", "metadata", "elements"):
                self.problem(line_of(item, key), f"unknown key '{key}' in {kind} '{item[kind]}'")
        name = item[kind]
        if name is None or isinstance(name, (dict, list)) or str(name).strip() == "":
            self.problem(line_of(item, kind), f"{kind} needs a name")
            return
        name = str(name).strip()
        examples = self.examples(item, kind, name, line)
        if kind == "intent":
            if not examples:
                self.problem(line, f"intent '{name}' has no examples")
            for text, ex_line in examples:
                self.intent_example(name, text, ex_line)
        elif kind == "synonym":
            for text, _ in examples:
                self.out.synonyms[text.lower()] = name
        elif kind == "regex":
            for text, _ in examples:
                self.out.regexes.append(RegexFeature(name, text))
        else:
            self.out.lookups.append(LookupTable(name, tuple(text for text, _ in examples)))

    def examples(
        self,
        item: dict[str, Any],
        kind: str,
        name: str,
        line: int | None,
    ) -> list[tuple[str, int | None]]:
        key = "examples" if "examples" in item or "elements" not in item else "elements"
        raw = item.get(key)
        if raw is None:
            return []
        if isinstance(raw, str):
            start = value_line(item, key, line) or 0
            out: list[tuple[str, int | None]] = []
            for offset, text in split_examples(raw):
                if text.startswith("\0"):
                    logger.warning(
                        "%s:%d: %s '%s': example '%s' does not start with '-'; ignored",
                        self.path,
                        start + offset,
                        kind,
                        name,
                        text[1:],
                    )
                    continue
                out.append((text, start + offset))
            return out
        if isinstance(raw, list):
            out = []
            for i, entry in enumerate(raw):
                entry_line = line_of(raw, i, line)
                if isinstance(entry, dict) and "text" in entry:
                    out.append((str(entry["text"]).strip(), entry_line))
                elif isinstance(entry, (str, int, float)) and not isinstance(entry, bool):
                    out.append((str(entry), entry_line))
                else:
                    self.problem(
                        entry_line,
                        f"{kind} '{name}': an example must be text or "
                        f"'- text: ...', not {type_name(entry)}",
                    )
            return out
        self.problem(
            line_of(item, key, line),
            f"{kind} '{name}': '{key}' must be a '|' block of '- ' lines or a list",
        )
        return []

    def intent_example(self, intent: str, annotated: str, line: int | None) -> None:
        if not annotated:
            self.problem(line, f"intent '{intent}' has an empty example")
            return
        try:
            text, entities = parse_annotated(annotated)
        except AnnotationError as err:
            self.problem(line, str(err))
            return
        self.out.examples.append(
            TrainingExample(
                text=text,
                intent=intent,
                entities=entities,
                source=SourceLocation(self.path, line),
            )
        )
