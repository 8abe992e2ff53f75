"""Benchmark scripts, run by hand or `make bench` (never collected by pytest)."""
