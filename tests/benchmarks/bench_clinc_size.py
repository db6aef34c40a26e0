"""CLINC150 (train+val → test): training time, in-scope accuracy and persisted size of our
pipeline, as shipped and with ``min_df: 2`` on both count-vector featurizers (the smaller model).

    python -m tests.benchmarks.bench_clinc_size
"""

from __future__ import annotations

import sys

from tests.benchmarks._datasets import clinc150
from tests.benchmarks.bench_nlu import persisted_size, pipeline_spec, predict_ours, train_ours


def main() -> None:
    split = clinc150()
    if split is None:
        print("CLINC150 is not available in ../shared/datasets", file=sys.stderr)
        return
    print("| pipeline | train s | in-scope accuracy | persisted MB |")
    print("|---|---|---|---|")
    for label, min_df in (("as shipped (word 1-2, char_wb 1-4)", None), ("min_df 2", 2)):
        extra = {"min_df": min_df} if min_df else None
        interpreter, seconds = train_ours(pipeline_spec(word=extra, char=extra), split.train)
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
