"""Review mode: read the essay, review its arguments, make your own, export a report."""

from __future__ import annotations

from briefing_app.gui.review.view import ReviewView

__all__ = ["ReviewView"]
