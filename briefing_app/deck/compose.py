"""Turn a stored deck into slide content: the one place store text is cleaned for output.

Everything a renderer will draw passes through :func:`briefing_app.layout.textclean.clean_text`
here, citations are gathered, the footer's short sources are written and the sources
slide is filled with the essay's reference and every cited footnote in full. Hyperlinks
enter here too, and only through :func:`briefing_app.domain.text.safe_link`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.domain.text import safe_link
from briefing_app.layout.content import (
    ContentItem,
    DeckContent,
    SlideContent,
    TimelineEntry,
)
from briefing_app.layout.textclean import clean_text_with_warnings
from briefing_app.maps.compose import MapFigure
from briefing_app.services import maps, sources
from briefing_app.services.decks import deck_by_name
from briefing_app.store.map_models import Map
from briefing_app.store.models import Document, Footnote, Link, Paragraph, Slide, SlideItem
from briefing_app.store.store import Store

FOOTNOTE_SNIPPET_WORDS = 9
# A title, heading or name longer than this is cut: no layout draws more than about 350
# characters of one, and renderers measure them again on every page (a 1 MB slide title
# kept the handout busy for hours).
MAX_LINE_FIELD = 400
MAP_POINTS = 3  # arguments a map slide lists by itself, beside the map


@dataclass
class Composed:
    content: DeckContent
    warnings: list[str] = field(default_factory=list)


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


def essay_reference(document: Document) -> str:
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


def short_reference(document: Document) -> str:
    """'Joseph, “Balkans Breakthrough for Ukraine” (2025)' for footers."""
    surname = (document.author or "").split()[-1] if document.author else ""
    title = document.title.split(":")[0].strip()
    year = f" ({document.published.year})" if document.published else ""
    return f"{surname}, “{title}”{year}" if surname else f"“{title}”{year}"


def _snippet(text: str) -> str:
    words = text.split()
    short = " ".join(words[:FOOTNOTE_SNIPPET_WORDS])
    return short + ("…" if len(words) > FOOTNOTE_SNIPPET_WORDS else "")


class _SlideComposer:
    def __init__(self, session: Session, clean: _Cleaner) -> None:
        self.session = session
        self.clean = clean
        self.cited: dict[int, set[int]] = {}  # document id → footnote numbers
        self.documents: dict[int, Document] = {}
        self.footnotes: dict[tuple[int, int], Footnote] = {}
        self._links: dict[int, str | None] = {}  # footnote id → its hyperlink

    def footnote_links(self, footnote_ids: list[int]) -> dict[int, str | None]:
        """The hyperlink each footnote's item may carry: its one distinct safe link target.

        Unsafe targets (``javascript:``, ``file:``, relative…) never count, so their anchor
        stays plain text; a footnote citing several safe sources gets no single link.
        """
        missing = [i for i in footnote_ids if i not in self._links]
        if missing:
            found: dict[int, set[str]] = {i: set() for i in missing}
            query = select(Link.footnote_id, Link.target).where(Link.footnote_id.in_(missing))
            for footnote_id, target in self.session.execute(query):
                if (url := safe_link(target)) is not None:
                    found[footnote_id].add(url)
            for footnote_id, urls in found.items():
                self._links[footnote_id] = urls.pop() if len(urls) == 1 else None
        return self._links

    def _document(self, document_id: int | None) -> Document | None:
        if document_id is None:
            return None
        if document_id not in self.documents:
            self.documents[document_id] = self.session.get(Document, document_id)
        return self.documents[document_id]

    def item(self, item: SlideItem, refs: dict) -> tuple[ContentItem, sources.SourceInfo | None]:
        source = sources.resolve(self.session, item.source_kind, item.source_id)
        citations: tuple[int, ...] = ()
        if source is not None:
            citations = source.citations
            if source.document_id is not None:
                self.cited.setdefault(source.document_id, set()).update(citations)
                places = refs.setdefault(source.document_id, (set(), set()))
                if source.paragraph is not None:
                    places[0].add(source.paragraph + 1)
                places[1].update(citations)
        link = None
        if source is not None and source.kind == "footnote":
            link = self.footnote_links([source.id])[source.id]
        content = ContentItem(
            text=self.clean(item.text),
            level=item.level,
            citations=citations,
            link=link,
            differs_from_source=source is not None and item.text != source.text,
        )
        return content, source

    def footer(self, refs: dict) -> tuple[str, ...]:
        lines: list[str] = []
        for document_id, (paragraphs, notes) in sorted(refs.items()):
            document = self._document(document_id)
            if document is None:
                continue
            where = ""
            if paragraphs:
                where = ", ¶ " + ", ".join(str(p) for p in sorted(paragraphs))
            lines.append(self.clean(short_reference(document) + where))
            for number in sorted(notes):
                note = self.footnotes.get((document_id, number))
                if note is not None:
                    lines.append(self.clean(f"[{number}] {_snippet(note.text)}"))
        return tuple(lines)

    def slide(self, slide: Slide, section_titles: list[str]) -> SlideContent:
        refs: dict[int, tuple[set[int], set[int]]] = {}
        composed = [self.item(i, refs) for i in slide.items]
        columns = [
            [c for (c, _), i in zip(composed, slide.items, strict=True) if i.column == n]
            for n in (0, 1)
        ]
        fields: dict = {
            "layout": slide.layout,
            "title": self.clean.line(slide.title),
            "subtitle": self.clean.line(slide.subtitle),
            "notes": self.clean(_with_corrections(slide.notes, composed)),
        }
        if slide.layout == "comparison":
            fields.update(
                left_heading=self.clean.line(slide.left_heading),
                right_heading=self.clean.line(slide.right_heading),
                left_items=tuple(columns[0]),
                right_items=tuple(columns[1]),
            )
        elif slide.layout == "quote":
            quote = next(((c, s) for c, s in composed if s and s.kind == "quote"), None)
            if quote is None and composed:
                quote = composed[0]
            if quote is not None:
                content, source = quote
                fields.update(
                    quote_text=content.text,
                    quote_speaker=self.clean.line(source.speaker) if source else "",
                    quote_date=source.date_label if source else "",
                    quote_citations=content.citations,
                )
        elif slide.layout == "timeline":
            fields["timeline"] = tuple(
                TimelineEntry(
                    date_label=s.date_label if s else "",
                    text=c.text,
                    citations=c.citations,
                )
                for c, s in composed
            )
        elif slide.layout == "map":
            fields.update(self.map_fields(composed, refs))
        elif slide.layout == "agenda" and not composed:
            fields["items"] = tuple(ContentItem(text=t) for t in section_titles)
        else:
            fields["items"] = tuple(c for c, _ in composed)
        if slide.layout not in ("title", "section", "sources"):
            fields["footer_sources"] = self.footer(refs)
        return SlideContent(**fields)

    def map_fields(
        self, composed: list[tuple[ContentItem, sources.SourceInfo | None]], refs: dict
    ) -> dict:
        """The map to draw, its caption, and the points: the briefer's, else the first
        arguments the map illustrates (with their citations)."""
        shown = next((s for _, s in composed if s and s.kind == "map"), None)
        points = [c for c, s in composed if not (s and s.kind == "map")]
        if shown is None:
            return {"items": tuple(points)}
        row = self.session.get(Map, shown.id)
        spec = maps.spec_of(row)
        if not points:
            for argument in row.arguments[:MAP_POINTS]:
                numbers = tuple(f.number for f in argument.footnotes)
                self.cited.setdefault(argument.document_id, set()).update(numbers)
                places = refs.setdefault(argument.document_id, (set(), set()))
                paragraph = self.session.get(Paragraph, argument.paragraph_id or -1)
                if paragraph is not None:
                    places[0].add(paragraph.position + 1)
                places[1].update(numbers)
                points.append(ContentItem(self.clean(argument.claim), citations=numbers))
        return {
            "items": tuple(points),
            "map_key": row.key,
            "map_spec": MapFigure(spec),
            "subtitle": self.clean.line(row.caption),
        }

    def sources_items(self, extra: list[ContentItem]) -> tuple[ContentItem, ...]:
        items: list[ContentItem] = []
        for document_id in sorted(self.cited) or sorted(self.documents):
            document = self._document(document_id)
            if document is None:
                continue
            items.append(ContentItem(text=self.clean(essay_reference(document))))
            numbers = sorted(self.cited.get(document_id, ()))
            notes = [self.footnotes[(document_id, n)] for n in numbers]
            links = self.footnote_links([n.id for n in notes])
            items += [
                ContentItem(text=self.clean(f"[{n.number}] {n.text}"), level=1, link=links[n.id])
                for n in notes
            ]
        return tuple(items + extra)


def compose_deck(store: Store, name: str) -> Composed:
    """The deck ``name`` as clean, layout-ready content plus any cleaning warnings."""
    clean = _Cleaner()
    with store.read() as session:
        deck = deck_by_name(session, name)
        composer = _SlideComposer(session, clean)
        refs = [(i.source_kind, i.source_id) for s in deck.slides for i in s.items]
        loaded = sources.preload(session, refs)
        composer.footnotes = loaded.footnotes
        sections = [clean.line(s.title) for s in deck.slides if s.layout == "section"]
        slides = [composer.slide(s, sections) for s in deck.slides]
        if not composer.cited and not composer.documents:
            first = session.scalar(select(Document).order_by(Document.id))
            if first is not None:
                composer.documents[first.id] = first
        slides = [_with_sources(s, composer) if s.layout == "sources" else s for s in slides]
        content = DeckContent(
            title=clean.line(deck.title),
            subtitle=clean.line(deck.subtitle),
            author=clean.line(deck.author),
            date_label=clean.line(deck.date_label),
            marking=clean.line(deck.marking) or None,
            theme=deck.theme,
            subject=clean.line(deck.subtitle or deck.title),
            slides=tuple(slides),
        )
    return Composed(content, clean.warnings)


def _with_sources(slide: SlideContent, composer: _SlideComposer) -> SlideContent:
    return replace(slide, items=composer.sources_items(list(slide.items)))


def _with_corrections(
    notes: str, composed: list[tuple[ContentItem, sources.SourceInfo | None]]
) -> str:
    """The briefer's notes followed by the reviewers' corrections and caveats of the
    sources on the slide, so the presenter and the handout reader see them."""
    lines: list[str] = []
    for _, source in composed:
        if source is not None and source.correction and source.correction not in lines:
            lines.append(source.correction)
    if not lines:
        return notes
    return "\n\n".join(part for part in (notes.strip(), "\n".join(lines)) if part)
