"""Larger capabilities with their own models: ``skills.text_to_sql`` (ask a database).

May import ``nlu``, ``actions`` and ``assistant.shared``.
"""
