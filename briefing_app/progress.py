"""How long-running work reports progress and is cancelled.

Exporters, importers and map rendering take an optional ``progress`` callback called as
``progress(done, total, message)``. The GUI's worker raises :class:`Cancelled` from inside
the callback to stop the work; tests simply pass nothing and run synchronously.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised from a progress callback to abandon the work in progress."""


def report(progress: Progress | None, done: int, total: int, message: str = "") -> None:
    """Call ``progress`` if there is one (a no-op otherwise)."""
    if progress is not None:
        progress(done, total, message)
