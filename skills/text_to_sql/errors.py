"""Errors of the text-to-SQL skill.

TextToSQLError
 ├── SchemaError        a database that cannot be opened or read, a broken names file
 ├── UnsafeQueryError   a query the guard refuses (not one SELECT, unknown table, ...)
 ├── ParseError         a question the parser cannot turn into a query
 └── SkillModelError    a saved parser that is missing, corrupt or mismatched
"""

from __future__ import annotations


class TextToSQLError(Exception):
    """Base of every error the text-to-SQL skill raises on purpose."""


class SchemaError(TextToSQLError):
    """A database or names file that cannot be read; the message names the file (and line)."""


class UnsafeQueryError(TextToSQLError):
    """A query that the guard refuses to run; ``reason`` says why, for the reply."""

    def __init__(self, reason: str, sql: str = "") -> None:
        self.reason = reason
        self.sql = sql
        super().__init__(f"unsafe query refused: {reason}" + (f": {sql[:200]}" if sql else ""))


class ParseError(TextToSQLError):
    """A question that cannot be turned into a query (empty, no known words, ...)."""


class SkillModelError(TextToSQLError):
    """A saved parser that cannot be loaded."""
