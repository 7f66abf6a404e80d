"""Read-side queries over the essay store, returned as plain records (no ORM objects).

The CLI prints these and the GUI's Qt models display them; neither touches a session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from briefing_app.services import corrections
from briefing_app.services.review import latest_statuses
from briefing_app.store.errors import NotFoundError
from briefing_app.store.models import (
    Actor,
    Argument,
    ArgumentRelation,
    Correction,
    Document,
    Event,
    Footnote,
    Paragraph,
    Quote,
    Section,
)
from briefing_app.store.store import Store

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    slug: str
    title: str
    author: str | None
    affiliation: str | None
    publisher: str | None
    published: str | None
    revised: str | None
    category: str | None
    image_caption: str | None
    attribution: str | None
    paragraphs: int
    footnotes: int


@dataclass(frozen=True)
class ParagraphRecord:
    id: int
    document: str
    index: int
    section: str | None
    text: str


@dataclass(frozen=True)
class FootnoteRecord:
    id: int
    document: str
    number: int
    text: str
    paragraph: int | None
    offset: int | None
    context: str


@dataclass(frozen=True)
class ArgumentRecord:
    id: int
    key: str
    label: str
    claim: str
    kind: str
    perspectives: list[str]
    quote: str
    paragraph: int | None
    footnotes: list[int]
    tags: list[str]
    origin: str
    review_status: str
    supports: list[int] = field(default_factory=list)
    opposes: list[int] = field(default_factory=list)
    elaborates: list[int] = field(default_factory=list)
    responds_to: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class QuoteRecord:
    id: int
    key: str
    speaker: str | None
    text: str
    date: str | None
    context: str
    paragraph: int | None
    footnote: int | None
    source: str | None = None  # the text the words come from when no one spoke them
    correction: str = ""


@dataclass(frozen=True)
class ActorRecord:
    id: int
    key: str
    name: str
    kind: str
    description: str
    aliases: list[str]


@dataclass(frozen=True)
class EventRecord:
    """An event at the date a timeline uses: the corrected date when it has one."""

    id: int
    key: str
    date: str
    description: str
    quote: str
    paragraph: int | None
    footnote: int | None
    precision: str = "day"
    date_label: str = ""
    essay_date: str = ""  # as the essay gives it, when a correction changed it
    correction: str = ""


_InDocument = TypeVar("_InDocument", Paragraph, Footnote, Argument, Quote, Actor, Event)


def _document_filter(
    session: Session, model: type[_InDocument], slug: str | None
) -> Select[_InDocument]:
    query = select(model)
    if slug is not None:
        document = session.scalar(select(Document).where(Document.slug == slug))
        if document is None:
            raise NotFoundError(f"There is no document {slug!r} in the store.")
        query = query.where(model.document_id == document.id)
    return query


def _positions(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Paragraph.id, Paragraph.position)).all())


def _footnote_numbers(session: Session) -> dict[int, int]:
    return dict(session.execute(select(Footnote.id, Footnote.number)).all())


def documents(store: Store) -> list[DocumentRecord]:
    with store.read() as session:
        result = []
        for doc in session.scalars(select(Document).order_by(Document.id)):
            result.append(
                DocumentRecord(
                    id=doc.id,
                    slug=doc.slug,
                    title=doc.title,
                    author=doc.author,
                    affiliation=doc.affiliation,
                    publisher=doc.publisher,
                    published=doc.published.isoformat() if doc.published else None,
                    revised=doc.revised.isoformat() if doc.revised else None,
                    category=doc.category,
                    image_caption=doc.image_caption,
                    attribution=doc.attribution,
                    paragraphs=len(doc.paragraphs),
                    footnotes=len(doc.footnotes),
                )
            )
        return result


def paragraphs(store: Store, document: str | None = None) -> list[ParagraphRecord]:
    with store.read() as session:
        query = _document_filter(session, Paragraph, document).order_by(
            Paragraph.document_id, Paragraph.position
        )
        slugs = dict(session.execute(select(Document.id, Document.slug)).all())
        titles = dict(session.execute(select(Section.id, Section.title)).all())
        return [
            ParagraphRecord(p.id, slugs[p.document_id], p.position, titles[p.section_id], p.text)
            for p in session.scalars(query)
        ]


def footnotes(store: Store, document: str | None = None) -> list[FootnoteRecord]:
    with store.read() as session:
        query = _document_filter(session, Footnote, document).order_by(
            Footnote.document_id, Footnote.number
        )
        slugs = dict(session.execute(select(Document.id, Document.slug)).all())
        paras = {p.id: p for p in session.scalars(select(Paragraph))}
        result = []
        for note in session.scalars(query):
            para = paras.get(note.paragraph_id) if note.paragraph_id else None
            context = ""
            if para is not None and note.offset is not None:
                context = para.text[max(0, note.offset - CONTEXT_CHARS) : note.offset]
            result.append(
                FootnoteRecord(
                    id=note.id,
                    document=slugs[note.document_id],
                    number=note.number,
                    text=note.text,
                    paragraph=para.position if para else None,
                    offset=note.offset,
                    context=context,
                )
            )
        return result


def _argument_record(
    arg: Argument,
    positions: dict[int, int],
    relations: dict[int, dict[str, list[int]]],
    statuses: dict[int, str],
) -> ArgumentRecord:
    rel = relations.get(arg.id, {})
    return ArgumentRecord(
        id=arg.id,
        key=arg.key,
        label=arg.label,
        claim=arg.claim,
        kind=arg.kind,
        perspectives=list(arg.perspectives or []),
        quote=arg.quote,
        paragraph=positions.get(arg.paragraph_id) if arg.paragraph_id else None,
        footnotes=[f.number for f in arg.footnotes],
        tags=[t.name for t in arg.tags],
        origin=arg.origin,
        review_status=statuses.get(arg.id, "unreviewed"),
        supports=sorted(rel.get("supports", [])),
        opposes=sorted(rel.get("opposes", [])),
        elaborates=sorted(rel.get("elaborates", [])),
        responds_to=sorted(rel.get("responds_to", [])),
    )


def _relations(session: Session) -> dict[int, dict[str, list[int]]]:
    result: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = session.execute(
        select(ArgumentRelation.source_id, ArgumentRelation.target_id, ArgumentRelation.kind)
    )
    for source, target, kind in rows:
        result[source][kind].append(target)
    return result


def arguments(store: Store, document: str | None = None) -> list[ArgumentRecord]:
    with store.read() as session:
        query = (
            _document_filter(session, Argument, document)
            .options(selectinload(Argument.footnotes), selectinload(Argument.tags))
            .order_by(Argument.id)
        )
        positions, relations = _positions(session), _relations(session)
        statuses = latest_statuses(session)
        return [_argument_record(a, positions, relations, statuses) for a in session.scalars(query)]


def argument(store: Store, argument_id: int) -> ArgumentRecord:
    with store.read() as session:
        arg = session.get(Argument, argument_id)
        if arg is None:
            raise NotFoundError(f"There is no argument with id {argument_id}.")
        return _argument_record(
            arg, _positions(session), _relations(session), latest_statuses(session)
        )


def quotes(store: Store, document: str | None = None) -> list[QuoteRecord]:
    with store.read() as session:
        positions, numbers = _positions(session), _footnote_numbers(session)
        query = _document_filter(session, Quote, document).order_by(Quote.id)
        notes = {
            row.quote_id: row
            for row in session.scalars(select(Correction).where(Correction.quote_id.is_not(None)))
        }
        return [
            QuoteRecord(
                id=q.id,
                key=q.key,
                speaker=q.speaker.name if q.speaker else None,
                text=q.text,
                date=q.date_text,
                context=q.context,
                paragraph=positions.get(q.paragraph_id) if q.paragraph_id else None,
                footnote=numbers.get(q.footnote_id) if q.footnote_id else None,
                source=q.source,
                correction=notes[q.id].text if q.id in notes else "",
            )
            for q in session.scalars(query)
        ]


def actors(store: Store, document: str | None = None) -> list[ActorRecord]:
    with store.read() as session:
        query = (
            _document_filter(session, Actor, document)
            .options(selectinload(Actor.aliases))
            .order_by(Actor.name)
        )
        return [
            ActorRecord(a.id, a.key, a.name, a.kind, a.description, [x.alias for x in a.aliases])
            for a in session.scalars(query)
        ]


def events(store: Store, document: str | None = None) -> list[EventRecord]:
    """Events in chronological order (year-only dates after the dated events of their
    year), each at its corrected date when a reviewer corrected it."""
    with store.read() as session:
        positions, numbers = _positions(session), _footnote_numbers(session)
        rows = {e.id: e for e in session.scalars(_document_filter(session, Event, document))}
        result = []
        for t in corrections.timeline_in(session, list(rows.values())):
            e = rows[t.id]
            result.append(
                EventRecord(
                    id=e.id,
                    key=e.key,
                    date=t.date,
                    description=e.description,
                    quote=e.quote,
                    paragraph=positions.get(e.paragraph_id) if e.paragraph_id else None,
                    footnote=numbers.get(e.footnote_id) if e.footnote_id else None,
                    precision=t.precision,
                    date_label=t.date_label,
                    essay_date=t.essay_date if t.essay_date != t.date else "",
                    correction=t.correction.text if t.correction else "",
                )
            )
        return result
