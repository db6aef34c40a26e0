"""YAML with line numbers, read the way Rasa reads it (YAML 1.2 scalars, duplicate keys refused).

Every mapping is a :class:`LineDict` and every sequence a :class:`LineList`; both remember the
1-based line of the node itself (``.line``) and of each key or item (``.lines``), so readers can
point a problem at ``data/nlu.yml:42``. A syntax error becomes a :class:`TrainingDataError`
naming file and line; duplicate keys are returned as problems beside the data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from assistant.errors import Problem, TrainingDataError


class LineDict(dict[Any, Any]):
    """A mapping that knows the line of itself (``line``), of each key and of each value."""

    line: int | None = None
    lines: dict[Any, int]
    value_lines: dict[Any, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = {}
        self.value_lines = {}


class LineList(list[Any]):
    """A sequence that knows the line of itself (``line``) and of each item (``lines``)."""

    line: int | None = None
    lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lines = []


def line_of(container: Any, key: Any = None, default: int | None = None) -> int | None:
    """The line of ``container[key]`` (or of ``container`` itself when ``key`` is None)."""
    if key is None:
        return getattr(container, "line", None) or default
    if isinstance(container, LineDict):
        return container.lines.get(key, container.line or default)
    if isinstance(container, LineList) and isinstance(key, int) and 0 <= key < len(container.lines):
        return container.lines[key]
    return getattr(container, "line", None) or default


def value_line(container: Any, key: Any, default: int | None = None) -> int | None:
    """The line where the value of ``container[key]`` starts (a ``|`` block: its first line)."""
    if isinstance(container, LineDict) and key in container.value_lines:
        return container.value_lines[key]
    return line_of(container, key, default)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core schema, as Rasa's ruamel reader uses: ``yes``/``on`` stay strings."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _Constructor(yaml.constructor.SafeConstructor):
    def __init__(self) -> None:
        super().__init__()
        self.duplicates: list[tuple[int, str]] = []

    def construct_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 0) if value.startswith(("0x", "-0x", "+0x")) else int(value)

    def construct_yaml_map(self, node: MappingNode) -> Any:
        data = LineDict()
        data.line = node.start_mark.line + 1
        yield data
        data.update(self._pairs(node, data))

    def _pairs(self, node: MappingNode, data: LineDict) -> dict[Any, Any]:
        self.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError as err:
                raise ConstructorError(
                    None, None, "found an unhashable key", key_node.start_mark
                ) from err
            line = key_node.start_mark.line + 1
            if key in out:
                first = data.lines[key]
                self.duplicates.append((line, f"duplicate key '{key}' (first on line {first})"))
            out[key] = self.construct_object(value_node, deep=True)
            data.lines.setdefault(key, line)
            data.value_lines[key] = _content_line(value_node)
        return out

    def construct_yaml_seq(self, node: SequenceNode) -> Any:
        data = LineList()
        data.line = node.start_mark.line + 1
        yield data
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.lines.append(child.start_mark.line + 1)


def _content_line(node: Node) -> int:
    """First line of a value; a block scalar (``|``, ``>``) starts on the line after its header."""
    line = int(node.start_mark.line) + 1
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return line + 1
    return line


_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:map", _Constructor.construct_yaml_map
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:seq", _Constructor.construct_yaml_seq
)
_Constructor.add_constructor(  # type: ignore[type-var]
    "tag:yaml.org,2002:int", _Constructor.construct_int
)


class LineLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """A safe loader whose mappings and sequences record their lines."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


def parse_yaml(text: str, path: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; returns the data and the duplicate-key problems.

    Raises :class:`TrainingDataError` (file and line) on a syntax error.
    """
    loader = LineLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        what = err.problem or err.context or "invalid YAML"
        context = f" ({err.context})" if err.context and err.problem else ""
        raise TrainingDataError(Problem(path, line, f"invalid YAML: {what}{context}")) from err
    except yaml.YAMLError as err:
        raise TrainingDataError(Problem(path, None, f"invalid YAML: {err}")) from err
    finally:
        loader.dispose()
    problems = [Problem(path, line, msg) for line, msg in loader.duplicates]
    return data, problems


def read_yaml(path: Path | str) -> tuple[Any, list[Problem]]:
    """Read and parse a YAML file (see :func:`parse_yaml`); an unreadable file is a problem."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise TrainingDataError(Problem(name, None, f"cannot read file: {err}")) from err
    return parse_yaml(text, name)


def type_name(value: Any) -> str:
    """A YAML-ish name for a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"
