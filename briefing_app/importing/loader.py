"""Write a parsed document into the store: idempotent, and in one transaction.

Importing the same bytes again changes nothing. Importing changed bytes replaces the
document's text (sections, paragraphs, footnotes, links, styles) in place, keeping the
document's id, and re-anchors every argument, quote and event to the new text, so the
briefer's review work and decks survive a corrected source.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from briefing_app.importing.parsed import ImportFormatError, LinkSpan, ParsedDocument, StyleSpan
from briefing_app.importing.spans import reanchor_document
from briefing_app.store.models import (
    Document,
    Footnote,
    Link,
    Paragraph,
    Section,
    TextStyleSpan,
)
from briefing_app.store.store import Store


class DocumentExistsError(ImportFormatError):
    """The store holds a different document under the slug an import would write."""

    def __init__(self, slug: str, title: str, source: str | None) -> None:
        self.slug = slug
        super().__init__(
            f"the store already holds a different document {slug!r} (“{title}”), so nothing "
            "was imported; import with --replace to replace that document's text (the store "
            "is backed up first)",
            source=source,
        )


@dataclass(frozen=True)
class ImportResult:
    document_id: int
    slug: str
    status: str  # created | unchanged | replaced


def import_parsed(
    store: Store,
    parsed: ParsedDocument,
    slug: str,
    attribution: str | None = None,
    *,
    replace: bool = True,
) -> ImportResult:
    """Create, keep or replace the document ``slug`` from ``parsed``, in one transaction."""
    with store.transaction() as session:
        return write_parsed(session, parsed, slug, attribution, replace=replace)


def write_parsed(
    session: Session,
    parsed: ParsedDocument,
    slug: str,
    attribution: str | None = None,
    *,
    replace: bool = False,
) -> ImportResult:
    """Create, keep or (only when ``replace``) replace ``slug`` inside the caller's transaction.

    A document with other text under the same slug raises DocumentExistsError unless
    ``replace``: an import never overwrites work it did not create without being asked.
    """
    document = session.scalar(select(Document).where(Document.slug == slug))
    if document is not None and document.content_hash == parsed.content_hash:
        if attribution is not None and document.attribution != attribution:
            document.attribution = attribution
        return ImportResult(document.id, slug, "unchanged")
    if document is not None and not replace:
        raise DocumentExistsError(slug, document.title, parsed.source_name)
    status = "replaced" if document is not None else "created"
    if document is None:
        document = Document(slug=slug)
        session.add(document)
    else:
        _delete_text(session, document.id)
    _fill_metadata(document, parsed, attribution)
    session.flush()
    _insert_text(session, document, parsed)
    session.flush()
    reanchor_document(session, document.id)
    return ImportResult(document.id, slug, status)


def _fill_metadata(document: Document, parsed: ParsedDocument, attribution: str | None) -> None:
    document.title = parsed.title
    document.author = parsed.author
    document.affiliation = parsed.affiliation
    document.publisher = parsed.publisher
    document.published = parsed.published
    document.revised = parsed.revised
    document.category = parsed.category
    document.image_caption = parsed.image_caption
    document.attribution = attribution
    document.source_name = parsed.source_name
    document.content_hash = parsed.content_hash


def _delete_text(session: Session, document_id: int) -> None:
    for model in (Link, TextStyleSpan, Footnote, Paragraph, Section):
        session.execute(delete(model).where(model.document_id == document_id))
    session.expire_all()


def _insert_text(session: Session, document: Document, parsed: ParsedDocument) -> None:
    sections = [
        Section(document_id=document.id, position=i, title=s.title)
        for i, s in enumerate(parsed.sections)
    ]
    session.add_all(sections)
    session.flush()
    paragraphs: list[Paragraph] = []
    for position, para in enumerate(parsed.paragraphs):
        paragraphs.append(
            Paragraph(
                document_id=document.id,
                section_id=sections[para.section].id,
                position=position,
                text=para.text,
                source_line=para.line,
            )
        )
    session.add_all(paragraphs)
    session.flush()
    marker_at: dict[int, tuple[int, int]] = {}
    for para, row in zip(parsed.paragraphs, paragraphs, strict=True):
        for ref in para.footnote_refs:
            marker_at.setdefault(ref.number, (row.id, ref.offset))
        _add_spans(session, document.id, para.links, para.styles, paragraph_id=row.id)
    for note in parsed.footnotes:
        paragraph_id, offset = marker_at.get(note.number, (None, None))
        footnote = Footnote(
            document_id=document.id,
            number=note.number,
            text=note.text,
            paragraph_id=paragraph_id,
            offset=offset,
        )
        session.add(footnote)
        session.flush()
        _add_spans(session, document.id, note.links, note.styles, footnote_id=footnote.id)


def _add_spans(
    session: Session,
    document_id: int,
    links: list[LinkSpan],
    styles: list[StyleSpan],
    *,
    paragraph_id: int | None = None,
    footnote_id: int | None = None,
) -> None:
    for link in links:
        session.add(
            Link(
                document_id=document_id,
                paragraph_id=paragraph_id,
                footnote_id=footnote_id,
                span_start=link.start,
                span_end=link.end,
                anchor_text=link.text,
                target=link.target,
            )
        )
    for style in styles:
        session.add(
            TextStyleSpan(
                document_id=document_id,
                paragraph_id=paragraph_id,
                footnote_id=footnote_id,
                span_start=style.start,
                span_end=style.end,
                kind=style.kind,
            )
        )
