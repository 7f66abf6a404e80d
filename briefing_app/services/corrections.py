"""Corrections and caveats beside the source, and the timeline they reorder.

The essay stays verbatim. A reviewer attaches one correction or caveat to an argument,
quote, event or actor; for an event it may give the corrected date, which the timeline
sorts and shows instead of the essay's (with the note beside it). Corrections shipped
with the argument map are "curated"; one made or edited here becomes the reviewer's own
("user") and a reload of the map leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefing_app.domain import dates
from briefing_app.domain.vocabulary import CORRECTABLE_KINDS, CORRECTION_KINDS
from briefing_app.store.changes import NO_CHANGES, Changes, WithChanges
from briefing_app.store.errors import NotFoundError, StoreError
from briefing_app.store.models import Actor, Argument, Correction, Document, Event, Quote
from briefing_app.store.reading import CorrectionRecord as CorrectionRecord
from briefing_app.store.reading import shown_date
from briefing_app.store.store import Store

Target = type[Argument] | type[Quote] | type[Event] | type[Actor]
TARGETS: dict[str, Target] = {"argument": Argument, "quote": Quote, "event": Event, "actor": Actor}
MAX_TEXT = 2000


class CorrectionError(StoreError):
    """A correction the user asked for cannot be stored as given (one sentence)."""


@dataclass(frozen=True)
class TimelineEvent:
    """An event as a timeline shows it: the corrected date when there is one."""

    id: int
    key: str
    date: str  # the date the timeline uses (corrected if corrected)
    precision: str
    date_label: str
    essay_date: str  # the date as the essay gives it
    essay_date_label: str
    description: str
    correction: CorrectionRecord | None


def _target_of(row: Correction) -> tuple[str, int]:
    for kind in CORRECTABLE_KINDS:
        value = getattr(row, f"{kind}_id")
        if value is not None:
            return kind, value
    raise AssertionError("a correction without a target")  # the table's CHECK forbids it


def record(row: Correction) -> CorrectionRecord:
    kind, target_id = _target_of(row)
    return CorrectionRecord(
        row.id, kind, target_id, row.kind, row.text, row.date_text, row.date_precision,
        row.origin, row.author,
    )  # fmt: skip


def _check_kind(target_kind: str) -> Target:
    model = TARGETS.get(target_kind)
    if model is None:
        raise CorrectionError(
            f"A correction belongs to an argument, quote, event or actor, not a {target_kind}."
        )
    return model


def _row(session: Session, target_kind: str, target_id: int) -> Correction | None:
    column = getattr(Correction, f"{target_kind}_id")
    return session.scalar(select(Correction).where(column == target_id))


def target_id(store: Store, target_kind: str, reference: str | int) -> int:
    """The id of the record named by its id or its key ("zelensky-trump-meeting-2025")."""
    model = _check_kind(target_kind)
    text = str(reference).strip()
    with store.read() as session:
        if text.isdigit():
            if session.get(model, int(text)) is not None:
                return int(text)
        else:
            found = session.scalars(select(model.id).where(model.key == text)).all()
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise CorrectionError(
                    f"Several documents have a {target_kind} {text!r}; name it by its id."
                )
    raise NotFoundError(f"There is no {target_kind} {text!r}.")


def correction_in(session: Session, target_kind: str, target_id: int) -> CorrectionRecord | None:
    """The correction of one record inside an open session."""
    if target_kind not in TARGETS:
        return None
    row = _row(session, target_kind, target_id)
    return record(row) if row is not None else None


def correction_for(store: Store, target_kind: str, target_id: int) -> CorrectionRecord | None:
    _check_kind(target_kind)
    with store.read() as session:
        return correction_in(session, target_kind, target_id)


def corrections(store: Store, document: str | None = None) -> list[CorrectionRecord]:
    """Every correction (of one document's records when ``document`` is a slug)."""
    with store.read() as session:
        rows: list[Correction] = []
        for kind, model in TARGETS.items():
            query = select(Correction).join(model, model.id == getattr(Correction, f"{kind}_id"))
            if document is not None:
                query = query.join(Document, Document.id == model.document_id).where(
                    Document.slug == document
                )
            rows += session.scalars(query)
        return sorted((record(r) for r in rows), key=lambda r: (r.target_kind, r.target_id))


def set_correction(
    store: Store,
    target_kind: str,
    target_id: int,
    text: str,
    *,
    kind: str = "correction",
    date: str | None = None,
    precision: str | None = None,
    author: str = "",
) -> WithChanges[CorrectionRecord]:
    """Attach (or replace) the correction of one record; it becomes the reviewer's own."""
    model = _check_kind(target_kind)
    text = " ".join((text or "").split())
    if not text:
        raise CorrectionError("A correction needs a text saying what is wrong or uncertain.")
    if len(text) > MAX_TEXT:
        raise CorrectionError(f"A correction is at most {MAX_TEXT} characters long.")
    if kind not in CORRECTION_KINDS:
        raise CorrectionError(f"A correction is a {' or a '.join(CORRECTION_KINDS)}, not {kind}.")
    date = (date or "").strip() or None
    if date is None and precision:
        raise CorrectionError("A precision needs a corrected date.")
    if date is not None:
        if target_kind != "event":
            raise CorrectionError("Only an event's correction can give a corrected date.")
        try:
            precision = dates.check(date, precision or None)
        except dates.DateError as exc:
            raise CorrectionError(str(exc)) from exc
    with store.transaction() as session:
        if session.get(model, target_id) is None:
            raise NotFoundError(f"There is no {target_kind} with id {target_id}.")
        row = _row(session, target_kind, target_id)
        if row is None:
            row = Correction(**{f"{target_kind}_id": target_id})
            session.add(row)
        row.kind, row.text, row.author = kind, text, author
        row.date_text, row.date_precision = date, precision if date else None
        row.origin = "user"
        session.flush()
        return WithChanges(record(row), Changes(corrections=frozenset({row.id})))


def remove_correction(store: Store, target_kind: str, target_id: int) -> Changes:
    """Remove the correction of one record (no changes when it had none)."""
    _check_kind(target_kind)
    with store.transaction() as session:
        row = _row(session, target_kind, target_id)
        if row is None:
            return NO_CHANGES
        session.delete(row)
        return Changes(corrections=frozenset({row.id}))


def timeline_in(session: Session, events: list[Event]) -> list[TimelineEvent]:
    """``events`` in date order, each at its corrected date when it has one."""
    notes = {
        row.event_id: record(row)
        for row in session.scalars(
            select(Correction).where(Correction.event_id.in_([e.id for e in events]))
        )
        if row.event_id is not None
    }
    result = []
    for event in events:
        note = notes.get(event.id)
        date_text, precision = shown_date(event.date_text, event.date_precision, note)
        result.append(
            TimelineEvent(
                event.id,
                event.key,
                date_text,
                precision,
                dates.label(date_text, precision),
                event.date_text,
                dates.label(event.date_text, event.date_precision),
                event.description,
                note,
            )
        )
    result.sort(key=lambda t: (dates.sort_key(t.date, t.precision), t.id))
    return result


def timeline(store: Store, document: str | None = None) -> list[TimelineEvent]:
    """Every event (of one document) in chronological order, corrections applied."""
    with store.read() as session:
        query = select(Event)
        if document is not None:
            query = query.join(Document, Document.id == Event.document_id).where(
                Document.slug == document
            )
        return timeline_in(session, list(session.scalars(query)))
