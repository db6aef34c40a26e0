"""Larger capabilities with their own models (for example Korean text-to-SQL).

May import ``nlu``, ``actions`` and ``assistant.shared``; contents come later.
"""
