"""The Action API (compatible with the rasa_sdk action-server protocol) and built-in actions.

May import ``nlu`` (types) and ``assistant.shared``; contents come later.
"""
