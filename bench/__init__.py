"""Benchmarks: Parley beside Datasette on the same SQLite file. Run ``python -m bench``."""
