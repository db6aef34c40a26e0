"""Readers for Rasa project files (domain, NLU, stories, rules) with file and line errors.

Import the modules directly (``assistant.importers.project.load_project``); this package
re-exports nothing so that ``assistant.config`` can use ``yaml_loading`` without a cycle.
"""

__all__: list[str] = []
