"""The web chat page in headless Chromium: type a message, read the reply, click a button,
reload (the conversation comes back), and keep a screenshot of it; speak through the record
button (Chromium's fake microphone plays a real recording)."""

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
from assistant.channels.voice import VoiceChannel
from assistant.model import LoadedModel
from assistant.server import create_app
from assistant.speech.audio import read_audio
from assistant.speech.settings import DEFAULT_SETTINGS
from assistant.speech.voice import Voice

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not shutil.which("chromium") or not shutil.which("chromedriver"),
        reason="Debian chromium and chromium-driver are not installed",
    ),
]
SCREENSHOT = Path(__file__).resolve().parents[2] / "results" / "webchat.png"
RECORDING = Path("/usr/share/pocketsphinx/test/data/goforward.raw")


@pytest.fixture(scope="module")
def url(tiny_model: LoadedModel) -> Iterator[str]:
    agent = Agent(tiny_model.domain, tiny_model.interpreter, tiny_model.ensemble)
    port = free_port()
    app = create_app(agent, channels=[VoiceChannel(Voice(DEFAULT_SETTINGS, "en"))])
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    microphone = tmp_path_factory.mktemp("mic") / "question.wav"
    if RECORDING.exists():  # the fake microphone says "go forward ten meters", over and over
        microphone.write_bytes(read_audio(RECORDING).wav_bytes())
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=480,720",
        "--lang=ko",
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={microphone}",
        "--autoplay-policy=no-user-gesture-required",
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


@pytest.mark.skipif(not RECORDING.exists(), reason="pocketsphinx-testdata not installed")
def test_the_record_button_sends_speech_and_shows_the_transcript(url: str, browser: object) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(url)  # type: ignore[attr-defined]
    mic = driver.find_element(By.ID, "mic")  # type: ignore[attr-defined]
    _wait(lambda: mic.is_displayed())
    before = len(_bot_texts(driver))
    mic.click()
    _wait(lambda: "recording" in (mic.get_attribute("class") or ""))
    time.sleep(3.5)  # the recording is about 2.8 s long; the fake microphone loops it
    mic.click()
    _wait(lambda: len(_bot_texts(driver)) > before)
    users = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".msg.user")]  # type: ignore[attr-defined]
    assert users[-1].startswith("🎤 go forward")
    errors = driver.find_elements(By.CSS_SELECTOR, ".msg.error")  # type: ignore[attr-defined]
    assert errors == []
