"""What a slide says, before layout: plain data built from the deck model.

This is the shared intermediate form between the deck model (which knows the store) and
the layout engine (which knows fonts and geometry). Text here is already clean.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_app.layout.figure import Figure


@dataclass(frozen=True)
class ContentItem:
    """One point on a slide; ``citations`` are footnote numbers shown as marks."""

    text: str
    level: int = 0  # 0 = point, 1 = supporting sub-point
    citations: tuple[int, ...] = ()
    link: str | None = None
    differs_from_source: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    date_label: str
    text: str
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class SlideContent:
    layout: str
    title: str
    subtitle: str = ""
    items: tuple[ContentItem, ...] = ()
    # comparison
    left_heading: str = ""
    right_heading: str = ""
    left_items: tuple[ContentItem, ...] = ()
    right_items: tuple[ContentItem, ...] = ()
    # quote
    quote_text: str = ""
    quote_speaker: str = ""
    quote_date: str = ""
    quote_citations: tuple[int, ...] = ()
    # timeline
    timeline: tuple[TimelineEntry, ...] = ()
    # short source line(s) for the footer, e.g. "[3] Witkoff on Article 5-like protection"
    footer_sources: tuple[str, ...] = ()
    notes: str = ""
    map_key: str | None = None
    map_spec: Figure | None = None  # drawn in the map frame (a maps MapFigure)


@dataclass(frozen=True)
class DeckContent:
    title: str
    subtitle: str = ""
    author: str = ""
    date_label: str = ""
    marking: str | None = None  # e.g. "UNCLASSIFIED"; drawn top and bottom when set
    theme: str = "ministry"
    subject: str = ""
    slides: tuple[SlideContent, ...] = field(default_factory=tuple)
