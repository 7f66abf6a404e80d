"""Citation marks ("[1]", "[2, 4]") link to the deck's sources slide in every export.

Layout writes a citation as its own run after the cited text and a space; the mark itself
holds no-break spaces, so it is never split across lines. A run is a mark when it holds
only digits, commas, spaces and a bracket.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing_app.layout.boxes import LaidSlide, Run

_MARK = re.compile(r"[\[\]\d, \u00a0]+")


def is_citation(run: Run) -> bool:
    text = run.text
    return (
        run.link is None
        and bool(_MARK.fullmatch(text))
        and any(c.isdigit() for c in text)
        and ("[" in text or "]" in text)
    )


def sources_slide(slides: Sequence[LaidSlide]) -> int | None:
    """Index of the first sources slide (where the marks point), if the deck has one."""
    return next((i for i, s in enumerate(slides) if s.layout == "sources"), None)
