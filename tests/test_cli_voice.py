"""``assistant transcribe``, ``speak`` and ``voice`` with the real default engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.speech.audio import read_audio

ROOT = Path(__file__).resolve().parents[1]
CONFIG = str(ROOT / "config.yml")
CARDS = Path("/usr/share/pocketsphinx/test/data/cards/001.wav")
GOFORWARD = Path("/usr/share/pocketsphinx/test/data/goforward.raw")


@pytest.mark.skipif(not CARDS.exists(), reason="pocketsphinx-testdata not installed")
def test_transcribe_a_recording(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(CARDS), "--language", "en", "--config", CONFIG]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "ten of clubs"
    assert "pocketsphinx, en, confidence" in err


def test_speak_writes_a_wav_in_the_chosen_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hi.wav"
    assert (
        main(["speak", "Good evening", "--speaker", "lily", "--out", str(out), "--config", CONFIG])
        == 0
    )
    assert "spoken by lily" in capsys.readouterr().out
    assert 0.5 < read_audio(out).seconds < 5


def test_speak_lists_the_speakers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "--list", "--config", CONFIG]) == 0
    out = capsys.readouterr().out
    assert "joe" in out and "minji" in out and "(default)" in out


def test_bad_audio_and_unknown_speakers_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("not audio")
    assert main(["transcribe", str(text), "--config", CONFIG]) == 1
    assert "notes.wav is not WAV, FLAC or OGG" in capsys.readouterr().err
    assert main(["speak", "hi", "--speaker", "nobody", "--out", str(tmp_path / "x.wav"),
                 "--config", CONFIG]) == 1  # fmt: skip
    assert "unknown speaker 'nobody'" in capsys.readouterr().err


def test_live_voice_says_when_there_is_no_sound_device(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.speech import microphone

    class NoDevices:
        @staticmethod
        def query_devices() -> list[dict[str, int]]:
            return [{"max_input_channels": 0, "max_output_channels": 2}]

    monkeypatch.setattr(microphone, "_sounddevice", lambda: NoDevices)
    assert main(["voice", "--config", CONFIG]) == 1
    assert "no microphone found" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not GOFORWARD.exists(), reason="pocketsphinx-testdata not installed")
def test_one_voice_turn_from_a_recording(
    tiny_model_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.wav"
    argv = ["voice", "--in", str(GOFORWARD), "--out", str(answer), "--speaker", "lily"]
    argv += ["--model", str(tiny_model_path), "--language", "en", "--config", CONFIG]
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "You said: go forward ten meters"
    assert out[1].startswith("Bot (")  # the tiny bot's fallback or answer, spoken
    assert read_audio(answer).seconds > 0.5
