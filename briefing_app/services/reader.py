"""The essay as the review reader shows it: clean text plus every span to mark.

One read, plain records (no ORM objects), fast enough to rebuild after every edit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from briefing_app.services.review import latest_statuses
from briefing_app.store.errors import NotFoundError
from briefing_app.store.models import (
    Argument,
    Document,
    Footnote,
    Link,
    Paragraph,
    Section,
    TextStyleSpan,
)
from briefing_app.store.store import Store


@dataclass(frozen=True)
class FootnoteMark:
    number: int
    offset: int  # marker position in the paragraph's clean text
    text: str


@dataclass(frozen=True)
class LinkSpan:
    start: int
    end: int
    target: str | None


@dataclass(frozen=True)
class EmphasisSpan:
    start: int
    end: int
    kind: str  # emphasis | strong


@dataclass(frozen=True)
class Highlight:
    argument_id: int
    start: int
    end: int
    status: str  # latest review status
    label: str
    kind: str
    origin: str  # curated | user


@dataclass(frozen=True)
class ReaderParagraph:
    id: int
    index: int  # position in the document, from 0
    text: str
    footnotes: tuple[FootnoteMark, ...]
    links: tuple[LinkSpan, ...]
    emphasis: tuple[EmphasisSpan, ...]
    highlights: tuple[Highlight, ...]


@dataclass(frozen=True)
class ReaderSection:
    id: int
    title: str | None
    paragraphs: tuple[ReaderParagraph, ...]


@dataclass(frozen=True)
class ReaderNote:
    number: int
    text: str
    paragraph_id: int | None


@dataclass(frozen=True)
class ReaderDocument:
    slug: str
    title: str
    author: str | None
    affiliation: str | None
    publisher: str | None
    published: str | None
    revised: str | None
    attribution: str | None
    sections: tuple[ReaderSection, ...]
    notes: tuple[ReaderNote, ...]

    def paragraphs(self) -> list[ReaderParagraph]:
        return [p for section in self.sections for p in section.paragraphs]

    def paragraph(self, paragraph_id: int) -> ReaderParagraph | None:
        return next((p for p in self.paragraphs() if p.id == paragraph_id), None)

    def highlights(self) -> list[tuple[ReaderParagraph, Highlight]]:
        """Every highlight in reading order."""
        return [(p, h) for p in self.paragraphs() for h in p.highlights]


def _span(start: int | None, end: int | None, length: int) -> tuple[int, int] | None:
    """(start, end) when both are set and mark a non-empty span inside the text."""
    if start is None or end is None or not 0 <= start < end <= length:
        return None
    return start, end


def reader_document(store: Store, slug: str | None = None) -> ReaderDocument:
    """The document ``slug`` (the first one when None) with all its marked spans."""
    with store.read() as session:
        query = select(Document)
        query = query.where(Document.slug == slug) if slug else query.order_by(Document.id)
        document = session.scalars(query.limit(1)).first()
        if document is None:
            what = f"the document {slug!r}" if slug else "any document"
            raise NotFoundError(f"There is no {what} in the store.")
        doc_id = document.id
        sections = session.execute(
            select(Section.id, Section.title)
            .where(Section.document_id == doc_id)
            .order_by(Section.position)
        ).all()
        paragraphs = session.execute(
            select(Paragraph.id, Paragraph.section_id, Paragraph.position, Paragraph.text)
            .where(Paragraph.document_id == doc_id)
            .order_by(Paragraph.position)
        ).all()
        texts = {pid: text for pid, _s, _p, text in paragraphs}
        notes = session.execute(
            select(Footnote.number, Footnote.text, Footnote.paragraph_id, Footnote.offset)
            .where(Footnote.document_id == doc_id)
            .order_by(Footnote.number)
        ).all()
        marks: dict[int, list[FootnoteMark]] = defaultdict(list)
        for number, text, pid, offset in notes:
            if pid in texts and offset is not None and 0 <= offset <= len(texts[pid]):
                marks[pid].append(FootnoteMark(number, offset, text))
        links: dict[int, list[LinkSpan]] = defaultdict(list)
        for pid, start, end, target in session.execute(
            select(Link.paragraph_id, Link.span_start, Link.span_end, Link.target)
            .where(Link.document_id == doc_id, Link.paragraph_id.is_not(None))
            .order_by(Link.span_start)
        ):
            if pid in texts and (span := _span(start, end, len(texts[pid]))):
                links[pid].append(LinkSpan(*span, target))
        emphasis: dict[int, list[EmphasisSpan]] = defaultdict(list)
        for pid, start, end, kind in session.execute(
            select(
                TextStyleSpan.paragraph_id,
                TextStyleSpan.span_start,
                TextStyleSpan.span_end,
                TextStyleSpan.kind,
            )
            .where(TextStyleSpan.document_id == doc_id, TextStyleSpan.paragraph_id.is_not(None))
            .order_by(TextStyleSpan.span_start)
        ):
            if pid in texts and (span := _span(start, end, len(texts[pid]))):
                emphasis[pid].append(EmphasisSpan(*span, kind))
        statuses = latest_statuses(session, document_id=doc_id)
        highlights: dict[int, list[Highlight]] = defaultdict(list)
        for aid, pid, start, end, label, kind, origin in session.execute(
            select(
                Argument.id,
                Argument.paragraph_id,
                Argument.span_start,
                Argument.span_end,
                Argument.label,
                Argument.kind,
                Argument.origin,
            )
            .where(Argument.document_id == doc_id, Argument.paragraph_id.is_not(None))
            .order_by(Argument.span_start, Argument.id)
        ):
            if pid in texts and (span := _span(start, end, len(texts[pid]))):
                status = statuses.get(aid, "unreviewed")
                highlights[pid].append(Highlight(aid, *span, status, label, kind, origin))
        by_section: dict[int, list[ReaderParagraph]] = defaultdict(list)
        for pid, section_id, position, text in paragraphs:
            by_section[section_id].append(
                ReaderParagraph(
                    pid,
                    position,
                    text,
                    tuple(sorted(marks[pid], key=lambda m: (m.offset, m.number))),
                    tuple(links[pid]),
                    tuple(emphasis[pid]),
                    tuple(highlights[pid]),
                )
            )
        return ReaderDocument(
            slug=document.slug,
            title=document.title,
            author=document.author,
            affiliation=document.affiliation,
            publisher=document.publisher,
            published=document.published.isoformat() if document.published else None,
            revised=document.revised.isoformat() if document.revised else None,
            attribution=document.attribution,
            sections=tuple(
                ReaderSection(sid, title, tuple(by_section[sid])) for sid, title in sections
            ),
            notes=tuple(ReaderNote(number, text, pid) for number, text, pid, _o in notes),
        )
