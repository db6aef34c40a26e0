"""Where conversations live between turns, and the locks that keep one turn at a time.

``create_tracker_store`` and ``create_lock_store`` read ``endpoints.yml`` as Rasa does.
"""

from assistant.stores.factory import create_lock_store, create_tracker_store

__all__ = ["create_lock_store", "create_tracker_store"]
