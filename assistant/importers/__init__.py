"""Readers for Rasa project files (domain, NLU, stories, config) with file and line errors."""
