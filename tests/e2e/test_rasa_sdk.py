"""The core calls a real rasa_sdk action server (Rasa's own SDK, in its own virtual environment):
a custom action and a form validation, over the action-server protocol."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from action_scenario import agent_for, check_scenario
from servers import free_port

pytestmark = pytest.mark.slow
PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "rasa_sdk_project"
VENV = Path(
    os.environ.get("RASA_SDK_VENV", Path.home() / ".cache" / "assistant-tests" / "rasa-sdk-venv")
)


def _sdk_python() -> Path:
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(python), "-c", "import rasa_sdk"], capture_output=True).returncode:
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "rasa-sdk"],
            capture_output=True,
            timeout=600,
        )
        if done.returncode:
            pytest.skip(f"rasa-sdk could not be installed: {done.stderr.decode()[-300:]}")
    return python


@pytest.fixture(scope="module")
def sdk_url() -> Iterator[str]:
    python = _sdk_python()
    port = free_port()
    proc = subprocess.Popen(
        [str(python), "-m", "rasa_sdk", "--actions", "actions", "-p", str(port)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            err = proc.stderr.read().decode()[-500:] if proc.stderr else ""
            proc.kill()
            raise AssertionError(f"the rasa_sdk server did not start: {err}")
        time.sleep(0.2)
    yield f"{url}/webhook"
    proc.kill()  # a test fixture: no graceful shutdown needed
    proc.wait(timeout=30)


def test_rasa_sdk_actions_and_form_validation(sdk_url: str) -> None:
    check_scenario(agent_for(sdk_url), not_a_team="불사조", team="번개")
