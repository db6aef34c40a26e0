"""CLINC150 (train+val → test): training time, in-scope accuracy and persisted size of our
pipeline, as shipped and with ``min_df: 2`` on both count-vector featurizers (the smaller model).

    python -m tests.benchmarks.bench_clinc_size [--threads 2] [--only "min_df 2 (words)"]

Rows: as shipped (every n-gram kept), ``min_df: 2`` on word n-grams (the CLINC150 table of
bench_nlu) and on both featurizers. ``--threads``: the intent classifier's training threads.
"""

from __future__ import annotations

import argparse
import sys

from tests.benchmarks._datasets import clinc150
from tests.benchmarks.bench_nlu import persisted_size, pipeline_spec, predict_ours, train_ours

VARIANTS = {
    "as shipped (word 1-2, char_wb 1-4)": (None, None),
    "min_df 2 (words)": ({"min_df": 2}, None),
    "min_df 2 (both)": ({"min_df": 2}, {"min_df": 2}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=sorted(VARIANTS), default=list(VARIANTS))
    args = parser.parse_args()
    split = clinc150()
    if split is None:
        print("CLINC150 is not available in ../shared/datasets", file=sys.stderr)
        return
    print(f"| pipeline (training threads: {args.threads}) | train s | in-scope accuracy | MB |")
    print("|---|---|---|---|")
    classifier = {"num_threads": args.threads}
    for label in args.only:
        word, char = VARIANTS[label]
        spec = pipeline_spec(word=word, char=char, classifier=classifier)
        interpreter, seconds = train_ours(spec, split.train)
        predicted = predict_ours(interpreter, split.test).intents
        pairs = [
            (e.intent, p)
            for e, p in zip(split.test.examples, predicted, strict=True)
            if e.intent not in ("oos", "out_of_scope")
        ]
        accuracy = sum(g == p for g, p in pairs) / len(pairs)
        size = persisted_size(interpreter) / 1e6
        print(f"| {label} | {seconds:.1f} | {accuracy:.3f} ({len(pairs)} in-scope) | {size:.1f} |")


if __name__ == "__main__":
    main()
