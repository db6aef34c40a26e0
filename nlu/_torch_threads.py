"""torch's intra-op thread count set for a block, and given back after.

Used by the encoders (inference) and by the StarSpace and dense-head training loops. ``torch`` is
passed in, so a module that imports it lazily stays lazy.
"""

from __future__ import annotations

from typing import Any


class TorchThreads:
    def __init__(self, torch: Any, threads: int) -> None:
        self._torch, self._threads, self._before = torch, threads, 0

    def __enter__(self) -> None:
        self._before = self._torch.get_num_threads()
        if self._before != self._threads:
            self._torch.set_num_threads(self._threads)

    def __exit__(self, *exc: object) -> None:
        if self._torch.get_num_threads() != self._before:
            self._torch.set_num_threads(self._before)
