"""Readers for Rasa project files (domain, NLU, stories, rules) with file and line errors."""

from assistant.importers.domain_reader import read_domain
from assistant.importers.nlu_reader import read_nlu
from assistant.importers.project import Project, load_project
from assistant.importers.story_reader import read_stories

__all__ = ["Project", "load_project", "read_domain", "read_nlu", "read_stories"]
