"""The editor's view of a deck: each stored slide with the laid slides it becomes.

One stored slide may lay out as several slides (" (cont.)"). Export lays out the deck in
one pass; the editor needs to know which laid slides belong to which stored slide, and
where on the first of them each point, the title and the headings were drawn, so a click
can select them. This module lays the deck out with the engine's own per-slide function
and page finishing, numbering pages exactly as :func:`layout_deck` does (a test checks the
two agree), and remembers laid pages of unchanged slides so a refresh after one edit only
lays out that slide again. It knows no Qt.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from briefing_app.deck.compose import compose_deck
from briefing_app.layout.boxes import LaidSlide, TextBox, TextParagraph
from briefing_app.layout.chrome import Ctx, Page
from briefing_app.layout.content import ContentItem, DeckContent, SlideContent
from briefing_app.layout.engine import finish_page, layout_slide
from briefing_app.layout.theme import get_theme
from briefing_app.layout.wrap import normalize_spaces
from briefing_app.maps import geodata
from briefing_app.services import sources
from briefing_app.services.decks import (
    DeckRecord,
    SlideRecord,
    deck_by_name,
    deck_record,
)
from briefing_app.store.store import Store

# Layouts whose points are drawn one paragraph each in a box called "Body".
BODY_LAYOUTS = {"argument", "bluf", "agenda", "map"}
TEXT_FIELDS = {"Title": "title", "Subtitle": "subtitle",
               "LeftHeading": "left_heading", "RightHeading": "right_heading"}  # fmt: skip


@dataclass(frozen=True)
class Region:
    """Where something editable was drawn on a laid slide, in page points.

    ``kind`` is "item" (then ``item_id`` is set) or a slide field: "title", "subtitle",
    "left_heading", "right_heading".
    """

    kind: str
    x: float
    y: float
    w: float
    h: float
    item_id: int | None = None
    size: float = 0.0  # type size of the text drawn there, in points

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass(frozen=True)
class SlidePreview:
    record: SlideRecord
    pages: tuple[LaidSlide, ...]  # at least one
    regions: tuple[Region, ...]  # on pages[0]

    @property
    def first(self) -> LaidSlide:
        return self.pages[0]

    def region_for(self, kind: str, item_id: int | None = None) -> Region | None:
        return next((r for r in self.regions if r.kind == kind and r.item_id == item_id), None)


@dataclass(frozen=True)
class DeckPreview:
    record: DeckRecord
    slides: tuple[SlidePreview, ...]
    warnings: tuple[str, ...] = ()

    @property
    def laid_slides(self) -> tuple[LaidSlide, ...]:
        """Every laid slide in order: exactly what export draws."""
        return tuple(page for slide in self.slides for page in slide.pages)

    def slide(self, slide_id: int | None) -> SlidePreview | None:
        return next((s for s in self.slides if s.record.id == slide_id), None)

    def index_of(self, slide_id: int | None) -> int:
        return next((i for i, s in enumerate(self.slides) if s.record.id == slide_id), -1)


def _deck_with_records(store: Store, name: str) -> DeckRecord:
    """:func:`service.get_deck`, with every source loaded in a few queries first."""
    with store.read() as session:
        deck = deck_by_name(session, name)
        refs = [(i.source_kind, i.source_id) for s in deck.slides for i in s.items]
        loaded = sources.preload(session, refs)  # keeps sources in the identity map
        record = deck_record(session, deck)
        del loaded
        return record


class Previewer:
    """Lays decks out for the editor, reusing the pages of slides that did not change."""

    def __init__(self, capacity: int = 4000, defer_maps: bool = False) -> None:
        """With ``defer_maps``, map slides are shown with an empty map frame until the
        boundary data is loaded (``deferred`` says so), so a deck opens without waiting."""
        self.capacity = capacity
        self.defer_maps = defer_maps
        self.deferred = False
        self._cache: OrderedDict[tuple, tuple[LaidSlide, ...]] = OrderedDict()
        self._raw: OrderedDict[tuple, tuple[Page, ...]] = OrderedDict()
        self.laid = 0  # stored slides laid out afresh (for tests and benchmarks)

    def preview(self, store: Store, name: str) -> DeckPreview:
        for _attempt in range(3):  # two reads; retry if a write fell between them
            record = _deck_with_records(store, name)
            composed = compose_deck(store, name)
            if len(record.slides) == len(composed.content.slides):
                break
        return self.arrange(record, composed.content, tuple(composed.warnings))

    def arrange(
        self, record: DeckRecord, content: DeckContent, warnings: tuple[str, ...] = ()
    ) -> DeckPreview:
        """Lay out ``content`` (composed from ``record``) slide by slide."""
        ctx = Ctx(get_theme(content.theme), content)
        deck_key = replace(content, slides=())
        self.deferred = False
        number = 1
        slides = []
        for stored, slide in zip(record.slides, content.slides, strict=True):
            pages = self._pages(ctx, deck_key, slide, number)
            number += len(pages)
            found = regions(stored, slide, pages[0], ctx.marking)
            slides.append(SlidePreview(stored, pages, found))
        return DeckPreview(record, tuple(slides), warnings)

    def _pages(
        self, ctx: Ctx, deck_key: DeckContent, slide: SlideContent, number: int
    ) -> tuple[LaidSlide, ...]:
        """Laid slides of one stored slide: its layout is cached apart from its numbering,
        so inserting or moving a slide only re-finishes (footer, number) those after it."""
        if self.defer_maps and slide.map_spec is not None and not geodata.loaded():
            self.deferred = True  # an empty map frame for now; nothing is cached
            waiting = layout_slide(replace(slide, map_spec=None), ctx)
            return tuple(finish_page(p, n, ctx) for n, p in enumerate(waiting, number))
        key = (deck_key, slide, number)
        pages = self._cache.get(key)
        if pages is not None:
            self._cache.move_to_end(key)
            return pages
        raw_key = (deck_key, slide)
        raw = self._raw.get(raw_key)
        if raw is None:
            self.laid += 1
            raw = tuple(layout_slide(slide, ctx))
            self._raw[raw_key] = raw
        else:
            self._raw.move_to_end(raw_key)
        laid = [finish_page(p, n, ctx) for n, p in enumerate(raw, number)]
        pages = tuple(laid) or (LaidSlide(number, slide.title, ()),)
        self._cache[key] = pages
        for cache in (self._cache, self._raw):
            while len(cache) > self.capacity:
                cache.popitem(last=False)
        return pages


def preview_deck(store: Store, name: str) -> DeckPreview:
    """The deck ``name`` laid out, per stored slide (no caching between calls)."""
    return Previewer().preview(store, name)


# --- regions ----------------------------------------------------------------------------


def _paragraph_region(box: TextBox, paragraph: TextParagraph, item_id: int) -> Region:
    top = min(line.baseline - line.ascent for line in paragraph.lines)
    bottom = max(line.baseline + line.descent for line in paragraph.lines)
    pad = 3.0
    size = _size(paragraph)
    return Region(
        "item", box.x - pad, top - pad, box.w + 2 * pad, bottom - top + 2 * pad, item_id, size
    )


def _size(*paragraphs: TextParagraph) -> float:
    for paragraph in paragraphs:
        for line in paragraph.lines:
            for run in line.runs:
                return run.style.size
    return 0.0


def _shown(item: ContentItem) -> bool:
    """Whether layout draws a paragraph for ``item`` (empty points are skipped)."""
    return bool(normalize_spaces(item.text)) or bool(item.citations)


def _column_regions(box: TextBox | None, items: list[tuple[int, ContentItem]]) -> list[Region]:
    if box is None:
        return []
    shown = [item_id for item_id, content in items if _shown(content)]
    return [
        _paragraph_region(box, paragraph, item_id)
        for paragraph, item_id in zip(box.paragraphs, shown, strict=False)
        if paragraph.lines
    ]


def regions(
    record: SlideRecord, content: SlideContent, page: LaidSlide, marking: bool = False
) -> tuple[Region, ...]:
    """Editable places on the first laid slide of ``record``."""
    boxes = {box.name: box for box in page.boxes if isinstance(box, TextBox)}
    out: list[Region] = []
    for name, kind in TEXT_FIELDS.items():
        box = boxes.get(name)
        if box is not None:
            out.append(Region(kind, box.x, box.y, box.w, box.h, None, _size(*box.paragraphs)))
    if not any(r.kind == "title" for r in out) and record.layout not in ("title", "section"):
        frame = get_theme(None).title_frame(marking)
        size = get_theme(None).title_size
        out.append(
            Region("title", frame.x, frame.y + frame.h / 2, frame.w, frame.h / 2, None, size)
        )
    layout = record.layout
    ids = [item.id for item in record.items]
    if layout in BODY_LAYOUTS and content.items and len(content.items) == len(ids):
        out += _column_regions(boxes.get("Body"), list(zip(ids, content.items, strict=True)))
    elif layout == "comparison":
        left = [i.id for i in record.items if i.column == 0]
        right = [i.id for i in record.items if i.column == 1]
        out += _column_regions(
            boxes.get("LeftColumn"), list(zip(left, content.left_items, strict=False))
        )
        out += _column_regions(
            boxes.get("RightColumn"), list(zip(right, content.right_items, strict=False))
        )
    elif layout == "quote" and record.items:
        quote = next((i for i in record.items if i.source_kind == "quote"), record.items[0])
        box = boxes.get("Quote")
        if box is not None:
            size = _size(*box.paragraphs)
            out.append(Region("item", box.x, box.y, box.w, box.h, quote.id, size))
    elif layout == "timeline":
        rows = [
            item.id
            for item, entry in zip(record.items, content.timeline, strict=False)
            if normalize_spaces(entry.text) or normalize_spaces(entry.date_label)
        ]
        for n, item_id in enumerate(rows, start=1):
            parts = [boxes[f"{p}{n}"] for p in ("Date", "Entry") if f"{p}{n}" in boxes]
            if not parts:
                break
            x0 = min(b.x for b in parts)
            y0 = min(b.y for b in parts)
            x1 = max(b.x + b.w for b in parts)
            y1 = max(b.y + b.h for b in parts)
            size = _size(*parts[-1].paragraphs)
            out.append(Region("item", x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6, item_id, size))
    return tuple(out)
