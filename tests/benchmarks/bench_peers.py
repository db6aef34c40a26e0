"""Every Rasa example bot in ../shared/peers with test stories: train unchanged, run its tests.

    python -m tests.benchmarks.bench_peers [BOT ...]

Prints a Markdown table (training seconds, conversation and action accuracy) and, for each
failing story, its first wrong step, so BENCHMARKS.md can give the reason. Asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from assistant.cli import main as cli

PEERS = Path(__file__).resolve().parents[3] / "shared" / "peers"


def bots(names: list[str]) -> list[Path]:
    found = []
    for bot in sorted(PEERS.iterdir()) if PEERS.is_dir() else []:
        if names and bot.name not in names:
            continue
        tests = [*bot.glob("tests/test_*.yml"), *bot.glob("test_stories/*.yml")]
        if (bot / "domain.yml").exists() and tests:
            found.append(bot)
    return found


def first_wrong_steps(failed_yaml: str) -> list[str]:
    out, story = [], ""
    for line in failed_yaml.splitlines():
        if line.startswith("- story:"):
            story = line[len("- story: ") :].strip('"').split(" (")[0]
        elif "# predicted:" in line and story:
            gold = line.split("#")[0].strip(" -")
            out.append(f"{story}: `{gold}` → predicted `{line.split('# predicted:')[1].strip()}`")
            story = ""
    return out


def run(bot: Path, work: Path) -> dict[str, object]:
    models, results = work / bot.name / "models", work / bot.name / "results"
    cwd = os.getcwd()
    os.chdir(bot)
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            started = time.perf_counter()
            trained = cli(["train", "--force", "--out", str(models)])
            seconds = time.perf_counter() - started
            test_args = ["test", "--model", str(models), "--out", str(results)]
            tested = cli(test_args) if trained == 0 else 1
    finally:
        os.chdir(cwd)
    if trained != 0 or tested != 0 or not (results / "story_report.json").exists():
        return {"bot": bot.name, "error": sink.getvalue().strip().splitlines()[-1:]}
    report = json.loads((results / "story_report.json").read_text())
    conv = report["conversation_accuracy"]
    return {
        "bot": bot.name,
        "train_s": seconds,
        "correct": conv["correct"],
        "total": conv["total"],
        "action_acc": report.get("accuracy", 0.0),
        "failures": first_wrong_steps((results / "failed_test_stories.yml").read_text()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("bots", nargs="*")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for bot in bots(args.bots):
            rows.append(run(bot, Path(tmp)))
            print(f"done {bot.name}", file=sys.stderr, flush=True)
    print("| bot | train (s) | conversation accuracy | action accuracy |")
    print("|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['bot']} | - | error: {r['error']} | - |")
            continue
        acc = r["correct"] / r["total"] if r["total"] else 0.0  # type: ignore[operator]
        print(
            f"| {r['bot']} | {r['train_s']:.1f} | {r['correct']}/{r['total']} = {acc:.3f} "
            f"| {r['action_acc']:.3f} |"
        )
    print()
    for r in rows:
        for failure in r.get("failures", []):  # type: ignore[attr-defined]
            print(f"- {r['bot']}: {failure}")


if __name__ == "__main__":
    main()
