"""The editor's view of a deck: each stored slide with the laid slides it becomes.

One stored slide may lay out as several slides (" (cont.)"). Export lays out the deck in
one pass; the editor needs to know which laid slides belong to which stored slide, and
where on the first of them each point, the title and the headings were drawn, so a click
can select them. Every box and paragraph says which slide item or field it was drawn
from, so this needs no knowledge of layouts. This module lays the deck out with the
engine's own per-slide function and page finishing, numbering pages exactly as
:func:`layout_deck` does (a test checks the two agree), and remembers laid pages of
unchanged slides so a refresh after one edit only lays out that slide again. It knows
no Qt.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

from briefing_app.deck.compose import Composed, SourceMemo, compose_deck, compose_slides
from briefing_app.layout import registry
from briefing_app.layout.boxes import FieldRef, ItemRef, LaidSlide, TextBox, TextParagraph
from briefing_app.layout.chrome import Ctx, Page
from briefing_app.layout.content import DeckContent, SlideContent
from briefing_app.layout.engine import deck_theme, finish_page, layout_slide
from briefing_app.layout.theme import Theme, get_theme
from briefing_app.maps import geodata
from briefing_app.services import templates
from briefing_app.services.decks import DeckRecord, SlideRecord, SlideSnapshot, deck_record_of
from briefing_app.store.changes import Changes
from briefing_app.store.store import Store
from briefing_app.templates.art import TemplateLook

FIELDS = ("title", "subtitle", "left_heading", "right_heading")  # regions in this order
# Parts of an item that make up its click target (a timeline row is its date and text).
CLICKABLE_PARTS = ("text", "date")
PAD = 3.0  # an item's click target reaches this far beyond its text


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


class Previewer:
    """Lays decks out for the editor, reusing the pages of slides that did not change."""

    def __init__(self, capacity: int = 4000, defer_maps: bool = False) -> None:
        """With ``defer_maps``, map slides are shown with an empty map frame until the
        boundary data is loaded (``deferred`` says so), so a deck opens without waiting."""
        self.capacity = capacity
        self.defer_maps = defer_maps
        self.deferred = False
        self._cache: OrderedDict[tuple[object, ...], tuple[LaidSlide, ...]] = OrderedDict()
        self._raw: OrderedDict[tuple[object, ...], tuple[Page, ...]] = OrderedDict()
        self.laid = 0  # stored slides laid out afresh (for tests and benchmarks)
        self._composed: dict[int, DeckContent] = {}  # deck id → content last arranged
        self._looks: dict[int, TemplateLook | None] = {}  # deck id → its house template
        self._keys: dict[int, object] = {}  # deck id → what its slides were laid out for
        # the sources as last read: a refresh reads only those an edit changed
        self._sources = SourceMemo()

    def preview(self, store: Store, name: str) -> DeckPreview:
        self._sources.clear()  # the whole deck read afresh, its sources too
        # one read gives the content and the records, so they describe the same slides
        composed = compose_deck(store, name, self._sources, records=True)
        record = _deck_record(composed)
        look = self._looks[record.id] = _look(store, name)
        fonts = look.match.info.warnings if look is not None else ()
        return self.arrange(record, composed.content, (*composed.warnings, *fonts))

    def refresh(
        self,
        store: Store,
        previous: DeckPreview,
        slide_ids: Iterable[int],
        changes: Changes | None = None,
        stored: Mapping[int, SlideSnapshot] | None = None,
    ) -> DeckPreview | None:
        """``previous`` with only the slides ``slide_ids`` read, composed and laid out
        again (an edit inside them); None when the edit may reach other slides (a section
        title feeds the agenda, citations feed the sources slide, slides came or went),
        and then :meth:`preview` reads the whole deck.

        The slides' fields and points are read from the store, unless ``stored`` holds
        them as the write itself left them (read in its transaction); their sources are
        read only when ``changes`` (the Changes record of the write) names them or they
        are new to this previewer, else taken as the last read left them."""
        if changes is not None:
            self._sources.forget("argument", changes.arguments)
            if changes.maps or changes.corrections:
                self._sources.clear()
        content = self._composed.get(previous.record.id)
        index = {s.record.id: n for n, s in enumerate(previous.slides)}
        wanted = sorted(set(slide_ids))
        if content is None or len(content.slides) != len(index) or not wanted:
            return None
        if any(i not in index for i in wanted):
            return None
        some = compose_slides(store, previous.record.id, wanted, self._sources, stored)
        records, contents, warnings = some.records, some.content, some.warnings
        if set(records) != set(wanted) or set(contents) != set(wanted):
            return None
        has_sources = any(s.record.layout == "sources" for s in previous.slides)
        new_records, new_contents = list(previous.record.slides), list(content.slides)
        for slide_id in wanted:
            n = index[slide_id]
            old, new = previous.slides[n].record, records[slide_id]
            if new.position != old.position or _reaches_others(old.layout, new.layout):
                return None
            if new.part != old.part:  # every slide's agenda tracker lists the parts
                return None
            if has_sources and _cited(content.slides[n]) != _cited(contents[slide_id]):
                return None
            new_records[n], new_contents[n] = new, contents[slide_id]
        record = replace(previous.record, slides=new_records)
        content = replace(content, slides=tuple(new_contents))
        notes = tuple(dict.fromkeys([*previous.warnings, *warnings]))
        return self.arrange(record, content, notes, previous)

    def arrange(
        self,
        record: DeckRecord,
        content: DeckContent,
        warnings: tuple[str, ...] = (),
        previous: DeckPreview | None = None,
    ) -> DeckPreview:
        """Lay out ``content`` (composed from ``record``) slide by slide; a slide whose
        record and pages are those of ``previous`` keeps its preview (and click targets)."""
        kept = previous.slides if previous is not None else ()
        before = self._composed.get(record.id) if previous is not None else None
        self._composed[record.id] = content
        look = self._looks.get(record.id)
        ctx = Ctx(deck_theme(look.theme if look else get_theme(content.theme), content), content)
        # The template is part of the key: another template lays every slide out anew.
        deck_key = (replace(content, slides=()), id(look.package) if look else None)
        self.deferred = False
        number = 1
        slides = []
        before_key = self._keys.get(record.id) if previous is not None else None
        self._keys[record.id] = deck_key
        same_deck = before is not None and before_key == deck_key
        for n, (stored, slide) in enumerate(zip(record.slides, content.slides, strict=True)):
            old = kept[n] if n < len(kept) else None
            if (same_deck and old is not None and old.record is stored
                    and before is not None and n < len(before.slides)
                    and before.slides[n] is slide and old.first.number == number):  # fmt: skip
                slides.append(old)  # untouched and where it was: nothing to do
                number += len(old.pages)
                if self.defer_maps and slide.has_figures and not geodata.loaded():
                    self.deferred = True
                continue
            pages = self._pages(ctx, deck_key, slide, number, look)
            number += len(pages)
            if old is not None and old.record is stored and old.pages is pages:
                slides.append(old)
                continue
            found = regions(stored, pages[0], ctx.marking, ctx.theme, look.scale if look else 1.0)
            slides.append(SlidePreview(stored, pages, found))
        return DeckPreview(record, tuple(slides), warnings)

    def _pages(
        self,
        ctx: Ctx,
        deck_key: object,
        slide: SlideContent,
        number: int,
        look: TemplateLook | None = None,
    ) -> tuple[LaidSlide, ...]:
        """Laid slides of one stored slide: its layout is cached apart from its numbering,
        so inserting or moving a slide only re-finishes (footer, number) those after it."""
        if self.defer_maps and slide.has_figures and not geodata.loaded():
            self.deferred = True  # an empty map frame for now; nothing is cached
            waiting = layout_slide(slide.without_figures(), ctx)
            return tuple(_finish(p, n, ctx, look) for n, p in enumerate(waiting, number))
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
        laid = [_finish(p, n, ctx, look) for n, p in enumerate(raw, number)]
        pages = tuple(laid) or (LaidSlide(number, slide.title, ()),)
        self._cache[key] = pages
        for cache in (self._cache, self._raw):
            while len(cache) > self.capacity:
                cache.popitem(last=False)
        return pages


def _deck_record(composed: Composed) -> DeckRecord:
    """The record of the deck ``composed`` read (as ``services.decks.deck_record`` gives it)."""
    deck = composed.deck
    assert deck is not None, "composed without records"
    return deck_record_of(deck, list(composed.records))


def _finish(page: Page, number: int, ctx: Ctx, look: TemplateLook | None) -> LaidSlide:
    """A page finished as export finishes it: on the house template's page, its art behind."""
    laid = finish_page(page, number, ctx)
    return look.finish(laid, ctx.deck.date_label) if look is not None else laid


def _look(store: Store, name: str) -> TemplateLook | None:
    stored = templates.stored_deck_template(store, name)
    return TemplateLook(*stored) if stored is not None else None


def _reaches_others(*layouts: str) -> bool:
    """Whether slides of these layouts feed other slides (an agenda lists section titles)
    or are fed by them (a sources slide lists what the deck cites)."""
    return any(registry.get(name).starts_section or registry.get(name).composes_last
               for name in layouts)  # fmt: skip


def _cited(slide: SlideContent) -> tuple[object, ...]:
    """What a slide contributes to the deck's sources slide: its footer and citations."""
    found: list[object] = [slide.footer_sources]
    for f in fields(slide):
        value = getattr(slide, f.name)
        if f.name.endswith("citations"):
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(getattr(v, "citations", None) for v in value)
    return tuple(found)


def preview_deck(store: Store, name: str) -> DeckPreview:
    """The deck ``name`` laid out, per stored slide (no caching between calls)."""
    return Previewer().preview(store, name)


# --- regions ----------------------------------------------------------------------------


def _size(*paragraphs: TextParagraph) -> float:
    for paragraph in paragraphs:
        for line in paragraph.lines:
            for run in line.runs:
                return run.style.size
    return 0.0


Extent = tuple[float, float, float, float, float]  # x0, y0, x1, y1, type size


def _paragraph_extent(box: TextBox, paragraph: TextParagraph) -> Extent:
    top = min(line.baseline - line.ascent for line in paragraph.lines)
    bottom = max(line.baseline + line.descent for line in paragraph.lines)
    return box.x, top, box.x + box.w, bottom, _size(paragraph)


def regions(
    record: SlideRecord,
    page: LaidSlide,
    marking: bool = False,
    theme: Theme | None = None,
    scale: float = 1.0,
) -> tuple[Region, ...]:
    """Editable places on ``page``, the first laid slide of ``record``: the slide fields
    and items its text boxes and paragraphs were drawn from; for an untitled slide, the
    title frame of ``theme`` (the deck's, on ``scale`` times layout's page: a house
    template's) where its title would go."""
    fields: dict[str, Region] = {}
    items: dict[int, list[Extent]] = {}
    sizes: dict[int, float] = {}
    for box in page.boxes:
        if not isinstance(box, TextBox):
            continue
        source = box.source
        if isinstance(source, FieldRef) and source.field not in fields:
            size = _size(*box.paragraphs)
            fields[source.field] = Region(source.field, box.x, box.y, box.w, box.h, None, size)
        elif isinstance(source, ItemRef) and source.part in CLICKABLE_PARTS:
            extent = (box.x, box.y, box.x + box.w, box.y + box.h, _size(*box.paragraphs))
            items.setdefault(source.item_id, []).append(extent)
            if source.part == "text":
                sizes[source.item_id] = extent[4]
        for paragraph in box.paragraphs:
            ref = paragraph.source
            if (
                isinstance(ref, ItemRef)
                and ref.part == "text"
                and paragraph.lines
                and not box.source
            ):
                items.setdefault(ref.item_id, []).append(_paragraph_extent(box, paragraph))
    out = [fields[f] for f in FIELDS if f in fields]
    if "title" not in fields and registry.get(record.layout).title_zone:
        theme = (theme or get_theme(None)).for_layout(record.layout)
        f, k = theme.title_frame(marking), scale
        out.append(
            Region("title", f.x * k, (f.y + f.h / 2) * k, f.w * k, f.h / 2 * k, None,
                   theme.title_size * k)
        )  # fmt: skip
    for item_id, extents in items.items():
        x0 = min(e[0] for e in extents) - PAD
        y0 = min(e[1] for e in extents) - PAD
        x1 = max(e[2] for e in extents) + PAD
        y1 = max(e[3] for e in extents) + PAD
        size = sizes.get(item_id, extents[-1][4])
        out.append(Region("item", x0, y0, x1 - x0, y1 - y0, item_id, size))
    return tuple(out)
