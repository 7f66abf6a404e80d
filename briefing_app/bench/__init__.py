"""Benchmarks: scripts that print figures, not timed assertions.

Run ``python -m briefing_app.bench``.
"""
