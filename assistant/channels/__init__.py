"""Channels: where user turns come from and replies go (REST, and more to come)."""
