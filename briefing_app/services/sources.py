"""What a slide item's source says: its text, footnotes, passage and place in the essay."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from briefing_app.domain import dates
from briefing_app.services.corrections import (
    correction_in,
    corrections_anchored_in,
    preload_corrections,
    timeline_in,
)
from briefing_app.store.map_models import Map
from briefing_app.store.models import Argument, Event, Footnote, Paragraph, Quote

MONTHS = dates.MONTHS


@dataclass(frozen=True)
class SourceInfo:
    kind: str
    id: int
    text: str  # the wording an item takes from this source
    citations: tuple[int, ...]  # footnote numbers
    passage: str  # the paragraph or footnote the source is anchored in
    paragraph: int | None  # paragraph index in the essay
    speaker: str = ""
    date_label: str = ""
    document_id: int | None = None
    # A reviewer's correction or caveat ("Correction: The essay says …"), for notes; a
    # footnote's are those of the records quoted from it, one a line.
    correction: str = ""
    source: str = ""  # the text a quote comes from when no one spoke it (a bill)
    speaker_role: str = ""  # "President of Russia": the speaker's role, for attributions
    context: str = ""  # what a quote was said about ("Putin's address on Crimea …")


def actor_role(description: str | None) -> str:
    """The role an actor's description starts with: "President of Russia; the essay
    argues …" → "President of Russia"; "Former Serbian Ambassador to Belarus." →
    "former Serbian Ambassador to Belarus"."""
    role = (description or "").split(";")[0].split(", who")[0].strip().rstrip(".")
    if len(role) > 80:
        return ""
    first = role.split(" ", 1)[0]
    return role[0].lower() + role[1:] if first in ("Former", "Ex-") else role


def date_label(iso: str | None, precision: str | None = None) -> str:
    """'2025-10-19' → '19 Oct 2025', '1999-06' → 'Jun 1999', '2005' → '2005'."""
    return dates.label(iso, precision)


def _correction(session: Session, kind: str, source_id: int) -> str:
    note = correction_in(session, kind, source_id)
    return f"{note.heading}: {note.text}" if note is not None else ""


def _anchor(
    session: Session, record: Argument | Quote | Event
) -> tuple[str, int | None, tuple[int, ...]]:
    """(passage, paragraph index, footnote numbers when anchored in a footnote)."""
    if record.paragraph_id is not None:
        para = session.get(Paragraph, record.paragraph_id)
        if para is not None:
            return para.text, para.position, ()
    if record.footnote_id is not None:
        note = session.get(Footnote, record.footnote_id)
        if note is not None:
            para = session.get(Paragraph, note.paragraph_id) if note.paragraph_id else None
            return note.text, para.position if para else None, (note.number,)
    return "", None, ()


def resolve(session: Session, kind: str | None, source_id: int | None) -> SourceInfo | None:
    """The live source of an item, or None for free text or a deleted source."""
    if kind is None or source_id is None:
        return None
    if kind == "argument":
        arg = session.get(Argument, source_id)
        if arg is None:
            return None
        passage, index, _ = _anchor(session, arg)
        numbers = tuple(f.number for f in arg.footnotes)
        return SourceInfo(
            kind, arg.id, arg.claim, numbers, passage, index, document_id=arg.document_id,
            correction=_correction(session, kind, arg.id),
        )  # fmt: skip
    if kind == "quote":
        quote = session.get(Quote, source_id)
        if quote is None:
            return None
        passage, index, numbers = _anchor(session, quote)
        return SourceInfo(
            kind,
            quote.id,
            quote.text,
            numbers,
            passage,
            index,
            # Words a text holds (a bill) are attributed to the text, never to a person.
            speaker=quote.speaker.name if quote.speaker else (quote.source or ""),
            speaker_role=actor_role(quote.speaker.description) if quote.speaker else "",
            date_label=date_label(quote.date_text),
            document_id=quote.document_id,
            correction=_correction(session, kind, quote.id),
            source=quote.source or "",
            context=quote.context or "",
        )
    if kind == "event":
        event = session.get(Event, source_id)
        if event is None:
            return None
        passage, index, numbers = _anchor(session, event)
        (shown,) = timeline_in(session, [event])  # at its corrected date, if corrected
        return SourceInfo(
            kind,
            event.id,
            event.description,
            numbers,
            passage,
            index,
            date_label=shown.date_label,
            document_id=event.document_id,
            correction=_correction(session, kind, event.id),
        )
    if kind == "map":
        row = session.get(Map, source_id)
        if row is None:
            return None
        return SourceInfo(
            kind, row.id, row.title, (), row.caption, None, document_id=row.document_id
        )
    if kind == "footnote":
        note = session.get(Footnote, source_id)
        if note is None:
            return None
        para = session.get(Paragraph, note.paragraph_id) if note.paragraph_id else None
        return SourceInfo(
            kind,
            note.id,
            note.text,
            (note.number,),
            note.text,
            para.position if para else None,
            document_id=note.document_id,
            # the footnote stays verbatim; the corrections of what is quoted from it follow
            correction="\n".join(corrections_anchored_in(session, {note.id}).get(note.id, [])),
        )
    return None


@dataclass
class Preloaded:
    """Sources loaded in bulk; holding ``rows`` keeps them in the session's identity map."""

    rows: list[object]
    footnotes: dict[tuple[int, int], Footnote]


def preload(
    session: Session,
    refs: list[tuple[str | None, int | None]],
    *,
    whole_documents: bool = True,
) -> Preloaded:
    """Load every source in ``refs`` (and their text) in a few queries, not one per item.

    While the result is alive, :func:`resolve` is served from the identity map. Its
    ``footnotes`` are those of the documents involved, keyed by (document id, number).
    Without ``whole_documents`` (a few slides refreshed after an edit) only the passages
    and footnotes the sources are anchored in are loaded, and ``footnotes`` holds those.
    """
    wanted: dict[str, set[int]] = {}
    for kind, source_id in refs:
        if kind is not None and source_id is not None:
            wanted.setdefault(kind, set()).add(source_id)
    loaders: dict[str, tuple[type[Argument | Quote | Event | Footnote], LoaderOption | None]] = {
        "argument": (Argument, selectinload(Argument.footnotes)),
        "quote": (Quote, selectinload(Quote.speaker)),
        "event": (Event, None),
        "footnote": (Footnote, None),
    }
    rows: list[object] = []
    preload_corrections(session, wanted)
    for kind, ids in wanted.items():
        if kind not in loaders:
            continue
        model, option = loaders[kind]
        query = select(model).where(model.id.in_(ids))
        if option is not None:
            query = query.options(option)
        rows += session.scalars(query)
    if not whole_documents:
        return _anchors(session, rows)
    documents = {row.document_id for row in rows}  # type: ignore[attr-defined]
    if not documents:
        return Preloaded(rows, {})
    rows += session.scalars(select(Paragraph).where(Paragraph.document_id.in_(documents)))
    notes = list(session.scalars(select(Footnote).where(Footnote.document_id.in_(documents))))
    rows += notes
    return Preloaded(rows, {(n.document_id, n.number): n for n in notes})


def _anchors(session: Session, rows: list[object]) -> Preloaded:
    """``rows`` (loaded sources) with the footnotes and paragraphs they are anchored in."""
    notes = [row for row in rows if isinstance(row, Footnote)]
    wanted_notes = {
        row.footnote_id
        for row in rows
        if isinstance(row, (Argument, Quote, Event)) and row.footnote_id is not None
    } - {n.id for n in notes}
    if wanted_notes:
        notes += session.scalars(select(Footnote).where(Footnote.id.in_(wanted_notes)))
    paragraphs = {
        row.paragraph_id
        for row in (*rows, *notes)
        if isinstance(row, (Argument, Quote, Event, Footnote)) and row.paragraph_id is not None
    }
    kept = [*rows, *notes]
    if paragraphs:
        kept += session.scalars(select(Paragraph).where(Paragraph.id.in_(paragraphs)))
    return Preloaded(kept, {(n.document_id, n.number): n for n in notes})
