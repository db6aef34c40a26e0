"""Benchmarks, run by hand (``python -m tests.benchmarks.bench_starter``); never collected."""
