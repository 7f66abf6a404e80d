"""Timeline continuation: the fewest slides, with the entries spread evenly over them."""

from __future__ import annotations

from functools import cache

import pytest
from layout_sample_decks import frame_violations

from briefing_app.layout.boxes import LaidDeck, RectBox, TextBox
from briefing_app.layout.content import DeckContent
from briefing_app.layout.engine import layout_deck
from briefing_app.layout.layouts.timeline import TimelineContent, TimelineEntry

SHORT = "Short event in one line."
LONG = (
    "A longer event that takes two lines at the smallest body size, because its text runs "
    "on well past the width of the entry column on the right of the dates."
)


def _laid(texts: list[str], marking: str | None = "UNCLASSIFIED") -> LaidDeck:
    entries = tuple(TimelineEntry(f"{1900 + i}", text) for i, text in enumerate(texts))
    slide = TimelineContent("T", entries=entries)
    return layout_deck(DeckContent("D", marking=marking, slides=(slide,)))


def _dates_per_slide(laid: LaidDeck) -> list[list[str]]:
    return [
        [
            box.paragraphs[0].lines[0].runs[0].text
            for box in slide.boxes
            if isinstance(box, TextBox) and box.name.startswith("Date")
        ]
        for slide in laid.slides
    ]


def _row_bottoms(laid: LaidDeck) -> list[float]:
    """How far down each slide its entries reach."""
    return [
        max(b.y + b.h for b in s.boxes if isinstance(b, TextBox) and b.name.startswith("Entry"))
        for s in laid.slides
    ]


@cache
def _per_slide() -> int:
    """How many one-line entries one slide holds (at the smallest size)."""
    n = 1
    while len(_laid([SHORT] * (n + 1)).slides) == 1:
        n += 1
    assert n > 5
    return n


@pytest.mark.parametrize("extra", [1, 2])
def test_a_few_entries_left_over_are_not_alone_on_the_last_slide(extra: int) -> None:
    n = 2 * _per_slide() + extra  # filling slides in turn left `extra` entries on a third
    laid = _laid([SHORT] * n)
    counts = [len(dates) for dates in _dates_per_slide(laid)]
    assert len(counts) == 3
    assert max(counts) - min(counts) <= 1
    assert [s.title for s in laid.slides] == ["T", "T (cont.)", "T (cont.)"]
    assert [d for dates in _dates_per_slide(laid) for d in dates] == [
        f"{1900 + i}" for i in range(n)
    ]
    assert frame_violations(laid) == []


@pytest.mark.parametrize("n", [5, 12, 25, 31, 47, 60])
def test_fewest_slides_and_even_counts(n: int) -> None:
    per_slide = _per_slide()
    counts = [len(d) for d in _dates_per_slide(_laid([SHORT] * n))]
    assert sum(counts) == n
    assert len(counts) == -(-n // per_slide)  # no more slides than filling them would take
    assert max(counts) - min(counts) <= 1


def test_mixed_heights_balanced_by_measured_height() -> None:
    texts = [LONG if i % 3 == 0 else SHORT for i in range(2 * _per_slide())]
    laid = _laid(texts)
    bottoms = _row_bottoms(laid)
    assert len(bottoms) == 3
    tallest_row = max(
        b.h for s in laid.slides for b in s.boxes if isinstance(b, TextBox) and "Entry" in b.name
    )
    assert max(bottoms) - min(bottoms) <= tallest_row + 12  # within one row (and its gap)
    assert frame_violations(laid) == []


def test_markers_and_axis_on_every_continuation_slide() -> None:
    laid = _laid([SHORT] * (2 * _per_slide() + 1))
    for slide, dates in zip(laid.slides, _dates_per_slide(laid), strict=True):
        markers = [b for b in slide.boxes if isinstance(b, RectBox) and b.name.startswith("Marker")]
        assert len(markers) == len(dates)
        assert any(b.name == "TimelineAxis" for b in slide.boxes)


def test_one_slide_when_everything_fits() -> None:
    laid = _laid([SHORT] * 4, marking=None)
    assert [s.title for s in laid.slides] == ["T"]
    sizes = {r.style.size for b in laid.slides[0].boxes if b.name.startswith("Entry")
             for p in b.paragraphs for ln in p.lines for r in ln.runs}  # fmt: skip
    assert sizes == {18.0}  # nothing shrank
