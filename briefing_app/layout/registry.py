"""Every slide layout, in the order the layout picker shows them.

Adding a layout is one module under ``layout/layouts`` (with its tests) and one line here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefing_app.layout.content import SlideContent
from briefing_app.layout.layouts import (
    agenda,
    argument,
    assessment,
    bluf,
    callout,
    comparison,
    decision,
    map,
    next_steps,
    options,
    quote,
    section,
    sources,
    timeline,
    title,
    two_quotes,
)
from briefing_app.layout.slide_layout import Placement, PresentItem, SlideLayout, SourceKey

Layout = SlideLayout[Any]

LAYOUTS: tuple[Layout, ...] = (
    title.LAYOUT,
    bluf.LAYOUT,
    agenda.LAYOUT,
    section.LAYOUT,
    argument.LAYOUT,
    quote.LAYOUT,
    callout.LAYOUT,
    two_quotes.LAYOUT,
    comparison.LAYOUT,
    timeline.LAYOUT,
    map.LAYOUT,
    assessment.LAYOUT,
    options.LAYOUT,
    decision.LAYOUT,
    next_steps.LAYOUT,
    sources.LAYOUT,
)

NAMES: tuple[str, ...] = tuple(layout.name for layout in LAYOUTS)
FALLBACK = argument.LAYOUT  # for a stored layout name no module knows
_BY_NAME = {layout.name: layout for layout in LAYOUTS}
_BY_CONTENT: dict[type[SlideContent], Layout] = {layout.content_type: layout for layout in LAYOUTS}
assert len(_BY_NAME) == len(LAYOUTS) == len(_BY_CONTENT), "layout names and contents are unique"


def get(name: str | None) -> Layout:
    """The layout called ``name`` (the argument layout for an unknown name)."""
    return _BY_NAME.get(name or "", FALLBACK)


def for_content(content: SlideContent) -> Layout:
    """The layout that lays ``content`` out."""
    return _BY_CONTENT[type(content)]


def home_layout(kind: str) -> Layout:
    """The layout of a new slide made for a dropped source of ``kind``."""
    return next((layout for layout in LAYOUTS if kind in layout.home_for), FALLBACK)


@dataclass(frozen=True)
class DropPlan:
    """Where dropped sources go: onto the target slide, and onto new slides (in order)."""

    onto_target: tuple[Placement, ...]
    new_slides: tuple[tuple[str, tuple[Placement, ...]], ...]


def plan_drop(
    dropped: Sequence[SourceKey],
    target: str | None = None,
    present: Sequence[PresentItem] = (),
) -> DropPlan:
    """What the target slide (layout ``target`` with ``present`` items) takes of
    ``dropped``; the rest goes onto new slides, each with the home layout of the first
    source still left, taking what that layout accepts."""
    onto = get(target).accept(dropped, present) if target is not None else ()
    rest = _without(list(dropped), onto)
    new: list[tuple[str, tuple[Placement, ...]]] = []
    while rest:
        layout = home_layout(rest[0][0])
        placed = layout.accept(rest, ())
        if not placed:  # the home layout refuses it: a plain point on an argument slide
            placed = (Placement(*rest[0]),)
            layout = FALLBACK
        new.append((layout.name, placed))
        rest = _without(rest, placed)
    return DropPlan(onto, tuple(new))


def _without(refs: list[SourceKey], placed: Sequence[Placement]) -> list[SourceKey]:
    rest = list(refs)
    for p in placed:
        if (p.kind, p.source_id) in rest:
            rest.remove((p.kind, p.source_id))
    return rest
