"""A SlideDraft built in memory, and helpers to look at what a layout laid out."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing_app.layout.boxes import Box, FieldRef, ItemRef, LaidSlide, PathBox, TextBox
from briefing_app.layout.chrome import Ctx
from briefing_app.layout.content import ContentItem, DeckContent, SlideContent
from briefing_app.layout.engine import finish_page, layout_slide
from briefing_app.layout.figure import FigureFrame
from briefing_app.layout.slide_layout import ComposedFigure, DraftItem
from briefing_app.layout.theme import get_theme

NAMES = "Vučić, Đukić and Косово"


def item(item_id: int, text: str, kind: str | None = "argument", **opts: object) -> DraftItem:
    """A slide item ``item_id`` from a source of ``kind``; ``opts`` go to DraftItem."""
    citations = opts.pop("citations", ())
    level = opts.pop("level", 0)
    content = ContentItem(text, level=level, citations=citations, ref=ItemRef(item_id))  # type: ignore[arg-type]
    return DraftItem(content, kind, **opts)  # type: ignore[arg-type]


@dataclass(frozen=True)
class SquareFigure:
    """A figure that fills its frame with one square (stands in for a map)."""

    name: str = "Square"

    def boxes(self, frame: FigureFrame, font: str = "sans") -> list[Box]:
        x, y, w, h = frame
        side = min(w, h)
        ring = ((x, y), (x + side, y), (x + side, y + side), (x, y + side))
        return [PathBox((ring,), fill="CCCCCC", name=self.name)]


@dataclass
class Draft:
    """What the deck layer gives a layout, without a store."""

    title: str = ""
    subtitle: str = ""
    left_heading: str = ""
    right_heading: str = ""
    notes: str = ""
    items: tuple[DraftItem, ...] = ()
    sections: tuple[str, ...] = ()
    cited: tuple[ContentItem, ...] = ()
    figures: dict[int, ComposedFigure] = field(default_factory=dict)
    points: tuple[ContentItem, ...] = ()
    asked_points: list[int] = field(default_factory=list)

    def footer(self) -> tuple[str, ...]:
        return tuple(f"[{n}] source {n}" for i in self.items for n in i.content.citations)

    def section_titles(self) -> tuple[str, ...]:
        return self.sections

    def references(self) -> tuple[ContentItem, ...]:
        return self.cited

    def figure(self, item: DraftItem) -> ComposedFigure | None:
        ref = item.content.ref
        return self.figures.get(ref.item_id) if ref is not None else None

    def figure_points(self, item: DraftItem, limit: int) -> tuple[ContentItem, ...]:
        self.asked_points.append(limit)
        return self.points[:limit]


def laid(content: SlideContent, marking: str | None = "UNCLASSIFIED") -> list[LaidSlide]:
    """``content`` laid out and finished as the engine does, page by page."""
    deck = DeckContent("Deck title", subtitle="Deck subtitle", marking=marking)
    ctx = Ctx(get_theme(None), deck)
    return [finish_page(p, n, ctx) for n, p in enumerate(layout_slide(content, ctx), start=1)]


def text_of(box: TextBox) -> str:
    return " ".join("".join(r.text for r in ln.runs) for p in box.paragraphs for ln in p.lines)


def boxes_from(page: LaidSlide, source: ItemRef | FieldRef) -> list[Box]:
    return [b for b in page.boxes if b.source == source]


def paragraph_refs(page: LaidSlide, name: str = "Body") -> list[ItemRef | FieldRef | None]:
    return [p.source for b in page.boxes if b.name == name for p in b.paragraphs]  # type: ignore[union-attr]
