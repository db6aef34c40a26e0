"""Issue 2 targets: training the starter assistant (< 30 s) and the shell's first answer (< 3 s).

    python -m tests.benchmarks.bench_starter [--runs 3]

Each figure is the median of ``--runs`` runs on a fresh copy of the starter project, with
baselines measured in the same run: a bare ``import torch`` (a floor for any torch-based
assistant), and a scikit-learn TF-IDF + LinearSVC intent classifier trained on the same NLU data
(the smallest reasonable NLU). Prints a Markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _copy_starter(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("config.yml", "domain.yml", "endpoints.yml", "credentials.yml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "data", target / "data")
    return target


def time_train(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "assistant"), "train", "--force"], cwd=project, check=True, capture_output=True
    )
    return time.perf_counter() - started


def time_first_answer(project: Path, text: str = "안녕하세요") -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "assistant"), "shell"],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1,
    )
    assert proc.stdin and proc.stdout
    proc.stdin.write(text + "\n")
    proc.stdin.flush()
    elapsed = float("nan")
    for line in proc.stdout:
        if line.startswith("Bot loaded"):
            continue
        elapsed = time.perf_counter() - started
        break
    proc.stdin.write("/stop\n")
    proc.stdin.flush()
    proc.wait(timeout=30)
    return elapsed


def time_import_torch() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True)
    return time.perf_counter() - started


def time_tfidf_svm(project: Path) -> float:
    code = (
        "import time;t=time.perf_counter()\n"
        "from assistant.importers.project import load_project\n"
        "from sklearn.feature_extraction.text import TfidfVectorizer\n"
        "from sklearn.pipeline import make_pipeline, make_union\n"
        "from sklearn.svm import LinearSVC\n"
        f"p=load_project(__import__('pathlib').Path({str(project)!r}), tests=[])\n"
        "ex=[e for e in p.nlu.examples if e.intent]\n"
        "m=make_pipeline(make_union(TfidfVectorizer(ngram_range=(1,2)),"
        "TfidfVectorizer(analyzer='char_wb',ngram_range=(2,5))),LinearSVC())\n"
        "m.fit([e.text for e in ex],[e.base_intent for e in ex])\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows: dict[str, list[float]] = {k: [] for k in ("train", "shell", "torch", "tfidf")}
    with tempfile.TemporaryDirectory() as tmp:
        project = _copy_starter(Path(tmp) / "starter")
        for _ in range(args.runs):
            rows["train"].append(time_train(project))
            rows["shell"].append(time_first_answer(project))
            rows["torch"].append(time_import_torch())
            rows["tfidf"].append(time_tfidf_svm(project))
    med = {k: statistics.median(v) for k, v in rows.items()}
    print(f"| measure (median of {args.runs}) | seconds | target |")
    print("|---|---|---|")
    print(f"| `assistant train --force` (starter, NLU + core) | {med['train']:.2f} | < 30 |")
    print(f"| `assistant shell`: launch to first answer | {med['shell']:.2f} | < 3 |")
    print(f"| baseline: `python -c 'import torch'` | {med['torch']:.2f} | - |")
    print(f"| baseline: TF-IDF + LinearSVC intents, same data | {med['tfidf']:.2f} | - |")


if __name__ == "__main__":
    main()
