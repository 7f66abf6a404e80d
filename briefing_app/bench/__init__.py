"""Benchmarks: figures printed and written to a report, never timed assertions.

Run ``python -m briefing_app.bench`` (all) or ``python -m briefing_app.bench NAME ...``;
the report lands in ``exports/bench/bench-report.md`` and ``bench-report.json``.
"""
