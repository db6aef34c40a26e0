"""Ask your own database questions in Korean and English: text-to-SQL with a safety guard.

A schema is read from SQLite or PostgreSQL (``Database``), named in Korean and English from
a YAML file (``apply_names``), and turned into training pairs (``Synthesizer``) on which a
small sketch parser is trained (``SketchParser``); every query it writes is checked by
``check_query`` before it runs on a read-only connection.
"""

from typing import TYPE_CHECKING

from skills.text_to_sql.database import Database
from skills.text_to_sql.errors import (
    ParseError,
    SchemaError,
    SkillModelError,
    TextToSQLError,
    UnsafeQueryError,
)
from skills.text_to_sql.guard import check_query
from skills.text_to_sql.names import apply_names
from skills.text_to_sql.query import Condition, Example, Query, to_sql
from skills.text_to_sql.schema import Column, ForeignKey, Schema, Table
from skills.text_to_sql.synthesis import Synthesizer

if TYPE_CHECKING:
    from skills.text_to_sql.parser import SketchParser


def __getattr__(name: str) -> object:
    """``SketchParser`` (PyTorch) is imported on first use, so the package stays light."""
    if name == "SketchParser":
        from skills.text_to_sql.parser import SketchParser

        return SketchParser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Column",
    "Condition",
    "Database",
    "Example",
    "ForeignKey",
    "ParseError",
    "Query",
    "Schema",
    "SchemaError",
    "SketchParser",
    "SkillModelError",
    "Synthesizer",
    "Table",
    "TextToSQLError",
    "UnsafeQueryError",
    "apply_names",
    "check_query",
    "to_sql",
]
