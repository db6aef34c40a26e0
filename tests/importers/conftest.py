from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PEERS = (REPO / "../shared/peers").resolve()
BROKEN = REPO / "tests" / "fixtures" / "broken"


@pytest.fixture
def peers() -> Path:
    if not PEERS.is_dir():
        pytest.skip("../shared/peers is not present")
    return PEERS
