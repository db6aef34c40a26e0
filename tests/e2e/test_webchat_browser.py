"""The web chat page in headless Chromium: type a message, read the reply, click a button,
reload (the conversation comes back), and keep a screenshot of it."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from servers import free_port

from assistant.agent import Agent
from assistant.model import LoadedModel
from assistant.server import create_app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not shutil.which("chromium") or not shutil.which("chromedriver"),
        reason="Debian chromium and chromium-driver are not installed",
    ),
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "results" / "webchat.png"


@pytest.fixture(scope="module")
def url(tiny_model: LoadedModel) -> Iterator[str]:
    agent = Agent(tiny_model.domain, tiny_model.interpreter, tiny_model.ensemble)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(agent), port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=480,720",
        "--lang=ko",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or ""
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    yield driver
    driver.quit()


def _bot_texts(driver: object) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".msg.bot")]  # type: ignore[attr-defined]


def _wait(predicate: object, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError("the page did not show the expected reply in time")


def test_typing_a_message_shows_the_reply(url: str, browser: object) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = browser
    driver.get(url)  # type: ignore[attr-defined]
    _wait(lambda: "연결됨" in driver.find_element(By.ID, "status").text)  # type: ignore[attr-defined]
    box = driver.find_element(By.ID, "text")  # type: ignore[attr-defined]
    box.send_keys("안녕하세요", Keys.ENTER)
    _wait(lambda: len(_bot_texts(driver)) >= 1)
    first = _bot_texts(driver)[0]
    assert first.strip(), "an empty reply"
    before = len(_bot_texts(driver))
    box.send_keys("/book_table", Keys.ENTER)
    _wait(lambda: len(_bot_texts(driver)) > before)

    driver.refresh()  # type: ignore[attr-defined]
    _wait(lambda: len(_bot_texts(driver)) >= 2)
    users = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".msg.user")]  # type: ignore[attr-defined]
    assert users[:2] == ["안녕하세요", "/book_table"]

    SCREENSHOT.parent.mkdir(exist_ok=True)
    assert driver.save_screenshot(str(SCREENSHOT))  # type: ignore[attr-defined]
    data = SCREENSHOT.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
