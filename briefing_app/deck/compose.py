"""Turn a stored deck into slide content: the one place store text is cleaned for output.

Everything a renderer will draw passes through
:func:`briefing_app.layout.textclean.clean_text` here, citations are gathered, the
footer's short sources are written and the sources slide is filled with the essay's
reference and every cited footnote in full. Hyperlinks enter here too, and only through
:func:`briefing_app.domain.text.safe_link`. What each slide shows is decided by its
layout (``layout/layouts``), composing from a draft of the stored slide made here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefing_app.domain.text import safe_link
from briefing_app.layout import registry
from briefing_app.layout.boxes import ItemRef
from briefing_app.layout.content import ContentItem, DeckContent, SlideContent
from briefing_app.layout.slide_layout import ComposedFigure, DraftItem
from briefing_app.layout.textclean import MAX_LINE_FIELD, clean_text_with_warnings
from briefing_app.layout.unit import UnitLayout
from briefing_app.services.records import SlideRecord, SlideSnapshot, slide_record
from briefing_app.store.reading import (
    DeckRow,
    DocumentRow,
    FootnoteRow,
    ItemRow,
    MapRow,
    SlideRow,
    SourceInfo,
    StoreReader,
)

if TYPE_CHECKING:
    from briefing_app.store.store import Store


@dataclass
class Composed:
    content: DeckContent
    warnings: list[str] = field(default_factory=list)
    # Asked for with ``records=True`` (the editor): the deck's row and each slide's record,
    # from the same read as the content, so the two always describe the same slides.
    deck: DeckRow | None = None
    records: tuple[SlideRecord, ...] = ()


class _Cleaner:
    """Cleans text and remembers each distinct warning once."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def __call__(self, text: str | None) -> str:
        cleaned, warnings = clean_text_with_warnings(text or "")
        for warning in warnings:
            if warning not in self.warnings:
                self.warnings.append(warning)
        return cleaned

    def line(self, text: str | None) -> str:
        """A one-line field (title, heading, name), cut to ``MAX_LINE_FIELD`` characters."""
        cleaned = self(text)
        if len(cleaned) <= MAX_LINE_FIELD:
            return cleaned
        warning = f"A title or name longer than {MAX_LINE_FIELD:,} characters was shortened."
        if warning not in self.warnings:
            self.warnings.append(warning)
        return cleaned[: MAX_LINE_FIELD - 1].rstrip() + "…"


def _month_year(value: object) -> str:
    return value.strftime("%-d %B %Y") if value else ""  # type: ignore[attr-defined]


def essay_reference(document: DocumentRow) -> str:
    """The full reference used on the sources slide."""
    parts = [f"{document.author}, “{document.title}”" if document.author else document.title]
    if document.publisher:
        parts.append(document.publisher)
    dates = []
    if document.published:
        dates.append(f"published {_month_year(document.published)}")
    if document.revised:
        dates.append(f"revised {_month_year(document.revised)}")
    text = ", ".join(parts)
    return f"{text}; {'; '.join(dates)}." if dates else f"{text}."


def short_reference(document: DocumentRow) -> str:
    """'Joseph, “Balkans Breakthrough for Ukraine” (2025)' for footers."""
    surname = (document.author or "").split()[-1] if document.author else ""
    title = document.title.split(":")[0].strip()
    year = f" ({document.published.year})" if document.published else ""
    return f"{surname}, “{title}”{year}" if surname else f"“{title}”{year}"


Refs = dict[int, tuple[set[int], set[int]]]  # document id → (paragraph numbers, footnotes)


@dataclass
class SourceMemo:
    """What composing read about the slides' sources, kept for the next compose.

    A caller that composes the same deck again and again (the editor, after each edit)
    passes one in: sources it holds are not read again. It is the caller's to
    :meth:`forget` what a write changed (the ``arguments`` of a Changes record) and to
    :meth:`clear` it whenever it reads the whole deck afresh.
    """

    infos: dict[tuple[str, int], SourceInfo | None] = field(default_factory=dict)
    short_references: dict[int, str | None] = field(default_factory=dict)  # document id →
    links: dict[int, str | None] = field(default_factory=dict)  # footnote id → hyperlink

    def forget(self, kind: str, ids: Iterable[int]) -> None:
        for source_id in ids:
            self.infos.pop((kind, source_id), None)

    def clear(self) -> None:
        self.infos.clear()
        self.short_references.clear()
        self.links.clear()

    def missing(self, refs: Iterable[tuple[str | None, int | None]]) -> list[tuple[str, int]]:
        return [
            (kind, source_id)
            for kind, source_id in refs
            if kind is not None and source_id is not None and (kind, source_id) not in self.infos
        ]


class _DeckComposer:
    """What composing every slide of one deck shares: cleaning, loaded documents and
    footnotes, and every footnote cited so far (for the sources slide)."""

    def __init__(
        self, reader: StoreReader, clean: _Cleaner, memo: SourceMemo | None = None
    ) -> None:
        self.reader = reader
        self.clean = clean
        self.memo = memo if memo is not None else SourceMemo()
        self.cited: dict[int, set[int]] = {}  # document id → footnote numbers
        self.documents: dict[int, DocumentRow | None] = {}
        self.footnotes: dict[tuple[int, int], FootnoteRow] = {}
        self.section_titles: tuple[str, ...] = ()
        self.read_section_titles: Callable[[], tuple[str, ...]] | None = None  # when asked
        self._links = self.memo.links

    def source(self, kind: str | None, source_id: int | None) -> SourceInfo | None:
        """An item's live source, read once per memo."""
        if kind is None or source_id is None:
            return None
        key = (kind, source_id)
        if key not in self.memo.infos:
            self.memo.infos[key] = self.reader.source(kind, source_id)
        return self.memo.infos[key]

    def footnote_links(self, footnote_ids: list[int]) -> dict[int, str | None]:
        """The hyperlink each footnote's item may carry: its one distinct safe link target.

        Unsafe targets (``javascript:``, ``file:``, relative…) never count, so their anchor
        stays plain text; a footnote citing several safe sources gets no single link.
        """
        missing = [i for i in footnote_ids if i not in self._links]
        if missing:
            found: dict[int, set[str]] = {i: set() for i in missing}
            for footnote_id, target in self.reader.footnote_targets(missing):
                if footnote_id is not None and (url := safe_link(target)) is not None:
                    found[footnote_id].add(url)
            for footnote_id, urls in found.items():
                self._links[footnote_id] = urls.pop() if len(urls) == 1 else None
        return self._links

    def document(self, document_id: int | None) -> DocumentRow | None:
        if document_id is None:
            return None
        if document_id not in self.documents:
            self.documents[document_id] = self.reader.document(document_id)
        return self.documents[document_id]

    def short_reference(self, document_id: int) -> str | None:
        """The document's short reference for footers, read once per memo."""
        known = self.memo.short_references
        if document_id not in known:
            document = self.document(document_id)
            known[document_id] = short_reference(document) if document is not None else None
        return known[document_id]

    def cite(
        self, refs: Refs, document_id: int, paragraph: int | None, numbers: tuple[int, ...]
    ) -> None:
        """Count ``numbers`` of ``document_id`` as cited, deck-wide and on one slide."""
        self.cited.setdefault(document_id, set()).update(numbers)
        places = refs.setdefault(document_id, (set(), set()))
        if paragraph is not None:
            places[0].add(paragraph + 1)
        places[1].update(numbers)

    def item(
        self, item: ItemRow, refs: Refs, corrections: list[str], unit_slide: bool = False
    ) -> DraftItem:
        """One item, its citations counted; its source's correction added to
        ``corrections`` (once). The unit's own words are marked as such unless the slide
        is one of the unit's own (``unit_slide``), which says so itself."""
        source = self.source(item.source_kind, item.source_id)
        for line in source.correction.splitlines() if source is not None else ():
            if line not in corrections:
                corrections.append(line)
        citations: tuple[int, ...] = ()
        if source is not None:
            citations = source.citations
            if source.document_id is not None:
                self.cite(refs, source.document_id, source.paragraph, citations)
        link = None
        if source is not None and source.kind == "footnote":
            link = self.footnote_links([source.id])[source.id]
        content = ContentItem(
            text=self.clean(item.text),
            level=item.level,
            citations=citations,
            link=link,
            differs_from_source=source is not None and item.text != source.text,
            ref=ItemRef(item.id),
            unit=item.source_kind is None and not unit_slide,
        )
        if source is None:
            return DraftItem(content, None, item.column)
        speaker = self.clean.line(source.speaker) if source.speaker else ""
        if speaker and source.speaker_role:  # "Vladimir Putin, President of Russia"
            speaker = self.clean.line(f"{source.speaker}, {source.speaker_role}")
        context = self.clean(source.context)
        return DraftItem(content, source.kind, item.column, speaker, source.date_label, context)

    def footer(self, refs: Refs) -> tuple[str, ...]:
        """One short source line per cited document, naming only what this slide shows:
        'Joseph, “Balkans Breakthrough for Ukraine” (2025), ¶ 4, 5; footnote 3' (the
        footnotes in full are on the sources slide)."""
        lines: list[str] = []
        for document_id, (paragraphs, notes) in sorted(refs.items()):
            short = self.short_reference(document_id)
            if short is None:
                continue
            parts = [short]
            if paragraphs:
                parts.append("¶ " + ", ".join(str(p) for p in sorted(paragraphs)))
            if notes:
                label = "footnote" if len(notes) == 1 else "footnotes"
                parts.append(f"{label} " + ", ".join(str(n) for n in sorted(notes)))
            lines.append(self.clean(", ".join(parts)))
        return tuple(lines)

    def references(self) -> tuple[ContentItem, ...]:
        """Each cited document's full reference, then its cited footnotes in full, each
        followed by the corrections and caveats of what is quoted from it (the footnote's
        own text unchanged)."""
        items: list[ContentItem] = []
        for document_id in sorted(self.cited) or sorted(self.documents):
            document = self.document(document_id)
            if document is None:
                continue
            items.append(ContentItem(text=self.clean(essay_reference(document))))
            numbers = sorted(self.cited.get(document_id, ()))
            notes = [self.footnotes[(document_id, n)] for n in numbers]
            links = self.footnote_links([n.id for n in notes])
            notes_corrections = self.reader.corrections_anchored_in({n.id for n in notes})
            for n in notes:
                text = self.clean(f"[{n.number}] {n.text}")
                items.append(ContentItem(text=text, level=1, link=links[n.id]))
                items += [ContentItem(text=self.clean(line), level=1)
                          for line in notes_corrections.get(n.id, ())]  # fmt: skip
        return tuple(items)


class _Draft:
    """One stored slide for its layout to compose (a ``SlideDraft``)."""

    def __init__(self, deck: _DeckComposer, slide: SlideRow) -> None:
        self.deck = deck
        clean = deck.clean
        self.title = clean.line(slide.title)
        self.subtitle = clean.line(slide.subtitle)
        self.left_heading = clean.line(slide.left_heading)
        self.right_heading = clean.line(slide.right_heading)
        self.refs: Refs = {}
        corrections: list[str] = []
        unit_slide = isinstance(registry.get(slide.layout), UnitLayout)
        self.items = tuple(deck.item(i, self.refs, corrections, unit_slide) for i in slide.items)
        self.notes = clean(_with_corrections(slide.notes, corrections))
        self._source_ids = {i.id: i.source_id for i in slide.items}

    def footer(self) -> tuple[str, ...]:
        return self.deck.footer(self.refs)

    def section_titles(self) -> tuple[str, ...]:
        deck = self.deck
        if deck.read_section_titles is not None:  # read only for a layout that lists them
            deck.section_titles, deck.read_section_titles = deck.read_section_titles(), None
        return deck.section_titles

    def references(self) -> tuple[ContentItem, ...]:
        return self.deck.references()

    def _map(self, item: DraftItem) -> MapRow | None:
        if item.kind != "map" or item.content.ref is None:
            return None
        source_id = self._source_ids.get(item.content.ref.item_id)
        return self.deck.reader.map(source_id) if source_id is not None else None

    def figure(self, item: DraftItem) -> ComposedFigure | None:
        row = self._map(item)
        if row is None:
            return None
        # shapely and the map services load only for a deck that has a map
        from briefing_app.maps.compose import MapFigure
        from briefing_app.maps.stored import spec_of_row

        figure = MapFigure(spec_of_row(row))
        return ComposedFigure(figure, row.key, self.deck.clean.line(row.caption))

    def figure_points(self, item: DraftItem, limit: int) -> tuple[ContentItem, ...]:
        row = self._map(item)
        if row is None:
            return ()
        points = []
        for point in self.deck.reader.map_points(row.id, limit):
            numbers = point.footnotes
            self.deck.cite(self.refs, point.document_id, point.paragraph, numbers)
            points.append(ContentItem(self.deck.clean(point.claim), citations=numbers))
        return tuple(points)


def compose_deck(
    store: Store, name: str, memo: SourceMemo | None = None, *, records: bool = False
) -> Composed:
    """The deck ``name`` as clean, layout-ready content plus any cleaning warnings.

    Each slide's layout composes its content from a draft of the stored slide; layouts
    that list what the whole deck cites (sources) compose after every other slide.
    ``memo`` keeps what was read of the sources (see :class:`SourceMemo`); with
    ``records``, the deck's row and its slides' records come with the content.
    """
    with store.reader() as reader:
        return compose_read(reader, name, memo, records=records)


def compose_read(
    reader: StoreReader, name: str, memo: SourceMemo | None = None, *, records: bool = False
) -> Composed:
    """:func:`compose_deck` through ``reader`` (the export command's own, or a store's)."""
    clean = _Cleaner()
    deck = reader.deck_named(name)
    stored = reader.slides(deck.id)
    composer = _DeckComposer(reader, clean, memo)
    refs = [(i.source_kind, i.source_id) for s in stored for i in s.items]
    composer.footnotes = reader.preload(refs)
    layouts = [registry.get(s.layout) for s in stored]
    composer.section_titles = tuple(
        clean.line(s.title)
        for s, layout in zip(stored, layouts, strict=True)
        if layout.starts_section
    )
    drafts = [_Draft(composer, s) for s in stored]
    slides: list[SlideContent | None] = [
        None if layout.composes_last else layout.compose(draft)
        for layout, draft in zip(layouts, drafts, strict=True)
    ]
    if not composer.cited and not composer.documents:
        first = reader.first_document()
        if first is not None:
            composer.documents[first.id] = first
    content = DeckContent(
        title=clean.line(deck.title),
        subtitle=clean.line(deck.subtitle),
        author=clean.line(deck.author),
        date_label=clean.line(deck.date_label),
        distribution=clean.line(deck.distribution or ""),
        marking=clean.line(deck.marking) or None,
        theme=deck.theme,
        subject=clean.line(deck.subtitle or deck.title),
        keywords=clean.line(_keywords(reader, refs)),
        slides=tuple(
            _in_part(slide if slide is not None else layout.compose(draft), row, clean)
            for slide, layout, draft, row in zip(slides, layouts, drafts, stored, strict=True)
        ),
        parts=tuple(dict.fromkeys(clean.line(s.part) for s in stored if s.part)),
    )
    if not records:
        return Composed(content, clean.warnings)
    slide_records = tuple(slide_record(s, composer.source) for s in stored)
    return Composed(content, clean.warnings, deck, slide_records)


def _keywords(reader: StoreReader, refs: Iterable[tuple[str | None, int | None]]) -> str:
    """The tags of the arguments on the deck's slides, by name, as document keywords."""
    ids = {i for kind, i in refs if kind == "argument" and i is not None}
    if not ids:
        return ""
    return "; ".join(reader.tag_names(ids))


@dataclass
class SomeSlides:
    """Some slides of a deck, read and composed for a refresh after an edit."""

    records: dict[int, SlideRecord]
    content: dict[int, SlideContent]
    warnings: list[str]


def compose_slides(
    store: Store,
    deck_id: int,
    slide_ids: Iterable[int],
    memo: SourceMemo | None = None,
    stored: Mapping[int, SlideSnapshot] | None = None,
) -> SomeSlides:
    """Some slides of a deck, by id, as :func:`decks.get_deck` reads them and
    :func:`compose_deck` composes them, in one read. Layouts that compose last (they list
    what the whole deck cites) are composed from these slides alone, so callers recompose
    the whole deck when citations may have changed.

    Only what these slides show is read: the slides that ``stored`` does not hold as a
    write left them, their sources (none that ``memo`` holds) and the passages and
    footnotes those are anchored in, not the whole essay, and the deck's section titles
    only for a layout that lists them."""
    clean = _Cleaner()
    wanted_ids, stored = list(slide_ids), stored or {}
    held = {i: stored[i] for i in wanted_ids if i in stored and stored[i].deck_id == deck_id}
    unknown = [i for i in wanted_ids if i not in held]
    with store.reader() as reader:
        slides = [_slide_row(held[i]) for i in held]
        if unknown:
            slides += reader.slides(deck_id, unknown)
        composer = _DeckComposer(reader, clean, memo)
        refs = [(i.source_kind, i.source_id) for s in slides for i in s.items]
        whole = any(registry.get(s.layout).composes_last for s in slides)  # lists footnotes
        wanted: list[tuple[str | None, int | None]] = [
            *(refs if whole else composer.memo.missing(refs))
        ]
        composer.footnotes = reader.preload(wanted, whole_documents=whole)

        def section_titles() -> tuple[str, ...]:
            return tuple(
                clean.line(title)
                for title, layout in reader.section_rows(deck_id)
                if registry.get(layout).starts_section
            )

        composer.read_section_titles = section_titles
        content = {
            s.id: _in_part(registry.get(s.layout).compose(_Draft(composer, s)), s, clean)
            for s in slides
        }
        records = {s.id: slide_record(s, composer.source) for s in slides}
        return SomeSlides(records, content, clean.warnings)


def _slide_row(snapshot: SlideSnapshot) -> SlideRow:
    """The slide as ``snapshot`` holds it (what a write left stored)."""
    return SlideRow(
        snapshot.id, snapshot.deck_id, snapshot.position, snapshot.layout, snapshot.title,
        snapshot.subtitle, snapshot.left_heading, snapshot.right_heading, snapshot.notes,
        snapshot.part,
        [ItemRow(i.id, snapshot.id, i.position, i.column, i.level, i.source_kind, i.source_id,
                 i.text) for i in snapshot.items],
    )  # fmt: skip


def _in_part(content: SlideContent, slide: SlideRow, clean: _Cleaner) -> SlideContent:
    """The slide's content with the part of the briefing it belongs to."""
    return replace(content, part=clean.line(slide.part)) if slide.part else content


def _with_corrections(notes: str, corrections: list[str]) -> str:
    """The briefer's notes followed by the reviewers' corrections and caveats of the
    sources on the slide, so the presenter and the handout reader see them."""
    if not corrections:
        return notes
    return "\n\n".join(part for part in (notes.strip(), "\n".join(corrections)) if part)
