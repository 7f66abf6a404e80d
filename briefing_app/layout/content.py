"""What a slide says, before layout: plain data built from the deck model.

This is the shared intermediate form between the deck model (which knows the store) and
the layout engine (which knows fonts and geometry). Text here is already clean. Each
layout declares its own content type (a subclass of :class:`SlideContent`) in its module
under ``layout/layouts``; this module holds what every layout shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Self

from briefing_app.layout.boxes import ItemRef


@dataclass(frozen=True)
class ContentItem:
    """One point on a slide; ``citations`` are footnote numbers shown as marks.

    ``ref`` is the slide item it was composed from (None for text the deck adds itself,
    such as the agenda's section titles or the sources slide's references).
    """

    text: str
    level: int = 0  # 0 = point, 1 = supporting sub-point
    citations: tuple[int, ...] = ()
    link: str | None = None
    differs_from_source: bool = False
    ref: ItemRef | None = None
    # The unit's own words (no source) on a slide of the source's points; the unit's own
    # slide kinds say whose words they are with their tag line instead.
    unit: bool = False


@dataclass(frozen=True)
class SlideContent:
    """What every slide has; a layout's content type adds its own fields.

    ``footer_sources`` are the short source lines of the footer, e.g.
    "[3] Witkoff on Article 5-like protection".
    """

    title: str = ""
    notes: str = ""
    footer_sources: tuple[str, ...] = ()
    part: str = ""  # the part of the briefing it belongs to, for the agenda tracker

    @property
    def has_figures(self) -> bool:
        """Whether the slide draws figures (maps) that need their data loaded."""
        return False

    def without_figures(self) -> Self:
        """This content with its figures left out (drawn as empty frames)."""
        return self


@dataclass(frozen=True)
class DeckContent:
    title: str
    subtitle: str = ""
    author: str = ""
    date_label: str = ""
    distribution: str = ""  # who the deck is for, on the cover
    marking: str | None = None  # e.g. "UNCLASSIFIED"; drawn top and bottom when set
    theme: str = "ministry"
    subject: str = ""
    slides: tuple[SlideContent, ...] = field(default_factory=tuple)
    keywords: str = ""  # the tags of the arguments the deck shows, for document properties
    parts: tuple[str, ...] = ()  # the briefing's parts in slide order (the agenda tracker)
