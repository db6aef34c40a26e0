"""`assistant run` options: several workers need shared stores; JSON logs; the built app."""

from __future__ import annotations

import gc
import json
import logging
from pathlib import Path

import pytest

from assistant.cli import JsonLogFormatter
from assistant.errors import ConfigError
from assistant.serving import RunOptions, build_app, check_workers


def test_workers_refuse_in_process_locks(tmp_path: Path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n")
    options = RunOptions(endpoints=str(endpoints))
    check_workers(options, 1)  # one process: anything goes
    with pytest.raises(ConfigError, match="shared lock store"):
        check_workers(options, 2)
    endpoints.write_text("tracker_store:\n  type: in_memory\nlock_store:\n  type: redis\n")
    with pytest.raises(ConfigError, match="shared tracker store"):
        check_workers(options, 2)
    endpoints.write_text("tracker_store:\n  type: SQL\nlock_store:\n  type: redis\n")
    check_workers(options, 2)


def test_json_log_lines() -> None:
    record = logging.LogRecord(
        "assistant.agent", logging.ERROR, __file__, 1, "경기 %s", ("실패",), None
    )
    line = json.loads(JsonLogFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "assistant.agent"
    assert line["message"] == "경기 실패" and "time" in line


def test_the_loaded_model_is_moved_out_of_the_collectors_reach(
    tiny_model_path: Path, tmp_path: Path
) -> None:
    gc.unfreeze()
    options = RunOptions(
        model=str(tiny_model_path),
        endpoints=str(tmp_path / "none.yml"),
        credentials=str(tmp_path / "none.yml"),
        root=str(tmp_path),
    )
    try:
        _, about = build_app(options)
        assert gc.get_freeze_count() > 0  # full collections during turns skip the model
    finally:
        gc.unfreeze()
    assert str(tiny_model_path) in about
