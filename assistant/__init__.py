"""A Rasa-compatible conversational assistant framework: Korean-first, offline, voice-native."""

__version__ = "0.1.0"
