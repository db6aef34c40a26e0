"""Korean and English names for a schema's tables and columns, from a small YAML file.

    tables:
      matches:
        names: [경기, 시합, match, game]
        columns:
          home_team: [홈팀, 홈 팀, home team]
          home_goals: {names: [홈팀 득점, home goals]}

Names are how questions refer to the schema ("홈팀" for ``home_team``); the first Korean and
the first English name are also used when answers and synthesized questions name a column.
A table or column the database does not have is an error naming the file and line.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from skills.text_to_sql.errors import SchemaError
from skills.text_to_sql.schema import Schema


def _fail(path: Path, node: yaml.Node, message: str) -> SchemaError:
    return SchemaError(f"{path}:{node.start_mark.line + 1}: {message}")


def _names(path: Path, node: yaml.Node) -> tuple[str, ...]:
    """A name list: ``[a, b]``, one string, or ``{names: [...]}``."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "names":
                return _names(path, value)
            raise _fail(path, key, f"unknown key '{key.value}' (expected 'names')")
        return ()
    if isinstance(node, yaml.ScalarNode):
        return (str(node.value).strip(),) if str(node.value).strip() else ()
    if isinstance(node, yaml.SequenceNode):
        found = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                raise _fail(path, item, "a name must be a string")
            found.append(str(item.value).strip())
        return tuple(n for n in found if n)
    raise _fail(path, node, "expected a list of names")


def _mapping(path: Path, node: yaml.Node, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping")
    return [(k, v) for k, v in node.value]


def read_names(path: Path) -> dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]]:
    """``{table: (table names, {column: column names})}`` as written in the file."""
    try:
        root = yaml.compose(path.read_text("utf-8"))
    except OSError as err:
        raise SchemaError(f"{path}: cannot read the names file ({err.strerror})") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise SchemaError(f"{path}{line}: not valid YAML ({getattr(err, 'problem', err)})") from err
    if root is None:
        return {}
    found: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}
    for key, value in _mapping(path, root, "the file"):
        if key.value != "tables":
            raise _fail(path, key, f"unknown key '{key.value}' (expected 'tables')")
        for table_key, table_node in _mapping(path, value, "tables"):
            table_names: tuple[str, ...] = ()
            columns: dict[str, tuple[str, ...]] = {}
            for field_key, field_node in _mapping(path, table_node, f"table '{table_key.value}'"):
                if field_key.value == "names":
                    table_names = _names(path, field_node)
                elif field_key.value == "columns":
                    for col_key, col_node in _mapping(path, field_node, "columns"):
                        columns[str(col_key.value)] = _names(path, col_node)
                else:
                    raise _fail(
                        path, field_key, f"unknown key '{field_key.value}' (names, columns)"
                    )
            found[str(table_key.value)] = (table_names, columns)
    return found


def apply_names(schema: Schema, path: Path) -> Schema:
    """``schema`` with the names from ``path``; unknown tables or columns name file and line."""
    names = read_names(path)
    lines = _line_marks(yaml.compose(path.read_text("utf-8")))
    known = {t.name: t for t in schema.tables}
    problems = []
    for table_name, (_, column_names) in names.items():
        if table_name not in known:
            problems.append(f"{path}:{lines.get(table_name, 0)}: unknown table '{table_name}'")
            continue
        for column in column_names:
            if not schema.has_column(table_name, column):
                line = lines.get(f"{table_name}.{column}", 0)
                problems.append(f"{path}:{line}: table '{table_name}' has no column '{column}'")
    if problems:
        raise SchemaError("\n".join(problems))
    tables = []
    for table in schema.tables:
        table_names, columns = names.get(table.name, ((), {}))
        new_columns = tuple(replace(c, names=columns.get(c.name, c.names)) for c in table.columns)
        tables.append(replace(table, names=table_names or table.names, columns=new_columns))
    return schema.with_tables(tuple(tables))


def _line_marks(root: yaml.Node | None) -> dict[str, int]:
    marks: dict[str, int] = {}
    if not isinstance(root, yaml.MappingNode):
        return marks
    for _, tables in root.value:
        if not isinstance(tables, yaml.MappingNode):
            continue
        for table_key, table_node in tables.value:
            marks[table_key.value] = table_key.start_mark.line + 1
            if not isinstance(table_node, yaml.MappingNode):
                continue
            for field_key, field_node in table_node.value:
                if field_key.value == "columns" and isinstance(field_node, yaml.MappingNode):
                    for col_key, _ in field_node.value:
                        marks[f"{table_key.value}.{col_key.value}"] = col_key.start_mark.line + 1
    return marks
